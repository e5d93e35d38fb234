"""A comparison table's headings, cells and rows get the checks the other boxes get: the
headings are plain text and short, the cells are checked for what readers would see broken
as an article's text is (refused on a table readers can see or will, a warning on a draft),
and a table readers can see (or will, scheduled) has rows."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from comparisons.models import Comparison
from tests.comparisons.test_admin import comparison_post
from tests.factories import ComparisonFactory, ComparisonRowFactory
from tests.helpers import agreeing_to_go_off_site, submitted_form

pytestmark = pytest.mark.django_db


def _table(**fields):
    comparison = ComparisonFactory(columns=["Topical", "Oral"], **fields)
    row = ComparisonRowFactory(comparison=comparison, feature="Uptake", cells=["Low", "30%"])
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    return comparison, row, url


def _refused_heading(staff_client, columns: str) -> str:
    """Posts the headings; asserts nothing was saved and the box keeps what was typed."""
    comparison, row, url = _table()
    data = comparison_post(comparison, [(row.pk, "Uptake", 1, ["Low", "30%"])], columns=columns)
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert submitted_form(html)["columns"] == [columns]
    comparison.refresh_from_db()
    assert comparison.columns == ["Topical", "Oral"]
    return html


def test_a_heading_with_a_tag_is_refused_naming_the_heading(staff_client):
    """Readers saw "<b>Topical</b>" as typed: the page escapes headings."""
    html = _refused_heading(staff_client, "<b>Topical</b> (Epsom salt)\nOral")
    assert "Heading 1, “&lt;b&gt;Topical&lt;/b&gt; (Epsom salt)”: This box is plain text" in html


def test_a_heading_with_a_text_direction_character_is_refused(staff_client):
    """A heading starting with a right-to-left override printed backwards."""
    html = _refused_heading(staff_client, "Topical\n\u202eOral")
    assert "Heading 2, “Oral”: This text holds a text-direction character" in html


def test_a_line_separator_in_a_heading_is_named_not_taken_for_a_line_break(staff_client):
    """The box was split with str.splitlines(), which also splits at U+2028: the heading
    became two headings without a word."""
    html = _refused_heading(staff_client, "Topical\nOral\u2028supplements")
    assert "Heading 2, “Oralsupplements”: This text holds a line or paragraph separator" in html


def test_a_refused_save_that_adds_a_heading_redraws_the_form(staff_client):
    """The rows' forms were built with the stored headings and drawn with the posted ones:
    a server error instead of the message."""
    html = _refused_heading(staff_client, "Topical\nOral\n<i>Intravenous</i>")
    assert "Heading 3, “&lt;i&gt;Intravenous&lt;/i&gt;”: This box is plain text" in html
    assert 'name="rows-0-cell_1"' in html and 'name="rows-0-cell_2"' not in html


def test_a_heading_over_100_characters_is_refused_saying_the_limit(staff_client):
    html = _refused_heading(staff_client, "Topical\n" + "Oral " * 300)
    assert "Heading 2, “Oral Oral" in html
    assert "It is 1,499 characters long; a heading may have up to 100." in html

    comparison = Comparison.objects.get()
    heading = "Oral supplements " + "x" * 83
    data = comparison_post(
        comparison,
        [(comparison.rows.get().pk, "Uptake", 1, ["Low", "30%"])],
        columns=f"Topical\n{heading}",
    )
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    assert staff_client.post(url, data).status_code == 302
    comparison.refresh_from_db()
    assert comparison.columns == ["Topical", heading]


def test_an_image_in_a_cell_readers_cannot_load_is_refused_on_a_published_table(staff_client):
    """An article's body warned of it; a cell saved it silently and readers saw a broken
    image."""
    comparison, row, url = _table()
    cells = ["Soak ![A bath](bath.png)", "![A tablet](/media/uploads/t.png)"]
    response = staff_client.post(url, comparison_post(comparison, [(row.pk, "Uptake", 1, cells)]))
    assert response.status_code == 200
    assert "The image “bath.png” is not one uploaded to this site" in html.unescape(
        response.content.decode()
    )
    assert submitted_form(response.content.decode())["rows-0-cell_0"] == [cells[0]]
    row.refresh_from_db()
    assert row.cells == ["Low", "30%"]


def test_a_cell_linking_to_an_address_no_page_answers_is_refused_on_a_published_table(
    staff_client,
):
    comparison, row, url = _table()
    cells = ["Low", "See [the calculator](/calculater/) [list] (/forms/)"]
    response = staff_client.post(url, comparison_post(comparison, [(row.pk, "Uptake", 1, cells)]))
    page = html.unescape(response.content.decode())
    assert "The link to “/calculater/” leads readers to “Page not found”" in page
    assert "Did you mean /calculator/?" in page
    assert "“[list] (/forms/)” is not written as a link" in page
    row.refresh_from_db()
    assert row.cells == ["Low", "30%"]


def test_a_draft_tables_cell_may_keep_an_image_with_a_warning_naming_row_and_column(
    staff_client,
):
    comparison, row, url = _table(status=Comparison.Status.DRAFT, published_at=None)
    cells = ['Soak <img src=x onerror="alert(1)">', "![](/media/uploads/t.png)"]
    data = comparison_post(comparison, [(row.pk, "Uptake", 1, cells)])
    response = staff_client.post(url, data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert "Row “Uptake”, column “Topical”: The image “x” is not one uploaded to this site" in (
        " ".join(messages)
    )
    assert sum("not one uploaded" in message for message in messages) == 1
    assert "Row “Uptake”, column “Topical”: Readers will not see script in the <img> tag" in (
        " ".join(messages)
    )
    assert any(
        m.startswith(
            "Row “Uptake”, column “Oral”: The image “/media/uploads/t.png” has no description"
        )
        for m in messages
    )
    assert not any("alt text" in m for m in messages)
    row.refresh_from_db()
    assert row.cells == cells


def test_the_last_row_of_a_published_table_stays_a_drafts_may_go(staff_client):
    comparison, row, url = _table()
    data = comparison_post(comparison, [(row.pk, "Uptake", 1, ["Low", "30%"])])
    data["rows-0-DELETE"] = "on"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "A table with no rows cannot be published or scheduled" in response.content.decode()
    assert comparison.rows.count() == 1

    data["status"] = Comparison.Status.DRAFT
    # Taking a public page off the site asks first (articles/going_off_site.py).
    response = agreeing_to_go_off_site(staff_client, url, data)
    assert response.status_code == 302
    assert not comparison.rows.exists()


@pytest.mark.parametrize("days", [-1, 3], ids=["now", "scheduled"])
def test_a_new_table_with_no_rows_cannot_be_published_or_scheduled(staff_client, days):
    when = timezone.localtime() + dt.timedelta(days=days)
    data = {
        "title": "Empty table",
        "slug": "empty-table",
        "columns": "Topical\nOral",
        "status": Comparison.Status.PUBLISHED,
        "published_at_0": f"{when:%Y-%m-%d}",
        "published_at_1": f"{when:%H:%M:%S}",
        # The add page's blank rows, sent as drawn: not rows.
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0",
        **{f"rows-{index}-order": "1" for index in range(3)},
    }
    response = staff_client.post(reverse("admin:comparisons_comparison_add"), data)
    assert response.status_code == 200
    assert "A table with no rows cannot be published or scheduled" in response.content.decode()
    assert not Comparison.objects.exists()

    data |= {"rows-0-feature": "Uptake", "rows-0-cell_0": "Low", "rows-0-cell_1": "30%"}
    response = staff_client.post(reverse("admin:comparisons_comparison_add"), data)
    assert response.status_code == 302
    assert Comparison.objects.get().rows.count() == 1
