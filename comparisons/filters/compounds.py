"""The forms table's filters and columns (/forms/, /forms.csv, /forms.json).

Its GET parameters are part of the site's public surface (docs/public-surface.md):

    bioavailability      low, moderate, good, high: one or more, as a comma list
                         (bioavailability=good,high) or a repeated parameter
    bioavailability_min  a minimum: bioavailability_min=good means good or high; accepted
                         as input and rewritten as the equivalent bioavailability list
    route                oral, topical: one or more; a form matches if its main route or any of
                         its preparations (comparisons/models/preparations.py) is taken that way
    use                  topic slugs: one or more; a form matches if it is taken for any
    tolerance            gentle, moderate, laxative: one or more; shown as "Not on NIH
                         diarrhoea list", "Loose stools at high doses", "Often linked to
                         diarrhoea" (TOLERANCE_MEANINGS says what each rests on)
    q                    words that must all appear in the name or other names or, for a
                         word no form's names hold, in the summary, side effects or uses
    sort                 a column of COLUMNS; a leading "-" sorts descending; the default is name

The page /forms/ also takes `forms`, the forms ticked to compare (FormsTablePage, below); the
open data does not.

Apps above this one add parameters and columns through comparisons/filters/extensions.py
(the evidence app adds `outcome`, `grade` and the `evidence_for` sort: evidence/forms_table.py).

Values of one parameter are alternatives (OR); different parameters all apply (AND). Scales
sort by their order (low < moderate < good < high), never alphabetically. Canonical queries
and ignored values: comparisons/filters/base.py.
"""

from __future__ import annotations

from collections import OrderedDict

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Lower
from django.forms import BoundField
from django.http import QueryDict

from articles.models import Topic
from comparisons.filters.base import (
    ActiveFilter,
    CanonicalFilterSet,
    Column,
    Ignored,
    LenientForm,
    SearchFilter,
    SingleChoiceField,
    SortFilter,
    SortHeader,
    ValueListFilter,
    split_values,
)
from comparisons.filters.extensions import ExtraColumn, forms_table_extensions
from comparisons.models import (
    Bioavailability,
    Evidence,
    MagnesiumCompound,
    Route,
    Tolerance,
    choice_rank,
)

BY_NAME = Lower("name")

# The forms table's sortable columns, in the table's order; scales sort by their rank
# (choice_rank), not their text. Adding one here adds its heading, its sort links and
# its place in the sort menu; its cell goes in templates/comparisons/_forms_row.html.
COLUMNS = (
    Column("name", "Form", "Name, A to Z", "Name, Z to A", (BY_NAME,)),
    Column("route", "Route", "Route, oral first", "Route, topical first", ("route", BY_NAME)),
    Column(
        "elemental_percent",
        # A percentage: "Elemental Mg" beside doses in mg read as milligrams.
        "Magnesium by weight",
        "Magnesium by weight, least first",
        "Magnesium by weight, most first",
        ("elemental_percent", BY_NAME),
    ),
    Column(
        "bioavailability",
        "Bioavailability",
        "Bioavailability, low to high",
        "Bioavailability, high to low",
        (choice_rank("bioavailability", Bioavailability), BY_NAME),
    ),
    # Shown in the bioavailability cell, so it has no heading of its own.
    Column(
        "evidence",
        None,
        "Absorption data, weakest first",
        "Absorption data, strongest first",
        (choice_rank("evidence", Evidence), BY_NAME),
    ),
    Column(
        "tolerance",
        "Digestive tolerance",
        "Tolerance, least linked to diarrhoea first",
        "Tolerance, most linked to diarrhoea first",
        (choice_rank("tolerance", Tolerance), BY_NAME),
    ),
    Column(
        "dose",
        "Typical dose",
        "Typical dose, lowest first",
        "Typical dose, highest first",
        ("dose_low_mg", "dose_high_mg", BY_NAME),
    ),
)

# What a form's uses are, for readers: what people commonly take it for, never a proven
# benefit (issue 20). The table's heading and the filter's legend both say this.
USES_LABEL = "Often taken for"


class CompoundsForm(LenientForm):
    """The forms table's form: its filters' fields, and `bioavailability_min`, accepted as
    input only and folded into the bioavailability list."""

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
        for extension in forms_table_extensions():
            self.conflicts += extension.prune(cleaned, self.fields)
        return cleaned


class MagnesiumCompoundFilter(CanonicalFilterSet):
    """The forms table: see the module docstring for the parameters."""

    bioavailability = ValueListFilter(choices=Bioavailability.choices, label="Bioavailability")
    route = ValueListFilter(choices=Route.choices, label="Route", method="filter_route")
    use = ValueListFilter(
        choices=[],  # the topics, set per request in __init__
        all_means_any=False,
        unknown_reason="not a topic on this site",
        method="filter_use",
        label=USES_LABEL,
        help_text="What people commonly take a form for, not what it is proven to do.",
    )
    tolerance = ValueListFilter(
        choices=Tolerance.choices,
        label="Digestive tolerance",
        help_text="How the NIH fact sheet and other sources link a form to diarrhoea; "
        "the note under the table gives the sources. Not being on the NIH list does not "
        "make a form proven gentle.",
    )
    q = SearchFilter(method="filter_search", label="Search")
    sort = SortFilter(label="Sort by", default="name", columns=COLUMNS)

    class Meta(CanonicalFilterSet.Meta):
        model = MagnesiumCompound
        fields: list[str] = []
        form = CompoundsForm

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None) -> None:
        if queryset is None:
            queryset = MagnesiumCompound.objects.published().for_table()
        super().__init__(data, queryset)
        self._add_extensions()
        # Any topic is a valid choice, but the form offers only those some published form
        # is taken for (and any already chosen), so no box leads to an empty table.
        chosen = split_values(self.data.getlist("use"))
        published = MagnesiumCompound.objects.published().filter(uses=OuterRef("pk"))
        topics = Topic.objects.annotate(in_use=Exists(published)).order_by("name")
        self.filters["use"].extra["choices"] = [
            (slug, name)
            for slug, name, in_use in topics.values_list("slug", "name", "in_use")
            if in_use or slug in chosen
        ]

    def controls(self) -> list[BoundField]:
        """As drawn, the ratings offer only those some published form has (and any chosen),
        as `use` does: no form is rated "high" for absorption, as no human study bears that
        claim out, so its box could only empty the table. A link may still ask for it."""
        controls = super().controls()
        rated = MagnesiumCompound.objects.published().values_list("bioavailability", "tolerance")
        given = [set(each) for each in zip(*rated.distinct(), strict=True)] or [set(), set()]
        for name, ratings in zip(("bioavailability", "tolerance"), given, strict=True):
            field, chosen = self.form.fields[name], self.values[name]
            field.widget.choices = [c for c in field.choices if c[0] in ratings or c[0] in chosen]
        return controls

    def _add_extensions(self) -> None:
        """The registered extensions' filters, before `sort`, and their sortable columns."""
        extensions = forms_table_extensions()
        if not extensions:
            return
        filters = OrderedDict((name, f) for name, f in self.filters.items() if name != "sort")
        columns = COLUMNS
        for extension in extensions:
            for name, extra in extension.filters(self.data).items():
                extra.field_name = name
                filters[name] = extra
            columns += extension.sort_columns(self.data)
        sort = self.filters["sort"]
        if columns != COLUMNS:
            sort = SortFilter(label=sort.label, default=sort.extra["default"], columns=columns)
            sort.field_name = "sort"
        filters["sort"] = sort
        for f in filters.values():
            f.model, f.parent = self.queryset.model, self
        self.filters = filters

    def canonical_params(self, values: dict | None = None) -> list[tuple[str, str]]:
        if values is not None:
            # A link that removes one value drops the values that needed it (a minimum
            # grade without its outcome), rather than leading to a notice.
            values = dict(values)
            for extension in forms_table_extensions():
                extension.prune(values, self.form.fields)
        return super().canonical_params(values)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        for extension in forms_table_extensions():
            queryset = extension.annotate(queryset, self)
        return super().filter_queryset(queryset)

    def extra_columns(self) -> list[ExtraColumn]:
        """The extensions' columns shown for this request, after the table's own."""
        return [column for e in forms_table_extensions() for column in e.columns(self)]

    def export_fields(self) -> dict:
        """The extensions' open-data columns for this request, after the table's own."""
        fields: dict = {}
        for extension in forms_table_extensions():
            fields.update(extension.export_fields(self))
        return fields

    def sort_headers(self) -> list[SortHeader]:
        headers = super().sort_headers()
        current = self.values.get("sort", "")
        for column in self.extra_columns():
            if not column.name:
                continue
            state = ""
            if current.removeprefix("-") == column.name:
                state = "descending" if current.startswith("-") else "ascending"
            headers.append(
                SortHeader(column.name, column.heading, self.query_sorted_by(column.name), state)
            )
        return headers

    def filter_route(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.for_routes(value)

    def filter_use(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.for_uses(value)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class FormsTablePage(MagnesiumCompoundFilter):
    """The forms table as the /forms/ page reads it: its filters, and `forms`, the forms a
    reader ticked to compare (slugs, comma-separated or repeated). The ticks are kept in
    every link that filters, sorts or pages the table, and the filter form carries the
    boxes, so a reader can tick a form, filter to find another and compare the two. They
    narrow nothing, so they are neither a control nor an active filter, and the open data
    (/forms.csv, /forms.json, MagnesiumCompoundFilter) does not take them."""

    forms = ValueListFilter(
        choices=[],  # the published forms, set in __init__ when the request ticks any
        all_means_any=False,
        unknown_reason="not a form on this site",
        method="filter_ticked",
        label="Ticked to compare",
    )

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None) -> None:
        super().__init__(data, queryset)
        if "forms" in self.data:
            published = MagnesiumCompound.objects.published().order_by(BY_NAME)
            self.filters["forms"].extra["choices"] = list(published.values_list("slug", "name"))

    def filter_ticked(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset

    def ticked(self) -> dict[str, str]:
        """The forms ticked: slug -> name."""
        names = dict(self.form.fields["forms"].choices)
        return {slug: names[slug] for slug in self.values.get("forms", [])}

    def controls(self) -> list[BoundField]:
        return [field for field in super().controls() if field.name != "forms"]

    def active_filters(self) -> list[ActiveFilter]:
        ticks = self.form.fields["forms"].label
        return [active for active in super().active_filters() if active.name != ticks]

    def clear_query(self) -> str:
        return self.canonical_query(
            {"sort": self.values.get("sort", ""), "forms": self.values.get("forms", [])}
        )

    def export_query(self) -> str:
        """The canonical query without the ticks: what the open data takes."""
        return self.query_without("forms")
