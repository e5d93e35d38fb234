"""Capitals in an outcome's address and names: "SLEEP" at /evidence/Sleep/ beside "Sleep" at
/evidence/sleep/ gave two pages and two matrix columns that looked the same."""

import pytest
from django.db import IntegrityError, transaction

from evidence.models import Outcome
from tests.evidence.factories import OutcomeFactory
from tests.helpers import saved_in_admin

pytestmark = pytest.mark.django_db


def test_admin_refuses_capitals_in_an_outcomes_slug(staff_client):
    outcome = OutcomeFactory(slug="sleep")
    response = saved_in_admin(staff_client, outcome, slug="Sleep")
    assert "Use lower case only (“sleep”, not “Sleep”)" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.slug == "sleep"


@pytest.mark.parametrize("field", ["name", "short_name"])
def test_admin_refuses_an_outcome_name_or_column_heading_another_has_in_other_capitals(
    staff_client, field
):
    OutcomeFactory(**{field: "Sleep"})
    outcome = OutcomeFactory()
    before = getattr(outcome, field)
    response = saved_in_admin(staff_client, outcome, **{field: "SLEEP"})
    text = response.content.decode()
    assert "Outcome “Sleep” already has this" in text and "in other capitals" in text
    outcome.refresh_from_db()
    assert getattr(outcome, field) == before


@pytest.mark.parametrize("change", [{"slug": "Sleep"}, {"name": "SLEEP"}, {"short_name": "SLEEP"}])
def test_the_database_refuses_capitals_in_a_slug_or_a_name_taken_in_other_capitals(change):
    OutcomeFactory(slug="sleep", name="Sleep", short_name="Sleep")
    outcome = OutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.filter(pk=outcome.pk).update(**change)
