"""Sitemap, robots.txt, feed, canonical links, Open Graph and JSON-LD validate."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from articles.models import Article
from comparisons.models import MagnesiumCompound
from feedback.models import ChangeNote
from tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    MagnesiumCompoundFactory,
    TopicFactory,
)
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


def json_ld_blocks(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_sitemap_lists_every_published_page_with_lastmod(client):
    ArticleFactory(slug="visible", topics=[TopicFactory(slug="sleep")])
    DraftArticleFactory(slug="hidden")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP_NS}urlset"
    entries = {url.find(f"{SITEMAP_NS}loc").text: url.find(f"{SITEMAP_NS}lastmod") for url in root}
    assert "http://testserver/articles/visible/" in entries
    assert entries["http://testserver/articles/visible/"] is not None
    assert "http://testserver/topics/sleep/" in entries
    assert "http://testserver/" in entries
    assert not any("hidden" in loc for loc in entries)


@pytest.mark.parametrize("p", ["abc", "0", "", "-1", "2", "1e3"])
def test_a_sitemap_page_that_does_not_exist_is_ignored_and_the_sitemap_served(client, p):
    """Django's `p` pages the sitemap; one naming no page is ignored, as the sitemap ignores
    any other parameter, rather than answered with the HTML 404 page, and not cached."""
    ArticleFactory(slug="visible")
    whole = client.get("/sitemap.xml").content
    for _ in range(2):
        response = client.get("/sitemap.xml", {"p": p})
        assert (response.status_code, response["Content-Type"]) == (200, "application/xml")
        assert response.content == whole
        assert response.get("X-Cache") != "hit"
    assert client.get("/sitemap.xml", {"p": "1"}).content == whole


def test_sitemap_dates_the_forms_table_by_its_forms_not_by_articles(client):
    """A crawler told the table is as old as the newest article would skip a form's edit."""
    ArticleFactory(slug="older")
    MagnesiumCompoundFactory(slug="newer")
    Article.objects.update(published_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    MagnesiumCompound.objects.update(published_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
    root = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        url.find(f"{SITEMAP_NS}loc").text: url.find(f"{SITEMAP_NS}lastmod").text
        for url in root
        if url.find(f"{SITEMAP_NS}lastmod") is not None
    }
    assert lastmods["http://testserver/forms/"].startswith("2026-03-09")
    assert lastmods["http://testserver/articles/"].startswith("2026-01-05")


def sitemap_lastmods(client) -> dict[str, str]:
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.find(f"{SITEMAP_NS}loc").text: url.find(f"{SITEMAP_NS}lastmod").text
        for url in root
        if url.find(f"{SITEMAP_NS}lastmod") is not None
    }


def test_sitemap_feed_and_json_ld_date_a_page_by_the_change_readers_were_told_of(client):
    """They gave the record's last save: on a new site, the day the starter content was
    loaded, while the page's header said it had not changed since it was published."""
    article = ArticleFactory(slug="dated")
    saved = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    Article.objects.update(published_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), updated_at=saved)
    url = "http://testserver/articles/dated/"

    def dates() -> tuple[str, str, str]:
        cache.clear()
        feed = ET.fromstring(client.get("/feed/").content)
        updated = feed.find(f"{ATOM_NS}entry").find(f"{ATOM_NS}updated").text
        page = json_ld_blocks(client.get(article.get_absolute_url()).content.decode())[0]
        return sitemap_lastmods(client)[url][:10], updated[:10], page["dateModified"][:10]

    assert dates() == ("2026-01-05",) * 3
    for minor, day in ((True, 7), (False, 9)):
        note = ChangeNote.objects.create(
            content_type=ContentType.objects.get_for_model(article),
            object_id=article.pk,
            note="Corrected the figure.",
            minor=minor,
        )
        ChangeNote.objects.filter(pk=note.pk).update(
            created_at=dt.datetime(2026, 3, day, tzinfo=dt.UTC)
        )
    assert dates() == ("2026-03-09",) * 3


def test_how_the_site_works_is_linked_from_every_page_and_listed_in_the_sitemap(client):
    """Readers judging a health site look for where its figures come from and who checks
    them; /about/ gave 404 and nothing said."""
    ArticleFactory(slug="a-page")
    page = client.get("/about/")
    assert page.status_code == 200 and not page.cookies
    text = page.content.decode()
    for link in ('href="/evidence/"', 'href="/changes/"', 'href="/changes/feed/"'):
        assert link in text
    for url in ("/", "/articles/a-page/", "/forms/", "/search/?q=x"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        assert 'href="/about/">how this site works</a>' in footer, url
        assert 'href="/changes/">what changed</a>' in footer, url
    root = ET.fromstring(client.get("/sitemap.xml").content)
    assert "http://testserver/about/" in {url.find(f"{SITEMAP_NS}loc").text for url in root}


def test_how_the_site_works_says_where_table_cells_find_their_sources(client):
    """The forms table's cells link to each form's page, not to a source of their own, so
    the site does not claim that every figure carries a numbered link (fifth review)."""
    text = visible_text(client.get("/about/"))
    assert "Every figure on the site carries a numbered link" not in text
    assert "a form's name opens its page, with the source of each of its figures" in text
    footer = client.get("/about/").content.decode().split('<footer class="site-footer">')[1]
    assert "Every figure on this site has a source you can open" in footer


def test_how_the_site_works_says_which_figures_rest_on_a_secondary_source(client):
    """It said every figure was cited to the paper or body that set it, not to a website that
    repeated it, while the typical range of doses (200-400 mg) rests on a consumer guide, as
    no primary source on file states one (eighth review). It now says where that happens, and
    that the 350 mg limit is the Food and Nutrition Board's, not the guide's."""
    text = visible_text(client.get("/about/"))
    assert "We cite the original paper or the body that set a figure" not in text
    assert "Where we have found the original, we cite the paper or the body" in text
    assert "A few figures rest on a secondary source, because no primary source we hold" in text
    assert "200 to 400 mg of magnesium a day: it comes from a consumer guide" in text
    assert "the Food and Nutrition Board set for everyone aged 9 and over" in text


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_feed_is_valid_atom_with_published_articles_only(client):
    ArticleFactory(title="In the feed", summary="Summary shown in the feed.")
    DraftArticleFactory(title="Not in the feed")
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM_NS}feed"
    titles = [entry.find(f"{ATOM_NS}title").text for entry in root.iter(f"{ATOM_NS}entry")]
    assert titles == ["In the feed"]
    entry = next(root.iter(f"{ATOM_NS}entry"))
    assert entry.find(f"{ATOM_NS}updated") is not None
    assert entry.find(f"{ATOM_NS}link").get("href").startswith("http://testserver/articles/")


def test_article_has_canonical_open_graph_and_medical_web_page_json_ld(client):
    article = ArticleFactory(slug="sleep-guide", title="Sleep guide", reviewer="Dr Check")
    html = client.get("/articles/sleep-guide/").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/sleep-guide/">' in html
    assert '<meta property="og:title" content="Sleep guide">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="description" content="What this article answers.">' in html
    page, crumbs = json_ld_blocks(html)
    assert page["@type"] == "MedicalWebPage"
    assert page["lastReviewed"] == article.last_reviewed.isoformat()
    assert page["reviewedBy"]["name"] == "Dr Check"
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][-1]["item"] == "http://testserver/articles/sleep-guide/"


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    ArticleFactory(slug="evil", title="</script><script>alert(1)</script>")
    html = client.get("/articles/evil/").content.decode()
    page = json_ld_blocks(html)[0]
    assert page["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_canonical_drops_the_query_string(client):
    ArticleFactory()
    html = client.get("/articles/?utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/">' in html


def test_site_has_a_favicon(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html
