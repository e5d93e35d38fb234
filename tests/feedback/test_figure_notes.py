""" "Minor change" is refused when a save of a page readers can open changes a figure they
see: its note must be shown to them (feedback/figure_notes.py)."""

import pytest
from django.urls import reverse

from comparisons.models import MagnesiumCompound
from feedback.models import ChangeNote
from tests.evidence.factories import EvidenceCellFactory
from tests.factories import (
    CompoundSaltFactory,
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    PreparationFactory,
    with_sources,
)
from tests.helpers import saved_in_admin
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db

MINOR = {"minor_change": "on", "change_note": ""}


def refusals(response) -> list[str]:
    """The form's errors and its inline rows' (each formset's own), as the page shows them."""
    context = response.context
    errors = list(context["adminform"].form.errors.get("minor_change", []))
    for inline in context["inline_admin_formsets"]:
        errors += inline.formset.non_form_errors()
    return errors


def test_minor_is_refused_when_a_forms_dose_changes(staff_client):
    """The highest dose went from 350 to 500 mg with Minor ticked: readers saw "200-500 mg"
    and "No changes have been noted"."""
    form = with_sources(MagnesiumCompoundFactory(dose_high_mg=350))
    response = saved_in_admin(staff_client, form, dose_high_mg="500", **MINOR)
    assert refusals(response) == [
        "This save changes what readers see as a figure: highest typical dose (mg "
        "elemental/day). Its note must be shown to them: untick “Minor change” and write a "
        "change note for readers."
    ]
    form.refresh_from_db()
    assert form.dose_high_mg == 350


def test_minor_is_kept_for_a_change_of_words(staff_client):
    form = with_sources(MagnesiumCompoundFactory())
    response = saved_in_admin(staff_client, form, summary="A form of magnesium, reworded.", **MINOR)
    assert response.status_code == 302
    assert ChangeNote.objects.for_readers().count() == 0


def test_minor_is_kept_for_a_figure_of_a_draft(staff_client):
    form = with_sources(DraftMagnesiumCompoundFactory(dose_high_mg=350))
    assert saved_in_admin(staff_client, form, dose_high_mg="300", **MINOR).status_code == 302


def with_salt_source(salt):
    salt.refs.add(*salt.compound.elemental_refs.all())
    return salt


def test_minor_is_refused_when_a_salts_figure_changes(staff_client):
    form = with_sources(MagnesiumCompoundFactory(elemental_percent="10.0"))
    salt = with_salt_source(CompoundSaltFactory(compound=form, name="magnesium x", is_default=True))
    prefix = "salts-0"
    response = saved_in_admin(
        staff_client, form, **{f"{prefix}-elemental_percent": "12.0"}, **MINOR
    )
    [message] = refusals(response)
    assert message.startswith(
        "This save changes what readers see as a figure: the elemental magnesium (% by weight) "
        "of salt or hydrate “magnesium x”."
    )
    salt.refresh_from_db()
    assert str(salt.elemental_percent) == "10.00"


def test_minor_is_refused_when_a_preparations_dose_changes_but_not_its_wording(staff_client):
    form = with_sources(MagnesiumCompoundFactory())
    tablet = PreparationFactory(compound=form, name="Tablet", use="One 250 mg tablet a day.")
    tablet.refs.add(*form.dose_refs.all())
    reworded = saved_in_admin(
        staff_client, form, **{"preparations-0-use": "Take one 250 mg tablet daily."}, **MINOR
    )
    print(
        reworded.context and reworded.context["adminform"].form.errors,
        [i.formset.errors for i in reworded.context["inline_admin_formsets"]]
        if reworded.context
        else "",
    )
    assert reworded.status_code == 302
    form.refresh_from_db()
    response = saved_in_admin(
        staff_client, form, **{"preparations-0-use": "Take one 400 mg tablet daily."}, **MINOR
    )
    [message] = refusals(response)
    assert f": the typical use or dose of preparation “{form.name}: Tablet”." in message


def test_minor_is_refused_when_a_medicines_hours_change(staff_client):
    medicine = MedicineFactory(before_hours=2)
    response = saved_in_admin(staff_client, medicine, before_hours="4", **MINOR)
    [message] = refusals(response)
    assert ": hours before magnesium." in message


def test_minor_is_refused_when_an_evidence_grade_changes(staff_client):
    cell = EvidenceCellFactory(grade="moderate")
    response = saved_in_admin(staff_client, cell, grade="strong", **MINOR)
    [message] = refusals(response)
    assert ": grade." in message


def test_a_noted_dose_change_is_saved_and_shown_to_readers(staff_client):
    form = with_sources(MagnesiumCompoundFactory(dose_high_mg=350))
    note = "Raised the highest typical dose to 400 mg."
    response = saved_in_admin(staff_client, form, dose_high_mg="400", change_note=note)
    assert response.status_code == 302
    assert MagnesiumCompound.objects.get().dose_high_mg == 400
    assert ChangeNote.objects.for_readers().get().note == note
    assert reverse("admin:comparisons_magnesiumcompound_changelist") in response.url
