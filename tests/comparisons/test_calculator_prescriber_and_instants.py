"""The calculator's times for magnesium around two kinds of rule a reader could misread: a
medicine whose prescriber must agree before magnesium is started at all (quinidine: spacing
does not stop antacid doses raising its level), and doses so close that only single instants,
exactly at the edges of their gaps, keep clear of them."""

import pytest

from tests.comparisons.calculator_helpers import calculate, calculate_query, medicine_part
from tests.interactions.factories import MedicineFactory

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


@pytest.fixture
def quinidine(calculator_site):
    return MedicineFactory(name="Quinidine", slug="quinidine", before_hours=4, after_hours=4)


def test_doses_leaving_only_instants_at_gap_edges_offer_no_suggested_time(client, quinidine):
    """06:00, 14:00 and 22:00 with 4 hours either side leave only 10:00 and 18:00, each
    exactly 4 hours from a dose: the page said "Suggested times for magnesium: 10:00, or
    18:00" beside "no magnesium from 10:00 to 18:00", and drew no green at all."""
    query = "&".join(f"medicine=quinidine&medicine_time={t}" for t in ("06:00", "14:00", "22:00"))
    response = calculate_query(client, query)
    part = medicine_part(response)
    assert "Suggested times" not in part
    assert "No stretch of time works: ask your pharmacist." in part
    assert "only at exactly 10:00 or 18:00, each at the very edge of a gap" in part
    assert "with no margin" in part
    # The gaps' words leave their edges out, as the planner does.
    assert "Quinidine at 14:00: no magnesium from just after 10:00 to just before 18:00" in part
    assert "magnesium fits only at exactly 10:00 or 18:00" in part
    # Each instant is drawn as a green mark over the gaps, so the picture shows it.
    html = response.content.decode()
    assert '<rect class="ok" x="98.5" y="2" width="3" height="18"/>' in html
    assert '<rect class="ok" x="178.5" y="2" width="3" height="18"/>' in html


def test_a_stretch_is_suggested_and_an_instant_beside_it_is_named_with_its_caveat(
    client, quinidine
):
    """08:00 and 16:00 leave 12:00 exactly, and 20:00 to 22:00: the stretch is the suggested
    time; the instant is not offered as casually."""
    response = calculate(client, medicine=["quinidine", "quinidine"], medicine_time=["8", "16"])
    part = medicine_part(response)
    assert "Suggested times for magnesium: 20:00 to 22:00." in part
    assert "Exactly 12:00 also keeps clear, but at the very edge of a gap, with no margin." in part
    assert "magnesium fits at 20:00 to 22:00; also at exactly 12:00" in part
