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

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property

from articles import stored_pages
from articles.models import PublishStatus, Topic
from articles.pagination import PAGE_PARAM
from comparisons.models import (
    Bioavailability,
    Evidence,
    Food,
    FoodGroup,
    MagnesiumCompound,
    Route,
    Tolerance,
    choice_rank,
)

SEARCH_MAX_LENGTH = 100

# A request's GET parameters, each name with its values (query_key).
QueryKey = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Ignored:
    """A parameter value the table could not use, and why."""

    param: str
    value: str
    reason: str


@dataclass(frozen=True)
class Control:
    """One control of a filter form, as drawn: each option is (value, label, ticked), and
    `value` is a text box's text. Frozen, so a drawn form can be kept per set of controls
    (comparisons/templatetags/tables.py)."""

    name: str
    id: str
    label: str
    options: tuple[tuple[str, str, bool], ...] = ()
    value: str = ""


@dataclass(frozen=True)
class ActiveFilter:
    """One value a table is filtered by: the parameter, its label and the value's, and the
    canonical query without it."""

    param: str
    name: str
    value: str
    remove: str


def split_values(raw: list[str]) -> list[str]:
    """Repeated parameters and comma lists alike, lower-cased, without blanks or repeats."""
    values: list[str] = []
    for item in raw:
        for part in item.split(","):
            part = part.strip().lower()
            if part and part not in values:
                values.append(part)
    return values


class ValueListField(forms.MultipleChoiceField):
    """One or more choices. Unknown values are left out, never an error; the result follows
    the order of the choices, and a list of every choice filters nothing, so it is empty."""

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


# A page of the forms table links to a dozen variants of its own query (each sort, each
# filter removed), and the same few hundred queries recur across requests: each is encoded
# once per process.
@functools.lru_cache(maxsize=4096)
def encode_query(pairs: tuple[tuple[str, str], ...]) -> str:
    """The query string of these parameters, commas left as they are."""
    return urlencode(pairs, safe=",")


def sort_choices(labels: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    choices = []
    for column, (ascending, descending) in labels.items():
        choices += [(column, ascending), (f"-{column}", descending)]
    return choices


def ordered(queryset: QuerySet, value: str, orders: dict[str, list]) -> QuerySet:
    """Sorted by a column (`-` for descending); `orders` maps each column name to its ORDER
    BY expressions, the first being the column itself and the rest tie-breakers."""
    if not value:
        return queryset
    column = value.removeprefix("-")
    primary, *tie_breakers = orders[column]
    descending = value.startswith("-")
    ordering = [primary.desc(nulls_last=True) if descending else primary.asc(nulls_last=True)]
    ordering += [
        expr if isinstance(expr, OrderBy) else expr.asc(nulls_last=True) for expr in tie_breakers
    ]
    return queryset.order_by(*ordering)


class ValueListFilter(django_filters.Filter):
    """Narrows to rows whose field is one of the values listed (ValueListField)."""

    field_class = ValueListField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.Filter):
    """Free text (SearchField); the FilterSet's `method` says what it matches."""

    field_class = SearchField


class SortFilter(django_filters.Filter):
    """Sorts by a column (SingleChoiceField); `orders` maps each column name to its ORDER BY
    expressions (see ordered), `labels` to its ascending and descending labels."""

    field_class = SingleChoiceField

    def __init__(self, *, orders: dict, labels: dict[str, tuple[str, str]], **kwargs) -> None:
        self.orders = orders
        super().__init__(choices=sort_choices(labels), **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        return ordered(queryset, value, self.orders)


class LenientForm(forms.Form):
    """The form behind a filtered table. It never fails: its fields leave out what they
    cannot use, and `conflicts` holds what clean() had to leave out for other reasons."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflicts: list[Ignored] = []


class CanonicalFilterSet(django_filters.FilterSet):
    """A FilterSet over lenient fields (they never raise) that also says what it read: the
    canonical query that asks for the same, the values it ignored and why, each filter in
    use, and the controls of a filter form. Its filters, in the order declared, are the
    parameters of the canonical query, in that order."""

    class Meta:
        form = LenientForm

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None) -> None:
        data = data if data is not None else QueryDict()
        super().__init__(data, queryset)
        self.data = data  # django-filter keeps an empty QueryDict as {}; ours reads lists

    @property
    def fields(self) -> dict[str, forms.Field]:
        return self.form.fields

    @cached_property
    def cleaned_data(self) -> dict:
        self.form.is_valid()  # always valid: the fields leave out what they cannot use
        return self.form.cleaned_data

    def raw(self, name: str) -> list[str] | str | None:
        """What the form hands this field, as its widget reads it: every value of a list,
        the last of any other."""
        return self.fields[name].widget.value_from_datadict(self.data, {}, name)

    def canonical_params(self, values: dict | None = None) -> list[tuple[str, str]]:
        values = self.cleaned_data if values is None else values
        pairs = []
        for name in self.filters:
            if name in values and (param := self.fields[name].to_param(values[name])):
                pairs.append((name, param))
        return pairs

    def canonical_query(self, values: dict | None = None) -> str:
        return encode_query(tuple(self.canonical_params(values)))

    @cached_property
    def _ignored(self) -> list[Ignored]:
        ignored = []
        for name in self.data:
            field = self.fields.get(name)
            if field is None:
                ignored.append(Ignored(name, "", "not a parameter this page understands"))
            else:
                ignored += field.ignored(name, self.data.getlist(name))
        self.form.is_valid()  # cleaning finds the conflicts
        return ignored + self.form.conflicts

    def ignored(self) -> list[Ignored]:
        return self._ignored

    def query_without(self, name: str, value: str | None = None) -> str:
        """The canonical query with one value of one filter (or the whole filter) removed."""
        values = dict(self.cleaned_data)
        current = values.get(name)
        if isinstance(current, list) and value is not None:
            values[name] = [item for item in current if item != value]
        else:
            values[name] = [] if isinstance(current, list) else ""
        return self.canonical_query(values)

    def query_sorted_by(self, column: str) -> str:
        """The canonical query sorted by this column: ascending, or descending if it already
        sorts ascending by it."""
        values = dict(self.cleaned_data)
        values["sort"] = f"-{column}" if values.get("sort") == column else column
        return self.canonical_query(values)

    def active_filters(self) -> tuple[ActiveFilter, ...]:
        """Each value in use, with its label and the query that removes it."""
        active = []
        for name in self.filters:
            field = self.fields[name]
            value = self.cleaned_data.get(name)
            if name == "sort" or not value:
                continue
            if isinstance(value, list):
                labels = dict(field.choices)
                active += [
                    ActiveFilter(
                        name,
                        str(field.label),
                        str(labels.get(item, item)),
                        self.query_without(name, item),
                    )
                    for item in value
                ]
            else:
                active.append(
                    ActiveFilter(
                        name, str(field.label), f"\u201c{value}\u201d", self.query_without(name)
                    )
                )
        return tuple(active)

    def sort_state(self, column: str) -> str:
        """The aria-sort value of a column header."""
        current = self.cleaned_data.get("sort", "")
        if current == column:
            return "ascending"
        if current == f"-{column}":
            return "descending"
        return ""

    def sort_label(self) -> str:
        return dict(self.fields["sort"].choices)[self.cleaned_data["sort"]]

    def control(self, name: str) -> Control:
        """What the filter form draws for one parameter: its label, and each choice with
        whether it is ticked (or selected), as the URL asked for it. A list ticks every
        value understood, however spelled; a search box shows the text as typed."""
        field = self.fields[name]
        bound = field.bound_data(self.raw(name), None)
        label = str(field.label)
        if isinstance(field, ValueListField):
            options = tuple((str(v), str(text), str(v) in bound) for v, text in field.choices)
        elif isinstance(field, SingleChoiceField):
            options = tuple((str(v), str(text), str(v) == bound) for v, text in field.choices)
        else:
            return Control(name, f"id_{name}", label, value=bound or "")
        return Control(name, f"id_{name}", label, options)


COMPOUND_SORT_LABELS = {
    "name": ("Name, A to Z", "Name, Z to A"),
    "route": ("Route, oral first", "Route, topical first"),
    "elemental_percent": ("Elemental Mg, least first", "Elemental Mg, most first"),
    "bioavailability": ("Bioavailability, low to high", "Bioavailability, high to low"),
    "evidence": ("Evidence, limited to strong", "Evidence, strong to limited"),
    "tolerance": ("Tolerance, gentle first", "Tolerance, laxative first"),
    "dose": ("Typical dose, lowest first", "Typical dose, highest first"),
}


# The stored facts of the forms table (MagnesiumCompoundFilter.facts).
TABLE_FACTS_KEY = "forms-table:facts"

COMPOUND_ORDERS = {
    "name": [Lower("name")],
    "route": [F("route"), Lower("name")],
    "elemental_percent": [F("elemental_percent"), Lower("name")],
    "bioavailability": [choice_rank("bioavailability", Bioavailability), Lower("name")],
    "evidence": [choice_rank("evidence", Evidence), Lower("name")],
    "tolerance": [choice_rank("tolerance", Tolerance), Lower("name")],
    "dose": [F("dose_low_mg"), F("dose_high_mg"), Lower("name")],
}

# The parameters that narrow the table to forms with one of the listed values of a field.
LIST_FILTERS = ("bioavailability", "route", "tolerance")


def table_facts() -> tuple[stored_pages.Stamp, dict]:
    """The stamp of the content this request sees, and what the forms table needs to know
    of all the content, whatever the filters: the topics (slug, name, and whether some
    published form is used for it) and the number of published forms. Kept with the table's
    rows (articles/stored_pages.py), so it is worked out once per content version instead of
    on every request; reading it is the same query as reading the stamp."""
    stamp, stored = stored_pages.load_current([TABLE_FACTS_KEY])
    if page := stored.get(TABLE_FACTS_KEY):
        return stamp, page.data
    published = MagnesiumCompound.objects.published()
    facts = {
        "topics": list(
            Topic.objects.annotate(forms=Exists(published.filter(uses=OuterRef("pk")))).values_list(
                "slug", "name", "forms"
            )
        ),
        "total": published.count(),
    }
    stored_pages.store(TABLE_FACTS_KEY, stamp, "", facts)
    return stamp, facts


def topics_key(facts: dict) -> tuple[tuple[str, str, bool], ...]:
    """The topics of table_facts, as a key of compound_query (stored facts hold lists)."""
    return tuple((slug, name, bool(forms)) for slug, name, forms in facts["topics"])


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
        return cleaned


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
        label="Sort by", default="name", labels=COMPOUND_SORT_LABELS, orders=COMPOUND_ORDERS
    )

    class Meta:
        model = MagnesiumCompound
        fields: list[str] = []
        form = CompoundsForm

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: QuerySet | None = None,
        topics: tuple[tuple[str, str, bool], ...] | None = None,
    ) -> None:
        if queryset is None:
            queryset = MagnesiumCompound.objects.published().for_table()
        super().__init__(data, queryset)
        # Any topic is a valid choice, but the form offers only those some published form
        # is used for (and any already chosen). `topics` are the facts' topics, when the
        # caller has read them already (compound_query).
        chosen = split_values(self.data.getlist("use"))
        topics = self.facts["topics"] if topics is None else topics
        self.filters["use"].extra["choices"] = [
            (slug, name) for slug, name, forms in topics if forms or slug in chosen
        ]

    @cached_property
    def _facts(self) -> tuple[stored_pages.Stamp, dict]:
        return table_facts()

    @property
    def stamp(self) -> stored_pages.Stamp:
        """The stamp of the content this request sees (read once, before any rendering)."""
        return self._facts[0]

    @property
    def facts(self) -> dict:
        return self._facts[1]

    def filter_use(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.for_uses(value)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def matching_ids(self) -> list[int]:
        """The ids of the matching forms, in the table's order: what `qs` selects, without
        building it when there is no search text (see matching_ids_sql)."""
        if (statement := ids_statement(self.cleaned_data)) is not None:
            return run_ids_statement(statement)
        return list(self.qs.values_list("pk", flat=True))


def ids_statement(values: Mapping) -> tuple[str, tuple] | None:
    """matching_ids_sql without its first parameter, the time of the request; None when the
    ids come through the ORM instead (search text, or a database without NULLS LAST)."""
    if values["q"] or not connection.features.supports_order_by_nulls_modifier:
        return None
    sql, params = matching_ids_sql(values)
    return sql, tuple(params[1:])


def run_ids_statement(statement: tuple[str, tuple]) -> list[int]:
    """The ids an ids_statement selects now."""
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(timezone.now()), *params])
        return [pk for (pk,) in cursor.fetchall()]


# The forms table's sortable columns and their headings, in the table's order.
COMPOUND_COLUMNS = (
    ("name", "Form"),
    ("route", "Route"),
    ("elemental_percent", "Elemental Mg"),
    ("bioavailability", "Bioavailability"),
    ("tolerance", "Digestive tolerance"),
    ("dose", "Typical dose"),
)
# The filter form's controls, in its order.
COMPOUND_CONTROLS = ("bioavailability", "tolerance", "route", "use", "q", "sort")


@dataclass(frozen=True)
class CompoundQuery:
    """What the forms table shows that follows from its query alone, given the topics on
    offer: the values read, the canonical query, what was ignored, the filter form's
    controls, the sort headers and the active filters. Nothing of it comes from the forms
    themselves, so one is worked out per distinct query and set of topics and kept
    (compound_query); the matching ids, the rows and the counts are read per request."""

    values: Mapping
    canonical_params: tuple[tuple[str, str], ...]
    canonical_query: str
    ignored: tuple[Ignored, ...]
    controls: Mapping[str, Control]
    # Each sortable column: (column, heading, query sorted by it, its aria-sort value).
    columns: tuple[tuple[str, str, str, str], ...]
    active_filters: tuple[ActiveFilter, ...]
    clear_query: str
    sort_label: str
    ids_statement: tuple[str, tuple] | None
    # What it was read from: search text goes through MagnesiumCompoundFilter.qs.
    params: QueryKey
    topics: tuple[tuple[str, str, bool], ...]

    def matching_ids(self) -> list[int]:
        if self.ids_statement is not None:
            return run_ids_statement(self.ids_statement)
        return MagnesiumCompoundFilter(query_dict(self.params), topics=self.topics).matching_ids()


# Parameters longer than this in all are read afresh on every request rather than kept: the
# kept queries are bounded in number (compound_query) and so, by this, in size.
KEPT_QUERY_MAX_LENGTH = 1000


def query_key(data: QueryDict) -> QueryKey:
    """A request's GET parameters as a key of compound_query, the page number left out."""
    return tuple((name, tuple(values)) for name, values in data.lists() if name != PAGE_PARAM)


def query_dict(params: QueryKey) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in params:
        data.setlist(name, list(values))
    return data


def compound_query(params: QueryKey, topics: tuple[tuple[str, str, bool], ...]) -> CompoundQuery:
    """The forms table's query, read once per distinct set of parameters and of topics:
    readers follow the same few hundred links over and over, and reading one is most of what
    the table costs beyond its two queries."""
    if sum(len(name) + sum(map(len, values)) for name, values in params) > KEPT_QUERY_MAX_LENGTH:
        return _read_compound_query(params, topics)
    return _kept_compound_query(params, topics)


def _read_compound_query(
    params: QueryKey, topics: tuple[tuple[str, str, bool], ...]
) -> CompoundQuery:
    table = MagnesiumCompoundFilter(query_dict(params), topics=topics)
    values = table.cleaned_data
    return CompoundQuery(
        values=MappingProxyType(values),
        canonical_params=tuple(table.canonical_params()),
        canonical_query=table.canonical_query(),
        ignored=tuple(table.ignored()),
        controls=MappingProxyType({name: table.control(name) for name in COMPOUND_CONTROLS}),
        columns=tuple(
            (column, label, table.query_sorted_by(column), table.sort_state(column))
            for column, label in COMPOUND_COLUMNS
        ),
        active_filters=table.active_filters(),
        clear_query=table.canonical_query({"sort": values["sort"]}),
        sort_label=table.sort_label(),
        ids_statement=ids_statement(values),
        params=params,
        topics=topics,
    )


_kept_compound_query = functools.lru_cache(maxsize=512)(_read_compound_query)


# The columns sorted by their place in a scale (choice_rank), not by their text.
RANKED_SCALES = {"bioavailability": Bioavailability, "evidence": Evidence, "tolerance": Tolerance}


def _rank_sql(column: str, choices: type) -> tuple[str, list]:
    """choice_rank() as SQL: the position of the value in its scale."""
    whens = " ".join(f"WHEN {column} = %s THEN %s" for _value in choices.values)
    params = [item for rank, value in enumerate(choices.values) for item in (value, rank)]
    return f"CASE {whens} ELSE %s END", [*params, len(choices.values)]


def matching_ids_sql(values: Mapping, now: datetime | None = None) -> tuple[str, list]:
    """The forms table's query for ids, as SQL, for every parameter but `q`.

    It runs on every request for the table, and building MagnesiumCompoundFilter.qs with the
    ORM took fifteen times as long as running the query; the filters and orders here are
    plain comparisons. It must select exactly what `qs` selects, in the same order:
    tests/comparisons/test_filters.py checks that over every sort and many filter sets.
    Search text goes through the ORM (MagnesiumCompoundQuerySet.search), whose
    case-insensitive matching differs between databases. The first parameter is the time
    forms must be published by (now, by default).
    """
    qn = connection.ops.quote_name
    table = qn(MagnesiumCompound._meta.db_table)
    uses = MagnesiumCompound.uses.through
    column = {name: f"{table}.{qn(name)}" for name in ["id", "name", *LIST_FILTERS]}
    where = [f"{table}.{qn('published_at')} <= %s", f"{table}.{qn('status')} = %s"]
    params: list = [
        connection.ops.adapt_datetimefield_value(now or timezone.now()),
        str(PublishStatus.PUBLISHED),
    ]
    for name in LIST_FILTERS:
        if chosen := values[name]:
            where.append(f"{column[name]} IN ({', '.join(['%s'] * len(chosen))})")
            params += chosen
    if chosen := values["use"]:
        where.append(
            f"{column['id']} IN (SELECT link.{qn('magnesiumcompound_id')} "
            f"FROM {qn(uses._meta.db_table)} link JOIN {qn(Topic._meta.db_table)} topic "
            f"ON topic.{qn('id')} = link.{qn('topic_id')} "
            f"WHERE topic.{qn('slug')} IN ({', '.join(['%s'] * len(chosen))}))"
        )
        params += chosen
    by_name = f"LOWER({column['name']})"
    sort = values["sort"]
    key = sort.removeprefix("-")
    # COMPOUND_ORDERS as SQL: the column's expression, then its tie-breakers.
    if key in RANKED_SCALES:
        primary, primary_params = _rank_sql(f"{table}.{qn(key)}", RANKED_SCALES[key])
        tie_breakers = [by_name]
    else:
        primary_params = []
        primary, tie_breakers = {
            "name": (by_name, []),
            "route": (column["route"], [by_name]),
            "elemental_percent": (f"{table}.{qn('elemental_percent')}", [by_name]),
            "dose": (f"{table}.{qn('dose_low_mg')}", [f"{table}.{qn('dose_high_mg')}", by_name]),
        }[key]
    direction = "DESC" if sort.startswith("-") else "ASC"
    order = [f"{primary} {direction} NULLS LAST"] + [
        f"{expr} ASC NULLS LAST" for expr in tie_breakers
    ]
    sql = (
        f"SELECT {column['id']} FROM {table} WHERE {' AND '.join(where)} "
        f"ORDER BY {', '.join(order)}"
    )
    return sql, params + primary_params


FOOD_ORDERS = {
    "name": [Lower("name")],
    "group": [choice_rank("group", FoodGroup), F("mg").desc(), Lower("name")],
    "mg": [F("mg"), Lower("name")],
}


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
        orders=FOOD_ORDERS,
    )

    class Meta:
        model = Food
        fields: list[str] = []
        form = LenientForm

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None) -> None:
        super().__init__(data, Food.objects.with_sources() if queryset is None else queryset)
