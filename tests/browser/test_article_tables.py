"""An article's tables on a phone: one of three or more columns is drawn as a card a row, each
cell under its column's heading (articles/table_cards.py, the `.table-cards` rules of
site.css); it stays a table to a screen reader and on a desktop."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, has_horizontal_scroll, table_roles
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The safety guide's label sums and interactions ("What to do" read one word a line at 390
# px), and the food article's intake table (its "Breastfeeding" column out of sight) and foods.
CARD_TABLES = {
    "/articles/using-magnesium-safely/": (0, 2),
    "/articles/magnesium-in-food/": (0, 1),
}

TABLE_PARTS = {"table", "rowgroup", "row", "columnheader", "rowheader", "cell"}

# Each table's width against its box, and each body cell's label (its ::before) beside the
# heading of its column.
LAYOUT = """t => ({
    widths: [t.scrollWidth, t.clientWidth, t.getBoundingClientRect().right],
    cells: [...t.querySelectorAll('tbody tr')].flatMap((row) => [...row.cells].map((cell, i) => ({
        heading: t.tHead.rows[0].cells[i].textContent.trim(),
        text: cell.textContent.trim(),
        label: getComputedStyle(cell, '::before').content,
        shown: cell.getBoundingClientRect().width > 0,
    }))),
})"""


@pytest.mark.parametrize("path", CARD_TABLES)
def test_on_a_phone_an_articles_tables_fit_and_each_cell_shows_its_heading(
    live_server, page_factory, starter_content, path
):
    page = page_factory(width=390)
    page.goto(live_server.url + path)
    tables = page.locator(".prose table")
    for index in CARD_TABLES[path]:
        table = tables.nth(index)
        layout = table.evaluate(LAYOUT)
        scroll_width, client_width, right = layout["widths"]
        assert scroll_width == client_width and right <= 390, (path, index, layout["widths"])
        for cell in layout["cells"]:
            assert cell["shown"], cell
            if cell["text"]:
                # Chromium gives `attr(data-label) / ""` as the label and its spoken text.
                assert cell["label"] == f'"{cell["heading"]}" / ""', cell
        # The heading row is hidden for the eye, not for a screen reader; a card is no tab stop.
        assert table.locator("thead").bounding_box()["height"] <= 1
        assert table.get_attribute("tabindex") is None
    assert not has_horizontal_scroll(page)
    assert_no_axe_violations(page, f"{path} (390 px)")
    assert page.problems == []


def test_the_cards_are_still_a_table_to_a_screen_reader(live_server, page_factory, starter_content):
    """Chromium's own accessibility tree, as screen readers get it: the interactions table
    keeps its header row, its column headers and every cell at both widths."""
    roles = {}
    for width in (390, 1280):
        page = page_factory(width=width, javascript=False)
        page.goto(live_server.url + "/articles/using-magnesium-safely/")
        # Its parts, not the lines of text, which wrap at each width.
        roles[width] = [role for role in table_roles(page)[2] if role in TABLE_PARTS]
    rows = page.locator(".prose table").nth(2).locator("tbody tr").count()
    assert roles[390] == roles[1280]
    assert roles[390].count("row") == rows + 1
    assert roles[390].count("columnheader") == 3
    assert roles[390].count("cell") == rows * 3


def test_on_a_desktop_an_articles_table_is_drawn_as_a_table(
    live_server, page_factory, starter_content
):
    page = page_factory(width=1280, javascript=False)
    page.goto(live_server.url + "/articles/magnesium-in-food/")
    table = page.locator(".prose table").first
    expect(table.locator("thead")).to_be_visible()
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    labels = table.evaluate(LAYOUT)["cells"]
    assert {cell["label"] for cell in labels} == {"none"}
    # One row a line: "Breastfeeding" in the header row, beside "Pregnancy".
    headings = table.locator("thead th")
    assert headings.nth(3).bounding_box()["y"] == headings.nth(4).bounding_box()["y"]


def test_a_two_column_table_wider_than_a_phone_scrolls_in_its_own_box(
    live_server, page_factory, starter_content
):
    """A table of one or two columns stays a table on a phone (it fits side by side); one
    made wider than the screen by a long address scrolls alone, not the whole text, and takes
    focus so a keyboard can scroll it."""
    address = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
    article = ArticleFactory(
        body=f"## Sources\n\n| Source | Address |\n|---|---|\n| NIH | `{address}` |\n"
    )
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + article.get_absolute_url())
    table = page.locator(".prose table")
    widths = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert widths[0] > widths[1], "the address should make the table wider than a phone"
    prose = page.locator(".prose").evaluate("p => [p.scrollWidth, p.clientWidth]")
    assert prose[0] == prose[1], "the whole text scrolls sideways, not the table"
    assert table.get_attribute("tabindex") == "0"
    table.focus()
    page.keyboard.press("ArrowRight")
    expect(table).not_to_have_js_property("scrollLeft", 0)
    expect(page.get_by_role("table").get_by_role("columnheader").first).to_have_text("Source")
    assert not has_horizontal_scroll(page)
