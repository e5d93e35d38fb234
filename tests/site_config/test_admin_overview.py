"""The admin index lists what waits for an editor, linked to the filtered lists."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, DraftArticleFactory, DraftMagnesiumCompoundFactory

pytestmark = pytest.mark.django_db


def test_the_admin_index_lists_drafts_scheduled_and_overdue_pages(editor_client):
    DraftArticleFactory()
    DraftArticleFactory()
    ArticleFactory(published_at=timezone.now() + dt.timedelta(days=3))
    ArticleFactory(next_review_due=timezone.localdate() - dt.timedelta(days=1))
    DraftMagnesiumCompoundFactory()
    ArticleFactory()  # published, nothing due: not counted

    page = editor_client.get(reverse("admin:index")).content.decode()
    articles = reverse("admin:articles_article_changelist")
    forms = reverse("admin:comparisons_magnesiumcompound_changelist")
    assert "Needs attention" in page
    assert f'<a href="{articles}?status__exact=draft">2 drafts</a>' in page
    assert f'<a href="{articles}?status__exact=scheduled">1 scheduled</a>' in page
    assert f'<a href="{articles}?review=overdue">1 overdue for review</a>' in page
    assert f'<a href="{forms}?status__exact=draft">1 draft</a>' in page
    for link in (f"{articles}?status__exact=draft", f"{articles}?review=overdue"):
        assert editor_client.get(link).status_code == 200  # filters the list, no ?e=1


def test_nothing_waiting_shows_no_list(editor_client):
    ArticleFactory()
    assert "Needs attention" not in editor_client.get(reverse("admin:index")).content.decode()
