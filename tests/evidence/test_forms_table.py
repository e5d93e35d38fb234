"""The evidence matrix in the forms table: `/forms/?outcome=<slug>` adds each form's grade
for that outcome, `sort=-evidence_for` puts the strongest first and `grade=<minimum>` keeps
forms graded at least that well; the exports take the same parameters."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import Preparation
from evidence.models import EvidenceCell
from tests.comparisons.conftest import table_slugs
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import MagnesiumCompoundFactory

pytestmark = pytest.mark.django_db

Grade = EvidenceCell.Grade


@pytest.fixture
def graded():
    """Forms graded for migraine: strong, moderate, limited, conflicting, against, none, and
    one form with no cell at all (plus a magnesium-in-general cell, not a form's row)."""
    migraine = OutcomeFactory(slug="migraine", name="Migraine prevention", short_name="Migraine")
    OutcomeFactory(slug="paresthesia", name="Burning feet", short_name="Burning feet")
    forms = {}
    for grade in ["strong", "moderate", "limited", "conflicting", "against", "none"]:
        forms[grade] = MagnesiumCompoundFactory(name=f"Magnesium {grade}", slug=f"mg-{grade}")
        EvidenceCellFactory(outcome=migraine, compound=forms[grade], grade=grade)
    forms["ungraded"] = MagnesiumCompoundFactory(name="Magnesium ungraded", slug="mg-ungraded")
    EvidenceCellFactory(outcome=migraine, compound=None, grade=Grade.MODERATE)
    return forms


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_outcome_adds_a_column_of_grades_linking_to_the_studies(client, graded):
    html = client.get("/forms/?outcome=migraine").content.decode()
    assert ">Evidence: Migraine prevention<" in html
    assert (
        '<a href="/evidence/migraine/#cell-mg-strong" class="grade grade--strong">Strong</a>'
        in html
    )
    assert 'class="grade grade--against">Evidence against</a>' in html
    # A form with no cell says so, in plain text: it is no grade.
    assert '<span class="muted">Not graded</span>' in html


def test_not_graded_is_not_drawn_like_the_grade_no_evidence(client, graded):
    """ "No evidence" (we looked, no study found) and "Not graded" (never assessed) were the
    same bordered badge, and nothing said how they differ."""
    html = client.get("/forms/?outcome=migraine").content.decode()
    assert 'class="grade grade--none">Not graded' not in html
    legend = html.split('class="evidence-note"')[1].split("</table>")[0]
    assert "No evidence</span></dt> <dd>we looked and found no human study" in legend
    assert "Not graded:</dt> <dd>we have not assessed that form for this outcome yet" in legend


def test_the_legend_explains_why_no_evidence_sorts_above_a_grade_of_no_effect(client, graded):
    html = client.get("/forms/?outcome=migraine&sort=-evidence_for").content.decode()
    assert "sorted by evidence of benefit, strongest first" in html
    assert (
        "Sorted strongest first, it comes after &ldquo;No evidence&rdquo;, as it counts "
        "against a benefit" in html
    )


def test_the_outcome_has_one_name_in_the_menu_the_filter_in_use_and_the_column(client, graded):
    """The menu and the filter in use said "Neuropathic pain", the column "Nerve pain": a
    reader could not tell them one outcome. The menu names each outcome as its page does."""
    html = client.get("/forms/?outcome=migraine").content.decode()
    menu = html.split('name="outcome"')[1].split("</select>")[0]
    assert '<option value="migraine" selected>Migraine prevention</option>' in menu
    assert "Show the evidence for: <bdi>Migraine prevention</bdi>" in html
    assert '<span aria-hidden="true">Evidence: Migraine prevention</span>' in html
    assert ">Evidence: Migraine<" not in html


def test_with_an_outcome_the_table_says_what_magnesium_in_general_is_graded(client, graded):
    """The table lists forms only; the overall verdict (studies that did not compare forms)
    was on the matrix and the compare page but not here."""
    html = client.get("/forms/?outcome=migraine").content.decode()
    note = html.split('class="evidence-note"')[1].split("</p>")[0]
    assert "<strong>Magnesium in general</strong>" in note
    assert '<span class="grade grade--moderate">Moderate</span>' in note
    assert '<a href="/evidence/migraine/">The studies on migraine prevention</a>' in note
    assert 'class="evidence-note"' not in client.get("/forms/").content.decode()


def test_a_grade_no_form_reaches_says_so_and_gives_the_general_grade(client, graded):
    """No form has a benefit graded "strong" for paresthesia: the page said "Remove one of
    the filters", as if the reader's combination of filters were at fault."""
    sleep = OutcomeFactory(slug="sleep", name="Sleep", short_name="Sleep")
    EvidenceCellFactory(outcome=sleep, compound=None, grade=Grade.LIMITED)
    response = client.get("/forms/?outcome=sleep&grade=limited")
    assert table_slugs(response) == []
    html = response.content.decode()
    assert "Remove one of the filters" not in html
    assert (
        "No form of magnesium in our evidence matrix has evidence of benefit for sleep "
        "graded &ldquo;Limited&rdquo; or better." in html
    )
    assert '<span class="grade grade--limited">Limited</span>' in html  # in general
    assert '<a href="/evidence/sleep/">The studies on sleep</a>' in html
    # The way back: every form with its grade, the minimum removed.
    assert 'href="/forms/?outcome=sleep#forms-results" data-table-link>Show every form' in html


def test_a_grade_other_filters_leave_no_form_for_says_it_is_the_other_filters(client, graded):
    response = client.get("/forms/?route=topical&outcome=migraine&grade=limited")
    assert table_slugs(response) == []
    html = response.content.decode()
    assert "but none of them fits your other filters" in html
    assert "No form of magnesium in our evidence matrix" not in html
    assert 'href="/forms/?outcome=migraine&amp;grade=limited#forms-results"' in html
    assert 'href="/forms/?route=topical&amp;outcome=migraine#forms-results"' in html


def test_other_filters_leaving_no_form_keep_the_general_advice(client, graded):
    html = client.get("/forms/?route=topical&outcome=migraine").content.decode()
    assert "Remove one of the filters above" in html


def test_without_outcome_there_is_no_evidence_column(client, graded):
    html = client.get("/forms/").content.decode()
    assert "Evidence: " not in html and "Not graded" not in html
    # The "Often taken for" column stays, labelled as what people take, not a proven effect.
    assert "Often taken for" in html


def test_sort_by_evidence_strongest_first_with_ungraded_forms_last(client, graded):
    descending = table_slugs(client.get("/forms/?outcome=migraine&sort=-evidence_for"))
    assert descending == [
        "mg-strong",
        "mg-moderate",
        "mg-limited",
        "mg-conflicting",
        "mg-none",
        "mg-against",
        "mg-ungraded",
    ]
    ascending = table_slugs(client.get("/forms/?outcome=migraine&sort=evidence_for"))
    assert ascending == [*reversed(descending[:-1]), "mg-ungraded"]


def test_the_evidence_heading_sorts_and_toggles(client, graded):
    html = client.get("/forms/?outcome=migraine&sort=evidence_for").content.decode()
    toggle = '/forms/?outcome=migraine&amp;sort=-evidence_for#forms-results"'
    assert f'aria-sort="ascending"><a href="{toggle}' in html


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("strong", ["mg-strong"]),
        ("moderate", ["mg-moderate", "mg-strong"]),
        # Conflicting, none and against are not "at least limited".
        ("limited", ["mg-limited", "mg-moderate", "mg-strong"]),
    ],
)
def test_grade_keeps_forms_graded_at_least_that_well(client, graded, grade, expected):
    response = client.get(f"/forms/?outcome=migraine&grade={grade}")
    assert response.status_code == 200
    assert table_slugs(response) == expected


def test_studies_that_found_no_effect_count_against_a_benefit_not_for_it(client, graded):
    """A "limited" cell whose studies found no effect is limited evidence that the form does
    not help: a minimum leaves it out, the evidence sort puts it with "against", and its cell
    says so."""
    migraine = graded["strong"].evidence_cells.get().outcome
    no_effect = MagnesiumCompoundFactory(name="Magnesium placebo-like", slug="mg-no-effect")
    EvidenceCellFactory(
        outcome=migraine,
        compound=no_effect,
        grade=Grade.LIMITED,
        direction=EvidenceCell.Direction.NO_EFFECT,
    )
    kept = table_slugs(client.get("/forms/?outcome=migraine&grade=limited"))
    assert "mg-limited" in kept and "mg-no-effect" not in kept
    ranked = table_slugs(client.get("/forms/?outcome=migraine&sort=-evidence_for"))
    assert ranked.index("mg-none") < ranked.index("mg-no-effect")
    assert ranked.index("mg-conflicting") < ranked.index("mg-no-effect")
    html = client.get("/forms/?outcome=migraine").content.decode()
    assert 'class="grade grade--limited">Limited: no effect</a>' in html


def test_studies_that_could_not_tell_are_not_shown_or_ranked_as_a_benefit(client, graded):
    """A "limited" cell whose studies could not tell read "Limited" and sorted above
    "Conflicting", as if it were limited evidence that the form helps."""
    migraine = graded["strong"].evidence_cells.get().outcome
    unclear = MagnesiumCompoundFactory(name="Magnesium could-not-tell", slug="mg-unclear")
    EvidenceCellFactory(
        outcome=migraine,
        compound=unclear,
        grade=Grade.LIMITED,
        direction=EvidenceCell.Direction.UNCLEAR,
    )
    assert "mg-unclear" not in table_slugs(client.get("/forms/?outcome=migraine&grade=limited"))
    ranked = table_slugs(client.get("/forms/?outcome=migraine&sort=-evidence_for"))
    assert ranked.index("mg-limited") < ranked.index("mg-unclear") < ranked.index("mg-none")
    html = client.get("/forms/?outcome=migraine").content.decode()
    assert 'class="grade grade--limited">Limited: unclear</a>' in html
    # "No evidence" names no direction; the legend says what "unclear" means.
    assert 'class="grade grade--none">No evidence</a>' in html
    assert "&ldquo;Unclear&rdquo; after a grade:</dt> <dd>its studies could not tell" in html


def test_grade_and_route_combine(client, graded):
    Preparation.objects.create(
        compound=graded["moderate"], slug="cream", name="Cream", route="topical", use="Rubbed."
    )
    response = client.get("/forms/?route=topical&outcome=migraine&grade=limited")
    assert table_slugs(response) == ["mg-moderate"]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        (
            "outcome=nope",
            "<code><bdi>outcome=nope</bdi></code>: not an outcome in the evidence matrix",
        ),
        (
            "outcome=migraine&grade=great",
            "<code><bdi>grade=great</bdi></code>: not a minimum grade",
        ),
        (
            "outcome=migraine&grade=against",
            "<code><bdi>grade=against</bdi></code>: not a minimum grade",
        ),
    ],
)
def test_unknown_outcome_or_grade_is_ignored_with_the_notice(client, graded, query, shown):
    response = client.get(f"/forms/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Part of this link was ignored" in html
    assert shown in html
    # Every form is still listed.
    assert len(table_slugs(response)) == 7


@pytest.mark.parametrize(
    ("query", "control", "shown"),
    [
        ("grade=strong", "grade", "Evidence of benefit at least: <bdi>Strong</bdi>"),
        ("outcome=nope&grade=strong", "grade", "Evidence of benefit at least: <bdi>Strong</bdi>"),
        ("sort=-evidence_for", "sort", "Sort by: <bdi>Evidence of benefit, strongest first</bdi>"),
    ],
)
def test_a_grade_or_evidence_sort_without_an_outcome_is_explained_beside_its_control(
    client, graded, query, control, shown
):
    """Choosing a grade before an outcome said "Part of this link was ignored", with the
    table's raw address: the reader had used a menu, not a link."""
    response = client.get(f"/forms/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    beside = html.split(f'id="id_{control}_message" data-field-message>')[1].split("<")[0]
    assert "choose an outcome in \u201cShow the evidence for\u201d first" in beside
    assert re.search(f'id="id_{control}" aria-describedby="[^"]*id_{control}_message"', html)
    # Where the answer opens, too, with a link to the control.
    assert f'<a href="#id_{control}">{shown}</a>' in html
    assert f"<code>{query.split('&')[-1]}</code>" not in html  # not blamed on a link
    assert ("Part of this link was ignored" in html) == query.startswith("outcome=nope")
    assert len(table_slugs(response)) == 7


def test_the_exports_still_refuse_a_grade_without_an_outcome(client, graded):
    response = client.get("/forms.csv?grade=strong")
    assert response.status_code == 400
    assert "grade=strong: needs an outcome" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "outcome=%00",
        "outcome=migraine,paresthesia",
        "outcome=migraine&outcome=paresthesia",
        "grade=" + "x" * 5000,
        "outcome=<script>&grade=%ff",
        "outcome=MIGRAINE&grade=Strong&sort=-EVIDENCE_FOR",
        "sort=evidence_for&sort=-evidence_for&outcome=migraine",
    ],
)
def test_junk_values_never_give_a_server_error(client, graded, query):
    for path in ["/forms/", "/forms.csv", "/forms.json"]:
        response = client.get(f"{path}?{query}")
        assert response.status_code in (200, 302, 400), (path, query)


def test_equivalent_queries_redirect_to_the_canonical_url(client, graded):
    response = client.get("/forms/?sort=-evidence_for&grade=Moderate&outcome=Migraine")
    assert response.status_code == 302
    assert response["Location"] == "/forms/?outcome=migraine&grade=moderate&sort=-evidence_for"
    assert client.get(response["Location"]).status_code == 200


def test_exports_take_the_same_parameters_and_add_the_grade(client, graded):
    rows = client.get("/forms.json?outcome=migraine&grade=moderate&sort=-evidence_for").json()
    assert [(row["slug"], row["evidence_for"]) for row in rows] == [
        ("mg-strong", "strong"),
        ("mg-moderate", "moderate"),
    ]
    assert list(rows[0])[-1] == "evidence_for"
    every = {row["slug"]: row for row in client.get("/forms.json?outcome=migraine").json()}
    assert every["mg-ungraded"]["evidence_for"] is None

    response = client.get("/forms.csv?outcome=migraine&sort=-evidence_for")
    assert response.content.decode().splitlines()[0].endswith(",summary,dose_basis,evidence_for")
    csv_rows = read_csv(response)
    assert csv_rows[0]["evidence_for"] == "strong" and csv_rows[-1]["evidence_for"] == ""


def test_exports_without_outcome_keep_their_columns(client, graded):
    assert "evidence_for" not in client.get("/forms.json").json()[0]
    assert "evidence_for" not in client.get("/forms.csv").content.decode().splitlines()[0]


@pytest.mark.parametrize(
    "query", ["outcome=nope", "grade=strong", "outcome=migraine&grade=none", "sort=-evidence_for"]
)
def test_exports_refuse_unknown_outcome_or_grade_naming_it(client, graded, query):
    response = client.get(f"/forms.json?{query}")
    assert response.status_code == 400
    assert query.split("&")[-1].split("=")[0] in " ".join(response.json()["problems"])
    assert client.get(f"/forms.csv?{query}").status_code == 400


def test_draft_forms_stay_out_of_the_evidence_column(client, graded):
    graded["strong"].status = graded["strong"].Status.DRAFT
    graded["strong"].save()
    slugs = table_slugs(client.get("/forms/?outcome=migraine&sort=-evidence_for"))
    assert "mg-strong" not in slugs and slugs[0] == "mg-moderate"


def _queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_graded_forms(client):
    migraine = OutcomeFactory(slug="migraine")
    url = "/forms/?outcome=migraine&grade=limited&sort=-evidence_for"

    def add(count: int) -> None:
        for _ in range(count):
            EvidenceCellFactory(
                outcome=migraine, compound=MagnesiumCompoundFactory(), grade=Grade.STRONG
            )

    add(3)
    few = _queries(client, url)
    add(40)
    assert _queries(client, url) == few
    assert _queries(client, "/forms.json?outcome=migraine&sort=-evidence_for") == _queries(
        client, "/forms.json?outcome=migraine"
    )


def test_the_outcome_and_grade_in_use_are_named_and_can_be_removed(client, graded):
    html = client.get("/forms/?outcome=migraine&grade=moderate").content.decode()
    assert "Show the evidence for: <bdi>Migraine" in html
    assert 'href="/forms/?outcome=migraine#forms-results"' in html  # removes the minimum
    assert 'href="/forms/?grade=moderate' not in html  # a minimum never outlives its outcome


def test_the_caption_says_filtered_only_when_rows_were_left_out(client, graded):
    """Choosing an outcome adds a column and leaves every form in: the caption said
    "filtered" all the same."""
    html = client.get("/forms/?outcome=migraine").content.decode()
    assert '<caption id="forms-caption">Forms of magnesium</caption>' in html
    html = client.get("/forms/?outcome=migraine&grade=moderate").content.decode()
    assert '<caption id="forms-caption">Forms of magnesium, filtered</caption>' in html
