"""How readers reach medicines: `[[medicine:slug]]` links in articles, the header, the
sitemap, and the safety and burning-feet articles that link them."""

import re

import pytest

from articles.models import Article
from tests.factories import ArticleFactory
from tests.helpers import load_starter_content
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def test_an_article_links_a_medicine_by_its_slug_and_shows_its_name(client):
    MedicineFactory(name="Gabapentin", slug="gabapentin")
    article = ArticleFactory(body="Take [[medicine:gabapentin]] apart from magnesium.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/interactions/gabapentin/" rel="noopener noreferrer">Gabapentin</a>' in html


def test_a_link_to_an_unknown_or_draft_medicine_is_a_problem_for_the_editor():
    MedicineFactory(slug="draft-medicine", status="draft", published_at=None)
    article = ArticleFactory.build(body="[[medicine:nothing-here]] and [[medicine:draft-medicine]]")
    problems = article.markdown_problems()
    assert len(problems) == 2
    assert "missing or unpublished page: [[medicine:nothing-here]]." in problems[0]
    assert "missing or unpublished page: [[medicine:draft-medicine]]." in problems[1]


def test_renaming_a_medicine_redraws_the_articles_that_link_to_it(client):
    medicine = MedicineFactory(name="Gabapentin", slug="gabapentin")
    article = ArticleFactory(body="See [[medicine:gabapentin]].")
    medicine.name = "Gabapentin (Neurontin)"
    medicine.save()
    article.refresh_from_db()
    assert "Gabapentin (Neurontin)</a>" in article.body_html


def test_the_safety_and_burning_feet_articles_link_medicines(client):
    load_starter_content()
    for slug in ("using-magnesium-safely", "burning-feet-and-neuropathic-pain"):
        article = Article.objects.get(slug=slug)
        assert 'href="/interactions/gabapentin/"' in article.body_html, slug
        assert article.markdown_problems() == [], slug
    # The medicines in the safety article's table are links, and the table is still a table.
    safety = Article.objects.get(slug="using-magnesium-safely").body_html
    for slug in ("quinolones", "raltegravir", "levothyroxine", "proton-pump-inhibitors"):
        assert f'href="/interactions/{slug}/"' in safety, slug
    # A cell may carry its column's heading for phones (data-label).
    assert len(re.findall(r'<td[^>]*><a class="internal-link" href="/interactions/', safety)) >= 6


def test_every_page_footer_and_the_safety_topic_link_the_medicines_page(client):
    load_starter_content()
    for url in ("/", "/topics/safety/"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        assert 'href="/interactions/">Medicines and magnesium</a>' in footer, url
    topic = client.get("/topics/safety/").content.decode().split("</footer>")[0]
    # The header's menu, the hub's text, then the footer.
    assert topic.count('href="/interactions/"') == 3


def test_the_sitemap_lists_the_medicines_page_and_each_published_medicine(client):
    MedicineFactory(slug="gabapentin")
    MedicineFactory(slug="draft-medicine", status="draft", published_at=None)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/interactions/</loc>" in xml
    assert "/interactions/gabapentin/</loc>" in xml
    assert "draft-medicine" not in xml
