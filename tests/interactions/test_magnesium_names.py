"""/interactions/?medicine= with a name that is magnesium itself ("milk of magnesia", a form's
name or other name) or a medicine not on the list, which may be an antacid or laxative holding
magnesium (interactions/magnesium_names.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Reference
from tests.factories import (
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
)
from tests.helpers import visible_text
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db

IS_MAGNESIUM = "is magnesium itself, not a medicine on our list"
ANTACIDS = (
    "Some antacids and laxatives contain magnesium themselves{cite}: if your medicine's label "
    "lists a magnesium salt, such as magnesium hydroxide, oxide or carbonate, count it as "
    "magnesium and add it as a product in the calculator."
)


@pytest.fixture
def site(db):
    ods = ReferenceFactory(key="ods-magnesium-hp", title="Magnesium fact sheet")
    MedicineFactory(
        name="Quinolone antibiotics",
        slug="quinolones",
        before_hours=2,
        after_hours=6,
        aliases=["ciprofloxacin", "Cipro"],
        references=[ods],
    )
    MagnesiumCompoundFactory(
        name="Magnesium hydroxide", slug="magnesium-hydroxide", other_names="milk of magnesia"
    )
    MagnesiumCompoundFactory(
        name="Magnesium sulfate (Epsom salt)",
        slug="magnesium-sulfate",
        other_names="Epsom salt\nmagnesium sulphate\nbath salts",
    )


def answer(client, query: str) -> tuple[str, str]:
    response = client.get(f"/interactions/?{query}")
    assert response.status_code == 200
    return response.content.decode(), visible_text(response)


@pytest.mark.parametrize(
    "name, form",
    [
        ("milk of magnesia", "Magnesium hydroxide"),
        ("MILK OF  MAGNESIA", "Magnesium hydroxide"),
        ("Magnesium-Hydroxide", "Magnesium hydroxide"),
        ("epsom salt", "Magnesium sulfate (Epsom salt)"),
        ("magnesium sulfate", "Magnesium sulfate (Epsom salt)"),
    ],
)
def test_a_form_of_magnesium_typed_as_a_medicine_is_answered_as_magnesium_itself(
    client, site, name, form
):
    _page, text = answer(client, f"medicine={name}")
    shown = " ".join(name.split())
    assert f"“{shown}” {IS_MAGNESIUM}: see {form}." in text
    assert "If you take it by mouth, add it as a product in the calculator, so that it counts" in (
        text
    )
    assert "the rules on this list for keeping medicines apart from magnesium apply" in text
    assert "not in our list" not in text
    assert "Some antacids" not in text


@pytest.mark.parametrize("name", ["magnesium", "Magnesium 400 mg tablets", "magnesium supplement"])
def test_magnesium_with_no_form_typed_as_a_medicine_is_answered_as_magnesium_itself(
    client, site, name
):
    """It was answered "not in our list: ask your pharmacist", with the line on antacids that
    contain magnesium, on the page that times medicines against magnesium."""
    page, text = answer(client, f"medicine=Cipro&medicine={name}")
    assert f"“{name}” {IS_MAGNESIUM}. If you take it by mouth, add it as a product in the " in text
    assert "calculator with the form named on its label, so that it counts towards" in text
    assert "not in our list" not in text and "Some antacids" not in text
    link = "/calculator/?medicine=Cipro#product-1"
    assert f'<a href="{link}">add it as a product in the calculator</a>' in page


def test_the_json_export_names_magnesium_typed_as_a_medicine(client, site):
    """Refused, as the export lists medicines; it said only "not a medicine on our list"."""
    response = client.get("/interactions.json?medicine=milk+of+magnesia&medicine=magnesium")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        "medicine=milk of magnesia: magnesium itself (Magnesium hydroxide), not a medicine on "
        "our list",
        "medicine=magnesium: magnesium itself, not a medicine on our list",
    ]


def test_an_other_name_that_does_not_say_magnesium_is_not_answered_as_magnesium(client, site):
    """ "bath salts", an other name of Epsom salt, are also sold made of other salts (and it
    is a street drug's name): it was answered "is magnesium itself ... add it as a product",
    beside the sulfate page's own "do not drink bath salts"."""
    _page, text = answer(client, "medicine=bath+salts")
    assert IS_MAGNESIUM not in text
    assert "“bath salts” is not in our list: ask your pharmacist." in text


def test_its_calculator_link_adds_the_form_and_keeps_the_medicines_found(client, site):
    page, _text = answer(client, "medicine=Cipro&medicine=milk+of+magnesia")
    assert 'href="/forms/magnesium-hydroxide/"' in page
    link = "/calculator/?medicine=Cipro&amp;form=magnesium-hydroxide#product-1"
    assert f'<a href="{link}">add it as a product in the calculator</a>' in page
    # The medicine found keeps its own answer.
    assert 'id="result-quinolones"' in page


def test_a_draft_form_is_not_magnesium_to_readers(client, site):
    DraftMagnesiumCompoundFactory(name="Magnesium pidolate", other_names="pidolate drops")
    _page, text = answer(client, "medicine=pidolate+drops&medicine=milk+of+magnesia")
    assert "“pidolate drops” is not in our list: ask your pharmacist." in text
    assert f"“milk of magnesia” {IS_MAGNESIUM}" in text
    assert text.count(IS_MAGNESIUM) == 1


def test_a_name_not_on_the_list_is_told_some_antacids_hold_magnesium_with_the_source(client, site):
    page, text = answer(client, "medicine=zzzantacid&medicine=qqqlaxative")
    assert "“zzzantacid” is not in our list: ask your pharmacist." in text
    assert text.count(ANTACIDS.format(cite="reference 1")) == 1
    assert re.search(r'class="cite-ref" href="#ref-1" title="Magnesium fact sheet"', page)
    assert "Magnesium fact sheet" in text.split("References")[-1]


def test_no_antacid_line_when_every_name_is_on_the_list_or_magnesium(client, site):
    _page, text = answer(client, "medicine=cipro&medicine=milk+of+magnesia")
    assert f"“milk of magnesia” {IS_MAGNESIUM}" in text
    assert "Some antacids" not in text


def test_the_antacid_line_stands_without_a_number_when_its_source_is_gone(client, site):
    Reference.objects.filter(key="ods-magnesium-hp").delete()
    _page, text = answer(client, "medicine=zzzantacid")
    assert ANTACIDS.format(cite="") in text


def queries_for(client, url: str) -> tuple[list[str], str]:
    """The SQL a page runs, and its text."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"].lower() for query in queries.captured_queries], visible_text(response)


def test_forms_are_looked_up_only_for_names_not_on_the_list_at_a_constant_cost(
    client, site, no_page_cache
):
    found_only, _text = queries_for(client, "/interactions/?medicine=cipro")
    assert not any("magnesiumcompound" in sql for sql in found_only)
    one = "/interactions/?medicine=epsom+salt&medicine=nope"
    several = (
        "/interactions/?medicine=nope&medicine=milk+of+magnesia&medicine=epsom+salt&medicine=x"
    )
    small, text = queries_for(client, several)
    assert text.count(IS_MAGNESIUM) == 2
    assert len(queries_for(client, one)[0]) == len(small)
    for n in range(40):
        MagnesiumCompoundFactory(other_names=f"other name {n}\nanother {n}")
    assert [len(queries_for(client, url)[0]) for url in (one, several)] == [len(small)] * 2
