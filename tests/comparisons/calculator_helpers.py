"""Helpers shared by the calculator's tests: requests, and the page as a reader reads it."""

from django.apps import apps
from django.urls import reverse

from tests.helpers import PLAIN, visible_text  # noqa: F401 (the calculator tests import them here)

ADULT_WOMAN = {"age": "31-50-years", "sex": "female"}

WOMAN = "age=31-50&sex=female"


def stored_counts() -> dict[str, int]:
    """How many rows every model holds, to show that a request stored nothing."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def calculate(client, **params):
    return client.get(reverse("comparisons:calculator"), params)


def calculate_query(client, query: str):
    """The calculator for a query string as a reader's link has it, repeats and all."""
    return client.get(f"{reverse('comparisons:calculator')}?{query}")


def add_day_site() -> dict:
    """Beside the calculator's usual forms: the antacid and laxative forms, and two foods
    with their source (figures as in the starter content)."""
    from decimal import Decimal

    from tests.factories import FoodFactory, MagnesiumCompoundFactory, ReferenceFactory

    usda = ReferenceFactory(key="usda-fooddata", title="FoodData Central")
    ReferenceFactory(key="ods-magnesium-hp", title="Magnesium: Fact Sheet for Health Professionals")
    return {
        "hydroxide": MagnesiumCompoundFactory(
            name="Magnesium hydroxide",
            slug="magnesium-hydroxide",
            elemental_percent=Decimal("41.7"),
            elemental_basis="Mg(OH)2.",
        ),
        "oxide": MagnesiumCompoundFactory(
            name="Magnesium oxide",
            slug="magnesium-oxide",
            elemental_percent=Decimal("60.3"),
            elemental_basis="MgO.",
        ),
        "almonds": FoodFactory(name="Almonds, dry roasted", serving="1 ounce", mg=80, refs=[usda]),
        "spinach": FoodFactory(name="Spinach, boiled", serving="1/2 cup", mg=78, refs=[usda]),
    }


def result_figure(text: str) -> str:
    """The result's headline, up to the first product's or food's own section."""
    start = text.index("Your result")
    return text[start : start + 200]


def medicine_part(response) -> str:
    text = visible_text(response)
    start = text.index("When to take magnesium with your medicines")
    return text[start : text.index("From your supplement and medicine labels", start)]
