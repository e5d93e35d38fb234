"""The calculator's times for magnesium around two kinds of rule a reader could misread: a
medicine whose prescriber must agree before magnesium is started at all (quinidine: spacing
does not stop antacid doses raising its level), and doses so close that only single instants,
exactly at the edges of their gaps, keep clear of them."""

import pytest

from tests.comparisons.calculator_helpers import calculate_query, medicine_part

pytestmark = pytest.mark.django_db

# The reader audit's query: 800 mg of magnesium hydroxide a day, quinidine at 08:00.
AUDIT = (
    "medicine=quinidine&medicine_time=08:00&form=magnesium-hydroxide&mg=400&servings=2"
    "&age=60&sex=female"
)


def test_the_times_lead_with_the_agreement_of_the_doctor_who_prescribes_quinidine(
    client, starter_content
):
    response = calculate_query(client, AUDIT)
    assert response.status_code == 200
    part = medicine_part(response)
    assert (
        "If the doctor who prescribes your quinidine agrees that you take magnesium, these "
        "times keep it clear of your medicines: 12:00 to 22:00." in part
    )
    assert "Suggested times" not in part
    # Its card says so too, above what it rests on.
    assert "Before you start magnesium, ask the doctor who prescribes your quinidine." in part


def test_several_medicines_needing_their_prescribers_are_each_named(client, starter_content):
    part = medicine_part(
        calculate_query(client, "medicine=quinidine&medicine_time=08:00&medicine=Lanoxin")
    )
    assert (
        "If the doctors who prescribe your quinidine and digoxin agree that you take "
        "magnesium, these times keep it clear of your medicines: 12:00 to 22:00." in part
    )
    assert "Suggested times" not in part


def test_a_medicine_with_no_such_rule_still_gets_plain_suggested_times(client, starter_content):
    part = medicine_part(calculate_query(client, "medicine=gabapentin&medicine_time=08:00"))
    assert "Suggested times for magnesium:" in part
    assert "prescribes your" not in part
