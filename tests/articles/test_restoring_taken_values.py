"""Restoring a version that holds a value no two records may share, which another record
holds now: refused, naming both, with nothing changed. django-reversion said only "Could not
save … version - missing dependency", and the editor could not tell why."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from interactions.models import Medicine, MedicineAlias
from tests.evidence.factories import EvidenceCellFactory
from tests.factories import MagnesiumCompoundFactory
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def restore(client, medicine: Medicine, version: Version):
    url = reverse("admin:interactions_medicine_revision", args=[medicine.pk, version.pk])
    return client.get(url, follow=True)


def said(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_version_with_an_other_name_another_medicine_has_now_is_not_restored(staff_client):
    with reversion.create_revision():
        bisphosphonates = MedicineFactory(name="Bisphosphonates", aliases=["Zorblax"])
    version = Version.objects.get_for_object(bisphosphonates).get()
    MedicineAlias.objects.filter(name="Zorblax").delete()
    levothyroxine = MedicineFactory(name="Levothyroxine", aliases=["Zorblax"])

    response = restore(staff_client, bisphosphonates, version)

    [message] = said(response)
    assert message == (
        "This version cannot be restored: its other name “Zorblax” now belongs to "
        "“Levothyroxine”. Change that first, then try again; or compare this version with the "
        "current text and copy back what you need."
    )
    assert not bisphosphonates.aliases.exists()
    assert [alias.name for alias in levothyroxine.aliases.all()] == ["Zorblax"]


def test_a_version_with_an_address_another_medicine_has_now_is_not_restored(staff_client):
    with reversion.create_revision():
        medicine = MedicineFactory(name="Bisphosphonates", slug="bisphosphonates")
    version = Version.objects.get_for_object(medicine).get()
    Medicine.objects.filter(pk=medicine.pk).update(slug="bone-medicines")
    MedicineFactory(name="Alendronate", slug="bisphosphonates")

    [message] = said(restore(staff_client, medicine, version))
    assert message.startswith(
        "This version cannot be restored: its end of the web address now belongs to “Alendronate”."
    )


def test_an_other_name_the_medicine_itself_has_again_does_not_stop_the_restore(staff_client):
    """Deleted and typed again: the restore replaces the medicine's own rows."""
    with reversion.create_revision():
        medicine = MedicineFactory(name="Bisphosphonates", aliases=["Fosamax"])
    version = Version.objects.get_for_object(medicine).get()
    medicine.aliases.all().delete()
    MedicineAlias.objects.create(medicine=medicine, name="Fosamax")

    response = restore(staff_client, medicine, version)
    assert response.status_code == 200
    assert "cannot be restored" not in " ".join(said(response))


def test_recovering_a_grade_whose_form_and_outcome_have_another_since_is_refused(staff_client):
    """One cell per form and outcome, a constraint that holds only where the cell names a
    form: said in its own words."""
    with reversion.create_revision():
        cell = EvidenceCellFactory(compound=MagnesiumCompoundFactory(), references=[])
    version = Version.objects.get_for_object(cell).get()
    cell.delete()
    EvidenceCellFactory(outcome=cell.outcome, compound=cell.compound, references=[])

    url = reverse("admin:evidence_evidencecell_recover", args=[version.pk])
    [message] = said(staff_client.get(url, follow=True))
    assert message.startswith(
        "This version cannot be recovered: this form already has a cell for this outcome."
    )
