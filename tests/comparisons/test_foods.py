"""/foods/: magnesium per serving and % Daily Value, sortable and filterable by group."""

import html
import re

import pytest
import tablib
from django.urls import reverse

from comparisons.models import DAILY_VALUE_MG, Food
from comparisons.resources import FoodResource
from tests.factories import FoodFactory, ReferenceFactory
from tests.helpers import submitted_form, visible_text

pytestmark = pytest.mark.django_db


def food_names(response) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)', response.content.decode())


@pytest.fixture
def foods():
    ods = ReferenceFactory(key="ods-magnesium-hp", title="Magnesium: Fact Sheet")
    usda = ReferenceFactory(key="usda-fooddata", title="FoodData Central")
    return [
        FoodFactory(name="Pumpkin seeds", group="seeds-nuts", mg=156, refs=[ods]),
        FoodFactory(name="Spinach, boiled", group="vegetables", serving="½ cup", mg=78, refs=[ods]),
        FoodFactory(name="Dark chocolate", group="sweets", mg=64, refs=[usda]),
        FoodFactory(name="Black beans", group="legumes", mg=60, refs=[ods]),
        FoodFactory(name="Apple", group="fruit", serving="1 medium", mg=9, refs=[ods]),
        FoodFactory(name="Broccoli", group="vegetables", mg=12, refs=[ods]),
    ]


@pytest.mark.parametrize(
    ("mg", "percent"),
    [(156, 37), (111, 26), (63, 15), (42, 10), (9, 2), (7, 2), (2, 0), (420, 100)],
)
def test_percent_daily_value_is_a_share_of_420_mg(mg, percent):
    assert DAILY_VALUE_MG == 420
    assert Food(mg=mg).percent_daily_value == percent


def test_percent_daily_value_rounds_to_the_nearest_whole_percent():
    assert Food(mg=65).percent_daily_value == 15  # 15.48%
    assert Food(mg=66).percent_daily_value == 16  # 15.71%


def test_foods_page_lists_serving_mg_and_percent_dv_richest_first(client, foods):
    response = client.get("/foods/")
    html = response.content.decode()
    assert response.status_code == 200
    assert food_names(response) == [
        "Pumpkin seeds",
        "Spinach, boiled",
        "Dark chocolate",
        "Black beans",
        "Broccoli",
        "Apple",
    ]
    assert "156 mg" in html and "37%" in html
    assert "½ cup" in html
    assert 'aria-sort="descending"' in html


def test_foods_page_leads_on_to_how_much_a_reader_needs(client, foods, calculator_site):
    """% DV is one figure for everyone; a reader's own amount and day's total are in the
    calculator, at the places the links name."""
    html = client.get("/foods/").content.decode()
    assert '<a href="/calculator/#intake-tables">the recommended amount for each age</a>' in html
    assert '<a href="/calculator/#food-lines">adds up your day' in html
    calculator = client.get("/calculator/").content.decode()
    assert 'id="intake-tables"' in calculator and 'id="food-lines"' in calculator


def test_foods_page_cites_its_sources_and_the_daily_value(client, foods):
    html = client.get("/foods/").content.decode()
    assert "420&nbsp;mg" in html and "Food and Drug Administration" in html
    assert "may be older" in html  # the caveat about the copied table
    references = html[html.index('id="references-heading"') :]
    assert "Magnesium: Fact Sheet" in references and "FoodData Central" in references
    # The Daily Value's source is cited first, then each food's.
    assert 'href="#ref-1" title="Magnesium: Fact Sheet"' in html
    assert 'href="#ref-2" title="FoodData Central"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "sort=name",
            [
                "Apple",
                "Black beans",
                "Broccoli",
                "Dark chocolate",
                "Pumpkin seeds",
                "Spinach, boiled",
            ],
        ),
        (
            "sort=mg",
            [
                "Apple",
                "Broccoli",
                "Black beans",
                "Dark chocolate",
                "Spinach, boiled",
                "Pumpkin seeds",
            ],
        ),
        ("group=vegetables", ["Spinach, boiled", "Broccoli"]),
        ("group=vegetables,fruit&sort=name", ["Apple", "Broccoli", "Spinach, boiled"]),
        (
            "sort=group",
            [
                "Pumpkin seeds",
                "Black beans",
                "Spinach, boiled",
                "Broccoli",
                "Apple",
                "Dark chocolate",
            ],
        ),
    ],
)
def test_foods_sort_and_filter(client, foods, query, expected):
    response = client.get(f"/foods/?{query}")
    assert response.status_code == 200
    assert food_names(response) == expected


def test_group_links_keep_the_sort_and_mark_the_current_group(client, foods):
    html = client.get("/foods/?group=legumes&sort=name").content.decode()
    # Each opens the page at the groups and the table below them, not at its top.
    assert 'href="/foods/?group=vegetables&amp;sort=name#foods-filter"' in html
    assert re.search(
        r'href="/foods/\?group=legumes&amp;sort=name#foods-filter" aria-current="page"', html
    )
    assert 'href="/foods/?sort=name#foods-filter">All foods' in html


def test_foods_non_canonical_query_redirects(client, foods):
    response = client.get("/foods/?sort=name&group=fruit")
    assert response.status_code == 302
    assert response["Location"] == "/foods/?group=fruit&sort=name"
    assert client.get("/foods/?sort=-mg")["Location"] == "/foods/"


def test_foods_bad_values_are_ignored_with_a_notice(client, foods):
    response = client.get("/foods/?group=candy&sort=calories")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Part of this link was ignored" in html
    assert "group=candy" in visible_text(response) and "sort=calories" in visible_text(response)
    assert len(food_names(response)) == 6


def add_food(staff_client, foods, **fields):
    """Post the admin's add form for a vegetable citing the starter foods' source."""
    data = {"group": "vegetables", "serving": "½ cup", "mg": "70", "edit_token_seen": ""}
    return staff_client.post(
        "/admin/comparisons/food/add/", {**data, "refs": [foods[0].refs.get().pk], **fields}
    )


@pytest.mark.parametrize("model", ["food", "intaketable"])
def test_a_food_or_intake_tables_sources_box_is_labelled_sources(staff_client, model):
    """Labelled "Refs", the field's name, where every other box of sources says Sources."""
    html = staff_client.get(f"/admin/comparisons/{model}/add/").content.decode()
    assert '<label for="id_refs">Sources:</label>' in html
    assert ">Refs" not in html


def test_a_food_named_like_another_but_for_punctuation_is_refused_in_admin(staff_client, foods):
    # "Spinach (boiled)" would share the calculator's value spinach-boiled with "Spinach,
    # boiled", and the calculator could offer only one of them.
    before = list(Food.objects.order_by("name").values_list("name", flat=True))
    response = add_food(staff_client, foods, name="Spinach (boiled)")
    assert response.status_code == 200
    page = response.content.decode()
    assert "differs from &#x27;Spinach, boiled&#x27; only in punctuation or case" in page
    assert list(Food.objects.order_by("name").values_list("name", flat=True)) == before


def test_a_mistyped_amount_for_a_food_is_refused_in_admin(staff_client, foods):
    count = Food.objects.count()
    response = add_food(staff_client, foods, name="Chard, boiled", mg="99999")
    assert response.status_code == 200
    assert "More than 1,000 mg in one serving of a food?" in response.content.decode()
    assert Food.objects.count() == count


def test_a_food_file_with_a_name_clashing_in_the_calculator_changes_nothing(foods):
    before = list(Food.objects.order_by("name").values())
    dataset = tablib.Dataset(headers=["name", "group", "serving", "mg", "refs"])
    dataset.append(["BLACK BEANS", "legumes", "½ cup", "61", ""])
    result = FoodResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_validation_errors()
    assert "only in punctuation or case" in str(result.invalid_rows[0].error_dict)
    assert list(Food.objects.order_by("name").values()) == before


def test_renaming_a_food_in_its_own_words_is_allowed(foods):
    spinach = Food.objects.get(name="Spinach, boiled")
    spinach.name = "Spinach, boiled, drained"
    spinach.full_clean()
    spinach.save()
    assert spinach.slug == "spinach-boiled-drained"


def test_a_food_renamed_with_a_pasted_soft_hyphen_is_refused_and_still_found(
    staff_client, client, foods
):
    """With a soft hyphen and a right-to-left mark pasted in, the name looked the same, but
    saved, a search for pumpkin seeds no longer found it."""
    seeds = Food.objects.get(name="Pumpkin seeds")
    url = reverse("admin:comparisons_food_change", args=[seeds.pk])
    typed = "Pum\u00adpkin\u200f seeds, roasted"
    data = submitted_form(staff_client.get(url).content.decode(), name=typed)
    response = staff_client.post(url, data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "This text holds an invisible soft hyphen, usually from a pasted document," in page
    assert submitted_form(response.content.decode())["name"] == [typed]
    assert Food.objects.get(pk=seeds.pk).name == "Pumpkin seeds"
    assert "Pumpkin seeds" in visible_text(client.get("/search/?q=pumpkin+seeds"))
