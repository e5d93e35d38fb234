"""What a reader may type into the calculator, and what they see when it is wrong: a clear
message next to the field, never a 500, and nothing stored."""

import re
from decimal import Decimal

import pytest

from comparisons.forms import parse_amount
from tests.comparisons.calculator_helpers import calculate, stored_counts, visible_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("500", Decimal(500)),
        (" 1,000 ", Decimal(1000)),
        ("12,500.5", Decimal("12500.5")),
        ("250 mg", Decimal(250)),
        (".5", Decimal("0.5")),
        # A comma before one or two digits that end the number: a decimal point.
        ("1,5", Decimal("1.5")),
        ("12,75 mg", Decimal("12.75")),
        ("1,2345", None),
        ("1,000,5", None),
        ("1.000,5", None),
        # Over the calculator's 50,000 mg as thousands, so only the smaller reading is left.
        ("100.000", Decimal(100)),
        ("1e3", None),
        ("1 g", Decimal(1000)),
        ("1g", Decimal(1000)),
        ("2 grams", Decimal(2000)),
        ("0.5 G", Decimal(500)),
        ("1.000 g", Decimal(1000)),
        ("500 mcg", None),
        ("1 kg", None),
        ("0,5 g", Decimal(500)),
        # A thousands group never follows a lone 0: a European label's half gram.
        ("0,500 g", Decimal(500)),
        ("0,250", Decimal("0.25")),
        ("NaN", None),
        ("inf", None),
        ("0x10", None),
        ("\x00", None),
        ("5\x00", None),
        ("", None),
    ],
)
def test_amounts_are_plain_numbers_with_optional_thousands_commas_and_unit(raw, expected):
    assert parse_amount(raw) == expected


def test_less_than_a_milligram_is_taken_when_its_unit_is_written(client, calculator_site):
    text = visible_text(calculate(client, form="magnesium-glycinate", mg="0.5 g"))
    assert "71 mg of elemental magnesium a day" in text
    assert "Your result" in visible_text(calculate(client, form="magnesium-glycinate", mg="0.5 mg"))


def test_the_amount_boxes_open_a_keyboard_that_can_type_their_units(client, calculator_site):
    """The boxes understand "500 mg" and "1 g", and ask about a small number with its unit:
    a phone's number pad (`inputmode="decimal"`) has no letters. The food's servings take a
    number alone, so their box keeps it."""
    page = calculate(client, form="magnesium-glycinate").content.decode()
    boxes = {name: tag for tag, name in re.findall(r'(<input[^>]*name="([a-z_]+)"[^>]*>)', page)}
    assert "inputmode" not in boxes["mg"] and "inputmode" not in boxes["elemental_mg"]
    assert 'inputmode="decimal"' in boxes["food_servings"]
    assert "0.5 g or 0,5 g" in visible_text(calculate(client, form="magnesium-glycinate"))


def test_a_comma_before_one_or_two_digits_is_read_as_a_decimal_point(client, calculator_site):
    text = visible_text(calculate(client, form="magnesium-glycinate", mg="0,5 g"))
    assert "71 mg of elemental magnesium a day" in text
    text = visible_text(calculate(client, form="other", elemental_mg="62,5"))
    assert "63 mg of elemental magnesium a day" in text  # 62.5, rounded half up
    # A small number without its unit is asked about, as with a point.
    text = visible_text(calculate(client, form="magnesium-glycinate", mg="2,5"))
    assert "If the label says 2.5 g, enter “2.5 g”" in text
    # Before three digits a comma still separates thousands.
    text = visible_text(calculate(client, form="magnesium-glycinate", mg="1,000"))
    assert "141 mg of elemental magnesium a day" in text


def test_the_shareable_url_can_use_short_or_numeric_ages(client, calculator_site):
    for age in ["31-50", "40", "31-50-YEARS "]:
        text = visible_text(calculate(client, form="magnesium-glycinate", mg="1000", age=age))
        assert "31 to 50 years" in text and "Choose female or male" in text, age


NUL = "\x00"
BAD_INPUT = [
    ({"form": "no-such-form", "mg": "500"}, "We have no form called “no-such-form”"),
    ({"form": "magnesium-glycinate", "mg": "-5"}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "0"}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "0.001"}, "Enter at least 0.01 mg"),
    ({"form": "magnesium-glycinate", "mg": "9" * 400}, "reads as more than 50,000 mg (50 g)"),
    # More digits than Decimal rounds (28): a message, not a 500.
    ({"form": "magnesium-glycinate", "mg": "-" + "9" * 30}, "Enter an amount above 0 mg"),
    ({"form": "other", "elemental_mg": "-" + "9" * 30}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "lots"}, "Enter the amount as a number"),
    # A thousand as some countries write it: not read as 1 mg, a reassuring answer.
    (
        {"form": "magnesium-citrate", "mg": "1.000"},
        "“1.000” could mean 1 mg or 1,000 mg, as some countries write a thousand as 1.000. "
        "Enter 1000 for 1,000 mg, or 1 for 1 mg.",
    ),
    ({"form": "magnesium-citrate", "mg": "2.500 mg"}, "could mean 2.5 mg or 2,500 mg"),
    (
        {"form": "magnesium-citrate", "mg": "10.000"},
        "could mean 10 mg or 10,000 mg, as some countries write a thousand as 1.000. Enter "
        "10000 for 10,000 mg, or 10 for 10 mg.",
    ),
    ({"form": "magnesium-glycinate", "mg": "1e309"}, "Enter the amount as a number"),
    ({"form": "magnesium-glycinate", "mg": "NaN"}, "Enter the amount as a number"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "0"}, "at least 1 serving"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "1.5"}, "whole number"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "99"}, "at most 20 servings"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "9" * 20}, "at most 20 servings"),
    ({"form": "magnesium-glycinate", "mg": "500", "age": "teen"}, "Choose your age group"),
    ({"form": "magnesium-glycinate", "mg": "500", "age": "200"}, "Choose your age group"),
    ({"form": "magnesium-glycinate", "mg": "500", "sex": "other"}, "Choose female or male"),
    ({"form": "magnesium-glycinate", "mg": "500", "life_stage": "x"}, "Choose pregnant"),
    ({"mg": "500"}, "Choose the form of magnesium named on the label"),
    # A label's "0.5 g" typed as 0.5 gave "0 mg of magnesium a day", within every limit.
    (
        {"form": "magnesium-glycinate", "mg": "0.5"},
        "If the label says 0.5 g, enter “0.5 g” (500 mg)",
    ),
    ({"form": "magnesium-glycinate", "elemental_mg": ".25"}, "less than a milligram"),
    # And "1.5 g" typed as 1.5: "0 mg of elemental magnesium a day".
    (
        {"form": "magnesium-glycinate", "mg": "1.5"},
        "1.5 mg is very little for a label. If the label says 1.5 g, enter “1.5 g” (1,500 mg)",
    ),
    ({"form": "magnesium-glycinate", "elemental_mg": "9"}, "9 mg is very little for a label"),
    # A decimal comma is said as read.
    (
        {"form": "magnesium-glycinate", "mg": "1,5"},
        "“1,5” reads as 1.5 mg, which is very little for a label. If the label says 1.5 g",
    ),
    ({"form": "magnesium-glycinate", "mg": "1,000 g"}, "“1,000 g” reads as more than 50,000 mg"),
    ({"form": "magnesium-glycinate", "mg": ""}, "Enter the amount of the compound"),
    (
        {"form": "magnesium-glycinate", "mg": "100", "elemental_mg": "141"},
        "cannot weigh more than the compound",
    ),
    # 100% and 75% magnesium: no salt holds that much; the sum once used the figure and
    # called the product "a blend".
    (
        {"form": "magnesium-glycinate", "mg": "500", "elemental_mg": "500"},
        "These two figures cannot both be right: 500 mg of magnesium in 500 mg of compound "
        "would be 100% magnesium, and no magnesium salt holds more than 60.3% (magnesium "
        "oxide).",
    ),
    (
        {"form": "magnesium-chloride", "mg": "400", "elemental_mg": "300"},
        "would be 75% magnesium",
    ),
    (
        {"form": "magnesium-glycinate", "mg": "500", "sex": "male", "life_stage": "pregnant"},
        "values are for women",
    ),
    (
        {"form": "magnesium-glycinate", "mg": "500", "age": "51-plus-years", "life_stage": "x"},
        "Choose pregnant, breastfeeding or neither",
    ),
    (
        {"form": "magnesium-glycinate", "mg": "500", "age": "4-8", "life_stage": "lactating"},
        "separate breastfeeding values only for 14 to 18 years",
    ),
]


@pytest.mark.parametrize(("params", "message"), BAD_INPUT)
def test_bad_input_reshows_the_form_with_the_message_next_to_the_field_and_changes_nothing(
    client, calculator_site, params, message
):
    before = stored_counts()
    response = calculate(client, **params)
    text = visible_text(response)
    assert response.status_code == 200
    assert message in text
    # In the summary at the top and again beside the field (an errorlist with the field's id).
    assert text.count(message) == 2
    assert re.search(r'<ul class="errorlist" id="id_[a-z_]+_error">', response.content.decode())
    assert "Your result" not in text
    assert stored_counts() == before


@pytest.mark.parametrize("field", ["form", "mg", "elemental_mg", "servings", "age", "sex"])
def test_nul_bytes_are_refused_with_a_clear_400_and_change_nothing(client, calculator_site, field):
    params = {"form": "magnesium-glycinate", "mg": "500", field: f"5{NUL}"}
    before = stored_counts()
    response = calculate(client, **params)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert stored_counts() == before


def test_a_bad_value_is_quoted_back_shortened_and_escaped(client, calculator_site):
    response = calculate(client, form="<script>alert(1)</script>" + "x" * 100, mg="1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;xxxx" in page and "xxxxx…" in page


def test_unknown_parameters_are_reported_as_ignored(client, calculator_site):
    response = calculate(client, form="magnesium-glycinate", mg="1000", colour="blue")
    text = visible_text(response)
    assert response.status_code == 200
    assert "Part of this link was ignored: colour is not a setting" in text
    assert "141 mg of elemental magnesium a day" in text


def test_an_age_given_twice_says_the_last_one_is_used(client, calculator_site):
    response = client.get(
        "/calculator/", {"form": "magnesium-glycinate", "mg": "500", "age": ["6", "40"]}
    )
    text = visible_text(response)
    assert response.status_code == 200
    assert "Given more than once: age. The calculator uses the last value of each." in text
    once = visible_text(calculate(client, form="magnesium-glycinate", mg="500", age="40"))
    assert "Given more than once" not in once


def test_an_invisible_character_in_an_amount_is_shown_not_dropped(client, calculator_site):
    response = calculate(client, form="magnesium-glycinate", mg="\u200f500")
    text = visible_text(response)
    assert "you entered “\ufffd500”, where \ufffd is an invisible character" in text
    assert "you entered “500”" not in text


def test_over_a_thousand_values_is_the_too_many_lines_message_not_a_400(client, calculator_site):
    before = stored_counts()
    response = client.get("/calculator/?" + "&".join(["form="] * 1001))
    assert response.status_code == 200
    text = visible_text(response)
    assert "This link has more than 1,000 values" in text
    assert "at most 20 product lines and 20 food lines" in text
    assert "No amount was added up" in text
    assert stored_counts() == before
