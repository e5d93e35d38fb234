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


# Each option is a pure function of its arguments, and the same few dozen recur on every
# request, so each is drawn once per process.
@functools.lru_cache(maxsize=1024)
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


@functools.lru_cache(maxsize=1024)
def _option(value: str, label: str, selected: bool) -> str:
    return format_html(
        '\n<option value="{}"{}>{}</option>', value, SELECTED if selected else NOTHING, label
    )


@register.simple_tag
def checkbox_choices(control: dict) -> SafeString:
    """control: as CanonicalFilterSet.control() gives it for a list of values."""
    options = "".join(
        _checkbox(control["id"], index, control["name"], str(value), str(label), ticked)
        for index, (value, label, ticked) in enumerate(control["options"])
    )
    return format_html('<div id="{}">{}\n</div>', control["id"], mark_safe(options))


@register.simple_tag
def choice_group(control: dict, css_class: str = "choice-group") -> SafeString:
    """A list of values as a fieldset of checkboxes, its label as the legend."""
    return format_html(
        '<fieldset class="{}">\n  <legend>{}</legend>\n  {}\n</fieldset>',
        css_class,
        control["label"],
        checkbox_choices(control),
    )


@register.simple_tag
def select_choices(control: dict) -> SafeString:
    """control: as CanonicalFilterSet.control() gives it for a single choice."""
    options = "".join(
        _option(str(value), str(label), selected) for value, label, selected in control["options"]
    )
    return format_html(
        '<select name="{}" id="{}">{}\n</select>',
        control["name"],
        control["id"],
        mark_safe(options),
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
