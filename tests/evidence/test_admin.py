"""An outcome's admin page at any size (an outcome may have a cell for every form), the
outcome list's positions, and the grades a reference is the only source of."""

import pytest
import reversion
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from evidence.models import EvidenceCell
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import (
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
    StaffFactory,
    UserFactory,
    with_sources,
)
from tests.helpers import list_row, submitted_form

pytestmark = pytest.mark.django_db


def outcome_url(outcome) -> str:
    return reverse("admin:evidence_outcome_change", args=[outcome.pk])


def cells_for(outcome, count: int) -> list[EvidenceCell]:
    return [
        EvidenceCellFactory(outcome=outcome, compound=MagnesiumCompoundFactory())
        for _ in range(count)
    ]


def test_outcome_page_lists_each_cell_with_a_link_to_edit_it(staff_client):
    outcome = OutcomeFactory(name="Migraine prevention")
    general = EvidenceCellFactory(outcome=outcome, summary="Fewer attacks in two trials.")
    [cell] = cells_for(outcome, 1)
    html = staff_client.get(outcome_url(outcome)).content.decode()
    for each in (general, cell):
        assert reverse("admin:evidence_evidencecell_change", args=[each.pk]) in html
    assert "Magnesium in general" in html
    assert cell.compound.name in html
    assert "Fewer attacks in two trials." in html


def test_outcome_page_queries_do_not_grow_with_its_cells(staff_client):
    def queries_for(outcome) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(outcome_url(outcome)).status_code == 200
        return len(queries)

    small, large = OutcomeFactory(), OutcomeFactory()
    cells_for(small, 2)
    cells_for(large, 12)
    assert queries_for(large) == queries_for(small)


def test_outcome_with_more_cells_than_the_form_field_limit_can_be_saved(staff_client, settings):
    """Django refuses a form posting more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields (1,000
    by default: about 500 cells when each cell was a row of the outcome's form)."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 30
    outcome = OutcomeFactory()
    cells_for(outcome, 20)
    html = staff_client.get(outcome_url(outcome)).content.decode()
    data = submitted_form(
        html, description="What the outcome means, reworded.", change_note="Reworded."
    )
    response = staff_client.post(outcome_url(outcome), data)
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.description == "What the outcome means, reworded."


def test_restoring_an_old_outcome_version_keeps_cells_added_since(staff_client):
    outcome = OutcomeFactory(description="First wording.")
    with reversion.create_revision():
        outcome.save()
    [old_version] = reversion.models.Version.objects.get_for_object(outcome)
    [added] = cells_for(outcome, 1)
    restore = reverse("admin:evidence_outcome_revision", args=[outcome.pk, old_version.pk])
    data = submitted_form(staff_client.get(restore).content.decode(), minor_change="on")
    assert staff_client.post(restore, data).status_code == 302
    assert EvidenceCell.objects.filter(pk=added.pk).exists()


def delete_page_queries(client, outcome) -> tuple[int, str]:
    url = reverse("admin:evidence_outcome_delete", args=[outcome.pk])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return len(queries), page.content.decode()


def test_an_outcomes_delete_page_names_every_cell_for_at_most_a_query_a_cell(client):
    """The page where an editor confirms deleting an outcome names every cell that goes with
    it, each by its form. Django's confirmation page (admin.utils.get_deleted_objects) loads
    the cells with their outcome but not their form, so naming a cell costs one query (8
    queries with one cell, 19 with twelve); a second query a cell would show up here. The
    admin offers no hook to join the form short of copying Django's function."""
    client.force_login(UserFactory(username="writer"))
    call_command("add_editor", "writer", verbosity=0)
    small, large = OutcomeFactory(), OutcomeFactory()
    cells_for(small, 1)
    cells = cells_for(large, 12)
    few, _html = delete_page_queries(client, small)
    many, html = delete_page_queries(client, large)
    for cell in cells:
        assert f"{cell.compound.name}: {large.name}" in html
    assert many - few <= len(cells) - 1


def test_a_new_outcome_is_offered_the_next_number_after_the_last_column(staff_client):
    OutcomeFactory(position=10)
    OutcomeFactory(position=90)
    html = staff_client.get(reverse("admin:evidence_outcome_add")).content.decode()
    assert 'name="position" value="100"' in html


def reference_delete_page(client, reference) -> str:
    return client.get(
        reverse("admin:articles_reference_delete", args=[reference.pk])
    ).content.decode()


def test_the_only_source_of_a_grade_readers_see_cannot_be_deleted(editor_client):
    """Deleting it left a public grade with no source; a grade with another source, one
    of a draft form and 'No evidence' need none of it."""
    sole = ReferenceFactory(key="sole-2020")
    cell = EvidenceCellFactory(outcome=OutcomeFactory(name="Migraine"), references=[sole])
    page = reference_delete_page(editor_client, sole)
    cell_admin = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    assert (
        f'is the only source of <a href="{cell_admin}">Evidence cell “Magnesium in general: '
        "Migraine”</a>" in page
    )
    editor_client.post(reverse("admin:articles_reference_delete", args=[sole.pk]), {"post": "yes"})
    assert cell.references.get() == sole

    shared = ReferenceFactory(key="shared-2020")
    EvidenceCellFactory(references=[shared, ReferenceFactory()])
    EvidenceCellFactory(compound=DraftMagnesiumCompoundFactory(), references=[shared])
    EvidenceCellFactory(grade=EvidenceCell.Grade.NONE, references=[shared])
    assert "Are you sure you want to delete" in reference_delete_page(editor_client, shared)


def test_a_grade_with_no_study_in_people_counted_is_refused_beside_the_grade(staff_client):
    """Readers saw "Strong (harm) ... No studies counted"."""
    cell = EvidenceCellFactory()
    url = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    page = staff_client.get(url).content.decode()
    data = submitted_form(
        page, grade="strong", human_trials="0", human_reviews="0", lab_studies="3"
    )
    data.update(change_note="Regraded.", minor_change="on")
    html = staff_client.post(url, data).content.decode()
    error = html.split('id="id_grade_error"', 1)[1].split("</ul>", 1)[0]
    assert "A grade of &#x27;Strong" in error and "none is counted" in error
    cell.refresh_from_db()
    assert cell.grade == EvidenceCell.Grade.MODERATE


def test_recovering_a_form_says_which_of_its_grades_are_still_deleted(staff_client):
    """Its evidence grades, deleted with it, stayed deleted, and nothing said so."""
    with reversion.create_revision():
        taurate = with_sources(
            MagnesiumCompoundFactory(name="Magnesium taurate", slug="magnesium-taurate")
        )
        for name in ("Sleep", "Migraine"):
            EvidenceCellFactory(compound=taurate, outcome=OutcomeFactory(name=name))
    delete = reverse("admin:comparisons_magnesiumcompound_delete", args=[taurate.pk])
    staff_client.post(delete, {"post": "yes", "change_note": "Removed taurate's grades."})
    assert not EvidenceCell.objects.exists()

    version = Version.objects.get_deleted(type(taurate)).get()
    recover = reverse("admin:comparisons_magnesiumcompound_recover", args=[version.pk])
    page = staff_client.get(recover).content.decode()
    data = submitted_form(page, minor_change="on")
    response = staff_client.post(recover, data, follow=True)
    [said] = [str(message) for message in response.context["messages"]]
    cells = reverse("admin:evidence_evidencecell_recoverlist")
    assert "was recovered." in said
    assert f'Still deleted, of what belonged to it: 2 evidence cells (<a href="{cells}">' in said


def test_saving_the_outcome_list_keeps_a_position_another_editor_set_since_it_was_opened():
    """Bob's list still showed the old position; his save of another row put it back."""
    moved_later, moved_by_bob = OutcomeFactory(position=10), OutcomeFactory(position=20)
    alice, bob = Client(), Client()
    alice.force_login(StaffFactory(username="alice"))
    bob.force_login(StaffFactory(username="bob"))
    url = reverse("admin:evidence_outcome_changelist")
    bobs_list = bob.get(url).content.decode()
    alices_list = alice.get(url).content.decode()

    alice.post(
        url,
        submitted_form(
            alices_list, _save="Save", **{f"{list_row(alices_list, moved_later)}-position": "30"}
        ),
    )
    response = bob.post(
        url,
        submitted_form(
            bobs_list, _save="Save", **{f"{list_row(bobs_list, moved_by_bob)}-position": "5"}
        ),
    )

    assert response.status_code == 302
    moved_later.refresh_from_db()
    moved_by_bob.refresh_from_db()
    assert (moved_later.position, moved_by_bob.position) == (30, 5)
