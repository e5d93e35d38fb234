"""The rules of a cell: one per form and outcome, valid grades, and no grade above 'none'
without a reference (in the admin and in the starter loader)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from evidence.models import EvidenceCell
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import MagnesiumCompoundFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


def test_only_one_general_cell_per_outcome_even_though_the_form_is_null():
    cell = EvidenceCellFactory(compound=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceCell.objects.create(outcome=cell.outcome, summary="Again.", grade="none")


def test_only_one_cell_per_form_and_outcome():
    cell = EvidenceCellFactory(compound=MagnesiumCompoundFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceCell.objects.create(
            outcome=cell.outcome, compound=cell.compound, summary="Again.", grade="none"
        )


def test_a_form_and_the_general_row_may_both_have_a_cell_for_an_outcome():
    outcome = OutcomeFactory()
    EvidenceCellFactory(outcome=outcome)
    EvidenceCellFactory(outcome=outcome, compound=MagnesiumCompoundFactory())
    assert outcome.cells.count() == 2


def test_an_unknown_grade_is_refused_by_the_database():
    outcome = OutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceCell.objects.create(outcome=outcome, grade="miraculous", summary="Wow.")


def test_a_cell_without_a_summary_is_refused_by_the_database():
    outcome = OutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceCell.objects.create(outcome=outcome, grade="none", summary="")


@pytest.mark.parametrize("grade", ["strong", "moderate", "limited", "conflicting", "against"])
def test_a_grade_above_none_without_references_is_an_error(grade):
    cell = EvidenceCell(outcome=OutcomeFactory(), grade=grade, summary="Says something.")
    with pytest.raises(ValidationError) as error:
        cell.check_references([])
    assert "references" in error.value.message_dict


def test_grade_none_needs_no_reference_and_a_cited_grade_passes():
    outcome = OutcomeFactory()
    EvidenceCell(outcome=outcome, grade="none", summary="Nothing.").check_references([])
    cell = EvidenceCell(outcome=outcome, grade="strong", summary="Much.")
    cell.check_references([ReferenceFactory()])


def cell_form_data(cell: EvidenceCell, **overrides) -> dict:
    data = {
        "outcome": cell.outcome_id,
        "compound": cell.compound_id or "",
        "grade": cell.grade,
        "direction": cell.direction,
        "summary": cell.summary,
        "references": [ref.pk for ref in cell.references.all()],
        "human_trials": cell.human_trials,
        "human_reviews": cell.human_reviews,
        "lab_studies": cell.lab_studies,
        "edit_token_seen": str(cell.edit_token),
    }
    data.update(overrides)
    return data


def test_admin_refuses_a_grade_above_none_without_references_and_says_why(staff_client):
    cell = EvidenceCellFactory(grade="none")
    url = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    response = staff_client.post(url, cell_form_data(cell, grade="moderate", references=[]))
    assert response.status_code == 200
    assert "must cite the studies it rests on" in response.content.decode()
    cell.refresh_from_db()
    assert cell.grade == "none"


def test_admin_accepts_a_raised_grade_with_its_first_reference_in_the_same_save(staff_client):
    cell = EvidenceCellFactory(grade="none")
    reference = ReferenceFactory()
    url = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    response = staff_client.post(
        url,
        cell_form_data(
            cell,
            grade="moderate",
            references=[reference.pk],
            change_note="Graded moderate after a second trial.",
        ),
    )
    assert response.status_code == 302
    cell.refresh_from_db()
    assert cell.grade == "moderate"
    assert list(cell.references.all()) == [reference]


@pytest.mark.parametrize("model", ["outcome", "evidencecell"])
def test_admin_lists_and_add_pages_open(staff_client, model):
    EvidenceCellFactory()
    assert staff_client.get(reverse(f"admin:evidence_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:evidence_{model}_add")).status_code == 200


def test_saving_a_cell_makes_cached_pages_stale():
    from articles.models import ContentVersion

    before = ContentVersion.current()
    EvidenceCellFactory()
    assert ContentVersion.current() > before


def test_admin_lists_graded_cells_whose_reference_was_deleted(staff_client):
    reference = ReferenceFactory()
    orphan = EvidenceCellFactory(summary="Lost its source.", references=[reference])
    cited = EvidenceCellFactory(summary="Still cited.")
    EvidenceCellFactory(grade="none", summary="Nothing to cite.")
    reference.delete()
    assert list(EvidenceCell.objects.missing_references()) == [orphan]
    url = reverse("admin:evidence_evidencecell_changelist") + "?references=missing"
    html = staff_client.get(url).content.decode()
    assert str(orphan) in html and str(cited) not in html


def test_admin_refuses_a_mistyped_study_count_and_keeps_the_cell(staff_client):
    cell = EvidenceCellFactory(grade="none", human_reviews=1)
    url = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    response = staff_client.post(url, cell_form_data(cell, human_reviews=99999999999))
    assert response.status_code == 200
    assert "More than 500 studies of one outcome?" in response.content.decode()
    cell.refresh_from_db()
    assert cell.human_reviews == 1


def test_editors_filter_evidence_cells_by_form_or_magnesium_in_general(staff_client):
    citrate = EvidenceCellFactory(
        compound=MagnesiumCompoundFactory(name="Magnesium citrate"), summary="A citrate cell."
    )
    general = EvidenceCellFactory(compound=None, summary="A cell for magnesium in general.")
    url = reverse("admin:evidence_evidencecell_changelist")
    page = staff_client.get(url).content.decode()
    assert citrate.compound.name in page and "magnesium in general" in page
    by_form = staff_client.get(url, {"compound__id__exact": citrate.compound_id})
    assert list(by_form.context["cl"].result_list) == [citrate]
    general_only = staff_client.get(url, {"compound__isnull": "True"})
    assert list(general_only.context["cl"].result_list) == [general]


def test_a_grade_resting_only_on_animal_studies_or_labels_is_refused(staff_client):
    cell = EvidenceCellFactory(grade="none")
    animal = ReferenceFactory(key="rats-2019", kind="animal")
    label = ReferenceFactory(key="maker-2024", kind="label")
    url = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    data = cell_form_data(cell, grade="strong", references=[animal.pk, label.pk])
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "is about studies in people" in response.content.decode()
    cell.refresh_from_db()
    assert cell.grade == "none"

    trial = ReferenceFactory(key="trial-2021", kind="rct")
    data = cell_form_data(
        cell,
        grade="limited",
        references=[animal.pk, trial.pk],
        change_note="Graded from the trial in people.",
    )
    assert staff_client.post(url, data).status_code == 302
    cell.refresh_from_db()
    assert cell.grade == "limited"


@pytest.mark.parametrize("direction", ["benefit", "unclear"])
def test_evidence_against_with_a_benefit_or_no_direction_is_refused_beside_the_direction(
    staff_client, direction
):
    """Readers saw "Evidence against (benefit)"."""
    cell = EvidenceCellFactory(grade="none")
    url = reverse("admin:evidence_evidencecell_change", args=[cell.pk])
    data = cell_form_data(
        cell,
        grade="against",
        direction=direction,
        human_trials=2,
        references=[ReferenceFactory().pk],
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["direction"]
    assert error.startswith("'Evidence against' means the studies found no effect or found harm")
    cell.refresh_from_db()
    assert cell.grade == "none"
    harm = cell_form_data(
        cell,
        grade="against",
        direction="harm",
        human_trials=2,
        references=[ReferenceFactory().pk],
        change_note="Graded on two trials.",
    )
    assert staff_client.post(url, harm).status_code == 302
