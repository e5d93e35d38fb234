"""The forms table's repeated markup: its filter choices (drawn as Django's
CheckboxSelectMultiple and Select draw them) and its sortable column headers.

format_html escapes every value and label, as the template engine would. Drawn through the
engine, the twenty or so options and six headers were a third of the table page's time
(tests/comparisons/test_filters.py compares the choices with Django's widgets).
"""

import functools

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


def _options(control: dict) -> tuple[tuple[str, str, bool], ...]:
    return tuple((str(value), str(label), on) for value, label, on in control["options"])


@register.simple_tag
def checkbox_choices(control: dict) -> SafeString:
    """control: as CanonicalFilterSet.control() gives it for a list of values."""
    return _checkbox_choices(control["id"], control["name"], _options(control))


def _checkbox_choices(id_: str, name: str, options: tuple) -> SafeString:
    return format_html(
        '<div id="{}">{}\n</div>',
        id_,
        mark_safe(
            "".join(
                _checkbox(id_, index, name, value, label, ticked)
                for index, (value, label, ticked) in enumerate(options)
            )
        ),
    )


@register.simple_tag
def choice_group(control: dict, css_class: str = "choice-group") -> SafeString:
    """A list of values as a fieldset of checkboxes, its label as the legend."""
    return _choice_group(
        css_class, str(control["label"]), control["id"], control["name"], _options(control)
    )


# Each list of choices is a pure function of its arguments, and pages draw the same few
# hundred (each filter with the boxes ticked) over and over, so each is drawn once per process.
@functools.lru_cache(maxsize=1024)
def _choice_group(css_class: str, label: str, id_: str, name: str, options: tuple) -> SafeString:
    return format_html(
        '<fieldset class="{}">\n  <legend>{}</legend>\n  {}\n</fieldset>',
        css_class,
        label,
        _checkbox_choices(id_, name, options),
    )


@register.simple_tag
def select_choices(control: dict) -> SafeString:
    """control: as CanonicalFilterSet.control() gives it for a single choice."""
    return _select_choices(control["name"], control["id"], _options(control))


@functools.lru_cache(maxsize=256)
def _select_choices(name: str, id_: str, options: tuple) -> SafeString:
    return format_html(
        '<select name="{}" id="{}">{}\n</select>',
        name,
        id_,
        mark_safe("".join(_option(value, label, selected) for value, label, selected in options)),
    )


SORT_MARKS = {"ascending": mark_safe("&#9650;"), "descending": mark_safe("&#9660;"), "": NOTHING}


@register.simple_tag
def sort_headers(columns: list[tuple[str, str, str, str]], table_url: str) -> SafeString:
    """One header cell per column: (column, label, the query that sorts by it, its
    aria-sort state); each links to the table sorted by that column."""
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
