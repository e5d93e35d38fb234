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


def test_above_the_limit_the_reader_learns_the_signs_of_too_much_magnesium(client, day_site):
    text = visible_text(calculate_query(client, f"form=magnesium-oxide&mg=700&{WOMAN}"))
    assert "Above the upper limit. 422 mg a day" in text
    assert "Get medical help at once for weakness, drowsiness, confusion" in text
    # As the form pages say: a laxative's label may go above it, for a few days.
    assert "label may give more than this for a few days" in text
    assert "Ask a doctor or pharmacist today" not in text


def test_an_amount_where_poisoning_has_been_reported_is_told_so_before_anything_else(
    client, day_site
):
    text = visible_text(calculate_query(client, f"form=magnesium-hydroxide&mg=15000&{WOMAN}"))
    warning = text.index("Ask a doctor or pharmacist today.")
    assert warning < text.index("Above the upper limit. 6,255 mg a day")
    assert "giving more than 5,000 mg of magnesium a day" in text
    assert "and 6,255 mg is in that range" in text
    assert "Magnesium: Fact Sheet for Health Professionals" in text  # its source
    # 1,489% of the RDA is not "a supplement need not cover all of it".
    assert "does not need to cover all of it" not in text


def test_without_an_age_an_amount_is_still_checked_against_the_limit_from_age_9(client, day_site):
    over = visible_text(calculate_query(client, "form=magnesium-oxide&mg=400&servings=3"))
    assert (
        "Above the upper limit. 724 mg a day is more than 350 mg, the most magnesium from "
        "supplements and medicines advised for anyone aged 9 or over"
    ) in over
    assert "Younger children's limits are lower: 65 mg a day at 1 to 3 years and 110 mg" in over
    assert "Dietary Reference Intakes for Magnesium" in over
    within = visible_text(calculate_query(client, "form=magnesium-glycinate&mg=500"))
    assert (
        "Within the upper limit of 350 mg a day from supplements and medicines for anyone "
        "aged 9 or over"
    ) in within
    assert "Above the upper limit" not in within
    assert "Choose your age group and sex" in within


def test_with_kidney_disease_the_caution_comes_first_and_no_line_reassures(client, day_site):
    text = visible_text(
        calculate_query(client, f"form=magnesium-glycinate&mg=500&kidney=1&{WOMAN}")
    )
    caution = text.index("With reduced kidney function, ask your doctor first")
    assert caution < text.index("Under the upper limit of 350 mg a day")
    assert "it does not tell you what is safe for you" in text
    assert "Within the upper limit" not in text
    assert "does not need to cover all of it" not in text


def test_a_baby_is_not_told_a_supplement_may_cover_part_of_the_intake(client, day_site):
    text = visible_text(calculate(client, form="other", elemental_mg="20", age="7-12"))
    assert "Supplements only on medical advice" in text
    assert "does not need to cover all of it" not in text


def test_a_baby_given_more_than_the_youngest_limit_set_is_flagged_with_the_danger_signs(
    client, day_site
):
    """Milk of magnesia three times a day for a baby (over 1,000 mg of magnesium) got only
    "no upper limit has been set", with no sign to watch for."""
    text = visible_text(
        calculate(client, form="other", elemental_mg="300", servings="3", age="7-12")
    )
    assert (
        "More than is advised for an older child. No upper limit for magnesium supplements has "
        "been set for this age group (7 to 12 months)"
    ) in text
    assert "900 mg a day from supplements and medicines is more than 65 mg, the most advised " in (
        text
    )
    assert "for a child of 1 to 3 years." in text
    assert "a magnesium supplement, a laxative or an antacid only if a doctor advises it" in text
    assert "Get medical help at once for weakness, drowsiness" in text
    # Just over: the figure is not rounded down to the limit it is said to pass.
    just_over = visible_text(calculate(client, form="other", elemental_mg="65.3", age="7-12"))
    assert "65.3 mg a day from supplements and medicines is more than 65 mg" in just_over
    small = visible_text(calculate(client, form="other", elemental_mg="20", age="7-12"))
    assert "Supplements only on medical advice" in small
    assert "older child" not in small and "Get medical help" not in small


def test_with_kidney_disease_above_the_limit_the_caution_says_this_is_the_dangerous_case(
    client, day_site
):
    text = visible_text(calculate_query(client, f"form=magnesium-oxide&mg=1000&kidney=1&{WOMAN}"))
    caution = text.index("With reduced kidney function, ask your doctor first")
    over = text.index(
        "This is above the limit even for people whose kidneys work normally, and with "
        "reduced kidney function more of it builds up."
    )
    assert caution < over < text.index("Above the upper limit. 603 mg a day")


def test_the_warnings_come_before_each_products_working(client, day_site):
    text = visible_text(calculate_query(client, f"form=magnesium-oxide&mg=700&{WOMAN}"))
    assert text.index("Above the upper limit") < text.index("How this was worked out")
