"""A medicine's address in lower case only: "/interactions/Gabapentin/" beside
"/interactions/gabapentin/" would be two pages that look the same. (Its names are compared
without capitals already: tests/interactions/test_names.py.)"""

import pytest
from django.db import IntegrityError, transaction

from interactions.models import Medicine
from tests.helpers import saved_in_admin
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def test_admin_refuses_capitals_in_a_medicines_slug(staff_client):
    medicine = MedicineFactory(slug="gabapentin")
    response = saved_in_admin(staff_client, medicine, slug="Gabapentin", change_note="Moved.")
    assert "Use lower case only (“gabapentin”, not “Gabapentin”)" in response.content.decode()
    medicine.refresh_from_db()
    assert medicine.slug == "gabapentin"


def test_the_database_refuses_capitals_in_a_medicines_slug():
    medicine = MedicineFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Medicine.objects.filter(pk=medicine.pk).update(slug="Gabapentin")
