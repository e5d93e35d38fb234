"""A change note edited on its own admin page is kept as carefully as its page: text checked,
stale saves refused, every change in its History, never deleted (feedback/note_editing.py)."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from feedback.models import ChangeNote, Report
from tests.factories import ArticleFactory, StaffFactory
from tests.feedback.conftest import LONG_NOTE, LONG_NOTE_REFUSED
from tests.helpers import saved_in_admin, submitted_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def note():
    article = ArticleFactory()
    return ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(article),
        object_id=article.pk,
        note="Corrected the dose to 350 mg.",
    )


def url_of(note: ChangeNote) -> str:
    return reverse("admin:feedback_changenote_change", args=[note.pk])


def editor(name: str) -> Client:
    client = Client()
    client.force_login(StaffFactory(username=name.lower(), first_name=name))
    return client


def test_a_notes_history_says_who_wrote_it_and_when_then_its_changes(client):
    """It said "This object doesn't have a change history. It probably wasn't added via
    this admin site.", of a note written with a page's save in the admin."""
    article = ArticleFactory()
    client.force_login(StaffFactory(username="maria"))
    with time_machine.travel(dt.datetime(2026, 12, 8, 14, 5, tzinfo=dt.UTC), tick=False):
        saved_in_admin(client, article, summary="Shorter.", change_note="Shortened the summary.")
    note = ChangeNote.objects.get()
    history = reverse("admin:feedback_changenote_history", args=[note.pk])
    text = client.get(history).content.decode()
    assert "Written by maria on Dec. 8, 2026, 2:05 p.m. UTC, with their save of the page." in text
    assert "It has not been changed in the admin since." in text and "probably" not in text
    client.post(url_of(note), submitted_form(client.get(url_of(note)).content.decode(), minor="on"))
    text = client.get(history).content.decode()
    assert "with their save of the page. Its changes in the admin since:" in text
    assert "Hidden from readers." in text


def test_a_note_changed_since_the_editor_opened_it_is_not_saved_over(note):
    """The second of two editors replaced the first's note without a word."""
    alice, bob = editor("Alice"), editor("Bob")
    bobs_page = bob.get(url_of(note)).content.decode()
    alice.post(
        url_of(note),
        submitted_form(alice.get(url_of(note)).content.decode(), note="Alice's wording."),
    )
    response = bob.post(url_of(note), submitted_form(bobs_page, note="Bob's wording."))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice changed this note on " in html
    assert "It now reads: “Alice&#x27;s wording.”" in html
    assert "Bob&#x27;s wording." in html  # his text stays in the box
    note.refresh_from_db()
    assert note.note == "Alice's wording."
    # Saving again, having read hers, puts his in its place.
    assert bob.post(url_of(note), submitted_form(html)).status_code == 302
    note.refresh_from_db()
    assert note.note == "Bob's wording."


@pytest.mark.parametrize("text", ["<b>Fixed</b> dose", "Fixed \u202edose"])
def test_a_note_with_html_or_a_hidden_character_is_refused(staff_client, note, text):
    page = staff_client.get(url_of(note)).content.decode()
    response = staff_client.post(url_of(note), submitted_form(page, note=text))
    assert response.status_code == 200
    assert 'id="id_note_error"' in response.content.decode()
    note.refresh_from_db()
    assert note.note == "Corrected the dose to 350 mg."


def test_a_note_too_long_is_refused_whole_with_its_length(staff_client, note):
    """The box's maxlength cut a pasted note at 300 characters without a word."""
    page = staff_client.get(url_of(note)).content.decode()
    [box] = re.findall(r'<textarea[^>]*name="note"[^>]*>', page)
    assert "maxlength" not in box
    response = staff_client.post(url_of(note), submitted_form(page, note=LONG_NOTE))
    assert response.status_code == 200
    html = response.content.decode()
    assert LONG_NOTE_REFUSED in html and LONG_NOTE in html
    note.refresh_from_db()
    assert note.note == "Corrected the dose to 350 mg."


def test_the_history_keeps_the_text_before_each_change(staff_client, note):
    page = staff_client.get(url_of(note)).content.decode()
    staff_client.post(url_of(note), submitted_form(page, note="Corrected the dose to 300 mg."))
    history = staff_client.get(reverse("admin:feedback_changenote_history", args=[note.pk]))
    assert (
        "Note changed from “Corrected the dose to 350 mg.” to “Corrected the dose to 300 mg.”"
        in history.content.decode()
    )


def test_a_note_is_hidden_from_readers_not_deleted(staff_client, note):
    delete = reverse("admin:feedback_changenote_delete", args=[note.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert ChangeNote.objects.filter(pk=note.pk).exists()
    assert "Delete" not in staff_client.get(url_of(note)).content.decode().split("submit-row")[1]


def test_a_note_of_several_lines_is_saved_with_them(staff_client, note):
    """Its hidden copy came back with CRLF line breaks, never equal to the stored note: every
    save was refused as made over another editor's."""
    ChangeNote.objects.filter(pk=note.pk).update(note="Corrected the dose.\nAnd its source.")
    page = staff_client.get(url_of(note)).content.decode()
    assert '<textarea name="note"' in page
    data = submitted_form(page, minor="on")
    for key in ("note", "note_seen"):  # as a browser sends a box's line breaks
        data[key] = [value.replace("\n", "\r\n") for value in data[key]]
    assert staff_client.post(url_of(note), data).status_code == 302
    note.refresh_from_db()
    assert note.note == "Corrected the dose.\nAnd its source." and note.minor


def reopened(client: Client, report: Report):
    url = reverse("admin:feedback_report_change", args=[report.pk])
    return client.post(url, submitted_form(client.get(url).content.decode(), status="accepted"))


@pytest.fixture
def fixed_report(note):
    report = Report.objects.create(
        page="/articles/x/", text="Wrong dose.", address_hash="h" * 64, status="fixed"
    )
    ChangeNote.objects.filter(pk=note.pk).update(report=report)
    return report


def test_a_report_only_a_minor_note_links_to_can_be_reopened(fixed_report, note):
    """Readers never read that it led to the change: it was held Fixed all the same."""
    ChangeNote.objects.filter(pk=note.pk).update(minor=True)
    assert reopened(editor("Bob"), fixed_report).status_code == 302
    fixed_report.refresh_from_db()
    assert fixed_report.status == Report.Status.ACCEPTED


def test_a_report_linked_by_mistake_is_unlinked_on_the_notes_page_then_reopened(fixed_report, note):
    """Nothing could undo the link: the report stayed Fixed for good."""
    bob = editor("Bob")
    refused = reopened(bob, fixed_report).content.decode()
    assert "This report stays Fixed" in refused and "Unlink the reader&#x27;s report" in refused
    page = bob.get(url_of(note)).content.decode()
    assert bob.post(url_of(note), submitted_form(page, unlink_report="on")).status_code == 302
    note.refresh_from_db()
    assert note.report is None
    history = bob.get(reverse("admin:feedback_changenote_history", args=[note.pk]))
    assert "Unlinked the reader&#x27;s report" in history.content.decode()
    report_history = reverse("admin:feedback_report_history", args=[fixed_report.pk])
    assert "Unlinked from the change note" in bob.get(report_history).content.decode()
    assert reopened(bob, fixed_report).status_code == 302
    fixed_report.refresh_from_db()
    assert fixed_report.status == Report.Status.ACCEPTED


def test_the_queue_actions_leave_a_report_a_note_readers_see_links_to(admin_client, note):
    report = Report.objects.create(page="/articles/x/", text="Wrong dose.", address_hash="h" * 64)
    ChangeNote.objects.filter(pk=note.pk).update(report=report)
    queue = reverse("admin:feedback_report_changelist")
    data = {"action": "mark_declined", "_selected_action": [report.pk]}
    response = admin_client.post(queue, data, follow=True).content.decode()
    assert "1 report that a change note readers see says led to a change was left" in response
    report.refresh_from_db()
    assert report.status == Report.Status.NEW
