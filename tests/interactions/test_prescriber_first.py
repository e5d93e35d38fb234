"""A medicine whose rule says not to start magnesium unless its prescriber agrees (quinidine:
spacing does not stop antacid doses raising its level; digoxin: tell the doctor before you
start or stop it): the finder, its page, the export and the admin say so."""

import pytest
from django.urls import reverse

from tests.factories import ReferenceFactory
from tests.helpers import load_starter_content, visible_text
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
