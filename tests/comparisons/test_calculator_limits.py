"""The day's totals against the limits: supplements and medicines together against the upper
limit, with a warning that says what happens above it; the kidney and children's cautions."""

import re

import pytest

from tests.comparisons.calculator_helpers import (
    WOMAN,
    calculate,
    calculate_query,
    visible_text,
)

pytestmark = pytest.mark.django_db


def test_a_supplement_and_an_antacid_together_go_over_the_upper_limit(client, day_site):
    glycinate = f"form=magnesium-glycinate&mg=1000&{WOMAN}"
    antacid = f"form=magnesium-hydroxide&mg=600&{WOMAN}"
    for alone in (glycinate, antacid):
        assert "Above the upper limit" not in visible_text(calculate_query(client, alone))
    text = visible_text(calculate_query(client, f"form=magnesium-glycinate&mg=1000&{antacid}"))
    assert (
        "Above the upper limit. 391 mg a day from your supplements and medicines together "
        "is more than 350 mg"
    ) in text
    assert "the most magnesium from supplements and medicines advised for your age group" in text
    assert "diarrhoea, the first sign of too much magnesium" in text
    assert "141 mg + 250.2 mg = 391.2 mg of magnesium a day from supplements" in text
    assert "Dietary Reference Intakes for Magnesium" in text  # the limit's source is cited


def test_exactly_the_upper_limit_from_two_products_is_within_it(client, day_site):
    text = visible_text(
        calculate(
            client,
            form=["magnesium-glycinate", "other"],
            elemental_mg=["200", "150"],
            age="31-50",
            sex="female",
        )
    )
    assert "Above the upper limit" not in text
    assert "Within the upper limit of 350 mg" in text


def test_just_over_the_upper_limit_shows_the_decimal_that_puts_it_over(client, day_site):
    text = visible_text(
        calculate(
            client,
            form=["magnesium-glycinate", "other"],
            elemental_mg=["200", "150.3"],
            age="31-50",
            sex="female",
        )
    )
    assert "Above the upper limit. 350.3 mg a day" in text
    assert "350 mg a day from your supplements and medicines together is more than" not in text


def test_food_never_pushes_the_day_over_the_upper_limit(client, day_site):
    query = "form=magnesium-glycinate&elemental_mg=300&food=almonds-dry-roasted&food_servings=5"
    text = visible_text(calculate_query(client, f"{query}&{WOMAN}"))
    assert "700 mg in all" in text
    assert "Above the upper limit" not in text


def test_reduced_kidney_function_gets_its_own_caution_with_sources(client, day_site):
    response = calculate_query(client, f"form=magnesium-glycinate&mg=500&kidney=1&{WOMAN}")
    text = visible_text(response)
    assert "With reduced kidney function, ask your doctor first" in text
    assert "can build up in the blood" in text
    assert "staying under it is not enough" in text  # even within the upper limit
    assert "An Update on Hypomagnesemia" in text
    assert "Magnesium: Fact Sheet for Health Professionals" in text
    # The general caution gives way to the reader's own.
    assert "Kidney disease?" not in text
    assert re.search(
        r'<input type="checkbox" name="kidney" value="1"[^>]* checked', response.content.decode()
    )


def test_without_kidney_the_result_keeps_the_general_caution(client, day_site):
    text = visible_text(calculate_query(client, f"form=magnesium-glycinate&mg=500&{WOMAN}"))
    assert "Kidney disease?" in text
    assert "With reduced kidney function" not in text
    assert "Fact Sheet for Health Professionals" not in text  # not cited when not shown


@pytest.mark.parametrize("value", ["yes", "on", "TRUE"])
def test_kidney_is_understood_in_other_spellings(client, day_site, value):
    text = visible_text(calculate(client, form="magnesium-glycinate", mg="500", kidney=value))
    assert "With reduced kidney function" in text


def test_an_odd_kidney_value_is_a_message(client, day_site):
    response = calculate(client, form="magnesium-glycinate", mg="500", kidney="maybe")
    text = visible_text(response)
    assert response.status_code == 200
    assert text.count("Tick the box, or leave it empty (“maybe” is neither)") == 2
    assert "Your result" not in text


@pytest.mark.parametrize(
    ("age", "limit", "group"),
    [("1-3", 65, "1 to 3 years"), ("4-8", 110, "4 to 8 years"), ("9-13", 350, "9 to 13 years")],
)
def test_a_childs_group_gets_the_childrens_caution(client, day_site, age, limit, group):
    text = visible_text(calculate(client, form="other", elemental_mg="50", age=age))
    assert f"For a child. The upper limit for {group} is {limit} mg a day" in text
    # From 9 years a child's limit is an adult's.
    assert ("far below an adult's" in text) == (limit < 350)
    assert "only if a doctor or pharmacist advises it" in text


@pytest.mark.parametrize("age", ["14-18", "31-50", "0-6"])
def test_teenagers_adults_and_babies_get_no_childrens_caution(client, day_site, age):
    text = visible_text(calculate(client, form="other", elemental_mg="20", age=age, sex="female"))
    assert "For a child" not in text
