"""The table filters' choices, drawn as Django's CheckboxSelectMultiple and Select draw them.

format_html escapes every value and label, as the template engine would; drawing the twenty
or so options through the engine cost a fifth of the forms table page
(tests/comparisons/test_filters.py compares the output with Django's widgets).
"""

import functools

from django import template
from django.utils.html import format_html
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
