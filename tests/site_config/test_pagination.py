"""Long lists page with `page`: page 2 exists, filters survive, bad pages are a clear 404."""

import pytest

from articles.views import ARTICLES_PER_PAGE
from comparisons.models import Food, MagnesiumCompound
from comparisons.views.tables import FOODS_PER_PAGE, FORMS_PER_PAGE
from tests.factories import (
    ArticleFactory,
    MagnesiumCompoundFactory,
    TopicFactory,
    bulk_published_articles,
)

# The views' own answers: the page cache keys sorted parameters, so it may answer a
# non-canonical spelling with the canonical page instead of the redirect.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def make_articles(count: int, topic=None) -> None:
    articles = bulk_published_articles("Paged article {:03d}", range(count))
    if topic:
        topic.articles.add(*articles)


def make_forms(count: int) -> None:
    for n in range(count):
        MagnesiumCompoundFactory(route="oral" if n % 2 else "topical")


def test_article_index_pages_with_a_next_link_and_no_repeats(client):
    make_articles(ARTICLES_PER_PAGE + 5)
    first = client.get("/articles/").content.decode()
    second = client.get("/articles/?page=2").content.decode()
    assert "Paged article 000" in first and "Paged article 000" not in second
    assert "Paged article 024" in second and "Paged article 024" not in first
    # The links open the next page at the topics and the articles, not at its top.
    assert 'href="/articles/?page=2#topic-filter" rel="next"' in first
    assert 'href="/articles/#topic-filter" rel="prev"' in second
    assert f"{ARTICLES_PER_PAGE + 5} articles" in first


def test_article_index_topic_filter_is_kept_in_page_links(client):
    topic = TopicFactory(slug="sleep")
    make_articles(ARTICLES_PER_PAGE + 1, topic)
    html = client.get("/articles/?topic=sleep").content.decode()
    assert 'href="/articles/?topic=sleep&amp;page=2#topic-filter" rel="next"' in html
    assert client.get("/articles/?topic=sleep&page=2").status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "²", "9999999999", "3"])
def test_bad_or_missing_page_is_404_never_500(client, page):
    make_articles(ARTICLES_PER_PAGE + 1, TopicFactory(slug="hub"))
    for path in ("/articles/", "/foods/", "/forms/", "/topics/hub/", "/search/"):
        response = client.get(
            path, {"q": "magnesium", "page": page} if "search" in path else {"page": page}
        )
        assert response.status_code == 404, (path, page)
        assert "Page not found" in response.content.decode()


def test_a_page_past_the_end_says_how_many_there_are_and_links_to_the_first_keeping_filters(
    client,
):
    make_articles(ARTICLES_PER_PAGE + 1, TopicFactory(slug="hub"))
    html = client.get("/articles/", {"topic": "hub", "page": "3"}).content.decode()
    assert "There is no such page of this list. This list has 2 pages." in html
    assert '<a href="/articles/?topic=hub">Go to the first page of the list</a>' in html
    html = client.get("/forms/", {"page": "abc"}).content.decode()
    assert "Page numbers are whole numbers from 1." in html
    assert '<a href="/forms/">Go to the first page of the list</a>' in html


def test_other_missing_pages_do_not_say_what_the_site_looked_for(client):
    html = client.get("/articles/no-such-article/").content.decode()
    assert "We could not find that page." in html
    assert "matches the given query" not in html


def test_page_1_and_other_spellings_redirect_to_the_canonical_url(client):
    make_articles(ARTICLES_PER_PAGE + 1)
    assert client.get("/articles/?page=1")["Location"] == "/articles/"
    assert client.get("/articles/?page=02")["Location"] == "/articles/?page=2"
    assert client.get("/search/?q=magnesium&page=1")["Location"] == "/search/?q=magnesium"
    # An empty page, as an empty topic or sort, is a blank box: the first page.
    assert client.get("/articles/?page=")["Location"] == "/articles/"
    assert client.get("/search/?q=magnesium&page=")["Location"] == "/search/?q=magnesium"


def test_topic_hub_pages_its_articles(client):
    topic = TopicFactory(slug="cramps")
    make_articles(ARTICLES_PER_PAGE + 2, topic)
    html = client.get("/topics/cramps/").content.decode()
    assert 'href="/topics/cramps/?page=2" rel="next"' in html
    assert "Paged article 021" in client.get("/topics/cramps/?page=2").content.decode()


def test_search_has_more_results_on_page_2_keeping_the_query(client):
    make_articles(25)
    html = client.get("/search/?q=magnesium").content.decode()
    assert 'href="/search/?q=magnesium&amp;page=2" rel="next"' in html
    second = client.get("/search/?q=magnesium&page=2").content.decode()
    assert "Paged article" in second and 'rel="prev"' in second
    assert client.get("/search/?q=magnesium&page=3").status_code == 404


def test_forms_table_pages_keep_filters_and_sort(client):
    make_forms(2 * FORMS_PER_PAGE + 2)
    url = "/forms/?route=oral&sort=-elemental_percent"
    html = client.get(url).content.decode()
    assert f"{FORMS_PER_PAGE + 1} of {2 * FORMS_PER_PAGE + 2} forms" in html
    assert (
        'href="/forms/?route=oral&amp;sort=-elemental_percent&amp;page=2#forms-results" rel="next"'
        in html
    )
    second = client.get(url + "&page=2")
    assert second.status_code == 200
    assert "51 to 51 shown" in second.content.decode()
    # A page number out of place is moved to the end of the canonical URL, not ignored.
    response = client.get("/forms/?page=2&route=oral&sort=-elemental_percent")
    assert response["Location"] == url + "&page=2"
    assert MagnesiumCompound.objects.count() == 2 * FORMS_PER_PAGE + 2


def test_forms_table_sort_and_filter_links_go_back_to_page_1(client):
    make_forms(FORMS_PER_PAGE + 1)
    html = client.get("/forms/?page=2").content.decode()
    assert 'href="/forms/?sort=-name#forms-results"' in html
    assert "page=2" not in html.split('id="forms-caption"')[1].split("</thead>")[0]


def test_foods_table_pages(client):
    Food.objects.bulk_create(
        Food(name=f"Food {n:03d}", group="legumes", serving="1 cup", mg=n % 300 + 1)
        for n in range(FOODS_PER_PAGE + 1)
    )
    html = client.get("/foods/?group=legumes").content.decode()
    assert 'href="/foods/?group=legumes&amp;page=2#foods-filter" rel="next"' in html
    assert client.get("/foods/?group=legumes&page=2").status_code == 200


def test_a_search_page_past_the_last_says_why_and_links_to_page_1(client):
    ArticleFactory(title="Glycinate guide", body="Glycinate is gentle.")
    for url, reason in [
        ("/search/?q=glycinate&page=5", "This search has no more results."),
        ("/search/?page=2", "An empty search has only one page"),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert reason in html, url
        assert "Go to the first page of the list" in html, url
    html = client.get("/search/?q=glycinate&page=5").content.decode()
    assert 'href="/search/?q=glycinate">Go to the first page' in html
