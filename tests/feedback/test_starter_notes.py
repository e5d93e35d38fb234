"""Corrections that reach a running site through `load_content` come with a change note."""

from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command

import feedback.loader
from articles.loader import read_toml
from articles.models import Article, StarterRecord
from comparisons.models import MagnesiumCompound
from feedback.models import ChangeNote
from interactions.models import Medicine
from tests.starter_corrections import earlier_starter_files
from tests.starter_corrections.sixth_review import ORAL_FORMS

pytestmark = pytest.mark.django_db


def load_earlier_release(tmp_path) -> None:
    """The starter files as a release before the corrections had them: the wording undone,
    and no change notes yet."""
    no_notes = tmp_path / "change_notes.toml"
    no_notes.write_text("")
    with earlier_starter_files(tmp_path), patch.object(feedback.loader, "NOTES", no_notes):
        call_command("load_content")


def notes_on(slug: str, model=Article) -> list[str]:
    page = model.objects.get(slug=slug)
    return list(ChangeNote.objects.for_object(page).values_list("note", flat=True))


def test_a_first_load_adds_no_notes_nothing_changed_for_readers():
    call_command("load_content")
    assert not ChangeNote.objects.exists()


def test_a_page_refreshed_with_a_correction_gets_its_note_once(client, tmp_path, capsys):
    load_earlier_release(tmp_path)
    assert not ChangeNote.objects.exists()
    capsys.readouterr()

    call_command("load_content")

    assert "change notes for readers" in capsys.readouterr().out
    # Ten reviews corrected it since that release, so it gets each of their notes (the
    # tenth two: the second for azithromycin's and mycophenolate's gap), and the note that
    # its table now links the medicines added later.
    notes = sorted(notes_on("using-magnesium-safely"))
    fifth_review, earlier, fourteenth_review, twelfth_review, eighth_review = notes[:5]
    thirteenth_review, eleventh_review, general_gap, tenth_review = notes[5:9]
    fifteenth_review, ninth_review = notes[9:11]
    assert fifth_review.startswith("Checked against its sources on 6 December 2026: the reason")
    assert earlier.startswith("Reviewed on 6 December 2026: the dose you take on your own")
    assert eighth_review.startswith("Reviewed on 7 December 2026: the page now says that the")
    assert ninth_review.startswith("Reviewed on 8 December 2026: the pregnancy section now")
    assert tenth_review.startswith("Reviewed on 8 December 2026: iron, eltrombopag, quinidine")
    assert general_gap.startswith("Reviewed on 8 December 2026: azithromycin and mycophenolate")
    assert eleventh_review.startswith("Reviewed on 7 December 2026: the table of medicines now in")
    assert twelfth_review.startswith("Reviewed on 7 December 2026: the page now says that from")
    assert thirteenth_review.startswith("Reviewed on 7 December 2026: the table of medicines now g")
    assert fourteenth_review.startswith("Reviewed on 7 December 2026: the levothyroxine row now")
    assert fifteenth_review.startswith("Reviewed on 8 December 2026: the kidney section now says")
    changes = client.get("/articles/using-magnesium-safely/changes/").content.decode()
    assert "the dose you take on your own now stays within the 350 mg upper limit" in changes
    call_command("load_content")
    assert len(notes_on("using-magnesium-safely")) == 12


def test_a_form_refreshed_with_a_field_added_later_gets_its_note(tmp_path):
    # Threonate's dose became "the maker's suggested amount" through a field (`dose_basis`)
    # the earlier files did not have; its readers are told, and the other forms are not
    # counted as changed for it.
    load_earlier_release(tmp_path)
    call_command("load_content")
    notes = notes_on("magnesium-l-threonate", MagnesiumCompound)
    assert any("166 mg a day is shown as the maker's suggested amount" in n for n in notes)
    assert MagnesiumCompound.objects.get(slug="magnesium-l-threonate").dose_is_makers


def test_each_oral_form_is_told_its_cautions_give_the_medicines_gaps(tmp_path):
    # The thirteenth review: one note on each of the thirteen pages whose cautions changed.
    load_earlier_release(tmp_path)
    call_command("load_content")
    for form in ORAL_FORMS:
        notes = notes_on(f"magnesium-{form}", MagnesiumCompound)
        told = [n for n in notes if n.startswith("Reviewed on 7 December 2026: the cautions now")]
        assert len(told) == 1, form
        assert "thyroid tablets and digoxin about 4 hours" in told[0]


def test_levothyroxine_and_each_oral_form_are_told_where_its_4_hours_come_from(tmp_path):
    # The fourteenth review: the 4 hours are the US label's gap for antacids, magnesium
    # antacids among them, where the pages said no label gives one; a note on the medicine's
    # page and on each form page whose cautions say so.
    load_earlier_release(tmp_path)
    call_command("load_content")
    pages = [
        *(notes_on(f"magnesium-{form}", MagnesiumCompound) for form in ORAL_FORMS),
        notes_on("levothyroxine", Medicine),
    ]
    for notes in pages:
        told = [n for n in notes if "magnesium antacids among them" in n]
        assert len(told) == 1, notes


def test_each_form_is_told_of_its_review_date_and_epsom_salt_of_its_gaps(tmp_path):
    # The fifteenth review: every form's page now gives its review date, and Epsom salt's
    # cautions the medicines' gaps for magnesium sulfate taken by mouth; one note for each.
    load_earlier_release(tmp_path)
    call_command("load_content")
    for form in MagnesiumCompound.objects.all():
        notes = notes_on(form.slug, MagnesiumCompound)
        dated = [n for n in notes if "the date of the latest review that changed it" in n]
        assert len(dated) == 1, form.slug
    notes = notes_on("magnesium-sulfate", MagnesiumCompound)
    told = [n for n in notes if "the gaps our medicines pages give" in n]
    assert len(told) == 1
    assert "bisphosphonates at least 2 hours apart (the timeline uses 4)" in told[0]


def test_a_grade_changed_by_the_safety_review_is_noted_on_its_outcome(client, tmp_path):
    # Epsom salt for low magnesium went from limited to no evidence (the sixth review): a
    # new public grade, so its outcome's list of changes says so.
    load_earlier_release(tmp_path)
    call_command("load_content")
    changes = client.get("/evidence/low-magnesium/changes/").content.decode()
    assert "Epsom salt is graded &#x27;No evidence&#x27;, not limited" in changes


def test_a_page_an_editor_changed_keeps_their_text_and_gets_no_starter_note(tmp_path):
    load_earlier_release(tmp_path)
    Article.objects.filter(slug="magnesium-glycinate-and-nerve-function").update(
        summary="An editor's own summary."
    )
    call_command("load_content")
    assert notes_on("magnesium-glycinate-and-nerve-function") == []
    assert notes_on("using-magnesium-safely") != []


def test_every_starter_note_names_a_page_the_starter_content_has():
    """A note whose key has a typo would never reach readers: the loader cannot tell it
    from a page an editor took over, so this test catches it."""
    call_command("load_content")
    notes = read_toml(feedback.loader.NOTES)["note"]
    missing = [
        f"{note['model']} {note['key']}"
        for note in notes
        if not StarterRecord.objects.filter(model=note["model"], key=note["key"]).exists()
    ]
    assert not missing


def test_a_note_too_long_for_readers_stops_the_load(tmp_path):
    notes = tmp_path / "change_notes.toml"
    notes.write_text(
        '[[note]]\nmodel = "articles.article"\nkey = "using-magnesium-safely"\n'
        f'date = 2026-12-06\nnote = "{"x" * 301}"\n'
    )
    with patch.object(feedback.loader, "NOTES", notes), pytest.raises(CommandError) as error:
        call_command("load_content")
    assert "a note is 1 to 300 characters" in str(error.value)
    assert not Article.objects.exists()  # all or nothing
