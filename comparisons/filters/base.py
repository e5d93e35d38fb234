"""What every filtered table on the site shares: fields that never fail, sortable columns, and a
FilterSet that says what it read.

A table's URL is part of the public surface (docs/public-surface.md), and readers paste,
bookmark and mistype it, so these tables are lenient: a value the table does not know is
left out and reported on the page ("Part of this link was ignored"), never an error, and
every way of asking for the same rows has one canonical query string that the views redirect
to (one cached copy, one link to share). The canonical query lists the FilterSet's filters
in the order declared, each at most once; values lower case, comma-separated, without
repeats, in the order of their choices; a filter that lists every choice, an empty one and
the default sort are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.db.models.expressions import OrderBy
from django.http import QueryDict
from django.utils.functional import cached_property

from articles.http import Ignored  # a value the table could not use, and why

SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class Column:
    """A sortable column, declared once: its `sort` value, its heading (None: sortable from
    the sort menu only), the sort menu's labels for each direction, and the ORDER BY that
    sorts by it: the first expression is the column itself (in the direction asked for,
    empty values last), the rest break ties. The cell is drawn by the table's row template."""

    name: str
    heading: str | None
    ascending: str
    descending: str
    order: tuple

    def __deepcopy__(self, memo: dict) -> Column:
        # Immutable, and its expressions are only read (order_by copies what it resolves):
        # every FilterSet deep-copies its filters, and copying each column's expressions
        # was a third of building the forms table's FilterSet.
        return self


@dataclass(frozen=True)
class ActiveFilter:
    """One value a table is filtered by: its filter's label, the value's label, and the
    canonical query without it."""

    name: str
    value: str
    remove: str


@dataclass(frozen=True)
class SortHeader:
    """A column heading: the query that sorts by the column, and its aria-sort state."""

    column: str
    heading: str
    query: str
    state: str

    @property
    def spoken_name(self) -> str:
        """The name a screen reader gives the heading's link: aria-sort, on the cell, is
        announced only when moving through the table cell by cell, not when tabbing."""
        if not self.state:
            return f"Sort by {self.heading}"
        following = "descending" if self.state == "ascending" else "ascending"
        return f"Sort by {self.heading}, currently {self.state}; select to sort {following}"


def split_values(raw: list[str]) -> list[str]:
    """Repeated parameters and comma lists alike, lower-cased, without blanks or repeats."""
    values: list[str] = []
    for item in raw:
        for part in item.split(","):
            part = part.strip().lower()
            if part and part not in values:
                values.append(part)
    return values


# Django's own templates draw each option through three nested templates (input_option,
# input, attrs); with some forty options, that was most of the time of the table page. These
# draw the same markup in one template per control.
class CheckboxList(forms.CheckboxSelectMultiple):
    template_name = "comparisons/_forms_checkboxes.html"


class Menu(forms.Select):
    template_name = "comparisons/_forms_select.html"


class ValueListField(forms.MultipleChoiceField):
    """One or more choices, drawn as checkboxes. Unknown values are left out, never an error;
    the result follows the order of the choices, and a list of every choice filters nothing,
    so it is empty."""

    widget = CheckboxList

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
        # Tick the box of every value understood, whichever way the URL spelled it.
        return self.known(split_values(data or []))

    def ignored(self, name: str, raw: list[str]) -> list[Ignored]:
        valid = [str(value) for value, _label in self.choices]
        reason = self.unknown_reason or "not a choice here; choose from " + ", ".join(valid)
        return [Ignored(name, value, reason) for value in split_values(raw) if value not in valid]

    def to_param(self, value: list[str]) -> str:
        return ",".join(value)


class SingleChoiceField(forms.ChoiceField):
    """One choice, drawn as a menu; an unknown value is ignored (the result is the default)."""

    widget = Menu

    def __init__(self, *, default: str = "", unknown_reason: str = "", **kwargs) -> None:
        self.default = default
        self.unknown_reason = unknown_reason
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
            ignored.append(Ignored(name, values[-1], self.unknown_reason or "not a choice here"))
        return ignored

    def to_param(self, value: str) -> str:
        return "" if value == self.default else value


def _searchable(text: str) -> bool:
    """Whether the text has a letter or a digit: "%" alone would list every form whose text
    holds a per cent sign, and "_" none, each looking like an answer."""
    return any(char.isalnum() for char in text)


class SearchField(forms.CharField):
    """Free text, trimmed to single spaces; text over the length limit is ignored. The box
    shows the text as typed."""

    widget = forms.TextInput(attrs={"type": "search", "placeholder": "e.g. glycinate, sleep"})

    def __init__(self, **kwargs) -> None:
        kwargs["required"] = False
        super().__init__(**kwargs)

    def clean(self, value) -> str:
        text = " ".join((value or "").split())
        return text if len(text) <= SEARCH_MAX_LENGTH and _searchable(text) else ""

    def ignored(self, name: str, raw: list[str]) -> list[Ignored]:
        # Only the last of repeated values counts, as with the single choices.
        ignored = [
            Ignored(name, " ".join(value.split())[:40], "only one value is used")
            for value in raw[:-1]
            if value.strip()
        ]
        text = " ".join((raw[-1] if raw else "").split())
        if len(text) > SEARCH_MAX_LENGTH:
            ignored.append(
                Ignored(name, text[:40] + "...", f"longer than {SEARCH_MAX_LENGTH} characters")
            )
        elif text and not _searchable(text):
            ignored.append(Ignored(name, text[:40], "no letter or number to search for"))
        return ignored

    def to_param(self, value: str) -> str:
        return value


class ValueListFilter(django_filters.Filter):
    """Narrows to rows whose field is one of the values listed (ValueListField)."""

    field_class = ValueListField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)


class SingleChoiceFilter(django_filters.Filter):
    """One choice (SingleChoiceField); the FilterSet's `method` says what it narrows to."""

    field_class = SingleChoiceField


class SearchFilter(django_filters.Filter):
    """Free text (SearchField); the FilterSet's `method` says what it matches."""

    field_class = SearchField


class SortFilter(django_filters.Filter):
    """Sorts by one of `columns` (SingleChoiceField), `-` for descending."""

    field_class = SingleChoiceField

    def __init__(self, *, columns: tuple[Column, ...], **kwargs) -> None:
        self.columns = {column.name: column for column in columns}
        choices = []
        for column in columns:
            choices += [(column.name, column.ascending), (f"-{column.name}", column.descending)]
        super().__init__(choices=choices, **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if not value:
            return queryset
        primary, *tie_breakers = (
            F(expr) if isinstance(expr, str) else expr
            for expr in self.columns[value.removeprefix("-")].order
        )
        if value.startswith("-"):
            ordering = [primary.desc(nulls_last=True)]
        else:
            ordering = [primary.asc(nulls_last=True)]
        ordering += [e if isinstance(e, OrderBy) else e.asc(nulls_last=True) for e in tie_breakers]
        return queryset.order_by(*ordering)


class LenientForm(forms.Form):
    """The form behind a filtered table. It never fails: its fields leave out what they
    cannot use, and `conflicts` holds what clean() had to leave out for other reasons."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")  # labels read "Search", not "Search:"
        super().__init__(*args, **kwargs)
        self.conflicts: list[Ignored] = []


class CanonicalFilterSet(django_filters.FilterSet):
    """A FilterSet over lenient fields that also says what it read: the canonical query that
    asks for the same, the values it ignored and why, the filters in use and the column
    headings' sort links. Its filters, in the order declared, are the parameters of the
    canonical query, in that order, and the controls of its filter form."""

    class Meta:
        form = LenientForm

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None) -> None:
        data = data if data is not None else QueryDict()
        super().__init__(data, queryset)
        self.data = data  # django-filter keeps an empty QueryDict as {}; ours reads lists

    @cached_property
    def values(self) -> dict:
        """What the form read; always valid, as its fields leave out what they cannot use."""
        self.form.is_valid()
        return self.form.cleaned_data

    def controls(self) -> list[forms.BoundField]:
        """The filter form's fields, one per filter, in the order declared."""
        return [self.form[name] for name in self.filters]

    def canonical_params(self, values: dict | None = None) -> list[tuple[str, str]]:
        values = self.values if values is None else values
        fields = self.form.fields
        return [
            (name, param)
            for name in self.filters
            if name in values and (param := fields[name].to_param(values[name]))
        ]

    def canonical_query(self, values: dict | None = None) -> str:
        return urlencode(self.canonical_params(values), safe=",")

    @cached_property
    def _ignored(self) -> list[Ignored]:
        ignored = []
        for name in self.data:
            field = self.form.fields.get(name)
            if field is None:
                ignored.append(Ignored(name, "", "not a parameter this page understands"))
            else:
                ignored += field.ignored(name, self.data.getlist(name))
        self.form.is_valid()  # cleaning the form finds the conflicts
        return ignored + self.form.conflicts

    def ignored(self) -> list[Ignored]:
        return self._ignored

    def field_messages(self) -> dict[str, str]:
        """What the filter form's own controls asked for that cannot apply together, by
        control: shown beside it, rather than as part of a link that was ignored."""
        controls = {field.name for field in self.controls()}
        return {
            item.param: item.hint for item in self.ignored() if item.hint and item.param in controls
        }

    def link_ignored(self) -> list[Ignored]:
        """The ignored values that no control's message explains."""
        explained = self.field_messages()
        return [item for item in self.ignored() if not (item.hint and item.param in explained)]

    def query_without(self, name: str, value: str | None = None) -> str:
        """The canonical query with one value of one filter (or the whole filter) removed."""
        values = dict(self.values)
        current = values.get(name)
        if isinstance(current, list) and value is not None:
            values[name] = [item for item in current if item != value]
        else:
            values[name] = [] if isinstance(current, list) else ""
        return self.canonical_query(values)

    def query_sorted_by(self, column: str) -> str:
        """The canonical query sorted by this column: ascending, or descending if it already
        sorts ascending by it."""
        values = dict(self.values)
        values["sort"] = f"-{column}" if values.get("sort") == column else column
        return self.canonical_query(values)

    def clear_query(self) -> str:
        """The canonical query with every filter removed and the sort kept."""
        return self.canonical_query({"sort": self.values.get("sort", "")})

    def active_filters(self) -> list[ActiveFilter]:
        """Each value in use, with its label and the query that removes it."""
        active = []
        for name in self.filters:
            field, value = self.form.fields[name], self.values.get(name)
            if name == "sort" or not value:
                continue
            if isinstance(value, list):
                labels = {str(choice): str(label) for choice, label in field.choices}
                active += [
                    ActiveFilter(str(field.label), labels[item], self.query_without(name, item))
                    for item in value
                ]
            elif isinstance(field, SingleChoiceField):
                label = str(dict(field.choices).get(value, value))
                active.append(ActiveFilter(str(field.label), label, self.query_without(name)))
            else:
                active.append(
                    ActiveFilter(str(field.label), f"\u201c{value}\u201d", self.query_without(name))
                )
        return active

    def sort_headers(self) -> list[SortHeader]:
        """The sortable columns' headings, each with the query that sorts by it."""
        current = self.values.get("sort", "")
        states = {current.removeprefix("-"): "descending" if current[:1] == "-" else "ascending"}
        return [
            SortHeader(name, column.heading, self.query_sorted_by(name), states.get(name, ""))
            for name, column in self.filters["sort"].columns.items()
            if column.heading
        ]

    def sort_label(self) -> str:
        return str(dict(self.form.fields["sort"].choices)[self.values["sort"]])
