"""Comparison tables such as /compare/topical-vs-oral/: rows of Markdown cells."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import ALT_PLACEHOLDER
from comparisons.models import Comparison
from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    ComparisonRowFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def table():
    ReferenceFactory(key="grober-2017", title="Myth or reality: transdermal magnesium?")
    ReferenceFactory(key="firoz-2001", title="Bioavailability of US commercial preparations")
    MagnesiumCompoundFactory(name="Magnesium sulfate (Epsom salt)", slug="magnesium-sulfate")
    comparison = ComparisonFactory(
        slug="topical-vs-oral",
        title="Topical vs oral magnesium",
        columns=["Topical", "Oral"],
        body="Two routes [@firoz-2001].",
        outro="In short, **food first** [@grober-2017].",
    )
    ComparisonRowFactory(
        comparison=comparison,
        order=2,
        feature="How much gets in",
        cells=["Not shown [@grober-2017].", "Measured [@firoz-2001]."],
    )
    ComparisonRowFactory(
        comparison=comparison,
        order=1,
        feature="Common forms",
        cells=["[[form:magnesium-sulfate]] for soaks", "Tablets and *capsules*"],
    )
    return comparison


def test_comparison_page_renders_rows_in_order_with_markdown_cells(client, table):
    response = client.get("/compare/topical-vs-oral/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert html.index("Common forms") < html.index("How much gets in")
    assert '<th scope="col">Topical</th>' in html
    assert "<em>capsules</em>" in html
    assert 'href="/forms/magnesium-sulfate/" rel="noopener noreferrer">Magnesium sulfate' in html
    assert "<strong>food first</strong>" in html
    assert 'data-label="Oral"' in html


def test_citations_are_numbered_down_the_whole_page(client, table):
    html = client.get("/compare/topical-vs-oral/").content.decode()
    # The intro cites firoz first (1); the first row to cite grober is the second row (2);
    # the closing notes cite grober again, so it keeps number 2.
    assert 'href="#ref-1" title="Bioavailability of US commercial preparations"' in html
    assert 'href="#ref-2" title="Myth or reality: transdermal magnesium?"' in html
    assert 'href="#ref-3"' not in html
    references = html[html.index('id="references-heading"') :]
    assert references.index("Bioavailability of US") < references.index("Myth or reality")


def test_cells_are_sanitised(client, table):
    ComparisonRowFactory(
        comparison=table,
        feature="Sneaky",
        cells=[
            "<script>alert(1)</script> [x](javascript:alert(2))",
            '<img src=x onerror="alert(3)"> <a href="#" onclick="alert(4)">y</a>',
        ],
    )
    html = client.get("/compare/topical-vs-oral/").content.decode()
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html


def test_an_editor_can_add_another_comparison_of_the_same_shape(client):
    comparison = ComparisonFactory(
        slug="glycinate-vs-citrate", columns=["Glycinate", "Citrate", "Oxide"]
    )
    ComparisonRowFactory(comparison=comparison, cells=["Gentle", "Moderate", "Laxative"])
    html = client.get("/compare/glycinate-vs-citrate/").content.decode()
    assert "Gentle" in html and "Laxative" in html
    assert html.count('<th scope="col">') == 4


def test_rows_with_too_few_cells_show_blanks_and_extra_cells_are_dropped(client):
    comparison = ComparisonFactory(slug="short-rows", columns=["A", "B"])
    ComparisonRowFactory(comparison=comparison, feature="Short", cells=["only one"])
    ComparisonRowFactory(comparison=comparison, feature="Long", cells=["1", "2", "three"])
    html = client.get("/compare/short-rows/").content.decode()
    assert html.count("<td ") == 4
    assert "three" not in html


def test_unknown_comparison_is_404(client):
    assert client.get("/compare/no-such-table/").status_code == 404


def test_compare_link_kind_resolves_in_articles(table):
    article = ArticleFactory(body="See [[compare:topical-vs-oral]].")
    assert 'href="/compare/topical-vs-oral/" rel="noopener noreferrer">Topical vs oral' in (
        article.body_html
    )


def test_comparison_checks_its_links_and_citations():
    comparison = ComparisonFactory.build(
        slug="broken", columns=["A", "B"], body="[[form:nope]]", outro="[@no-such-key]"
    )
    with pytest.raises(ValidationError) as error:
        comparison.full_clean()
    assert set(error.value.message_dict) == {"body", "outro"}


@pytest.mark.parametrize("columns", [["Only one"], ["A", ""], "not a list", ["A"] * 7])
def test_comparison_needs_two_to_six_named_columns(columns):
    comparison = ComparisonFactory.build(slug="odd", columns=columns)
    with pytest.raises(ValidationError) as error:
        comparison.full_clean()
    assert "columns" in error.value.message_dict


def test_a_row_with_a_broken_link_is_refused(table):
    row = table.rows.first()
    row.cells = ["[[form:no-such-form]]", "ok"]
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "[[form:no-such-form]]" in str(error.value)


def test_a_row_with_an_image_still_described_by_the_upload_placeholder_is_refused(table):
    """In any cell, not only the first."""
    row = table.rows.first()
    row.cells = ["ok", f"![{ALT_PLACEHOLDER}](/media/uploads/route.png)"]
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert f"An image still has “{ALT_PLACEHOLDER}”" in str(error.value)


def test_rows_data_reads_and_replaces_all_rows(table):
    assert table.rows_data[0]["feature"] == "Common forms"
    table.rows_data = [{"feature": "Only row", "cells": ["a", "b"]}]
    table.save()
    fresh = Comparison.objects.get(pk=table.pk)
    assert fresh.rows_data == [{"feature": "Only row", "cells": ["a", "b"]}]
    assert fresh.rows.get().cells_html == ["<p>a</p>", "<p>b</p>"]


def test_a_new_table_made_in_the_admin_is_a_draft_until_published(staff_client):
    """A table was public the moment it was saved, half-written or not."""
    from django.test import Client
    from django.urls import reverse

    from tests.helpers import submitted_form

    client = Client()  # a reader; staff_client is logged in
    add = reverse("admin:comparisons_comparison_add")
    data = submitted_form(
        staff_client.get(add).content.decode(),
        title="Citrate vs glycinate",
        slug="citrate-vs-glycinate",
        columns="Citrate\nGlycinate",
    )
    assert staff_client.post(add, data).status_code == 302
    draft = Comparison.objects.get(slug="citrate-vs-glycinate")
    assert draft.status == Comparison.Status.DRAFT
    assert client.get("/compare/citrate-vs-glycinate/").status_code == 404
    assert "citrate-vs-glycinate" not in client.get("/sitemap.xml").content.decode()
    preview = staff_client.get("/compare/citrate-vs-glycinate/")
    assert "Draft - not public" in preview.content.decode()
    assert "no-cache" in preview["Cache-Control"]
    # A published article's link to it is plain text until the table is published.
    article = ArticleFactory(body="See [[compare:citrate-vs-glycinate]].")
    assert 'href="/compare/citrate-vs-glycinate/"' not in article.body_html
    draft.status = Comparison.Status.PUBLISHED
    draft.save()
    assert client.get("/compare/citrate-vs-glycinate/").status_code == 200
    article.refresh_from_db()
    assert 'href="/compare/citrate-vs-glycinate/"' in article.body_html


def test_a_draft_table_may_link_to_a_draft_form_a_published_one_may_not():
    """As an article: a table and the form it links to can be prepared together."""
    from tests.factories import DraftMagnesiumCompoundFactory

    DraftMagnesiumCompoundFactory(slug="magnesium-secret")
    draft = ComparisonFactory(status=Comparison.Status.DRAFT, published_at=None)
    row = ComparisonRowFactory(comparison=draft, cells=["[[form:magnesium-secret]]", "b"])
    draft.body = "See [[form:magnesium-secret]]."
    draft.full_clean()
    row.full_clean()
    draft.status = Comparison.Status.PUBLISHED
    with pytest.raises(ValidationError):
        draft.full_clean()
    with pytest.raises(ValidationError):
        row.full_clean()
