"""How readers' pages answer what they do not take: parameters they do not read (a notice),
other methods (a 405 page) and requests over Django's limits (articles/http.py)."""

import pytest
from django.test import Client

from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db

DETAIL_PAGES = [
    "/",
    "/about/",
    "/articles/burning-feet-and-neuropathic-pain/",
    "/topics/sleep/",
    "/forms/magnesium-glycinate/",
    "/forms/magnesium-glycinate/changes/",
    "/compare/topical-vs-oral/",
    "/evidence/sleep/",
    "/interactions/quinolones/",
    "/changes/",
    "/report/thanks/",
]


@pytest.fixture
def starter(db):
    load_starter_content()


@pytest.mark.usefixtures("starter", "no_page_cache")
def test_detail_pages_say_which_parameters_they_ignored_and_link_their_address(client):
    for url in DETAIL_PAGES:
        response = client.get(f"{url}?zzz=1&medicine=nope")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Part of this link was ignored." in html, url
        assert "<code><bdi>zzz=1</bdi></code>: not a setting of this page." in html, url
        assert "<code><bdi>medicine=nope</bdi></code>" in html, url
        link = f'<a href="http://testserver{url}">This page without the ignored parts</a>'
        assert link in html, url
        assert f'<code class="address"><bdi>{url}</bdi></code>' in html, url


@pytest.mark.usefixtures("starter", "no_page_cache")
def test_detail_pages_without_extra_parameters_show_no_notice(client):
    for url in DETAIL_PAGES:
        assert "Part of this link was ignored" not in client.get(url).content.decode(), url


@pytest.mark.usefixtures("starter")
def test_a_parameter_a_page_reads_stays_in_its_address(client):
    html = client.get("/report/thanks/?page=/about/&x=1").content.decode()
    assert "<code><bdi>x=1</bdi></code>" in html
    assert '<a href="http://testserver/report/thanks/?page=%2Fabout%2F">This page' in html
    assert "<bdi>/report/thanks/?page=%2Fabout%2F</bdi>" in html


@pytest.mark.usefixtures("starter")
def test_many_ignored_parameters_are_counted_not_all_listed(client):
    query = "&".join(f"p{number}=1" for number in range(25))
    html = client.get(f"/about/?{query}").content.decode()
    assert html.count("not a setting of this page") == 10
    assert "And 15 more parameters." in html


def test_a_bad_change_list_page_is_a_404_that_says_why(client):
    for page, reason in [("x", "whole numbers from 1"), ("0", "whole numbers"), ("2", "1 page")]:
        response = client.get(f"/changes/?page={page}")
        assert response.status_code == 404
        html = response.content.decode()
        assert reason in html
        assert 'href="/changes/">Go to the first page of the list' in html
    assert client.get("/changes/?page=1")["Location"] == "/changes/"


def test_the_405_page_says_which_methods_the_page_takes(client):
    response = client.post("/forms/", {"a": "1"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    html = response.content.decode()
    assert "only answers GET and HEAD requests, not POST" in html
    assert "Nothing was changed." in html


def test_over_a_thousand_parameters_is_a_400_that_says_so():
    client = Client(raise_request_exception=False)
    response = client.get("/forms/?" + "&".join(["route=oral"] * 1001))
    assert response.status_code == 400
    assert "more than 1,000 parameters" in response.content.decode()
