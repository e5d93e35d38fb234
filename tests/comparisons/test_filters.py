"""The table filters' own widgets draw the same controls as Django's, with fewer templates."""

import pytest
from django import forms

from comparisons.filters import CheckboxGroup, OptionList

CHOICES = [("low", "Low"), ("good", "Good & <b>bold</b>"), ("high", "High")]


def same_markup(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


@pytest.mark.parametrize("value", [[], ["good"], ["low", "high"]])
def test_checkbox_group_draws_what_django_draws(value):
    ours = CheckboxGroup(choices=CHOICES).render("level", value, attrs={"id": "id_level"})
    django = forms.CheckboxSelectMultiple(choices=CHOICES).render(
        "level", value, attrs={"id": "id_level"}
    )
    assert same_markup(ours) == same_markup(django)
    assert "&lt;b&gt;bold&lt;/b&gt;" in ours


@pytest.mark.parametrize("value", ["", "good", "high"])
def test_option_list_draws_what_django_draws(value):
    ours = OptionList(choices=CHOICES).render("sort", value, attrs={"id": "id_sort"})
    django = forms.Select(choices=CHOICES).render("sort", value, attrs={"id": "id_sort"})
    assert same_markup(ours) == same_markup(django)
    assert (f'value="{value}" selected' in ours) == bool(value)
