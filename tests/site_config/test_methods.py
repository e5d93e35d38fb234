"""Readers' pages answer GET and HEAD (link checkers and uptime monitors send HEAD); any
other method is a 405 that changes nothing."""

import pytest
from django.test import Client

from articles.models import ContentVersion
from tests.helpers import load_starter_content
from tests.starter_pages import ENDPOINTS, PAGES

pytestmark = pytest.mark.django_db

URLS = [*PAGES, *ENDPOINTS]


def test_head_answers_like_get_without_a_body(client):
    load_starter_content()
    for url in URLS:
        get = client.get(url)
        head = client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200, url
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", url


def test_other_methods_are_refused_and_change_nothing():
    """With the CSRF check on, as behind a real server: a POST without a token is refused
    for its method (405), not as an expired form (403)."""
    client = Client(enforce_csrf_checks=True)
    load_starter_content()
    # Every save or delete of any content, in either app, moves the content version.
    version = ContentVersion.current()
    for url in URLS:
        for method in (client.post, client.put, client.delete, client.options, client.trace):
            assert method(url).status_code == 405, (method.__name__, url)
    assert ContentVersion.current() == version
