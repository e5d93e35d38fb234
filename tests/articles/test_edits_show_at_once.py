"""An edit shows on the public page at once, through the page cache.

Each test reads the page first, so the page cache holds it, then changes something the
page shows, the way an editor would, and reads it again as the same anonymous reader.
"""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import set_script_prefix
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ReferenceFactory, TopicFactory
from tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def page(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_saving_the_article_in_admin_shows_the_change_at_once(admin_client, client):
    article = ArticleFactory(body="Old wording.")
    assert "Old wording." in page(client, article)
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, body="New wording."),
    )
    assert response.status_code == 302
    html = page(client, article)
    assert "New wording." in html and "Old wording." not in html


def test_editing_a_cited_reference_shows_on_the_article_at_once(client):
    reference = ReferenceFactory(key="trial", title="Original trial title")
    article = ArticleFactory(body="Claim [@trial].")
    assert "Original trial title" in page(client, article)
    reference.title = "Corrected trial title"
    reference.save()
    assert "Corrected trial title" in page(client, article)


def test_renaming_a_topic_shows_on_the_article_at_once(client):
    topic = TopicFactory(name="Cramps", slug="cramps")
    article = ArticleFactory(topics=[topic])
    assert ">Cramps</a>" in page(client, article)
    topic.name = "Muscle cramps"
    topic.save()
    assert ">Muscle cramps</a>" in page(client, article)


def test_a_related_article_retitled_shows_at_once(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    neighbour = ArticleFactory(title="Neighbour, first title", topics=[topic])
    assert "Neighbour, first title" in page(client, article)
    neighbour.title = "Neighbour, second title"
    neighbour.save()
    assert "Neighbour, second title" in page(client, article)


def test_unpublishing_takes_the_page_down_at_once(client):
    article = ArticleFactory()
    page(client, article)
    article.status = "draft"
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_joins_related_lists_when_its_time_comes(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(
        title="Coming next week", topics=[topic], published_at=timezone.now() + dt.timedelta(days=7)
    )
    assert "Coming next week" not in page(client, article)
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        assert "Coming next week" in page(client, article)


def test_structured_data_names_the_host_the_reader_asked(client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    article = ArticleFactory()
    path = article.get_absolute_url()
    assert f'"url": "http://one.example{path}"' in client.get(path, HTTP_HOST="one.example").text
    stored = client.get(path, HTTP_HOST="two.example").text
    assert f'"url": "http://two.example{path}"' in stored
    assert '"item": "http://two.example/articles/"' in stored


def test_a_page_cached_under_one_script_prefix_is_not_served_under_another(client):
    topic = TopicFactory(slug="sleep")
    article = ArticleFactory(topics=[topic])
    path = article.get_absolute_url()
    assert 'href="/topics/sleep/"' in client.get(path).text
    # As a WSGI server mounted under /mg would pass it; the test client does not set the
    # script prefix from SCRIPT_NAME itself.
    set_script_prefix("/mg/")
    try:
        mounted = client.get(path, SCRIPT_NAME="/mg").text
    finally:
        set_script_prefix("/")
    assert 'href="/mg/topics/sleep/"' in mounted
    assert 'href="/topics/sleep/"' in client.get(path).text
