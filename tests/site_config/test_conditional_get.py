"""A browser that already holds a page gets 304 Not Modified, with no body, until it changes."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory
from tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


def revalidate(client: Client, path: str, etag: str, **headers):
    return client.get(path, headers={"If-None-Match": etag, **headers})


@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_a_page_asked_again_with_its_etag_is_not_sent_again(client, encoding):
    article = ArticleFactory()
    url = article.get_absolute_url()
    first = client.get(url, headers={"Accept-Encoding": encoding})
    assert first["X-Cache"] == "miss"
    etag = first["ETag"]

    again = revalidate(client, url, etag, **{"Accept-Encoding": encoding})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # The stored page (a hit) has the same ETag as the page stored.
    assert client.get(url, headers={"Accept-Encoding": encoding})["ETag"] == etag


def test_a_gzipped_page_and_a_plain_one_have_different_etags(client):
    url = ArticleFactory().get_absolute_url()
    plain = client.get(url)["ETag"]
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})["ETag"]
    assert plain != gzipped
    assert revalidate(client, url, plain, **{"Accept-Encoding": "gzip"}).status_code == 200


def test_an_edit_sends_the_new_page_to_a_browser_holding_the_old_one(client, staff_client):
    article = ArticleFactory(body="Old sentence.")
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    staff_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, body="New sentence."),
    )
    page = revalidate(client, url, etag)
    assert page.status_code == 200
    assert "New sentence." in page.content.decode()
    assert page["ETag"] != etag


def test_the_forms_table_and_an_error_page_answer_as_usual(client, starter_content):
    url = "/forms/?route=oral"
    etag = client.get(url)["ETag"]
    assert revalidate(client, url, etag).status_code == 304
    # Only a page that exists is ever "not modified".
    missing = client.get("/forms/no-such-form/")
    assert missing.status_code == 404
    assert revalidate(client, "/forms/no-such-form/", missing["ETag"]).status_code == 404


def test_editors_admin_pages_carry_no_etag(staff_client):
    page = staff_client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "ETag" not in page
