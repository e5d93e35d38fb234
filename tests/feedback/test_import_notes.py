"""A CSV import that changes pages readers can open asks for a change note, as a save in
the change form does, and readers see it on each changed page."""

import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from comparisons.models import MagnesiumCompound
from comparisons.resources import MagnesiumCompoundResource
from feedback.models import ChangeNote
from tests.feedback.conftest import LONG_NOTE, LONG_NOTE_REFUSED
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db
IMPORT_URL = "/admin/comparisons/magnesiumcompound/import/"
CONFIRM_URL = "/admin/comparisons/magnesiumcompound/process_import/"


@pytest.fixture
def starter():
    load_starter_content()


def forms_file(**summaries) -> bytes:
    """The exported forms table with some forms' summaries changed."""
    exported = MagnesiumCompoundResource().export()
    column = exported.headers.index("summary")
    rows = []
    for row in exported:
        row = list(row)
        slug = row[exported.headers.index("slug")]
        row[column] = summaries.get(slug.replace("-", "_"), row[column])
        rows.append(row)
    return tablib.Dataset(*rows, headers=exported.headers).csv.encode()


def preview(client, content: bytes) -> str:
    file = SimpleUploadedFile("forms.csv", content, content_type="text/csv")
    return client.post(IMPORT_URL, {"import_file": file, "format": "0"}).content.decode()


def confirm_data(html: str, url: str = CONFIRM_URL, **fields) -> dict:
    """What the confirm step's form sends: its hidden fields, and the editor's entries."""
    form = html.split(f'action="{url}"')[1].split("</form>")[0]
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    return {**hidden, **fields}


def test_an_import_changing_a_published_form_needs_a_note_that_readers_then_see(
    staff_client, client, starter
):
    new_summary = "Magnesium bound to glycine, about 14% magnesium by weight."
    html = preview(staff_client, forms_file(magnesium_glycinate=new_summary))
    assert "Needed: this import changes pages readers can open (Magnesium glycinate)" in html
    refused = staff_client.post(CONFIRM_URL, confirm_data(html, change_note=""))
    assert "This import changes 1 published page" in refused.content.decode()
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert glycinate.summary != new_summary
    note = "Shortened the summary of glycinate."
    done = staff_client.post(CONFIRM_URL, confirm_data(html, change_note=note))
    assert done.status_code == 302
    glycinate.refresh_from_db()
    assert glycinate.summary == new_summary
    stored = ChangeNote.objects.get(note=note)
    assert stored.content_object == glycinate and stored.revision is not None
    assert note in client.get(glycinate.get_absolute_url()).content.decode()


def test_an_import_changing_no_public_page_needs_no_note(staff_client, starter):
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    glycinate.status = "draft"
    glycinate.save()
    html = preview(staff_client, forms_file(magnesium_glycinate="A new draft summary."))
    assert "Needed:" not in html
    assert staff_client.post(CONFIRM_URL, confirm_data(html)).status_code == 302
    glycinate.refresh_from_db()
    assert glycinate.summary == "A new draft summary."
    assert not ChangeNote.objects.exists()


def test_a_minor_change_by_import_needs_no_note(staff_client, starter):
    html = preview(staff_client, forms_file(magnesium_glycinate="Glycinate, reworded."))
    assert staff_client.post(CONFIRM_URL, confirm_data(html, minor_change="on")).status_code == 302
    assert MagnesiumCompound.objects.get(slug="magnesium-glycinate").summary == (
        "Glycinate, reworded."
    )
    assert not ChangeNote.objects.exists()


def test_a_confirm_refused_for_want_of_a_note_keeps_the_preview_and_its_counts(
    staff_client, starter
):
    new_summary = "Glycinate, said again."
    html = preview(staff_client, forms_file(magnesium_glycinate=new_summary))
    counts = re.search(r"In this file: \d+ new, 1 changed, \d+ unchanged", html).group(0)
    refused = staff_client.post(CONFIRM_URL, confirm_data(html, change_note="")).content.decode()
    assert "This import changes 1 published page" in refused
    assert counts in refused
    assert "Needed: this import changes pages readers can open (Magnesium glycinate)" in refused
    row = refused.split('<tr class="update">')[1].split("</tr>")[0]
    assert "<ins>" in row and "said again" in row
    # The editor can still confirm from the page that refused: its form names the same file.
    note = "Reworded the glycinate summary."
    assert (
        staff_client.post(CONFIRM_URL, confirm_data(refused, change_note=note)).status_code == 302
    )
    assert MagnesiumCompound.objects.get(slug="magnesium-glycinate").summary == new_summary


def test_a_note_too_long_is_refused_whole_and_the_preview_kept(staff_client, starter):
    """The confirm step's box cut a pasted note at 300 characters without a word."""
    new_summary = "Glycinate, said again."
    html = preview(staff_client, forms_file(magnesium_glycinate=new_summary))
    form = html.split(f'action="{CONFIRM_URL}"')[1].split("</form>")[0]
    [box] = re.findall(r'<textarea[^>]*name="change_note"[^>]*>', form)
    assert "maxlength" not in box
    data = confirm_data(html, change_note=LONG_NOTE)
    refused = staff_client.post(CONFIRM_URL, data).content.decode()
    assert LONG_NOTE_REFUSED in refused
    assert LONG_NOTE in refused  # still in the box
    row = refused.split('<tr class="update">')[1].split("</tr>")[0]
    assert "<ins>" in row and "said again" in row
    assert MagnesiumCompound.objects.get(slug="magnesium-glycinate").summary != new_summary
    assert not ChangeNote.objects.exists()


def test_a_line_break_in_a_note_counts_as_the_one_character_the_editor_sees(staff_client, starter):
    """Browsers send a box's line breaks as two characters (CRLF): a note of 300 characters
    on three lines was refused as 302 long, and a shorter one was stored with the CRs."""
    note = "Corrected the dose.\nReworded the opening.\n" + (
        "Checked every figure against its source. " * 6 + "All correct."
    )
    assert len(note) == 300
    html = preview(staff_client, forms_file(magnesium_glycinate="Glycinate, said again."))
    data = confirm_data(html, change_note=note.replace("\n", "\r\n"))
    assert staff_client.post(CONFIRM_URL, data).status_code == 302
    assert ChangeNote.objects.get().note == note


@pytest.mark.parametrize("changed", [{"format": "x"}, {"import_file_name": "gone.csv"}])
def test_a_refused_confirm_whose_file_cannot_be_read_still_says_why(staff_client, starter, changed):
    html = preview(staff_client, forms_file(magnesium_glycinate="Glycinate, said again."))
    data = {**confirm_data(html, change_note=""), **changed}
    response = staff_client.post(CONFIRM_URL, data)
    assert response.status_code == 200
    assert "Confirm import" in response.content.decode()
    assert MagnesiumCompound.objects.get(slug="magnesium-glycinate").summary != (
        "Glycinate, said again."
    )
