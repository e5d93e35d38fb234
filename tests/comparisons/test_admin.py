"""Editors manage forms, comparison tables and foods in the admin."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from comparisons.models import Comparison, MagnesiumCompound, UpperIntakeLimit
from tests.factories import (
    ComparisonFactory,
    ComparisonRowFactory,
    CompoundSaltFactory,
    FoodFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
    TopicFactory,
    UpperIntakeLimitFactory,
    with_sources,
)
from tests.helpers import saved_in_admin, submitted_form, visible_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["magnesiumcompound", "comparison", "food"])
def test_admin_lists_and_add_pages_open(staff_client, model):
    MagnesiumCompoundFactory()
    ComparisonRowFactory()
    FoodFactory()
    assert staff_client.get(reverse(f"admin:comparisons_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:comparisons_{model}_add")).status_code == 200


def test_forms_list_filters_by_route_bioavailability_and_tolerance(staff_client):
    MagnesiumCompoundFactory(name="Oral one", route="oral")
    MagnesiumCompoundFactory(name="Topical one", route="topical")
    url = reverse("admin:comparisons_magnesiumcompound_changelist")
    html = staff_client.get(url + "?route__exact=topical").content.decode()
    assert "Topical one" in html and "Oral one" not in html
    html = staff_client.get(url).content.decode()
    assert "By bioavailability" in html and "By digestive tolerance" in html
    assert "Topical one" in staff_client.get(url + "?q=topical").content.decode()


def test_forms_list_in_alphabetical_order_whatever_the_case(staff_client):
    for name in ["Magnesium L-threonate", "Magnesium aspartate", "Magnesium Zinc"]:
        MagnesiumCompoundFactory(name=name)
    html = staff_client.get(reverse("admin:comparisons_magnesiumcompound_changelist"))
    page = html.content.decode()
    positions = [page.index(name) for name in ["aspartate", "L-threonate", "Zinc"]]
    assert positions == sorted(positions)


def test_form_change_page_opens_with_its_sources(staff_client):
    compound = MagnesiumCompoundFactory(elemental_refs=[ReferenceFactory(key="case-2020")])
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    html = staff_client.get(url).content.decode()
    assert "case-2020" in html and "Elemental magnesium" in html


def comparison_post(comparison: Comparison, rows: list[tuple], **overrides) -> dict:
    data = {
        "title": comparison.title,
        "slug": comparison.slug,
        "summary": comparison.summary,
        "columns": "\n".join(comparison.columns),
        "body": comparison.body,
        "outro": comparison.outro,
        "status": comparison.status,
        "published_at_0": f"{comparison.published_at:%Y-%m-%d}" if comparison.published_at else "",
        "published_at_1": f"{comparison.published_at:%H:%M:%S}" if comparison.published_at else "",
        "reviewer": comparison.reviewer,
        "last_reviewed": "",
        "next_review_due": "",
        "edit_token_seen": str(comparison.edit_token),
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(sum(1 for row in rows if row[0])),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for index, (pk, feature, order, cells) in enumerate(rows):
        data[f"rows-{index}-id"] = str(pk or "")
        data[f"rows-{index}-comparison"] = str(comparison.pk)
        data[f"rows-{index}-feature"] = feature
        data[f"rows-{index}-order"] = str(order)
        for column, cell in enumerate(cells):
            data[f"rows-{index}-cell_{column}"] = cell
    data.update(overrides)
    return data


def test_what_a_save_changed_lists_the_table_rows_it_changed_added_and_took_out(staff_client):
    """A save that changed one cell read "This save changed none of the fields", and the
    editor told to merge it before saving over it had nothing to see."""
    comparison = ComparisonFactory(columns=["Topical", "Oral"])
    row = ComparisonRowFactory(comparison=comparison, feature="Uptake", cells=["Unproven", "30%"])
    gone = ComparisonRowFactory(comparison=comparison, feature="Cost", cells=["Low", "Low"])
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    first = comparison_post(comparison, [(row.pk, "Uptake", 1, ["Unproven", "30%"])])
    first |= {"rows-1-id": str(gone.pk), "rows-1-comparison": str(comparison.pk)}
    first |= {"rows-1-feature": "Cost", "rows-1-order": "2", "rows-1-cell_0": "Low"}
    first |= {"rows-1-cell_1": "Low", "rows-TOTAL_FORMS": "2", "rows-INITIAL_FORMS": "2"}
    assert staff_client.post(url, first).status_code == 302
    comparison.refresh_from_db()
    second = comparison_post(
        comparison,
        [
            (row.pk, "Uptake", 1, ["Unproven", "About 30%"]),
            (gone.pk, "Cost", 2, ["Low", "Low"]),
            (None, "Taste", 3, ["None", "Bitter"]),
        ],
    )
    second["rows-1-DELETE"] = "on"
    assert staff_client.post(url, second).status_code == 302

    latest, earlier = Version.objects.get_for_object(comparison)[:2]
    changes = reverse(
        "admin:comparisons_comparison_version_changes", args=[comparison.pk, latest.pk]
    )
    html = staff_client.get(changes).content.decode()
    assert "changed none of the fields" not in html
    assert "Comparison row “Uptake”: cells" in html
    assert "+About 30%" in re.sub(r"<[^>]+>", "", html)  # changed words are marked
    assert "Comparison row “Taste” added" in html and "+cells: Bitter" in html
    assert "Comparison row “Cost” taken out" in html
    # Against the current text, the first save's rows read the same way.
    diff = reverse("admin:comparisons_comparison_version_diff", args=[comparison.pk, earlier.pk])
    assert "Comparison row “Taste” added" in staff_client.get(diff).content.decode()


def test_comparison_is_edited_as_one_table_with_a_box_per_column(staff_client):
    comparison = ComparisonFactory(columns=["Topical", "Oral", "Intravenous"])
    row = ComparisonRowFactory(comparison=comparison, cells=["Soak", "Tablet", "Drip"])
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    html = staff_client.get(url).content.decode()
    assert "Topical\nOral\nIntravenous" in html  # the columns, one per line
    for name in ["rows-0-cell_0", "rows-0-cell_1", "rows-0-cell_2"]:
        assert f'name="{name}"' in html
    assert ">\nDrip</textarea>" in html

    MagnesiumCompoundFactory(slug="magnesium-sulfate", name="Magnesium sulfate")
    response = staff_client.post(
        url,
        comparison_post(
            comparison,
            [
                (row.pk, "How it is used", 1, ["Soak [[form:magnesium-sulfate]]", "Tablet", "IV"]),
                (None, "Cost", 2, ["Cheap", "Moderate", "Hospital only"]),
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()
    comparison.refresh_from_db()
    assert [(r.feature, r.cells) for r in comparison.rows.all()] == [
        ("How it is used", ["Soak [[form:magnesium-sulfate]]", "Tablet", "IV"]),
        ("Cost", ["Cheap", "Moderate", "Hospital only"]),
    ]
    assert "/forms/magnesium-sulfate/" in comparison.rows.first().cells_html[0]
    assert ("form", "magnesium-sulfate") in set(
        comparison.outgoing_links.values_list("kind", "slug")
    )


def _table_with_three_columns():
    comparison = ComparisonFactory(columns=["Col A", "Col B", "Col C"])
    row = ComparisonRowFactory(comparison=comparison, feature="Row 1", cells=["a1", "b1", "c1"])
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    return comparison, row, url


def test_cells_follow_their_heading_when_the_columns_are_reordered(staff_client, client):
    """Cells were stored by position: swapping two headings put the oral facts under the
    topical heading, with no warning."""
    comparison, row, url = _table_with_three_columns()
    data = comparison_post(
        comparison, [(row.pk, "Row 1", 1, ["a1", "b1", "c1"])], columns="Col C\nCol A\nCol B"
    )
    assert staff_client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.cells == ["c1", "a1", "b1"]
    text = visible_text(client.get(comparison.get_absolute_url()))
    assert text.index("Col C") < text.index("Col A") < text.index("Col B")
    assert text.index("c1") < text.index("a1") < text.index("b1")


def test_a_heading_renamed_in_place_keeps_its_cells_and_a_new_column_starts_empty(
    staff_client,
):
    comparison, row, url = _table_with_three_columns()
    data = comparison_post(
        comparison,
        [(row.pk, "Row 1", 1, ["a1", "b1 edited", "c1"])],
        columns="Col A\nSecond\nCol C\nCol D",
    )
    assert staff_client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.cells == ["a1", "b1 edited", "c1", ""]


def test_taking_out_a_column_that_still_has_text_is_refused_and_nothing_is_lost(staff_client):
    comparison, row, url = _table_with_three_columns()
    data = comparison_post(
        comparison, [(row.pk, "Row 1", 1, ["a1", "b1", "c1"])], columns="Col A\nCol B"
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "The column “Col C” would be taken out, but it still has text in “Row 1”" in (
        response.content.decode()
    )
    comparison.refresh_from_db()
    row.refresh_from_db()
    assert comparison.columns == ["Col A", "Col B", "Col C"]
    assert row.cells == ["a1", "b1", "c1"]
    # Emptied in the same save, the column goes.
    data = comparison_post(
        comparison, [(row.pk, "Row 1", 1, ["a1", "b1", ""])], columns="Col A\nCol B"
    )
    assert staff_client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.cells == ["a1", "b1"]


def test_headings_swapped_with_new_capitals_still_take_their_cells(staff_client):
    comparison, row, url = _table_with_three_columns()
    data = comparison_post(
        comparison, [(row.pk, "Row 1", 1, ["a1", "b1", "c1"])], columns="col b\ncol a\nCol C"
    )
    assert staff_client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.cells == ["b1", "a1", "c1"]


def test_a_row_added_and_one_deleted_in_the_same_save_as_a_reorder_follow_it(staff_client):
    comparison, row, url = _table_with_three_columns()
    gone = ComparisonRowFactory(comparison=comparison, feature="Row 2", cells=["a2", "", "c2"])
    data = comparison_post(
        comparison,
        [
            (row.pk, "Row 1", 1, ["a1", "b1", "c1"]),
            (gone.pk, "Row 2", 2, ["a2", "", "c2"]),
            (None, "Row 3", 3, ["a3", "b3", "c3"]),
        ],
        columns="Col C\nCol A\nCol B",
        **{"rows-1-DELETE": "on"},
    )
    assert staff_client.post(url, data).status_code == 302
    assert [(r.feature, r.cells) for r in comparison.rows.all()] == [
        ("Row 1", ["c1", "a1", "b1"]),
        ("Row 3", ["c3", "a3", "b3"]),
    ]


def test_a_cell_with_brackets_that_never_close_is_refused_not_saved_blank(staff_client):
    comparison, row, url = _table_with_three_columns()
    cell = "Copied: " + "[x " * 3000
    data = comparison_post(comparison, [(row.pk, "Row 1", 1, ["a1", cell, "c1"])])
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "This text has 3,000 “[” that are never closed" in response.content.decode()
    row.refresh_from_db()
    assert row.cells == ["a1", "b1", "c1"] and row.cells_html[1]


def test_two_columns_with_one_heading_are_refused(staff_client):
    comparison, row, url = _table_with_three_columns()
    data = comparison_post(
        comparison, [(row.pk, "Row 1", 1, ["a1", "b1", "c1"])], columns="Col A\ncol a\nCol C"
    )
    response = staff_client.post(url, data)
    assert "Give each column a heading of its own." in response.content.decode()
    row.refresh_from_db()
    assert row.cells == ["a1", "b1", "c1"]


def test_a_row_added_in_admin_is_numbered_to_show_after_the_existing_rows(staff_client):
    comparison = ComparisonFactory(columns=["Topical", "Oral"])
    for order in (1, 7, 3):
        ComparisonRowFactory(comparison=comparison, order=order)
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    html = staff_client.get(url).content.decode()
    # The blank row "Add another" copies.
    assert 'name="rows-__prefix__-order" value="8"' in html

    add_url = reverse("admin:comparisons_comparison_add")
    assert 'name="rows-0-order" value="1"' in staff_client.get(add_url).content.decode()


def test_a_salt_or_preparation_added_to_a_form_is_numbered_after_that_forms_own(staff_client):
    form = MagnesiumCompoundFactory()
    CompoundSaltFactory(compound=form, position=0)
    CompoundSaltFactory(compound=form, position=4)
    CompoundSaltFactory(position=9)  # another form's
    html = staff_client.get(
        reverse("admin:comparisons_magnesiumcompound_change", args=[form.pk])
    ).content.decode()
    assert 'name="salts-__prefix__-position" value="5"' in html
    assert 'name="preparations-__prefix__-position" value="1"' in html


def test_a_broken_link_in_a_cell_blocks_the_save_and_says_why(staff_client):
    comparison = ComparisonFactory()
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    response = staff_client.post(
        url, comparison_post(comparison, [(None, "Bad", 1, ["[[form:nowhere]]", "ok"])])
    )
    assert response.status_code == 200
    assert "[[form:nowhere]]" in response.content.decode()
    assert not comparison.rows.exists()


def test_new_forms_can_be_added_in_admin(staff_client):
    sleep = TopicFactory(slug="sleep")
    ref = ReferenceFactory(key="case-2020")
    response = staff_client.post(
        reverse("admin:comparisons_magnesiumcompound_add"),
        {
            "name": "Magnesium bisglycinate buffered",
            "slug": "magnesium-glycinate-buffered",
            "other_names": "",
            "route": "oral",
            "summary": "Glycinate with oxide added.",
            "uses": [sleep.pk],
            "elemental_percent": "20",
            "elemental_basis": "",
            "elemental_refs": [ref.pk],
            "bioavailability": "moderate",
            "evidence": "limited",
            "evidence_note": "",
            "bioavailability_refs": [ref.pk],
            "tolerance": "gentle",
            "side_effects": "",
            "cautions": "",
            "dose_basis": "typical",
            "dose_low_mg": "200",
            "dose_high_mg": "350",
            "dose_note": "",
            "dose_refs": [ref.pk],
            "body": "Buffered [@case-2020].",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
            "reviewer": "",
            "last_reviewed": "",
            "next_review_due": "",
            "edit_token_seen": "",
            # The salts inline, left empty.
            "salts-TOTAL_FORMS": "0",
            "salts-INITIAL_FORMS": "0",
            # The preparations inline, left empty.
            "preparations-TOTAL_FORMS": "0",
            "preparations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()
    compound = MagnesiumCompound.objects.get(slug="magnesium-glycinate-buffered")
    assert compound.body_html.count("cite-ref") == 1


def test_a_dose_range_the_wrong_way_round_is_refused_in_admin(staff_client):
    compound = MagnesiumCompoundFactory()
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = {
        "name": compound.name,
        "slug": compound.slug,
        "route": "oral",
        "summary": "x",
        "elemental_percent": "10",
        "bioavailability": "good",
        "evidence": "limited",
        "tolerance": "gentle",
        "dose_low_mg": "400",
        "dose_high_mg": "100",
        "body": "",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "09:00:00",
        "edit_token_seen": str(compound.edit_token),
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "The higher figure (100 mg) is below the lower one (400 mg): swap them" in (
        response.content.decode()
    )
    compound.refresh_from_db()
    assert compound.dose_low_mg == 200


def test_a_forms_history_names_a_changed_dose_by_its_box(staff_client):
    """It read "Changed Typical dose to (mg elemental/day).", as if that were the new dose."""
    compound = with_sources(MagnesiumCompoundFactory(dose_low_mg=100, dose_high_mg=200))
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    data = submitted_form(staff_client.get(url).content.decode(), dose_high_mg="300")
    data.update(change_note=["Higher dose."])
    assert staff_client.post(url, data).status_code == 302
    history = reverse("admin:comparisons_magnesiumcompound_history", args=[compound.pk])
    html = staff_client.get(history).content.decode()
    assert "Higher dose. (Changed Highest typical dose (mg elemental/day).)" in html
    assert "Typical dose to" not in html


def test_a_refused_save_links_to_the_salts_when_a_salt_needs_correcting(staff_client):
    compound = MagnesiumCompoundFactory()
    CompoundSaltFactory(compound=compound, is_default=True)
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    data = submitted_form(
        staff_client.get(url).content.decode(), **{"salts-0-elemental_percent": ""}
    )
    html = staff_client.post(url, data).content.decode()
    jump = html.split('<nav class="error-jump" aria-label="Errors">')[1].split("</nav>")[0]
    assert '<a href="#salts-group">Salts and hydrates</a>' in jump


def test_a_changed_figure_names_the_boxes_that_still_give_the_old_one(staff_client):
    """The table and calculator took a new top dose at once, while the form's own text still
    said "200-350 mg", and nothing told the editor."""
    compound = with_sources(
        MagnesiumCompoundFactory(
            dose_low_mg=200,
            dose_high_mg=350,
            elemental_percent="16.2",
            summary="About 16.2% magnesium.",
            body="Keep to the 200-350 mg range shown here; 1,350 mg is a compound weight.",
            dose_note="Up to 350 mg a day.",
        )
    )
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    data = submitted_form(
        staff_client.get(url).content.decode(),
        dose_high_mg="300",
        change_note="Lowered the highest typical dose to 300 mg.",
    )
    response = staff_client.post(url, data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    stale = [m for m in messages if m.startswith("The highest typical dose changed")]
    assert stale == [
        "The highest typical dose changed from 350 to 300, but 350 still appears in: Dose "
        "note; Body. Check that the words there still agree."
    ], messages
    compound.refresh_from_db()
    assert compound.dose_high_mg == 300  # a warning, never a refusal
    assert not any("magnesium share" in m for m in messages)  # unchanged figures say nothing


@pytest.mark.parametrize(("limit", "high", "warned"), [(350, 500, True), (400, 400, False)])
def test_a_dose_above_adults_upper_limit_is_warned_of_naming_the_limit(
    staff_client, limit, high, warned
):
    """A warning, not a refusal: a dose given under a clinician's care may be higher. The
    limit is the intake tables' for adults, whatever it is."""
    UpperIntakeLimitFactory(label="9 years and older", ul_mg=limit)
    compound = with_sources(MagnesiumCompoundFactory(dose_high_mg=350))
    response = saved_in_admin(
        staff_client, compound, dose_high_mg=str(high), change_note="Changed the dose."
    )
    compound.refresh_from_db()
    assert compound.dose_high_mg == high
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    above = [m for m in messages if "above the upper limit" in m]
    assert above == (
        [
            f"The highest typical dose, {high} mg a day, is above the upper limit for adults: "
            f"{limit} mg a day from supplements and medicines (the intake table "
            f"“{UpperIntakeLimit.objects.get().table}”, 9 years and older). Readers take the "
            "range shown as one to follow on their own: keep it within the limit, or, for a "
            "dose to take only under a clinician's care, say so in the dose note."
        ]
        if warned
        else []
    )


def test_a_changed_salt_figure_names_the_boxes_that_still_give_the_old_one(staff_client):
    compound = with_sources(
        MagnesiumCompoundFactory(
            elemental_percent="16.2", summary="16.2% as sold; 11.3% for the 1:1 salt."
        )
    )
    source = list(compound.elemental_refs.all())
    CompoundSaltFactory(compound=compound, is_default=True, elemental_percent="16.2", refs=source)
    CompoundSaltFactory(
        compound=compound, name="the 1:1 salt", elemental_percent="11.3", refs=source
    )
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    page = staff_client.get(url).content.decode()
    row = next(n for n in range(2) if f'name="salts-{n}-elemental_percent" value="11.3' in page)
    data = submitted_form(
        page, **{f"salts-{row}-elemental_percent": "11", "change_note": "Rounded a figure."}
    )
    response = staff_client.post(url, data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "The magnesium share of “the 1:1 salt” changed from 11.3 to 11, but 11.3 still appears "
        "in: Summary. Check that the words there still agree." in messages
    ), messages


@pytest.mark.parametrize(
    ("changes", "box", "message"),
    [
        ({"elemental_percent": "150"}, "elemental_percent", "at most 100%"),
        ({"dose_low_mg": "400", "dose_high_mg": "200"}, "dose_high_mg", "below the lower one"),
    ],
)
def test_a_figure_out_of_range_is_refused_beside_its_box(staff_client, changes, box, message):
    """The message stood only above the form, far from the box to correct."""
    compound = with_sources(MagnesiumCompoundFactory())
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    page = staff_client.get(url).content.decode()
    response = staff_client.post(url, submitted_form(page, minor_change="on", **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.split(f'id="id_{box}_error"', 1)[1].split("</ul>", 1)[0]
