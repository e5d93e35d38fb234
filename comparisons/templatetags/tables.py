"""The forms table's repeated markup: its filter choices (drawn as Django's
CheckboxSelectMultiple and Select draw them), the filter form around them and the sortable
column headers.

format_html escapes every value and label, as the template engine would. Drawn through the
engine on every request, the twenty or so options and six headers were a third of the table
page's time; each piece here is a pure function of what it shows, so each variant of the
choices and headers is drawn once per process (tests/comparisons/test_filters.py compares
the choices with Django's widgets). The filter form and the active filters around them are
plain templates, drawn per request.
"""

import functools

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from comparisons.filters import ActiveFilter, Control

register = template.Library()

CHECKED = mark_safe(" checked")
SELECTED = mark_safe(" selected")
NOTHING = mark_safe("")


def _checkbox(id_: str, index: int, name: str, value: str, label: str, ticked: bool) -> str:
    return format_html(
        '\n<div><label for="{0}_{1}"><input type="checkbox" name="{2}" value="{3}" '
        'id="{0}_{1}"{4}> {5}</label></div>',
        id_,
        index,
        name,
        value,
        CHECKED if ticked else NOTHING,
        label,
    )


def _option(value: str, label: str, selected: bool) -> str:
    return format_html(
        '\n<option value="{}"{}>{}</option>', value, SELECTED if selected else NOTHING, label
    )


@register.simple_tag
def checkbox_choices(control: Control) -> SafeString:
    """The options of a list of values, as CheckboxSelectMultiple draws them."""
    options = "".join(
        _checkbox(control.id, index, control.name, value, label, ticked)
        for index, (value, label, ticked) in enumerate(control.options)
    )
    return format_html('<div id="{}">{}\n</div>', control.id, mark_safe(options))


@register.simple_tag
@functools.lru_cache(maxsize=1024)
def choice_group(control: Control, css_class: str = "choice-group") -> SafeString:
    """A list of values as a fieldset of checkboxes, its label as the legend."""
    return format_html(
        '<fieldset class="{}">\n  <legend>{}</legend>\n  {}\n</fieldset>',
        css_class,
        control.label,
        checkbox_choices(control),
    )


@register.simple_tag
@functools.lru_cache(maxsize=256)
def select_choices(control: Control) -> SafeString:
    """The options of a single choice, as Select draws them."""
    options = "".join(_option(value, label, selected) for value, label, selected in control.options)
    return format_html(
        '<select name="{}" id="{}">{}\n</select>', control.name, control.id, mark_safe(options)
    )


FILTER_FORM_TEMPLATE = "comparisons/_forms_filters.html"


@register.simple_tag
def filter_form(controls: dict[str, Control]) -> SafeString:
    """The forms table's filter form, set as these controls say."""
    return render_to_string(FILTER_FORM_TEMPLATE, {"controls": controls})


@register.simple_tag
def active_filter_list(
    active_filters: tuple[ActiveFilter, ...], table_url: str, clear_query: str
) -> SafeString:
    """The filters in use, each a link that removes it, and a link that clears them all."""
    return render_to_string(
        "comparisons/_active_filters.html",
        {"active_filters": active_filters, "table_url": table_url, "clear_query": clear_query},
    )


SORT_MARKS = {"ascending": mark_safe("&#9650;"), "descending": mark_safe("&#9660;"), "": NOTHING}


@register.simple_tag
def sort_headers(columns: list[tuple[str, str, str, str]], table_url: str) -> SafeString:
    """One header cell per column: (column, label, the query that sorts by it, its
    aria-sort state); each links to the table sorted by that column."""
    return _sort_headers(tuple(tuple(column) for column in columns), table_url)


# Like the choice groups, the headers depend only on the canonical query: drawn once each.
@functools.lru_cache(maxsize=1024)
def _sort_headers(columns: tuple[tuple[str, str, str, str], ...], table_url: str) -> SafeString:
    return format_html_join(
        "\n",
        '<th scope="col" role="columnheader"{}><a href="{}" data-table-link>{}'
        '<span class="sort-mark" aria-hidden="true">{}</span></a></th>',
        (
            (
                format_html(' aria-sort="{}"', state) if state else NOTHING,
                f"{table_url}?{query}" if query else table_url,
                label,
                SORT_MARKS[state],
            )
            for _column, label, query, state in columns
        ),
    )
