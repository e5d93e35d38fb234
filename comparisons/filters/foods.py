"""The foods table's filters and columns (/foods/): `group` (one or more food groups) and
`sort` (a column of COLUMNS, `-` for descending; the default is -mg, richest first)."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import Lower
from django.http import QueryDict

from comparisons.filters.base import CanonicalFilterSet, Column, SortFilter, ValueListFilter
from comparisons.models import Food, FoodGroup, choice_rank

BY_NAME = Lower("name")

# The foods table's sortable columns, in the table's order; the cells are drawn by
# templates/comparisons/food_list.html.
COLUMNS = (
    Column("name", "Food", "Food, A to Z", "Food, Z to A", (BY_NAME,)),
    Column(
        "group",
        "Food group",
        "Food group",
        "Food group, reversed",
        # Within a group, the richest food first.
        (choice_rank("group", FoodGroup), F("mg").desc(), BY_NAME),
    ),
    Column("mg", "Magnesium", "Magnesium, least first", "Magnesium, most first", ("mg", BY_NAME)),
)


class FoodFilter(CanonicalFilterSet):
    group = ValueListFilter(choices=FoodGroup.choices, label="Food group")
    sort = SortFilter(label="Sort by", default="-mg", columns=COLUMNS)

    class Meta(CanonicalFilterSet.Meta):
        model = Food
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None) -> None:
        super().__init__(data, Food.objects.with_sources() if queryset is None else queryset)
