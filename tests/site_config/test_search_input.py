"""Site search under bad or odd input: never a 500, a clear 400 for control characters,
and notices for what it ignored."""

import pytest

from site_config.search import MAX_QUERY_LENGTH, clean_query
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!",
        "%",
        "'",
        '"',
        "\\",
        "a" * 5000,
        "<script>alert(1)</script>",
        "sleep & | ! :* ( )",
        "ünïcödé 睡眠",
        "-1' OR '1'='1",
    ],
)
def test_odd_queries_give_a_friendly_page_never_a_500(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_repeated_q_parameters_do_not_break_search(client):
    assert client.get("/search/?q=a&q=b&q=").status_code == 200


def test_long_queries_are_shortened_with_a_notice():
    query, words, notices = clean_query("magnesium " * 100)
    assert len(words) <= 8
    assert len(query) == MAX_QUERY_LENGTH
    assert notices


@pytest.mark.parametrize(
    "url", ["/search/?q=x%00y", "/forms/?q=%00", "/articles/?topic=a%00", "/foods/?%00=1"]
)
def test_nul_bytes_in_the_query_are_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/forms/?route=%01%02",
        "/calculator/?medicine=cipro&medicine_time=%1b",
        "/x%7f/",
        "/search/?q=a%C2%85b",
    ],
)
def test_other_control_characters_in_the_address_are_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "another control character" in response.content.decode()


def test_a_query_sent_unencoded_in_utf8_is_not_mistaken_for_control_characters(client):
    # "…" is E2 80 A6 in UTF-8; read byte by byte, 80 would be a control character.
    assert client.get("/search/?q=glycinate…").status_code == 200
    assert client.get("/search/?q=a%C2%85b…").status_code == 400


def test_a_tab_or_line_break_pasted_into_a_search_is_not_refused(client):
    assert client.get("/search/", {"q": "glycinate\tdose\r\n"}).status_code in (200, 302)


@pytest.mark.parametrize("url", ["/", "/articles/", "/forms/", "/foods/", "/calculator/"])
def test_every_page_has_a_labelled_search_box(client, url):
    html = client.get(url).content.decode()
    assert 'role="search"' in html
    assert 'action="/search/"' in html
    assert (
        '<label class="visually-hidden" id="site-search-label" for="site-search-q">'
        "Search the site</label>"
    ) in html


def test_search_says_what_it_left_out_of_the_link(client):
    ArticleFactory(title="Sleep and magnesium", body="Sleep.")
    html = client.get("/search/?q=x&q=sleep&colour=red").content.decode()
    assert "“colour” is not something search understands." in html
    assert "The link held more than one search: only the last is shown." in html
    assert "Sleep and magnesium" in html
    assert "Part of this link was ignored" not in client.get("/search/?q=sleep").content.decode()


@pytest.mark.parametrize("query", ["a", "what is", "' OR 1=1 --", "how do I"])
def test_a_query_of_only_common_words_or_single_letters_lists_nothing(client, query):
    """Each would match nearly every page: "a" listed 49 results, "' OR 1=1 --" 38."""
    ArticleFactory(title="What it is", body="A page about 1 thing, and how it is done.")
    html = client.get("/search/", {"q": query}).content.decode()
    assert "What it is" not in html
    assert "holds no word search can look for" in html
