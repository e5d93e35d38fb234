"""A label's headline figure is often the magnesium itself ("Magnesium 400 mg (as citrate)"),
and a reader may type it in the compound's box. Where that same number read as magnesium
would go over the upper limit that the page found the day within, the line's result says to
check the label, with a plain link to the sum read that way."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.comparisons.calculator_helpers import (
    WOMAN,
    calculate_query,
    visible_text,
)
from tests.factories import FoodFactory

pytestmark = pytest.mark.django_db

CHECK = "Check your label"
CHECK_LINK = re.compile(r'<p class="notice calc-flag calc-reading">.*?<a href="([^"]+)">', re.S)


def check_link(response) -> str:
    match = CHECK_LINK.search(response.content.decode())
    assert match, "no label check on the page"
    return html.unescape(match.group(1))


def test_a_compound_amount_that_read_as_magnesium_passes_the_limit_asks_to_check_the_label(
    client, day_site
):
    # The reader audit's case: the label's 400 mg is the magnesium, typed as the compound.
    query = f"form=magnesium-glycinate&mg=400&food=almonds-dry-roasted&food_servings=2&{WOMAN}"
    text = visible_text(calculate_query(client, query))
    assert "Within the upper limit of 350 mg" in text  # 56 mg, as typed
    assert (
        "Check your label: if its 400 mg is the magnesium itself (“magnesium (as glycinate) "
        "400 mg”), not the weight of the glycinate, your day has 400 mg from supplements and "
        "medicines, over the 350 mg upper limit for your age group (31 to 50 years)"
    ) in text
    assert "Work it out with 400 mg of magnesium." in text


def test_without_an_age_the_label_check_uses_the_limit_from_age_9(client, day_site):
    text = visible_text(calculate_query(client, "form=magnesium-glycinate&mg=200&servings=2"))
    assert (
        "your day has 400 mg from supplements and medicines, over the 350 mg upper limit for "
        "anyone aged 9 or over"
    ) in text


def test_a_product_over_the_limit_on_its_own_is_named_when_the_day_is_over_already(
    client, day_site
):
    # The multivitamin puts the day over the limit; the glycinate read as magnesium would
    # be over it by itself.
    query = f"form=other&mg=&elemental_mg=360&form=magnesium-glycinate&mg=400&{WOMAN}"
    text = visible_text(calculate_query(client, query))
    assert "Above the upper limit" in text
    assert (
        "not the weight of the glycinate, this product alone gives 400 mg of magnesium a day, "
        "over the 350 mg upper limit"
    ) in text


@pytest.mark.parametrize(
    "query",
    [
        # Read as magnesium, 300 mg is still within the limit.
        f"form=magnesium-glycinate&mg=300&{WOMAN}",
        # The label gives its magnesium: nothing is left to misread.
        f"form=magnesium-glycinate&mg=400&elemental_mg=56&{WOMAN}",
        f"form=magnesium-glycinate&elemental_mg=56&{WOMAN}",
        # Over the limit either way: the verdict is the same.
        f"form=magnesium-oxide&mg=1000&{WOMAN}",
        # A bath's salt, and a multivitamin's own figure.
        f"form=magnesium-sulfate&mg=3000&{WOMAN}",
        f"form=other&elemental_mg=56&{WOMAN}",
        # The day is over already and the line read as magnesium is not over on its own.
        f"form=other&mg=&elemental_mg=360&form=magnesium-glycinate&mg=300&{WOMAN}",
    ],
)
def test_no_label_check_where_reading_the_amount_as_magnesium_changes_no_verdict(
    client, day_site, query
):
    # Beside each, a label that the check is for: 400 mg of glycinate, 56 mg as typed.
    assert CHECK in visible_text(
        calculate_query(client, f"form=magnesium-glycinate&mg=400&{WOMAN}")
    )
    text = visible_text(calculate_query(client, query))
    assert "Your result" in text
    assert CHECK not in text


def test_the_label_checks_link_moves_only_that_amount_and_the_page_reads_it_as_magnesium(
    client, medicines
):
    FoodFactory(name="Almonds, dry roasted", serving="1 ounce", mg=80)
    query = (
        "form=other&mg=&elemental_mg=100&servings=&form=magnesium-glycinate&mg=1%2C000+mg"
        "&servings=2&food=almonds-dry-roasted&food_servings=2&medicine=cipro&medicine_time=09%3A00"
        f"&kidney=1&{WOMAN}"
    )
    response = calculate_query(client, query)
    link = check_link(response)
    path, asked = urlsplit(link).path, parse_qs(urlsplit(link).query, keep_blank_values=True)
    assert path == "/calculator/"
    assert link.endswith("#result")
    given = parse_qs(query, keep_blank_values=True)
    # The second line's amount, as typed, moves to its magnesium box; its compound box is
    # left empty, since the two boxes filled alike would be refused.
    assert asked.pop("mg") == ["", ""]
    assert asked.pop("elemental_mg") == ["100", "1,000 mg"]
    given.pop("mg"), given.pop("elemental_mg")
    assert asked == given

    # A plain link: followed without any script, the page reads 1,000 mg as magnesium.
    followed = client.get(link)
    text = visible_text(followed)
    assert "Please correct" not in text
    assert "From 2 servings of 1,000 mg of magnesium as magnesium glycinate" in text
    assert "2,100 mg of elemental magnesium a day" in text  # 100 + 2 x 1,000
    assert "Above the upper limit" in text
    assert "Quinolone antibiotics" in text  # the medicines came along
    assert CHECK not in text
