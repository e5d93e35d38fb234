"""Several product lines in one sum: each line's magnesium and working, repeats paired in
order, spare blank lines, multivitamins, and every way a line can be wrong."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.comparisons.calculator_helpers import (
    WOMAN,
    calculate,
    calculate_query,
    result_figure,
    stored_counts,
    visible_text,
)
from tests.factories import CompoundSaltFactory, MagnesiumCompoundFactory

pytestmark = pytest.mark.django_db


def test_the_issues_two_products_are_worked_out_line_by_line_and_added_up(client, day_site):
    response = calculate_query(
        client,
        f"form=magnesium-glycinate&mg=500&servings=2&form=magnesium-oxide&mg=400&{WOMAN}",
    )
    text = visible_text(response)
    assert response.status_code == 200
    assert "382 mg of elemental magnesium a day from your 2 supplements and medicines" in text
    assert "Product 1: Magnesium glycinate, 141 mg of magnesium a day" in text
    assert "500 mg of magnesium glycinate x 14.1% = 70.5 mg of magnesium per serving" in text
    assert "70.5 mg x 2 servings = 141 mg of magnesium a day" in text
    assert "Product 2: Magnesium oxide, 241 mg of magnesium a day" in text
    assert "400 mg of magnesium oxide x 60.3% = 241.2 mg of magnesium per serving" in text
    # The total adds the unrounded lines and rounds once.
    assert "141 mg + 241.2 mg = 382.2 mg of magnesium a day from supplements and medicines" in (
        text
    )
    assert "That is 119% of the RDA for your group (female, 31 to 50 years: 320 mg a day)" in text
    assert "382.2 mg / 320 mg = 119% of your RDA" in text


def test_a_labels_own_elemental_figure_counts_for_its_line_only(client, day_site):
    # The n-th elemental_mg belongs to the n-th product: the first is left blank.
    text = visible_text(
        calculate_query(
            client,
            "form=magnesium-glycinate&mg=1000&elemental_mg="
            "&form=magnesium-glycinate&mg=1000&elemental_mg=200",
        )
    )
    assert "Product 1: Magnesium glycinate, 141 mg of magnesium a day" in text
    assert "Product 2: Magnesium glycinate, 200 mg of magnesium a day" in text
    assert "This label doesn't add up for pure magnesium glycinate" in text
    assert text.count("doesn't add up") == 1
    assert "341 mg of elemental magnesium a day" in result_figure(text)


def test_each_line_keeps_its_own_salt_and_links_to_the_sum_with_another(client, day_site):
    citrate = MagnesiumCompoundFactory(
        name="Magnesium citrate", slug="magnesium-citrate", elemental_percent=Decimal("16.2")
    )
    CompoundSaltFactory(
        compound=citrate,
        slug="anhydrous",
        name="trimagnesium dicitrate, anhydrous",
        elemental_percent=Decimal("16.2"),
        is_default=True,
    )
    CompoundSaltFactory(
        compound=citrate, slug="citrate-1-1", name="magnesium citrate 1:1", position=1,
        elemental_percent=Decimal("11.3"),
    )  # fmt: skip
    response = calculate_query(
        client,
        "form=magnesium-glycinate&mg=1000&form=magnesium-citrate&mg=1000"
        "&form=magnesium-citrate:citrate-1-1&mg=1000",
    )
    text = visible_text(response)
    assert "Product 2: Magnesium citrate, 162 mg" in text
    assert "Product 3: Magnesium citrate, 113 mg" in text
    assert "416 mg of elemental magnesium a day" in result_figure(text)  # 141 + 162 + 113
    # Line 2's link to its other salt changes line 2's form only.
    page = response.content.decode()
    assert (
        "?form=magnesium-glycinate&amp;form=magnesium-citrate%3Acitrate-1-1&amp;"
        "form=magnesium-citrate%3Acitrate-1-1&amp;mg=1000&amp;mg=1000&amp;mg=1000#result"
    ) in page


@pytest.mark.parametrize("value", ["other", "multivitamin", " Other "])
def test_a_multivitamin_counts_the_magnesium_its_label_states(client, day_site, value):
    text = visible_text(
        calculate(
            client,
            form=["magnesium-glycinate", value],
            mg=["1000"],
            elemental_mg=["", "100"],
            servings=["1", "2"],
        )
    )
    assert "Product 2: another product or a multivitamin, 200 mg of magnesium a day" in text
    assert "100 mg (the label's figure) x 2 servings = 200 mg of magnesium a day" in text
    assert "341 mg of elemental magnesium a day" in result_figure(text)


def test_antacids_and_laxatives_are_forms_like_any_other(client, day_site):
    text = visible_text(calculate(client, form="magnesium-hydroxide", mg="400"))
    assert "400 mg of magnesium hydroxide x 41.7% = 166.8 mg of magnesium per serving" in text
    assert "Your result 167 mg of elemental magnesium a day" in text


def test_blank_lines_are_skipped_and_one_line_reads_as_before(client, day_site):
    query = (
        "form=magnesium-glycinate&mg=1000&elemental_mg=&servings=1"
        "&form=&mg=&elemental_mg=&servings=1&form=&mg=&elemental_mg=&servings="
        f"&food=&food_servings=&{WOMAN}"
    )
    text = visible_text(calculate_query(client, query))
    assert "Your result 141 mg of elemental magnesium a day " in text
    assert "From 1 serving of 1,000 mg of magnesium glycinate" in text
    assert "Product 1:" not in text and "from food" not in result_figure(text)
    assert "141 mg / 320 mg = 44% of your RDA" in text


def test_the_form_always_offers_a_spare_blank_line(client, day_site):
    page = calculate(client).content.decode()
    assert 'id="product-1"' in page and 'id="product-2"' in page and 'id="product-3"' not in page
    assert 'id="food-1"' in page and 'id="food-2"' not in page
    filled = "&".join(f"form=magnesium-glycinate&mg={n}" for n in range(100, 400, 100))
    page = calculate_query(client, filled).content.decode()
    assert 'id="product-4"' in page and 'id="product-5"' not in page
    assert 'id="id_p4_form"' in page and 'id="food-1"' in page
    # The script adds an "Add a product" button; without it there is none.
    assert 'data-add-label="Add a product"' in page and '<button type="button"' not in page
    assert "js/calculator-lines" in page


def test_twenty_lines_are_added_up_and_the_form_then_has_no_spare_line(client, day_site):
    query = "&".join(["form=magnesium-glycinate&mg=100"] * 20)
    response = calculate_query(client, query)
    text = visible_text(response)
    assert "282 mg of elemental magnesium a day from your 20 supplements" in text
    page = response.content.decode()
    assert 'id="product-20"' in page and 'id="product-21"' not in page


@pytest.mark.parametrize("lines", [21, 200])
def test_more_lines_than_the_calculator_adds_up_is_a_message_and_no_total(client, day_site, lines):
    before = stored_counts()
    response = calculate_query(client, "&".join(["form=magnesium-glycinate&mg=100"] * lines))
    text = visible_text(response)
    assert response.status_code == 200
    message = f"This link has {lines} product lines; the calculator adds up at most 20"
    assert text.count(message) == 2  # in the summary and above the lines
    assert "Your result" not in text
    page = response.content.decode()
    assert 'href="#product-lines"' in page
    assert 'id="product-20"' in page and 'id="product-21"' not in page
    assert stored_counts() == before


def test_two_hundred_blank_lines_are_just_blank(client, day_site):
    """Blank lines are skipped, however many: the page answers as it does to one."""
    many = calculate_query(client, "&".join(["form=&mg="] * 200))
    one = calculate_query(client, "form=&mg=")
    assert many.status_code == 200
    assert "adds up at most" not in visible_text(many)
    assert many.context["errors"] == one.context["errors"]


@pytest.mark.parametrize("servings", ["1", "01", "1.0", " 1 "])
def test_a_spare_line_with_only_its_usual_one_serving_is_blank(client, day_site, servings):
    query = f"form=magnesium-glycinate&mg=500&servings=1&form=&mg=&servings={servings}&{WOMAN}"
    text = visible_text(calculate_query(client, query))
    assert "Please correct" not in text
    assert "71 mg" in result_figure(text)


def test_mismatched_repeats_leave_the_extra_lines_without_a_form_and_say_so(client, day_site):
    query = "form=magnesium-glycinate&form=magnesium-oxide&form=magnesium-chloride&" + "&".join(
        f"mg={n}" for n in (100, 200, 300, 400, 500)
    )
    response = calculate_query(client, query)
    text = visible_text(response)
    assert response.status_code == 200
    assert "Please correct these 2 entries" in text
    assert "Product 4: Choose the form of magnesium named on the label" in text
    assert "Product 5: Choose the form of magnesium named on the label" in text
    assert "Your result" not in text
    page = response.content.decode()
    assert 'id="id_p4_form_error"' in page and 'id="id_p5_form_error"' in page


BAD_SECOND_LINE = [
    ({"form": "no-such-form", "mg": "500"}, "We have no form called “no-such-form”"),
    ({"form": "magnesium-glycinate", "mg": "-5"}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "9" * 400}, "reads as more than 50,000 mg (50 g)"),
    ({"form": "magnesium-glycinate", "mg": "lots"}, "Enter the amount as a number"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "0"}, "at least 1 serving"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "9"}, None),
    ({"form": "magnesium-glycinate"}, "Enter the amount of the compound"),
    ({"mg": "500"}, "Choose the form of magnesium named on the label"),
    ({"servings": "3"}, "Choose the form of magnesium named on the label"),
    ({"form": "other", "mg": "500"}, "leave the compound amount empty"),
    ({"form": "other"}, "enter the magnesium per serving that the label states"),
    ({"form": "magnesium-oxide", "mg": "100", "elemental_mg": "200"}, "cannot weigh more"),
]


@pytest.mark.parametrize(("second", "message"), BAD_SECOND_LINE)
def test_a_bad_second_line_gets_its_message_beside_it_and_nothing_is_added_up(
    client, day_site, second, message
):
    first = {"form": "magnesium-glycinate", "mg": "1000", "elemental_mg": "", "servings": ""}
    params = {name: [first[name], second.get(name, "")] for name in first}
    before = stored_counts()
    response = calculate(client, **params)
    text = visible_text(response)
    assert response.status_code == 200
    if message is None:  # a valid line, for contrast
        assert "Your result" in text
        return
    assert re.search(rf"Product 2: [^.]*{re.escape(message)}", text)  # which line it is
    assert text.count(message) == 2  # and the message is beside the box too
    assert "Your result" not in text
    assert stored_counts() == before


def test_the_medicine_parameter_is_not_reported_as_ignored(client, day_site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", mg="1000", medicine="cipro", colour="blue")
    )
    assert "Part of this link was ignored: colour is not a setting" in text
    assert "medicine" not in text.split("Your result")[0]


def test_the_number_of_queries_does_not_grow_with_the_lines(client, day_site, no_page_cache):
    one = f"form=magnesium-glycinate&mg=500&food=almonds-dry-roasted&{WOMAN}"
    ten = "&".join(
        [f"form={slug}&mg=300" for slug in ["magnesium-oxide", "magnesium-chloride"] * 5]
        + ["food=almonds-dry-roasted&food=spinach-boiled"] * 5
        + [WOMAN, "kidney=1"]
    )
    counts = []
    for query in [one, ten, "form=nope&mg=x", "form=nope&" * 10 + "mg=x"]:
        with CaptureQueriesContext(connection) as captured:
            response = calculate_query(client, query)
        assert response.status_code == 200
        counts.append(len(captured))
    assert "Product 10:" in visible_text(calculate_query(client, ten))
    # A form no slug names costs one query more, for all its lines: whether it is a form's
    # earlier slug (comparisons/moved_forms.py).
    assert counts[0] == counts[1] == counts[2] - 1 == counts[3] - 1, counts
