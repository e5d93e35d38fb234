"""A medicine whose rule says not to start magnesium unless its prescriber agrees (quinidine:
spacing does not stop antacid doses raising its level; digoxin: tell the doctor before you
start or stop it): the finder, its page, the export and the admin say so, and its picture
of the day words its gap's edges as the planner counts them."""

import pytest
from django.urls import reverse

from tests.factories import ReferenceFactory
from tests.helpers import load_starter_content, visible_text
from tests.interactions.factories import MedicineFactory
from tests.interactions.test_models_and_admin import add_form_data

pytestmark = pytest.mark.django_db

ASK_FIRST = "Before you start magnesium, ask the doctor who prescribes your quinidine."


@pytest.fixture
def starter(db):
    load_starter_content()


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response)


def test_the_finder_and_the_page_of_quinidine_say_to_ask_its_prescriber_first(client, starter):
    assert ASK_FIRST in page_text(client, "/interactions/?medicine=quinidine")
    assert ASK_FIRST in page_text(client, "/interactions/quinidine/")
    digoxin = page_text(client, "/interactions/?medicine=Lanoxin")
    assert "Before you start magnesium, ask the doctor who prescribes your digoxin." in digoxin
    # Not for a medicine whose rule is spacing alone.
    assert "Before you start magnesium" not in page_text(client, "/interactions/?medicine=cipro")


def test_the_export_says_which_medicines_need_their_prescriber_first(client, starter):
    rows = {row["slug"]: row for row in client.get("/interactions.json").json()}
    assert rows["quinidine"]["prescriber_first"] is True
    assert rows["digoxin"]["prescriber_first"] is True
    assert rows["quinolones"]["prescriber_first"] is False


def test_an_editor_marks_a_medicine_as_needing_its_prescriber_first(staff_client, client):
    add = reverse("admin:interactions_medicine_add")
    assert "Ask the prescriber before starting magnesium" in staff_client.get(add).content.decode()
    data = add_form_data(references=[ReferenceFactory().pk], prescriber_first="on")
    assert staff_client.post(add, data).status_code == 302
    text = page_text(client, "/interactions/testacycline/")
    assert "Before you start magnesium, ask the doctor who prescribes your testacycline." in text


def test_a_gaps_edges_are_worded_as_allowed_as_the_planner_allows_them(client):
    """A 08:00 dose with 4 hours either side said "keep magnesium away from 04:00 to 12:00"
    and "magnesium fits at 12:00 to 22:00": 12:00 both ruled out and offered."""
    MedicineFactory(name="Quinidine", slug="quinidine", before_hours=4, after_hours=4)
    text = page_text(client, "/interactions/quinidine/")
    assert "keep magnesium away from just after 04:00 to just before 12:00" in text
    assert "magnesium fits at 12:00 to 22:00" in text


def test_a_rule_leaving_one_instant_a_day_is_drawn_and_worded_with_no_margin(client):
    """12 hours either side of an 08:00 dose leave 20:00 alone: offered as "fits at 20:00"
    like any stretch, and drawn under the gap where no one could see it."""
    MedicineFactory(name="Halfdayzine", slug="halfdayzine", before_hours=12, after_hours=12)
    response = client.get("/interactions/halfdayzine/")
    text = visible_text(response)
    assert "magnesium fits only at exactly 20:00, at the very edge of a gap, with no margin" in text
    assert "ask your pharmacist whether your doses can move" in text
    assert '<rect class="ok" x="198.5" y="2" width="3" height="18"/>' in response.content.decode()
