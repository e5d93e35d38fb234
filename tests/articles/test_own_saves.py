"""Back after saving a new page, then Save again, says the editor saved it already and
links to it; a title, name or address another page has is refused naming that page
(articles/own_saves.py)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article, Topic
from tests.factories import ArticleFactory, MagnesiumCompoundFactory
from tests.helpers import NEW_ARTICLE, added_in_admin, saved_in_admin

pytestmark = pytest.mark.django_db

AT_14_05 = dt.datetime(2026, 12, 8, 14, 5, tzinfo=dt.UTC)


def errors_of(response) -> dict:
    return response.context["adminform"].form.errors


def test_saving_a_new_article_again_after_back_says_it_was_saved_already(editor_client):
    """Back brought the add form back, and saving it again said "Article with this Title
    already exists." and "Article with this Slug already exists."."""
    with time_machine.travel(AT_14_05, tick=False):
        added_in_admin(editor_client, Article, **NEW_ARTICLE, status="draft")
    with time_machine.travel(AT_14_05 + dt.timedelta(minutes=10), tick=False):
        again = added_in_admin(editor_client, Article, **NEW_ARTICLE, status="draft")
    article = Article.objects.get()
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert errors_of(again) == {
        "__all__": [f'You saved this article already, at 14:05 UTC: <a href="{url}">open it</a>.']
    }
    assert f'<a href="{url}">open it</a>' in again.content.decode()


def test_a_title_another_article_has_is_refused_naming_that_article(editor_client):
    other = ArticleFactory(title="Magnesium in winter", slug="winter")
    response = added_in_admin(editor_client, Article, **NEW_ARTICLE, status="draft")
    url = reverse("admin:articles_article_change", args=[other.pk])
    assert errors_of(response) == {
        "title": [
            f'Another article already has this title: <a href="{url}">Magnesium in winter</a>. '
            "Choose another title."
        ]
    }


def test_ones_own_article_saved_more_than_an_hour_ago_is_named_as_another(editor_client):
    with time_machine.travel(AT_14_05, tick=False):
        added_in_admin(editor_client, Article, **NEW_ARTICLE, status="draft")
    with time_machine.travel(AT_14_05 + dt.timedelta(hours=2), tick=False):
        again = added_in_admin(editor_client, Article, **NEW_ARTICLE, status="draft")
    assert set(errors_of(again)) == {"title", "slug"}
    assert errors_of(again)["slug"][0].startswith("Another article already has this web address")
    assert errors_of(again)["slug"][0].endswith("Choose another end of the web address.")


def test_saving_a_new_topic_again_after_back_says_it_was_saved_already(editor_client):
    topic = {"name": "Restless legs", "slug": "restless-legs", "body": "Text."}
    with time_machine.travel(AT_14_05, tick=False):
        added_in_admin(editor_client, Topic, **topic)
    with time_machine.travel(AT_14_05 + dt.timedelta(minutes=1), tick=False):
        again = added_in_admin(editor_client, Topic, **topic)
    [message] = errors_of(again)["__all__"]
    assert message.startswith("You saved this topic already, at 14:05 UTC: ")


def test_a_forms_name_another_form_has_is_refused_naming_that_form(editor_client):
    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    form = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    response = saved_in_admin(editor_client, form, name="Magnesium glycinate")
    [message] = errors_of(response)["name"]
    assert message.startswith("Another form of magnesium already has this name: <a href=")
    assert message.endswith(">Magnesium glycinate</a>. Choose another name.")
