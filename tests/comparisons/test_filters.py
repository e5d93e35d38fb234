"""The forms table's filters and columns (comparisons/filters/): what a reader sees for each
sortable column and each way of spelling a query."""

import re

import pytest
from django.http import QueryDict

from comparisons.filters import FoodFilter, MagnesiumCompoundFilter
from comparisons.filters.compounds import COLUMNS
from tests.comparisons.conftest import table_slugs
from tests.factories import MagnesiumCompoundFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.name)
def test_every_column_sorts_both_ways_from_the_menu(client, forms, column):
    for value, label in [(column.name, column.ascending), (f"-{column.name}", column.descending)]:
        response = client.get(f"/forms/?sort={value}" if value != "name" else "/forms/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "ignored" not in html
        assert f'<option value="{value}" selected>{label}</option>' in html
        assert len(table_slugs(response)) == 6


@pytest.mark.parametrize("column", [c for c in COLUMNS if c.heading], ids=lambda c: c.name)
def test_every_column_with_a_heading_links_to_sorting_by_it(client, forms, column):
    html = client.get("/forms/?route=oral").content.decode()
    query = "-name" if column.name == "name" else column.name
    assert re.search(
        rf'<th scope="col"[^>]*><a href="/forms/\?route=oral&amp;sort={query}#forms-results"'
        rf' data-table-link><span aria-hidden="true">{column.heading}</span>'
        rf'<span class="visually-hidden">Sort by {column.heading}[<,]',
        html,
    )


def test_sort_links_tell_a_screen_reader_they_sort_and_the_current_order(client, forms):
    """aria-sort sits on the heading cell, which is read out only when moving cell by cell:
    tabbing to the link said just "Elemental Mg, link"."""
    html = client.get("/forms/?sort=-elemental_percent").content.decode()
    assert (
        '<th scope="col" aria-label="Magnesium by weight" aria-sort="descending"><a href="'
        '/forms/?sort=elemental_percent#forms-results" data-table-link><span aria-hidden="true">'
        'Magnesium by weight</span><span class="visually-hidden">Sort by Magnesium by weight, '
        "currently descending; select to sort ascending</span>" in html
    )
    # A column not sorted by says what its link does; its cell keeps the plain heading.
    assert (
        '<th scope="col" aria-label="Route"><a href="/forms/?sort=route#forms-results" '
        'data-table-link><span aria-hidden="true">Route</span><span class="visually-hidden">'
        "Sort by Route</span>" in html
    )


def test_the_percentage_column_reads_as_a_percentage_and_keeps_its_sort_value(client, forms):
    """ "Elemental Mg" beside doses in mg read as milligrams; the column holds a percentage.
    Its `sort` value is part of the public surface and stays."""
    html = client.get("/forms/?sort=elemental_percent").content.decode()
    assert "Elemental Mg" not in html
    assert 'data-label="Magnesium by weight" class="num">' in html
    assert '<option value="elemental_percent" selected>Magnesium by weight, least first' in html


def test_sorting_by_name_ignores_case_and_breaks_ties_by_name(client):
    for name in ["magnesium b", "Magnesium c", "Magnesium a"]:
        MagnesiumCompoundFactory(name=name, bioavailability="good")
    html = client.get("/forms/?sort=-bioavailability").content.decode()
    names = re.findall(r'<a href="/forms/[^/"]+/">(Magnesium [abc]|magnesium b)</a>', html)
    assert names == ["Magnesium a", "magnesium b", "Magnesium c"]


def test_unknown_values_are_reported_with_a_reason_and_left_out():
    table = MagnesiumCompoundFilter(QueryDict("route=oral,underwater&sort=colour&page=2"))
    assert [(item.param, item.value, item.reason) for item in table.ignored()] == [
        ("route", "underwater", "not a choice here; choose from oral, topical"),
        ("sort", "colour", "not a choice here"),
        ("page", "", "not a parameter this page understands"),
    ]
    assert table.canonical_query() == "route=oral"


def test_a_repeated_search_keeps_the_last_and_says_the_others_were_not_used(client):
    table = MagnesiumCompoundFilter(QueryDict("q=glycinate&q=&q=citrate"))
    assert [(item.param, item.value, item.reason) for item in table.ignored()] == [
        ("q", "glycinate", "only one value is used"),
    ]
    assert table.canonical_query() == "q=citrate"
    assert client.get("/forms.json?q=glycinate&q=citrate").status_code == 400


def test_an_export_reads_the_table_parameters_in_the_table_order(forms):
    table = MagnesiumCompoundFilter(QueryDict("sort=-dose&route=oral&bioavailability=HIGH,good"))
    assert table.canonical_query() == "bioavailability=good,high&route=oral&sort=-dose"
    assert [compound.slug for compound in table.qs] == [
        "magnesium-citrate",
        "magnesium-glycinate",
        "magnesium-l-threonate",
    ]


def test_foods_default_to_the_richest_first_and_sort_by_group():
    table = FoodFilter(QueryDict(""))
    assert table.canonical_query() == ""
    assert table.values["sort"] == "-mg"
    table = FoodFilter(QueryDict("sort=group&group=SEEDS-NUTS,legumes"))
    assert table.canonical_query() == "group=seeds-nuts,legumes&sort=group"
