"""The boxes editors change in place in the report queue and the change-note list: saving the
list never undoes a change another editor made after it was opened
(articles/stale_list_edits.py)."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from articles.stale_list_edits import logged_change
from feedback.models import ChangeNote, Report
from tests.factories import ArticleFactory, StaffFactory
from tests.helpers import list_row, submitted_form

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:feedback_report_changelist")
NOTES = reverse("admin:feedback_changenote_changelist")


def editor(name: str) -> Client:
    client = Client()
    client.force_login(StaffFactory(username=name.lower(), first_name=name))
    return client


def report(text: str) -> Report:
    return Report.objects.create(
        page="/articles/x/", text=text, address_hash="h" * 64, status=Report.Status.NEW
    )


def saved(client: Client, url: str, html: str, **changes):
    return client.post(url, submitted_form(html, _save="Save", **changes))


def bobs_list_then_alices_change(url: str, record, box: str, value: str) -> tuple[Client, str]:
    """Bob opens the list; Alice opens it too and saves `box` of `record` as `value`."""
    alice, bob = editor("Alice"), editor("Bob")
    bobs_list = bob.get(url).content.decode()
    alices_list = alice.get(url).content.decode()
    saved(alice, url, alices_list, **{f"{list_row(alices_list, record)}-{box}": value})
    return bob, bobs_list


def test_saving_the_queue_keeps_a_status_another_editor_set_since_it_was_opened():
    """Bob's list still said New; his save of another row put Alice's Accepted back to New."""
    first, second = report("The dose figure is off."), report("A broken link.")
    bob, bobs_list = bobs_list_then_alices_change(QUEUE, first, "status", "accepted")

    response = saved(bob, QUEUE, bobs_list, **{f"{list_row(bobs_list, second)}-status": "declined"})

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("accepted", "declined")


def test_a_status_two_editors_changed_is_refused_naming_what_is_stored_until_saved_again():
    first = report("The dose figure is off.")
    bob, bobs_list = bobs_list_then_alices_change(QUEUE, first, "status", "accepted")

    box = f"{list_row(bobs_list, first)}-status"
    refused = saved(bob, QUEUE, bobs_list, **{box: "declined"})

    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Alice changed this to “Accepted” on " in html
    first.refresh_from_db()
    assert first.status == "accepted"
    # His choice is still in the box; saving again, having read hers, puts it in place.
    assert submitted_form(html)[box] == ["declined"]
    assert saved(bob, QUEUE, html).status_code == 302
    first.refresh_from_db()
    assert first.status == "declined"


def test_a_status_set_by_the_queues_action_since_the_list_was_opened_names_who_set_it():
    first = report("The dose figure is off.")
    alice, bob = editor("Alice"), editor("Bob")
    bobs_list = bob.get(QUEUE).content.decode()
    alice.post(QUEUE, {"action": "mark_declined", "_selected_action": [first.pk]})

    box = f"{list_row(bobs_list, first)}-status"
    refused = saved(bob, QUEUE, bobs_list, **{box: "accepted"})

    assert "Alice changed this to “Declined” on " in refused.content.decode()
    first.refresh_from_db()
    assert first.status == "declined"


def test_two_editors_choosing_the_same_status_are_not_refused():
    first = report("The dose figure is off.")
    bob, bobs_list = bobs_list_then_alices_change(QUEUE, first, "status", "accepted")

    response = saved(bob, QUEUE, bobs_list, **{f"{list_row(bobs_list, first)}-status": "accepted"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "accepted"


def test_saving_the_note_list_keeps_a_note_another_editor_hid_since_it_was_opened():
    """Ticking "minor" on one note from an old list showed again a note hidden since."""
    article = ArticleFactory()
    kind = ContentType.objects.get_for_model(article)
    hidden_later, ticked = (
        ChangeNote.objects.create(content_type=kind, object_id=article.pk, note=text)
        for text in ("Corrected the dose to 350 mg.", "Fixed a typing slip.")
    )
    bob, bobs_list = bobs_list_then_alices_change(NOTES, hidden_later, "minor", "on")

    response = saved(bob, NOTES, bobs_list, **{f"{list_row(bobs_list, ticked)}-minor": "on"})

    assert response.status_code == 302
    hidden_later.refresh_from_db()
    ticked.refresh_from_db()
    assert hidden_later.minor and ticked.minor


def test_a_list_drawn_before_the_check_still_saves_the_editors_choice():
    """A post without the values the boxes were drawn with (a list opened before this
    check was deployed) is saved as Django saves it, and a list drawn again after an error
    carries the stored values, not empty ones read as "not ticked"."""
    first = report("The dose figure is off.")
    bob = editor("Bob")
    html = bob.get(QUEUE).content.decode()
    data = {k: v for k, v in submitted_form(html, _save="Save").items() if not k.endswith("_seen")}
    data[f"{list_row(html, first)}-status"] = ["accepted"]
    assert bob.post(QUEUE, data).status_code == 302
    first.refresh_from_db()
    assert first.status == "accepted"
    # A page refused for another row's error draws this row's seen value from what is stored.
    data[f"{list_row(html, first)}-status"] = ["no-such-status"]
    refused = bob.post(QUEUE, data).content.decode()
    assert f'name="{list_row(html, first)}-status_seen" value="accepted"' in refused


def test_a_report_fixed_by_a_pages_save_is_logged_and_stays_fixed_in_the_list():
    """The fix had no History entry (the list said "Another editor … recently"), and the
    list could then decline a report the page's changes say led to a change."""
    article = ArticleFactory()
    reader = Report.objects.create(
        page=article.get_absolute_url(), text="Wrong dose.", address_hash="h" * 64
    )
    alice, bob = editor("Alice"), editor("Bob")
    bobs_list = bob.get(QUEUE).content.decode()
    url = reverse("admin:articles_article_change", args=[article.pk])
    fix = {"change_note": "Corrected the dose.", "minor_change": "", "fixes_report": reader.pk}
    assert saved(alice, url, alice.get(url).content.decode(), **fix).status_code == 302

    entry = LogEntry.objects.get(object_id=str(reader.pk), content_type__model="report")
    assert (entry.user.first_name, entry.action_flag) == ("Alice", CHANGE)
    assert entry.get_change_message() == f"Marked fixed by the change to {article}."
    assert logged_change(reader)[0] == "Alice"

    refused = saved(bob, QUEUE, bobs_list, **{f"{list_row(bobs_list, reader)}-status": "declined"})
    assert refused.status_code == 200
    assert "This report stays Fixed: it led to the change “Corrected the dose.”" in (
        refused.content.decode()
    )
    reader.refresh_from_db()
    assert reader.status == Report.Status.FIXED
