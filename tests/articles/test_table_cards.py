"""An article's table of three or more columns is marked to be drawn as cards on a phone, each
cell labelled with its column's heading (articles/table_cards.py)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from articles.rendering import render_markdown
from tests.factories import ArticleFactory

INTERACTIONS = (
    "| Medicine | What happens | What to do |\n"
    "|---|---|---|\n"
    "| Nitrofurantoin | Reduced absorption | Separate by 3 to 4 hours |\n"
    "| Digoxin | Reduced absorption | Ask your pharmacist |\n"
)


def cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>", html)


def test_each_cell_of_a_wide_table_is_labelled_with_its_column_heading():
    """The safety guide's "What to do" read one word a line on a phone: as a card, each
    answer sits under its heading."""
    html = render_markdown(INTERACTIONS).html
    assert '<table class="table-cards">' in html
    row = [
        '<td data-label="Medicine">',
        '<td data-label="What happens">',
        '<td data-label="What to do">',
    ]
    assert cells(html) == row * 2
    # Still a table, its headings in a header row, for screen readers.
    assert "<thead>" in html and "<th>What to do</th>" in html


@pytest.mark.django_db
def test_a_label_is_the_headings_words_without_its_markup_or_citation_number():
    html = render_markdown(
        '| Age | **Male** [@ods-magnesium-hp] | Mum\'s "RDA" & [[form:nope]] | `a<b` |\n'
        "|---|---|---|---|\n"
        "| 1-3 years | 80 | 80 | x |\n"
    ).html
    assert cells(html) == [
        '<td data-label="Age">',
        '<td data-label="Male">',
        '<td data-label="Mum\u2019s \u201cRDA\u201d &amp; nope">',  # typographic quotes
        '<td data-label="a&lt;b">',
    ]


def test_a_label_shows_no_more_of_a_heading_than_the_sanitised_page_does():
    """A script typed in a heading is dropped from the page, its text too: not shown in the
    label either."""
    html = render_markdown(
        "| Dose <script>alert(1)</script> | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"
    ).html
    assert "alert" not in html
    assert cells(html)[0] == '<td data-label="Dose">'


def test_an_empty_cell_gets_no_label():
    """A child's row of the intake table has no pregnancy figure: the card shows no
    "Pregnancy" heading over nothing."""
    html = render_markdown(
        "| Age | Male | Pregnancy |\n|---|---|---|\n| 1-3 years | 80 | |\n| 19-30 | 400 | 350 |\n"
    ).html
    assert cells(html) == [
        '<td data-label="Age">',
        '<td data-label="Male">',
        "<td>",
        '<td data-label="Age">',
        '<td data-label="Male">',
        '<td data-label="Pregnancy">',
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Two columns fit a phone side by side (the upper limits by age).
        "| Age | Upper limit |\n|---|---|\n| Children 1-3 years | 65 mg |\n",
        # No words to label the cells with.
        "| | | |\n|---|---|---|\n| 1 | 2 | 3 |\n",
    ],
)
def test_a_narrow_table_or_one_without_headings_stays_a_table_a_keyboard_can_scroll(text):
    html = render_markdown(text).html
    assert '<table tabindex="0">' in html
    assert "table-cards" not in html and "data-label" not in html


def test_a_card_table_never_scrolls_so_it_is_no_tab_stop():
    """Tab stops are for a table that scrolls in its own box (WCAG 2.1.1); drawn as cards
    on a phone and as a table on a desktop, it scrolls at neither width."""
    html = render_markdown(INTERACTIONS + "\n| a | b |\n|---|---|\n| 1 | 2 |\n").html
    assert html.count("tabindex") == 1
    assert '<table class="table-cards">' in html and '<table tabindex="0">' in html


def test_sanitising_keeps_data_label_on_cells_only():
    """An editor's own HTML keeps a cell's label, as the renderer's is kept, and loses every
    other data attribute and any label elsewhere."""
    html = render_markdown(
        '<table class="table-cards evil" data-label="t" onclick="x()"><tr>'
        '<th data-label="h" data-x="1">H</th><td data-label="&quot;&gt;&lt;b&gt;" data-y="2">1</td>'
        '</tr></table>\n\n<p data-label="p">x</p>'
    ).html
    assert re.findall(r"<(?:table|th|td|p)[^>]*>", html) == [
        '<table class="table-cards">',
        '<th data-label="h">',
        '<td data-label="&quot;&gt;&lt;b&gt;">',
        "<p>",
    ]


@pytest.mark.django_db
def test_rerender_content_brings_the_cards_to_a_page_saved_before_them():
    """docs/deploy.md: after a release the stored pages are re-rendered, so a page saved by
    the old renderer (a focusable table, no labels) gets its cards and the page shows them."""
    article = ArticleFactory(body=INTERACTIONS)
    old = render_markdown(INTERACTIONS).html.replace(
        '<table class="table-cards">', '<table tabindex="0">'
    )
    old = re.sub(r' data-label="[^"]*"', "", old)
    Article.objects.filter(pk=article.pk).update(body_html=old)
    assert "data-label" not in Client().get(article.get_absolute_url()).content.decode()
    call_command("rerender_content")
    article.refresh_from_db()
    assert '<table class="table-cards">' in article.body_html
    # The page cache is keyed on the content version, which re-rendering moves on.
    page = Client().get(article.get_absolute_url()).content.decode()
    assert '<td data-label="What to do">Separate by 3 to 4 hours</td>' in page
