"""The forms table's own pieces: its filter controls draw what Django's widgets draw, and
its plain-SQL query selects what the ORM query selects."""

import itertools
from decimal import Decimal

import pytest
from django import forms
from django.http import QueryDict

from comparisons.filters import (
    COMPOUND_CONTROLS,
    COMPOUND_SORT_LABELS,
    KEPT_QUERY_MAX_LENGTH,
    SEARCH_MAX_LENGTH,
    Control,
    MagnesiumCompoundFilter,
    compound_query,
    query_key,
    table_facts,
    topics_key,
)
from comparisons.templatetags.tables import (
    checkbox_choices,
    choice_group,
    filter_form,
    select_choices,
    sort_headers,
)
from tests.factories import MagnesiumCompoundFactory, TopicFactory

CHOICES = [("low", "Low"), ("good", "Good & <b>bold</b>"), ("high", "High")]


def same_markup(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


@pytest.mark.parametrize("value", [[], ["good"], ["low", "high"]])
def test_checkbox_choices_draw_what_django_draws(value):
    control = Control(
        "level", "id_level", "Level", tuple((v, label, v in value) for v, label in CHOICES)
    )
    django = forms.CheckboxSelectMultiple(choices=CHOICES).render(
        "level", value, attrs={"id": "id_level"}
    )
    ours = checkbox_choices(control)
    assert same_markup(ours) == same_markup(django)
    assert "&lt;b&gt;bold&lt;/b&gt;" in ours


@pytest.mark.parametrize("value", ["", "good", "high"])
def test_select_choices_draw_what_django_draws(value):
    control = Control(
        "sort", "id_sort", "Sort", tuple((v, label, v == value) for v, label in CHOICES)
    )
    django = forms.Select(choices=CHOICES).render("sort", value, attrs={"id": "id_sort"})
    ours = select_choices(control)
    assert same_markup(ours) == same_markup(django)
    assert (f'value="{value}" selected' in ours) == bool(value)


@pytest.fixture
def varied_forms():
    """Forms that differ in every sorted column, with ties and missing doses, so that an
    order or a filter that differs between the two queries shows."""
    sleep, cramps = TopicFactory(slug="sleep"), TopicFactory(slug="cramps")
    values = itertools.cycle(
        [
            ("oral", "high", "strong", "gentle", Decimal("14.1"), 200, 400, [sleep]),
            ("oral", "good", "limited", "laxative", Decimal("16.2"), None, None, [cramps]),
            ("topical", "low", "moderate", "gentle", Decimal("9.9"), 100, 150, []),
            ("oral", "moderate", "moderate", "moderate", Decimal("14.1"), 200, 300, [sleep]),
            ("oral", "high", "limited", "laxative", Decimal("60.3"), None, None, [sleep, cramps]),
        ]
    )
    for number, (route, bio, evidence, tolerance, percent, low, high, uses) in zip(
        range(12), values, strict=False
    ):
        MagnesiumCompoundFactory(
            # Mixed case: the table sorts names without regard to case.
            name=f"{'magnesium' if number % 2 else 'Magnesium'} form {'cab'[number % 3]}{number}",
            route=route,
            bioavailability=bio,
            evidence=evidence,
            tolerance=tolerance,
            elemental_percent=percent,
            dose_low_mg=low,
            dose_high_mg=high,
            uses=uses,
        )
    MagnesiumCompoundFactory(name="Magnesium draft form", status="draft")


QUERIES = [
    "",
    "bioavailability=high",
    "bioavailability=good,high&route=oral",
    "route=topical",
    "tolerance=gentle,moderate",
    "use=sleep",
    "use=sleep,cramps&tolerance=laxative",
    "bioavailability_min=good",
    "bioavailability=low&route=oral",  # nothing matches
]
SORTS = ["", *(f"{sign}{column}" for column in COMPOUND_SORT_LABELS for sign in ("", "-"))]


@pytest.mark.django_db
@pytest.mark.usefixtures("varied_forms")
@pytest.mark.parametrize("sort", SORTS)
def test_plain_sql_selects_what_the_orm_selects_in_the_same_order(sort):
    for query in QUERIES:
        full = "&".join(part for part in (query, f"sort={sort}" if sort else "") if part)
        table = MagnesiumCompoundFilter(QueryDict(full))
        assert table.matching_ids() == list(table.qs.values_list("pk", flat=True)), full


@pytest.mark.django_db
@pytest.mark.usefixtures("varied_forms")
def test_search_text_narrows_the_ids_as_the_orm_query_does():
    table = MagnesiumCompoundFilter(QueryDict("q=FORM+C0&sort=-dose"))
    assert table.matching_ids() == list(table.qs.values_list("pk", flat=True))
    assert len(table.matching_ids()) == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("varied_forms")
def test_a_kept_query_reads_as_the_filter_reads_the_same_parameters():
    """compound_query keeps what each query string reads as, for the view: it must be what
    the filter reads from the same parameters, the page number left out."""
    odd = ["route=oral&bogus=1&page=2", "bioavailability_min=good&sort=-tolerance", "q=c0&use=x"]
    for query in [*QUERIES, *odd]:
        kept = compound_query(query_key(QueryDict(query)), topics_key(table_facts()[1]))
        data = QueryDict(query, mutable=True)
        data.pop("page", None)
        table = MagnesiumCompoundFilter(data)
        assert kept.canonical_query == table.canonical_query(), query
        assert list(kept.canonical_params) == table.canonical_params()
        assert list(kept.ignored) == table.ignored()
        assert dict(kept.controls) == {name: table.control(name) for name in COMPOUND_CONTROLS}
        assert kept.active_filters == table.active_filters()
        assert (
            kept.matching_ids()
            == table.matching_ids()
            == list(table.qs.values_list("pk", flat=True))
        )
        assert compound_query(query_key(QueryDict(query)), topics_key(table_facts()[1])) is kept


@pytest.mark.django_db
def test_a_query_is_read_again_when_the_topics_change():
    sleep = TopicFactory(slug="sleep", name="Sleep")
    MagnesiumCompoundFactory(uses=[sleep])
    before = compound_query(query_key(QueryDict("use=sleep")), topics_key(table_facts()[1]))
    sleep.name = "Sleep and rest"
    sleep.save()
    after = compound_query(query_key(QueryDict("use=sleep")), topics_key(table_facts()[1]))
    assert [label for _value, label, _ticked in after.controls["use"].options] == ["Sleep and rest"]
    assert after.active_filters[0].value == "Sleep and rest"
    assert before.active_filters[0].value == "Sleep"


def test_an_overlong_query_string_is_read_but_not_kept():
    params = query_key(QueryDict("q=" + "x" * KEPT_QUERY_MAX_LENGTH))
    first = compound_query(params, ())
    assert compound_query(params, ()) == first
    assert compound_query(params, ()) is not first
    short = query_key(QueryDict("q=x"))
    assert compound_query(short, ()) is compound_query(short, ())


def test_choice_group_is_a_fieldset_with_the_label_as_legend():
    control = Control("level", "id_level", "Level <i>")
    html = choice_group(control, "choice-group choice-group--long")
    assert html.startswith('<fieldset class="choice-group choice-group--long">')
    assert "<legend>Level &lt;i&gt;</legend>" in html
    assert html.endswith("</fieldset>")


def test_sort_headers_link_each_column_and_mark_the_sorted_one():
    html = sort_headers(
        [
            ("name", "Form", "sort=-name", "ascending"),
            ("route", "Route <&>", "route=oral&sort=route", ""),
            ("dose", "Dose", "", "descending"),
        ],
        "/forms/",
    )
    cells = html.split("\n")
    assert cells[0].startswith('<th scope="col" role="columnheader" aria-sort="ascending">')
    assert '<a href="/forms/?sort=-name" data-table-link>Form' in cells[0] and "&#9650;" in cells[0]
    assert "aria-sort" not in cells[1] and 'href="/forms/?route=oral&amp;sort=route"' in cells[1]
    assert "Route &lt;&amp;&gt;" in cells[1]
    assert 'href="/forms/" ' in cells[2] and "&#9660;" in cells[2]


@pytest.mark.django_db
def test_filter_form_shows_each_setting_of_its_controls():
    MagnesiumCompoundFactory(uses=[TopicFactory(slug="sleep", name="Sleep")])
    table = MagnesiumCompoundFilter(QueryDict("route=topical&use=sleep&q=a+%3Cb%3E&sort=-dose"))
    names = ("bioavailability", "tolerance", "route", "use", "q", "sort")
    html = filter_form({name: table.control(name) for name in names})
    assert 'value="a &lt;b&gt;"' in html and 'value="-dose" selected' in html
    assert 'name="route" value="topical" id="id_route_1" checked>' in html
    assert 'name="use" value="sleep" id="id_use_0" checked> Sleep' in html
    assert 'value="oral" id="id_route_0">' in html


@pytest.mark.django_db
def test_filter_form_shows_an_overlong_search_text():
    text = "x" * (SEARCH_MAX_LENGTH + 1)
    table = MagnesiumCompoundFilter(QueryDict(f"q={text}"))
    names = ("bioavailability", "tolerance", "route", "use", "q", "sort")
    assert f'value="{text}"' in filter_form({name: table.control(name) for name in names})
