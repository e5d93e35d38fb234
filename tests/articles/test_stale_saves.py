"""A save made from a copy older than the stored page is refused, naming who saved in
between and when, with the editor's text kept; saving over their version then takes an
explicit choice, made on the refused form, for that version only."""

import datetime as dt
import re

import pytest
import reversion
import time_machine
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.factories import ArticleFactory, ComparisonFactory, ComparisonRowFactory, StaffFactory
from tests.helpers import change_form_data, change_url, submitted_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(client):
    """Bob opened the article, Alice saved it, then Bob saved his copy: refused."""
    article = ArticleFactory(body="Original.")
    opened_copy = change_form_data(article)
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    client.post(change_url(article), change_form_data(article, body="Alice's edit."))
    client.force_login(StaffFactory(username="bob"))
    response = client.post(change_url(article), {**opened_copy, "body": "Bob's careful edit."})
    return article, response


def test_stale_save_is_refused_naming_who_saved_and_keeping_the_text(refused):
    article, response = refused
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice saved a newer version of this page on " in html
    assert " UTC, after you opened it." in html
    alices = Version.objects.get_for_object(article).first()
    their_changes = reverse("admin:articles_article_version_changes", args=[article.pk, alices.pk])
    assert f'Open <a href="{their_changes}" target="_blank">what their save changed</a>' in html
    assert "Bob&#x27;s careful edit." in html
    article.refresh_from_db()
    assert article.body == "Alice's edit."


def test_a_stale_save_against_ones_own_save_in_another_tab_says_so(client):
    """It named the editor as if another editor had saved: "carla saved a newer version…
    tick 'Save over carla's version'"."""
    article = ArticleFactory(body="Original.")
    client.force_login(StaffFactory(username="carla"))
    client.post(change_url(article), change_form_data(article))  # a version to compare with
    article.refresh_from_db()
    opened_copy = change_form_data(article)
    with time_machine.travel(dt.datetime(2026, 12, 8, 14, 5, tzinfo=dt.UTC), tick=False):
        client.post(change_url(article), change_form_data(article, body="Edit in one tab."))
    with time_machine.travel(dt.datetime(2026, 12, 8, 14, 20, tzinfo=dt.UTC), tick=False):
        response = client.post(change_url(article), {**opened_copy, "body": "The other tab."})
    html = response.content.decode()
    assert "You saved a newer version of this page in another tab or window at 14:05 UTC" in html
    assert "carla saved" not in html
    assert "what that save changed" in html
    label = html.split('<label for="id_save_over"')[1].split("</label>")[0]
    assert "Save over your version of 14:05 UTC" in label
    assert "In the other tab you also changed Body" in html and "their" not in label
    assert "Tick this once the other tab&#x27;s changes are in this text" in html
    data = submitted_form(html, save_over="on")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == "The other tab."


def test_saving_the_refused_form_again_as_it_is_is_refused_again(client, refused):
    """It went through with no further word, over the other editor's work."""
    article, response = refused
    again = client.post(change_url(article), submitted_form(response.content.decode()))
    assert again.status_code == 200
    assert "Alice saved a newer version" in again.content.decode()
    article.refresh_from_db()
    assert article.body == "Alice's edit."


def test_the_refused_form_offers_to_save_over_their_version_and_that_saves_the_text(
    client, refused
):
    article, response = refused
    html = response.content.decode()
    assert '<input type="checkbox" name="save_over"' in html
    label = html.split('<label for="id_save_over"')[1].split("</label>")[0]
    assert "Save over Alice&#x27;s version of " in label and " UTC" in label
    data = submitted_form(html, body="Merged text.", save_over="on")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == "Merged text."
    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    assert "Save over" not in comment and "token" not in comment.lower()


def test_a_form_nobody_saved_over_has_no_such_box(staff_client):
    article = ArticleFactory()
    assert "save_over" not in staff_client.get(change_url(article)).content.decode()
    assert staff_client.post(change_url(article), change_form_data(article)).status_code == 302


def test_the_choice_covers_only_the_version_it_named(client, refused):
    """A third save between the refusal and the choice is refused in its turn."""
    article, response = refused
    article.refresh_from_db()
    client.force_login(StaffFactory(username="carol", first_name="Carol"))
    client.post(change_url(article), change_form_data(article, body="Carol's edit."))
    client.force_login(StaffFactory(username="bob2"))
    data = submitted_form(response.content.decode(), save_over="on")
    again = client.post(change_url(article), data)
    assert again.status_code == 200
    html = again.content.decode()
    assert "Carol saved a newer version" in html
    assert re.search(r'<input type="checkbox" name="save_over"[^>]*>', html)
    assert "checked" not in re.search(r'<input type="checkbox" name="save_over"[^>]*>', html)[0]
    article.refresh_from_db()
    assert article.body == "Carol's edit."


def test_a_restore_made_from_a_form_opened_before_another_save_is_refused(client):
    """django-reversion writes the old version, its edit token with it, before the form is
    checked: a restore went through over a save made after it was opened, with no word."""
    with reversion.create_revision():
        article = ArticleFactory(body="Old text.")
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    client.post(change_url(article), change_form_data(article, body="Alice's edit."))
    old = Version.objects.get_for_object(article).last()
    restore = reverse("admin:articles_article_revision", args=[article.pk, old.pk])
    client.force_login(StaffFactory(username="bob"))
    opened = client.get(restore).content.decode()
    article.refresh_from_db()
    client.force_login(StaffFactory(username="carol", first_name="Carol"))
    client.post(change_url(article), change_form_data(article, body="Carol's edit."))

    client.force_login(StaffFactory(username="bob2"))
    response = client.post(restore, submitted_form(opened, change_note="Back to the old text."))
    assert response.status_code == 200
    assert "Carol saved a newer version of this page on " in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Carol's edit."
    # Chosen on the refused form, the restore goes through over Carol's version.
    data = submitted_form(response.content.decode(), save_over="on")
    assert client.post(restore, data).status_code == 302
    article.refresh_from_db()
    assert article.body == "Old text."


def test_a_restore_nobody_saved_in_between_goes_through(staff_client):
    with reversion.create_revision():
        article = ArticleFactory(body="Old text.")
    staff_client.post(change_url(article), change_form_data(article, body="New text."))
    old = Version.objects.get_for_object(article).last()
    restore = reverse("admin:articles_article_revision", args=[article.pk, old.pk])
    opened = staff_client.get(restore).content.decode()
    data = submitted_form(opened, change_note="Back to the old text.")
    assert staff_client.post(restore, data).status_code == 302
    article.refresh_from_db()
    assert article.body == "Old text."


def test_the_save_over_box_names_their_changes_that_saving_over_puts_back(client):
    """A new address or publication date the other editor saved went back without a word.
    Bob's own change (the body) is not theirs: not named."""
    with reversion.create_revision():
        article = ArticleFactory(body="Original.")
    opened_copy = change_form_data(article)
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    alices = change_form_data(article, slug="a-new-address", published_at_0="2020-01-02")
    assert client.post(change_url(article), alices).status_code == 302
    client.force_login(StaffFactory(username="bob"))
    html = client.post(change_url(article), {**opened_copy, "body": "Bob's."}).content.decode()
    named = html.split('id="save-over-replaces">')[1].split("</p>")[0]
    assert named.startswith(
        "They also changed End of the web address, Published at: saving over puts back"
    )
    assert "Body" not in named


def test_without_a_version_of_the_copy_opened_the_box_does_not_call_the_editors_changes_theirs(
    client,
):
    """Starter content is loaded without versions: every box Bob changed was named as
    Alice's, and the note told him to set them back, undoing his own work."""
    article = ArticleFactory(body="Original.")
    opened_copy = change_form_data(article)
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    alices = change_form_data(article, summary="Alice's summary.")
    assert client.post(change_url(article), alices).status_code == 302
    client.force_login(StaffFactory(username="bob"))
    html = client.post(change_url(article), {**opened_copy, "body": "Bob's."}).content.decode()
    named = html.split('id="save-over-replaces">')[1].split("</p>")[0]
    assert "They also changed" not in named and "set those boxes" not in named
    assert named.startswith("Saving over stores your copy's values in Summary, Body.")
    assert "cannot tell which of these changes are yours and which are theirs" in named


def table_saved_by_alice_after_bob_opened(client, alices_change: dict):
    """A versioned table of two rows: Bob opens it, Alice saves `alices_change`."""
    with reversion.create_revision():
        table = ComparisonFactory()
        for order, feature in enumerate(["Cost", "Taste"]):
            ComparisonRowFactory(comparison=table, feature=feature, order=order)
    url = reverse("admin:comparisons_comparison_change", args=[table.pk])
    client.force_login(StaffFactory(username="bob"))
    bobs = submitted_form(client.get(url).content.decode())
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    alices = submitted_form(client.get(url).content.decode(), **alices_change)
    assert client.post(url, alices).status_code == 302
    client.force_login(StaffFactory(username="bob2", first_name="Bob"))
    return url, bobs


def test_the_save_over_box_names_the_inline_rows_they_changed(client):
    """Saving over set Alice's change to a row back without a word."""
    url, bobs = table_saved_by_alice_after_bob_opened(client, {"rows-0-feature": "Price"})
    html = client.post(url, {**bobs, "summary": "Bob's summary."}).content.decode()
    named = html.split('id="save-over-replaces">')[1].split("</p>")[0]
    assert named.startswith("They also changed Comparison row “Price”: Feature: saving over")
    assert "Summary" not in named and "Taste" not in named


def test_the_save_over_box_does_not_name_a_row_the_editor_changed_alone(client):
    url, bobs = table_saved_by_alice_after_bob_opened(client, {"summary": "Alice's."})
    html = client.post(url, {**bobs, "rows-1-feature": "Flavour"}).content.decode()
    named = html.split('id="save-over-replaces">')[1].split("</p>")[0]
    assert named.startswith("They also changed Summary:")
    assert "row" not in named


def test_a_save_refused_after_a_change_outside_the_admin_names_nobody(client):
    """Relinking draws a new token with no version after Alice's save: the page named Alice
    as having saved the newer version, on the date of her older one."""
    article = ArticleFactory(body="Original.")
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    assert client.post(change_url(article), change_form_data(article)).status_code == 302
    article.refresh_from_db()
    opened_copy = change_form_data(article)
    Article.objects.get(pk=article.pk).save()  # as relinking or a refresh would
    client.force_login(StaffFactory(username="bob"))
    html = client.post(change_url(article), {**opened_copy, "body": "Bob's."}).content.decode()
    assert "This page was changed after you opened it, not by an editor&#x27;s save" in html
    assert "Alice saved" not in html
    label = html.split('<label for="id_save_over"')[1].split("</label>")[0]
    assert "Save over the stored version" in label
