"""Food in the calculator: it counts towards the recommended intake, never towards the upper
limit for supplements and medicines; unknown foods and odd servings get a message."""

import pytest

from tests.comparisons.calculator_helpers import (
    WOMAN,
    calculate,
    calculate_query,
    result_figure,
    stored_counts,
    visible_text,
)

pytestmark = pytest.mark.django_db


def test_food_counts_towards_the_rda_but_not_the_upper_limit(client, day_site):
    query = (
        "form=magnesium-glycinate&elemental_mg=340"
        f"&food=almonds-dry-roasted&food_servings=2&{WOMAN}"
    )
    text = visible_text(calculate_query(client, query))
    figure = result_figure(text)
    assert "340 mg of elemental magnesium a day from supplements and medicines" in figure
    assert "160 mg of magnesium a day from food, 500 mg in all" in figure
    assert "Almonds, dry roasted (1 ounce): 80 mg x 2 servings = 160 mg of magnesium" in text
    assert "340 mg + 160 mg = 500 mg of magnesium a day from all sources" in text
    assert "With your food, that is 156% of the RDA for your group" in text
    assert "500 mg / 320 mg = 156% of your RDA" in text
    # 500 mg in all, yet only the 340 mg from the supplement counts towards the 350 mg limit.
    assert "Above the upper limit" not in text
    assert "Within the upper limit of 350 mg a day from supplements and medicines" in text
    assert "FoodData Central" in text  # the food figures' source


def test_food_alone_is_compared_with_the_rda(client, day_site):
    text = visible_text(
        calculate_query(
            client, f"food=almonds-dry-roasted&food_servings=2&food=spinach-boiled&{WOMAN}"
        )
    )
    assert "Your result 238 mg of magnesium a day from food" in text
    assert "160 mg + 78 mg = 238 mg of magnesium a day from food" in text
    assert "That is 74% of the RDA for your group" in text
    assert "of elemental magnesium a day" not in text


def test_half_servings_of_a_food_and_one_serving_when_left_out(client, day_site):
    text = visible_text(
        calculate(client, food=["almonds-dry-roasted", "spinach-boiled"], food_servings=["0.5"])
    )
    assert "80 mg x 0.5 servings = 40 mg of magnesium" in text
    assert "78 mg x 1 serving = 78 mg of magnesium" in text
    assert "118 mg of magnesium a day from food" in result_figure(text)


def test_servings_of_a_food_may_be_typed_with_a_decimal_comma(client, day_site):
    """A phone's number pad in much of Europe types "0,5"."""
    text = visible_text(calculate(client, food=["almonds-dry-roasted"], food_servings=["0,5"]))
    assert "80 mg x 0.5 servings = 40 mg of magnesium" in text
    text = visible_text(calculate(client, food=["almonds-dry-roasted"], food_servings=["1,25"]))
    assert "80 mg x 1.25 servings = 100 mg of magnesium" in text
    # A thousands comma is a thousand servings, over the limit, as with amounts.
    text = visible_text(calculate(client, food=["almonds-dry-roasted"], food_servings=["1,000"]))
    assert "Enter at most 20 servings of one food a day" in text


def test_a_quarter_serving_counts_as_a_quarter(client, day_site):
    text = visible_text(calculate(client, food=["almonds-dry-roasted"], food_servings=["0.25"]))
    assert "80 mg x 0.25 servings = 20 mg of magnesium" in text
    assert "20 mg of magnesium a day from food" in result_figure(text)


def test_the_food_list_offers_each_food_by_its_slug(client, day_site):
    page = calculate(client).content.decode()
    assert '<option value="almonds-dry-roasted">Almonds, dry roasted (1 ounce, 80 mg)' in page
    page = calculate(client, food="Almonds-Dry-Roasted ", mg="").content.decode()
    assert '<option value="almonds-dry-roasted" selected>' in page


BAD_FOOD = [
    ({"food": "pizza"}, "We have no food called “pizza” in our table"),
    ({"food": "almonds-dry-roasted", "food_servings": "lots"}, "Enter the servings of this food"),
    ({"food": "almonds-dry-roasted", "food_servings": "0"}, "Enter more than 0 servings"),
    ({"food": "almonds-dry-roasted", "food_servings": "-2"}, "Enter more than 0 servings"),
    ({"food": "almonds-dry-roasted", "food_servings": "99"}, "at most 20 servings of one food"),
    # More digits than Decimal rounds (28): a message, not a 500.
    ({"food": "almonds-dry-roasted", "food_servings": "9" * 30}, "at most 20 servings of one"),
    ({"food": "almonds-dry-roasted", "food_servings": "-" + "9" * 30}, "more than 0 servings"),
    ({"food_servings": "3"}, "Choose a food from the list, or clear this line"),
]


@pytest.mark.parametrize(("params", "message"), BAD_FOOD)
def test_a_bad_food_line_gets_a_message_beside_it(client, day_site, params, message):
    before = stored_counts()
    response = calculate(client, form="magnesium-glycinate", mg="1000", **params)
    text = visible_text(response)
    assert response.status_code == 200
    assert text.count(message) == 2
    assert "Your result" not in text
    assert 'id="id_f1_' in response.content.decode()
    assert stored_counts() == before


def test_no_box_of_the_form_is_required_by_the_browser(client, day_site):
    # Blank lines are fine, so the browser must not refuse to send the form for them.
    assert " required" not in calculate(client).content.decode().split('id="calculator"')[1]


def test_more_food_lines_than_the_calculator_adds_up_is_a_message_and_no_total(client, day_site):
    response = calculate_query(client, "&".join(["food=almonds-dry-roasted"] * 21))
    text = visible_text(response)
    message = "This link has 21 food lines; the calculator adds up at most 20"
    assert text.count(message) == 2  # in the summary and above the food lines
    assert "Your result" not in text
    assert 'href="#food-lines"' in response.content.decode()
