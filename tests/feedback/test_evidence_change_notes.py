"""A change to the graded evidence is noted for readers, as a change to an article or a form
is: a grade readers can see is not added, raised, lowered or deleted without a word on its
outcome's page, by itself or with its form."""

import pytest
from django.urls import reverse

from comparisons.models import MagnesiumCompound
from evidence.models import EvidenceCell
from feedback.models import ChangeNote
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import (
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
)
from tests.helpers import submitted_form, visible_text

pytestmark = pytest.mark.django_db


def cell_url(cell) -> str:
    return reverse("admin:evidence_evidencecell_change", args=[cell.pk])


def test_a_grade_readers_see_changes_only_with_a_note_shown_on_its_outcomes_page(
    staff_client, client
):
    outcome = OutcomeFactory(name="Migraine prevention", slug="migraine")
    citrate = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    cell = EvidenceCellFactory(outcome=outcome, compound=citrate, grade="limited")
    page = staff_client.get(cell_url(cell)).content.decode()

    refused = staff_client.post(cell_url(cell), submitted_form(page, grade="moderate"))
    assert refused.status_code == 200
    assert "Write a short change note for readers" in refused.content.decode()
    cell.refresh_from_db()
    assert cell.grade == "limited"

    note = "Graded moderate: a second placebo-controlled trial found fewer attacks."
    saved = staff_client.post(
        cell_url(cell), submitted_form(page, grade="moderate", change_note=note)
    )
    assert saved.status_code == 302
    cell.refresh_from_db()
    assert cell.grade == "moderate"
    # Noted on the outcome's page, its list of changes, and the site's.
    assert f"Updated {ChangeNote.objects.get().created_at:%-d %b %Y}: {note}" in visible_text(
        client.get("/evidence/migraine/")
    )
    assert note in client.get("/evidence/migraine/changes/").content.decode()
    changes = client.get("/changes/").content.decode()
    assert '<a href="/evidence/migraine/">Migraine prevention</a>: ' + note in changes


def test_an_outcomes_page_is_dated_by_its_change_notes_not_by_its_cells_last_save(
    staff_client, client
):
    """Each cell said "Updated" with its last save: on a new site, the day the starter
    content was loaded, for every cell, though readers had been told of no change."""
    outcome = OutcomeFactory(slug="migraine")
    cell = EvidenceCellFactory(outcome=outcome, compound=None, grade="limited")
    assert "Updated" not in visible_text(client.get("/evidence/migraine/"))
    page = staff_client.get(cell_url(cell)).content.decode()
    note = "Graded moderate after a second trial."
    staff_client.post(cell_url(cell), submitted_form(page, grade="moderate", change_note=note))
    day = ChangeNote.objects.get().created_at
    response = client.get("/evidence/migraine/")
    assert f'<dt>Updated</dt><dd><time datetime="{day:%Y-%m-%d}">' in response.content.decode()
    assert visible_text(response).count("Updated") == 2  # the header, and the note at the foot


def test_a_cell_of_a_form_readers_cannot_see_yet_needs_no_note(staff_client):
    draft = DraftMagnesiumCompoundFactory(name="Magnesium new", slug="magnesium-new")
    cell = EvidenceCellFactory(compound=draft, grade="limited")
    page = staff_client.get(cell_url(cell)).content.decode()
    saved = staff_client.post(cell_url(cell), submitted_form(page, grade="moderate"))
    assert saved.status_code == 302
    assert not ChangeNote.objects.exists()


def test_an_outcomes_list_of_changes_is_404_for_an_unknown_outcome(client):
    assert client.get("/evidence/no-such-outcome/changes/").status_code == 404


def add_cell_data(client, outcome, compound, **overrides) -> dict:
    page = client.get(reverse("admin:evidence_evidencecell_add")).content.decode()
    values = {
        "outcome": str(outcome.pk),
        "compound": str(compound.pk),
        "grade": "limited",
        "direction": "benefit",
        "human_trials": "1",
        "summary": "One small trial found fewer attacks.",
        "references": str(ReferenceFactory().pk),
        **overrides,
    }
    return submitted_form(page, **values)


def test_a_new_grade_readers_see_needs_a_note_shown_on_its_outcomes_page(staff_client, client):
    """It appeared on the outcome's page with no word, where changing it needed one."""
    outcome = OutcomeFactory(name="Migraine prevention", slug="migraine")
    citrate = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    add = reverse("admin:evidence_evidencecell_add")
    refused = staff_client.post(add, add_cell_data(staff_client, outcome, citrate))
    assert refused.status_code == 200
    assert "Write a short change note for readers" in refused.content.decode()
    assert not EvidenceCell.objects.exists()

    note = "Graded citrate for migraine: one small trial found fewer attacks."
    data = add_cell_data(staff_client, outcome, citrate, change_note=note)
    assert staff_client.post(add, data).status_code == 302
    assert EvidenceCell.objects.get().grade == "limited"
    assert note in client.get("/evidence/migraine/changes/").content.decode()
    assert note in visible_text(client.get("/evidence/migraine/"))


def test_a_new_grade_of_a_form_readers_cannot_see_yet_needs_no_note(staff_client):
    draft = DraftMagnesiumCompoundFactory(name="Magnesium new", slug="magnesium-new")
    data = add_cell_data(staff_client, OutcomeFactory(), draft)
    response = staff_client.post(reverse("admin:evidence_evidencecell_add"), data)
    assert response.status_code == 302
    assert EvidenceCell.objects.exists() and not ChangeNote.objects.exists()


def delete_url(cell) -> str:
    return reverse("admin:evidence_evidencecell_delete", args=[cell.pk])


def test_deleting_a_grade_readers_see_needs_a_note_shown_on_its_outcomes_page(staff_client, client):
    """Deleting a cell took its grade off the outcome's page with no word, where changing
    the grade needed one."""
    outcome = OutcomeFactory(name="Migraine prevention", slug="migraine")
    citrate = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    cell = EvidenceCellFactory(outcome=outcome, compound=citrate)
    page = staff_client.get(delete_url(cell)).content.decode()
    assert 'name="change_note"' in page

    refused = staff_client.post(delete_url(cell), submitted_form(page))
    assert refused.status_code == 200
    assert "Write a short change note for readers" in refused.content.decode()
    assert EvidenceCell.objects.filter(pk=cell.pk).exists()

    note = "Withdrew the grade of citrate for migraine: its only trial was retracted."
    deleted = staff_client.post(delete_url(cell), submitted_form(page, change_note=note))
    assert deleted.status_code == 302
    assert not EvidenceCell.objects.filter(pk=cell.pk).exists()
    assert note in client.get("/evidence/migraine/changes/").content.decode()
    assert note in visible_text(client.get("/evidence/migraine/"))


def test_a_deletion_note_is_refused_as_an_edits_note_is(staff_client):
    cell = EvidenceCellFactory()
    page = staff_client.get(delete_url(cell)).content.decode()
    data = submitted_form(page, change_note="Withdrawn\u202e grade.")
    refused = staff_client.post(delete_url(cell), data)
    assert "a text-direction character" in refused.content.decode()
    assert "Withdrawn\u202e grade." in refused.content.decode()  # kept in its box
    assert EvidenceCell.objects.filter(pk=cell.pk).exists()
    assert not ChangeNote.objects.exists()


def test_deleting_a_cell_of_a_form_readers_cannot_see_yet_needs_no_note(staff_client):
    cell = EvidenceCellFactory(compound=DraftMagnesiumCompoundFactory())
    page = staff_client.get(delete_url(cell)).content.decode()
    assert 'name="change_note"' not in page
    assert staff_client.post(delete_url(cell), submitted_form(page)).status_code == 302
    assert not EvidenceCell.objects.exists() and not ChangeNote.objects.exists()


def test_the_lists_delete_action_keeps_grades_readers_see_for_their_own_pages(staff_client):
    seen = EvidenceCellFactory(compound=MagnesiumCompoundFactory(name="Magnesium citrate"))
    unseen = EvidenceCellFactory(compound=DraftMagnesiumCompoundFactory())
    action = {"action": "delete_selected", "_selected_action": [seen.pk, unseen.pk]}
    url = reverse("admin:evidence_evidencecell_changelist")
    for data in (action, {**action, "post": "yes"}):
        response = staff_client.post(url, data, follow=True)
        assert "delete each from its own page" in response.content.decode()
        assert EvidenceCell.objects.count() == 2

    only_unseen = {**action, "_selected_action": [unseen.pk], "post": "yes"}
    staff_client.post(url, only_unseen)
    assert list(EvidenceCell.objects.all()) == [seen]
    assert not ChangeNote.objects.exists()


def admin_delete_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])


def test_deleting_a_form_whose_grades_readers_see_needs_a_note_shown_on_each_outcome(
    staff_client, client
):
    citrate = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    migraine = OutcomeFactory(name="Migraine prevention", slug="migraine")
    cramps = OutcomeFactory(name="Muscle cramps", slug="cramps")
    for outcome in (migraine, cramps):
        EvidenceCellFactory(outcome=outcome, compound=citrate)
    page = staff_client.get(admin_delete_url(citrate)).content.decode()
    assert "Readers see what it takes away on the pages of Migraine prevention and Muscle" in (page)

    refused = staff_client.post(admin_delete_url(citrate), submitted_form(page))
    assert "Write a short change note for readers" in refused.content.decode()
    assert MagnesiumCompound.objects.filter(pk=citrate.pk).exists()

    note = "Removed magnesium citrate: it is now covered on the page of each of its salts."
    data = submitted_form(page, change_note=note)
    assert staff_client.post(admin_delete_url(citrate), data).status_code == 302
    assert not EvidenceCell.objects.exists()
    for slug in ("migraine", "cramps"):
        assert note in visible_text(client.get(f"/evidence/{slug}/changes/"))


@pytest.mark.parametrize(
    "make",
    [
        # A draft's grades are not shown to readers.
        lambda: EvidenceCellFactory(compound=DraftMagnesiumCompoundFactory()).compound,
        # An outcome deleted takes its page, and its notes, with it.
        lambda: EvidenceCellFactory(compound=MagnesiumCompoundFactory()).outcome,
    ],
)
def test_a_deletion_that_changes_no_page_readers_keep_needs_no_note(staff_client, make):
    record = make()
    page = staff_client.get(admin_delete_url(record)).content.decode()
    assert 'name="change_note"' not in page
    assert staff_client.post(admin_delete_url(record), submitted_form(page)).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
    assert not ChangeNote.objects.exists()


def test_the_forms_delete_action_keeps_a_form_whose_grades_readers_see(staff_client):
    citrate = EvidenceCellFactory(compound=MagnesiumCompoundFactory(name="Magnesium citrate"))
    url = reverse("admin:comparisons_magnesiumcompound_changelist")
    data = {"action": "delete_selected", "_selected_action": [citrate.compound_id], "post": "yes"}
    response = staff_client.post(url, data, follow=True)
    assert "Deleting Magnesium citrate changes what readers see on other pages" in (
        response.content.decode()
    )
    assert MagnesiumCompound.objects.filter(pk=citrate.compound_id).exists()
