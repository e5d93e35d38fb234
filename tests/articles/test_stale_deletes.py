"""A delete confirmed from a page opened before another editor saved the record is refused,
naming who saved and when, with the editor's delete note kept; confirming again from the
refused page deletes it."""

import pytest
from django.urls import reverse

from articles.models import Article
from evidence.models import EvidenceCell
from feedback.models import ChangeNote
from tests.evidence.factories import EvidenceCellFactory
from tests.factories import ArticleFactory, StaffFactory
from tests.helpers import saved_in_admin, submitted_form

pytestmark = pytest.mark.django_db


def delete_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])


def opened_then_saved_by_alice(client, record, **alices_change) -> str:
    """Bob opens the delete page; Alice saves the record; Bob is back. The page Bob had."""
    client.force_login(StaffFactory(username="bob"))
    page = client.get(delete_url(record)).content.decode()
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    assert saved_in_admin(client, record, **alices_change).status_code == 302
    client.force_login(StaffFactory(username="bob2", first_name="Bob"))
    return page


def test_deleting_an_article_saved_since_the_page_opened_is_refused(client):
    article = ArticleFactory()
    page = opened_then_saved_by_alice(client, article, summary="New.", minor_change="on")
    refused = client.post(delete_url(article), submitted_form(page))
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Alice saved a newer version of this article on " in html
    assert "Nothing was deleted." in html
    assert Article.objects.filter(pk=article.pk).exists()
    assert client.post(delete_url(article), submitted_form(html)).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_a_refused_delete_keeps_the_note_and_deletes_with_it_when_confirmed_again(client):
    cell = EvidenceCellFactory(summary="Two small trials.")
    page = opened_then_saved_by_alice(
        client, cell, summary="Three small trials.", change_note="Added a third trial."
    )
    note = "Withdrew the grade: the trials were retracted."
    refused = client.post(delete_url(cell), submitted_form(page, change_note=note))
    html = refused.content.decode()
    assert "Alice saved a newer version of this evidence cell on " in html
    assert note in html
    assert EvidenceCell.objects.filter(pk=cell.pk).exists()
    assert client.post(delete_url(cell), submitted_form(html)).status_code == 302
    assert not EvidenceCell.objects.filter(pk=cell.pk).exists()
    assert ChangeNote.objects.filter(note=note).exists()


def test_a_delete_page_nobody_saved_over_deletes_at_once(staff_client):
    article = ArticleFactory()
    page = staff_client.get(delete_url(article)).content.decode()
    assert 'name="edit_token_seen"' in page
    assert staff_client.post(delete_url(article), submitted_form(page)).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_a_delete_refused_after_a_change_outside_the_admin_names_nobody(client):
    """A refresh of the starter content draws a new token with no version: the page read
    "another editor saved a newer version of this article on recently"."""
    article = ArticleFactory()
    client.force_login(StaffFactory(username="bob"))
    page = client.get(delete_url(article)).content.decode()
    Article.objects.get(pk=article.pk).save()
    html = client.post(delete_url(article), submitted_form(page)).content.decode()
    assert "This article was changed after you opened this page, not by an editor's" in html
    assert "Nothing was deleted." in html
    assert "recently" not in html and "another editor" not in html
    assert Article.objects.filter(pk=article.pk).exists()
