"""Narrowing and sorting the forms table (and the foods table) from GET parameters.

The forms table's grammar is part of the site's public surface (SPEC.md):

    bioavailability      low, moderate, good, high: one or more, as a comma list
                         (bioavailability=good,high) or a repeated parameter
    bioavailability_min  a minimum: bioavailability_min=good means good or high; accepted
                         as input and rewritten as the equivalent bioavailability list
    route                oral, topical: one or more
    use                  topic slugs: one or more; a form matches if it is used for any
    tolerance            gentle, moderate, laxative: one or more
    q                    words that must all appear in the name, other names, uses or summary
    sort                 name, route, elemental_percent, bioavailability, evidence, tolerance
                         or dose; a leading "-" sorts descending; the default is name

Values of one parameter are alternatives (OR); different parameters all apply (AND). Scales
sort by their order (low < moderate < good < high), never alphabetically.

Equivalent queries share one canonical URL: parameters in the order above, each at most once;
values lower case, comma-separated, without duplicates, in the order of their scale (topics
by name); a parameter that lists every choice, an empty parameter and the default sort are
left out; `q` keeps single spaces. Values and parameters the table does not know are ignored
and reported, so a bad link still shows a useful page and never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Lower

from articles.models import Topic
from comparisons.models import (
    Bioavailability,
    Food,
    FoodGroup,
    MagnesiumCompound,
    Route,
    Tolerance,
    choice_rank,
)

SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class Ignored:
    """A parameter value the table could not use, and why."""

    param: str
    value: str
    reason: str


def split_values(raw: list[str]) -> list[str]:
    """Repeated parameters and comma lists alike, lower-cased, without blanks or repeats."""
    values: list[str] = []
    for item in raw:
        for part in item.split(","):
            part = part.strip().lower()
            if part and part not in values:
                values.append(part)
    return values


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes drawn by one template (no option groups). Django's own includes three
    more templates for every option, which made the filter form most of the table page's
    rendering time."""

    template_name = "widgets/checkbox_group.html"


class OptionList(forms.Select):
    """A select drawn by one template, without an include per option (see CheckboxGroup;
    no option groups either)."""

    template_name = "widgets/select.html"


class ValueListField(forms.MultipleChoiceField):
    """One or more choices. Unknown values are left out, never an error; the result follows
    the order of the choices, and a list of every choice filters nothing, so it is empty."""

    widget = CheckboxGroup

    def __init__(self, *, all_means_any: bool = True, unknown_reason: str = "", **kwargs) -> None:
        self.all_means_any = all_means_any
        self.unknown_reason = unknown_reason
        kwargs["required"] = False
        super().__init__(**kwargs)

    def known(self, values: list[str]) -> list[str]:
        return [str(value) for value, _label in self.choices if str(value) in values]

    def clean(self, value) -> list[str]:
        chosen = self.known(split_values(value or []))
        if self.all_means_any and len(chosen) == len(self.choices):
            return []
        return chosen

    def bound_data(self, data, initial) -> list[str]:
        # Tick the boxes of every value understood, whichever way the URL spelled them.
        return self.known(split_values(data or []))

    def ignored(self, name: str, raw: list[str]) -> list[Ignored]:
        valid = [str(value) for value, _label in self.choices]
        reason = self.unknown_reason or "not a choice here; choose from " + ", ".join(valid)
        return [Ignored(name, value, reason) for value in split_values(raw) if value not in valid]

    def to_param(self, value: list[str]) -> str:
        return ",".join(value)


class SingleChoiceField(forms.ChoiceField):
    """One choice; an unknown value is ignored (the result is the default)."""

    widget = OptionList

    def __init__(self, *, default: str = "", **kwargs) -> None:
        self.default = default
        kwargs["required"] = False
        super().__init__(**kwargs)

    def _valid(self) -> set[str]:
        return {str(value) for value, _label in self.choices}

    def clean(self, value) -> str:
        value = (value or "").strip().lower()
        return value if value in self._valid() else self.default

    def bound_data(self, data, initial) -> str:
        return self.clean(data)

    def ignored(self, name: str, raw: list[str]) -> list[Ignored]:
        values = [value.strip() for value in raw]
        # Only the last of repeated values counts, as with any single-choice form field.
        ignored = [Ignored(name, value, "only one value is used") for value in values[:-1] if value]
        if values and values[-1] and values[-1].lower() not in self._valid():
            ignored.append(Ignored(name, values[-1], "not a choice here"))
        return ignored

    def to_param(self, value: str) -> str:
        return "" if value == self.default else value


class SearchField(forms.CharField):
    """Free text, trimmed to single spaces; text over the length limit is ignored."""

    widget = forms.TextInput(attrs={"type": "search", "placeholder": "e.g. glycinate, sleep"})

    def __init__(self, **kwargs) -> None:
        kwargs["required"] = False
        super().__init__(**kwargs)

    def clean(self, value) -> str:
        text = " ".join((value or "").split())
        return text if len(text) <= SEARCH_MAX_LENGTH else ""

    def ignored(self, name: str, raw: list[str]) -> list[Ignored]:
        text = " ".join((raw[-1] if raw else "").split())
        if len(text) > SEARCH_MAX_LENGTH:
            return [Ignored(name, text[:40] + "...", f"longer than {SEARCH_MAX_LENGTH} characters")]
        return []

    def to_param(self, value: str) -> str:
        return value


class ValueListFilter(django_filters.Filter):
    field_class = ValueListField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.Filter):
    field_class = SearchField


class SortFilter(django_filters.Filter):
    """Orders by a column; `orders` maps each column name to its ORDER BY expressions."""

    field_class = SingleChoiceField

    def __init__(self, *, orders: dict, labels: dict[str, tuple[str, str]], **kwargs) -> None:
        self.orders = orders
        choices = []
        for column, (ascending, descending) in labels.items():
            choices += [(column, ascending), (f"-{column}", descending)]
        super().__init__(choices=choices, **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if not value:
            return queryset
        column = value.removeprefix("-")
        descending = value.startswith("-")
        primary, *tie_breakers = self.orders[column]
        ordering = [primary.desc(nulls_last=True) if descending else primary.asc(nulls_last=True)]
        ordering += [
            expr if isinstance(expr, OrderBy) else expr.asc(nulls_last=True)
            for expr in tie_breakers
        ]
        return queryset.order_by(*ordering)


class LenientForm(forms.Form):
    """The form behind a filtered table. It never fails: what it cannot use it ignores, and
    `ignored()` says what that was."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflicts: list[Ignored] = []

    def ignored(self) -> list[Ignored]:
        self.is_valid()  # runs clean(), which may find conflicts
        ignored = []
        for name in self.data:
            field = self.fields.get(name)
            if field is None:
                ignored.append(Ignored(name, "", "not a parameter this page understands"))
            else:
                ignored += field.ignored(name, self.data.getlist(name))
        return ignored + self.conflicts


class FormsTableForm(LenientForm):
    bioavailability_min = SingleChoiceField(
        choices=[("", "Any"), *Bioavailability.choices], label="Bioavailability at least"
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        # `bioavailability_min` is shorthand for a bioavailability list; fold it in, so the
        # canonical URL has one way of saying it.
        minimum = cleaned.pop("bioavailability_min", "")
        if minimum:
            levels = Bioavailability.values
            at_least = levels[levels.index(minimum) :]
            chosen = cleaned.get("bioavailability") or levels
            narrowed = [level for level in chosen if level in at_least]
            if narrowed:
                cleaned["bioavailability"] = [] if narrowed == levels else narrowed
            else:
                self.conflicts.append(
                    Ignored(
                        "bioavailability_min",
                        minimum,
                        "no bioavailability in the list is that high",
                    )
                )
        return cleaned


class CanonicalFilterSet(django_filters.FilterSet):
    """A FilterSet over lenient fields that can write its state as the canonical query."""

    def canonical_params(self, values: dict | None = None) -> list[tuple[str, str]]:
        values = self.form.cleaned_data if values is None else values
        pairs = []
        for name in self.filters:
            field = self.form.fields[name]
            if name in values and (param := field.to_param(values[name])):
                pairs.append((name, param))
        return pairs

    def canonical_query(self, values: dict | None = None) -> str:
        return urlencode(self.canonical_params(values), safe=",")

    def is_canonical(self, query_pairs: list[tuple[str, str]]) -> bool:
        return query_pairs == self.canonical_params()

    def ignored(self) -> list[Ignored]:
        return self.form.ignored()

    def query_without(self, name: str, value: str | None = None) -> str:
        """The canonical query with one value of one filter (or the whole filter) removed."""
        values = dict(self.form.cleaned_data)
        current = values.get(name)
        if isinstance(current, list) and value is not None:
            values[name] = [item for item in current if item != value]
        else:
            values[name] = [] if isinstance(current, list) else ""
        return self.canonical_query(values)

    def query_sorted_by(self, column: str) -> str:
        """The canonical query sorted by this column: ascending, or descending if it already
        sorts ascending by it."""
        values = dict(self.form.cleaned_data)
        values["sort"] = f"-{column}" if values.get("sort") == column else column
        return self.canonical_query(values)

    def active_filters(self) -> list[dict[str, str]]:
        """Each value in use, with its label and the query that removes it."""
        active = []
        for name in self.filters:
            field = self.form.fields[name]
            value = self.form.cleaned_data.get(name)
            if name == "sort" or not value:
                continue
            if isinstance(value, list):
                labels = dict(field.choices)
                active += [
                    {
                        "param": name,
                        "name": field.label,
                        "value": str(labels.get(item, item)),
                        "remove": self.query_without(name, item),
                    }
                    for item in value
                ]
            else:
                active.append(
                    {
                        "param": name,
                        "name": field.label,
                        "value": f"\u201c{value}\u201d",
                        "remove": self.query_without(name),
                    }
                )
        return active

    def sort_state(self, column: str) -> str:
        """The aria-sort value of a column header."""
        current = self.form.cleaned_data.get("sort", "")
        if current == column:
            return "ascending"
        if current == f"-{column}":
            return "descending"
        return ""


COMPOUND_SORT_LABELS = {
    "name": ("Name, A to Z", "Name, Z to A"),
    "route": ("Route, oral first", "Route, topical first"),
    "elemental_percent": ("Elemental Mg, least first", "Elemental Mg, most first"),
    "bioavailability": ("Bioavailability, low to high", "Bioavailability, high to low"),
    "evidence": ("Evidence, limited to strong", "Evidence, strong to limited"),
    "tolerance": ("Tolerance, gentle first", "Tolerance, laxative first"),
    "dose": ("Typical dose, lowest first", "Typical dose, highest first"),
}


class MagnesiumCompoundFilter(CanonicalFilterSet):
    """The forms table: see the module docstring for the parameters."""

    bioavailability = ValueListFilter(choices=Bioavailability.choices, label="Bioavailability")
    route = ValueListFilter(choices=Route.choices, label="Route")
    use = ValueListFilter(
        choices=[],
        all_means_any=False,
        unknown_reason="not a topic on this site",
        method="filter_use",
        label="Best for",
    )
    tolerance = ValueListFilter(choices=Tolerance.choices, label="Digestive tolerance")
    q = SearchFilter(method="filter_search", label="Search")
    sort = SortFilter(
        label="Sort by",
        default="name",
        labels=COMPOUND_SORT_LABELS,
        orders={
            "name": [Lower("name")],
            "route": [F("route"), Lower("name")],
            "elemental_percent": [F("elemental_percent"), Lower("name")],
            "bioavailability": [F("bioavailability_rank"), Lower("name")],
            "evidence": [F("evidence_rank"), Lower("name")],
            "tolerance": [F("tolerance_rank"), Lower("name")],
            "dose": [F("dose_low_mg"), F("dose_high_mg"), Lower("name")],
        },
    )

    class Meta:
        model = MagnesiumCompound
        fields: list[str] = []
        form = FormsTableForm

    def __init__(self, data=None, queryset=None, **kwargs) -> None:
        if queryset is None:
            queryset = MagnesiumCompound.objects.published().for_table()
        super().__init__(data, queryset, **kwargs)
        # One query for the topics, however many are chosen. Any topic is a valid choice, but
        # the form offers only those some published form is used for (and any already chosen).
        chosen = split_values(self.data.getlist("use"))
        topics = Topic.objects.annotate(
            forms=Exists(MagnesiumCompound.objects.published().filter(uses=OuterRef("pk")))
        ).values_list("slug", "name", "forms")
        self.filters["use"].extra["choices"] = [
            (slug, name) for slug, name, forms in topics if forms or slug in chosen
        ]

    def filter_use(self, queryset, name: str, value: list[str]):
        return queryset.for_uses(value)

    def filter_search(self, queryset, name: str, value: str):
        return queryset.search(value)


class FoodFilter(CanonicalFilterSet):
    """The foods table: `group` (one or more food groups) and `sort` (name, group or mg,
    `-` for descending; the default is -mg, richest first)."""

    group = ValueListFilter(choices=FoodGroup.choices, label="Food group")
    sort = SortFilter(
        label="Sort by",
        default="-mg",
        labels={
            "name": ("Food, A to Z", "Food, Z to A"),
            "group": ("Food group", "Food group, reversed"),
            "mg": ("Magnesium, least first", "Magnesium, most first"),
        },
        orders={
            "name": [Lower("name")],
            "group": [choice_rank("group", FoodGroup), F("mg").desc(), Lower("name")],
            "mg": [F("mg"), Lower("name")],
        },
    )

    class Meta:
        model = Food
        fields: list[str] = []
        form = LenientForm

    def __init__(self, data=None, queryset=None, **kwargs) -> None:
        if queryset is None:
            queryset = Food.objects.with_sources()
        super().__init__(data, queryset, **kwargs)
