"""Magnesium typed where the calculator asks for a medicine ("milk of magnesia") is magnesium
itself, and a medicine not on the list may be an antacid or laxative holding magnesium
(comparisons/calculator_magnesium.py)."""

import re
from decimal import Decimal

import pytest

from tests.comparisons.calculator_helpers import (
    calculate,
    calculate_query,
    medicine_part,
    visible_text,
)
from tests.factories import DraftMagnesiumCompoundFactory, MagnesiumCompoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hydroxide(calculator_site):
    return MagnesiumCompoundFactory(
        name="Magnesium hydroxide",
        slug="magnesium-hydroxide",
        other_names="milk of magnesia\nMg(OH)2",
        elemental_percent=Decimal("41.7"),
    )


IS_MAGNESIUM = "is magnesium itself, not a medicine on our list"


@pytest.mark.parametrize(
    "name", ["milk of magnesia", "Milk  of MAGNESIA", "magnesium hydroxide 400 mg tablets"]
)
def test_a_form_of_magnesium_on_a_medicine_line_is_answered_as_magnesium_itself(
    client, medicines, hydroxide, name
):
    """Typed as a medicine, it is no unknown medicine: it counts as a product, and the
    list's rules for keeping medicines apart from magnesium apply to it."""
    response = calculate(client, medicine=[name, "cipro"])
    part = medicine_part(response)
    shown = " ".join(name.split())
    assert f"“{shown}” {IS_MAGNESIUM}: see Magnesium hydroxide." in part
    assert (
        "If you take it by mouth, add it as a product, so that it counts towards your day's" in part
    )
    assert "the rules on our list for keeping medicines apart from magnesium apply" in part
    assert "not in our list: ask your pharmacist" not in part
    page = response.content.decode()
    assert 'href="/forms/magnesium-hydroxide/"' in page
    # The reader's other medicine is still planned for.
    assert "Suggested times for magnesium: 10:00 to 22:00." in part


def test_magnesium_with_no_form_on_a_medicine_line_is_answered_as_magnesium_itself(
    client, medicines, hydroxide
):
    """It was "not in our list: ask your pharmacist", and left out beside the total."""
    response = calculate(
        client, form="magnesium-glycinate", mg="1000", medicine=["Magnesium 250 mg", "cipro"]
    )
    part = medicine_part(response)
    assert f"“Magnesium 250 mg” {IS_MAGNESIUM}. If you take it by mouth, add it as a product" in (
        part
    )
    assert "with the form named on its label" in part
    assert "not in our list" not in part
    assert "Not counted above: “Magnesium 250 mg”" in visible_text(response)


def test_magnesium_on_a_medicine_line_is_said_beside_the_total_it_is_not_in(
    client, medicines, hydroxide
):
    """The total and its verdict left it out, and could look safe, with the answer far below."""
    response = calculate(
        client, form="magnesium-glycinate", mg="1000", medicine=["milk of magnesia"]
    )
    text = visible_text(response)
    result = text[text.index("Your result") : text.index("How this was worked out")]
    assert "Not counted above: “milk of magnesia”, on your medicine lines, is magnesium" in result
    assert "add it as a product" in result


def test_a_form_is_found_by_its_name_without_the_note_in_brackets(client, medicines):
    part = medicine_part(calculate(client, medicine="magnesium sulfate"))
    assert f"“magnesium sulfate” {IS_MAGNESIUM}: see Magnesium sulfate (Epsom salt)." in part


def test_a_draft_form_is_not_named_as_magnesium(client, medicines, hydroxide):
    DraftMagnesiumCompoundFactory(name="Magnesium pidolate", other_names="pidolate drops")
    part = medicine_part(calculate(client, medicine=["pidolate drops", "milk of magnesia"]))
    assert "“pidolate drops” is not in our list: ask your pharmacist" in part
    assert f"“milk of magnesia” {IS_MAGNESIUM}" in part
    assert part.count(IS_MAGNESIUM) == 1


def test_adding_it_as_a_product_moves_its_line_to_the_first_empty_product_line(
    client, medicines, hydroxide
):
    """Every other value is kept, each medicine with its own time; the blank product line
    the form sends is filled, and the page opens at it."""
    query = (
        "form=magnesium-glycinate&mg=500&form=&mg=&elemental_mg=&servings=1&age=31-50"
        "&medicine=cipro&medicine_time=08:00&medicine=milk+of+magnesia&medicine_time=21:00"
        "&medicine=Synthroid&medicine_time=06:00"
    )
    page = calculate_query(client, query).content.decode()
    link = (
        "/calculator/?form=magnesium-glycinate&amp;form=magnesium-hydroxide&amp;mg=500&amp;mg="
        "&amp;elemental_mg=&amp;servings=1&amp;age=31-50&amp;medicine=cipro&amp;medicine=Synthroid"
        "&amp;medicine_time=08%3A00&amp;medicine_time=06%3A00#product-2"
    )
    assert f'<a href="{link}">add it as a product</a>' in page


def test_adding_it_as_a_product_from_a_list_in_one_box_keeps_the_lists_other_names(
    client, medicines, hydroxide
):
    page = calculate_query(client, "medicine=milk+of+magnesia,+cipro&medicine_time=20:00")
    link = re.search(r'href="([^"]+)">add it as a product<', page.content.decode())[1]
    assert link == (
        "/calculator/?medicine=cipro&amp;medicine_time=20%3A00&amp;form=magnesium-hydroxide"
        "#product-1"
    )
    added = client.get(link.replace("&amp;", "&")).content.decode()
    assert IS_MAGNESIUM not in added


def test_the_product_added_opens_with_its_form_chosen_for_its_amount(client, medicines, hydroxide):
    response = calculate_query(client, "medicine=milk+of+magnesia")
    link = re.search(r'href="([^"]+)">add it as a product<', response.content.decode())[1]
    assert link == "/calculator/?form=magnesium-hydroxide#product-1"
    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert re.search(r'<option value="magnesium-hydroxide"[^>]*selected', page)
    assert IS_MAGNESIUM not in page


def test_a_medicine_not_on_the_list_is_told_some_antacids_hold_magnesium_with_the_source(
    client, medicines
):
    response = calculate(client, medicine=["zzzz", "qqqq"])
    part = medicine_part(response)
    line = (
        "Some antacids and laxatives contain magnesium themselves"
        "reference 1: if your medicine's label lists a magnesium salt, such as magnesium "
        "hydroxide, oxide or carbonate, count it as magnesium and add it as a product below."
    )
    assert part.count(line) == 1
    # Its source is the NIH fact sheet, the first reference of the page.
    page = response.content.decode()
    assert 'class="cite-ref" href="#ref-1" title="Magnesium fact sheet"' in page
    assert "Magnesium fact sheet" in visible_text(response).split("References")[-1]


def test_no_antacid_line_when_every_name_is_a_medicine_or_magnesium(client, medicines, hydroxide):
    part = medicine_part(calculate(client, medicine=["cipro", "antibiotic", "milk of magnesia"]))
    assert f"“milk of magnesia” {IS_MAGNESIUM}" in part
    assert "Some antacids" not in part
