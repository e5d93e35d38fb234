"""Filters and columns that apps above this one add to the forms table.

`comparisons` sits below apps that know more about each form (the evidence matrix grades
forms per outcome) and never imports them. Such an app adds to the forms table (/forms/,
/forms.csv, /forms.json) by registering an extension from its AppConfig.ready():

    from comparisons.filters.extensions import FormsTableExtension, register_forms_table_extension

    class OutcomeEvidence(FormsTableExtension): ...

    register_forms_table_extension(OutcomeEvidence())

An extension is one object, shared by every request, that declares in one place:

- `filters(data)`: new django-filter Filters over the lenient fields of base.py (so unknown
  values are ignored with the table's notice). They become GET parameters, controls of the
  filter form and parameters of the canonical query, after the table's own filters and
  before `sort`, in registration order.
- `sort_columns(data)`: sortable Columns (heading None: their heading is an ExtraColumn's),
  accepted as `sort` values for this request; their ORDER BY may read what `annotate` adds.
- `prune(values, fields)`: leave out values that make no sense together (a value that needs
  another one that is missing) and return them as Ignored, saying why. The form's clean()
  reports them; links that remove a filter (`query_without`) drop them silently.
- `annotate(queryset, table)`: add what its filters, sort and cells read, as annotations
  (a subquery, never a query per row), before any filter applies.
- `columns(table)`: the extra HTML columns shown for this request, after the table's own.
- `export_fields(table)`: extra open-data columns for this request (name, value of a row),
  after the table's own.
- `notes(table, count)`: what the extension has to say about this request's rows, each drawn
  by a template of its own above the table; `count` is the number of rows left. A note that
  `explains_empty` says why no row is left, in place of the table's generic "remove a
  filter" advice.

`table` is the MagnesiumCompoundFilter; `table.values` holds what its form read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict

from comparisons.filters.base import Column, Ignored


@dataclass(frozen=True)
class ExtraCell:
    """One cell of an extra column: its text, the page it links to ('' for none) and a
    CSS class."""

    text: str
    url: str = ""
    css_class: str = ""


@dataclass(frozen=True)
class ExtraColumn:
    """An extra column of the HTML table: its `sort` value (a Column of the extension's
    `sort_columns`, or '' if it does not sort), its heading, and its cell for a row."""

    name: str
    heading: str
    cell: Callable[[object], ExtraCell]


@dataclass(frozen=True)
class TableNote:
    """Something an extension says above the forms table: its template and that template's
    context (`note` in the template)."""

    template: str
    context: dict
    explains_empty: bool = False


class FormsTableExtension:
    """Adds nothing; subclass and override what you add (see the module docstring)."""

    def filters(self, data: QueryDict) -> dict[str, django_filters.Filter]:
        return {}

    def sort_columns(self, data: QueryDict) -> tuple[Column, ...]:
        return ()

    def prune(self, values: dict, fields: dict) -> list[Ignored]:
        return []

    def annotate(self, queryset: QuerySet, table) -> QuerySet:
        return queryset

    def columns(self, table) -> list[ExtraColumn]:
        return []

    def export_fields(self, table) -> dict[str, Callable[[object], object]]:
        return {}

    def notes(self, table, count: int) -> list[TableNote]:
        return []


_extensions: list[FormsTableExtension] = []


def register_forms_table_extension(extension: FormsTableExtension) -> None:
    """Add an extension to the forms table; registering the same class again replaces it
    (ready() may run more than once in tests)."""
    _extensions[:] = [e for e in _extensions if type(e) is not type(extension)]
    _extensions.append(extension)


def forms_table_extensions() -> tuple[FormsTableExtension, ...]:
    return tuple(_extensions)
