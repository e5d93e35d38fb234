"""A reader prints a page: an article, the forms table, forms side by side, the evidence
matrix, a calculator result. Chromium lays a printed page out in print media at the paper's
width; 718 px is A4 less the print dialog's 1 cm margins (Letter is a little wider). What is
on paper must be whole (no table cut off at the page's edge, since paper does not scroll),
and the controls that only work on a screen (filters, tick boxes, buttons) stay off it."""

import pytest

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAPER_WIDTH = 718


def printed(page_factory, url: str, color_scheme: str = "light"):
    page = page_factory(width=PAPER_WIDTH, javascript=False, color_scheme=color_scheme)
    page.emulate_media(media="print")
    page.goto(url)
    return page


def cut_off_tables(page) -> list[str]:
    """Tables wider than the paper or than the box they sit in: what would not be printed."""
    return page.evaluate(
        """() => [...document.querySelectorAll('table')].filter((table) => {
            const box = table.parentElement;
            return table.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                || box.scrollWidth > box.clientWidth + 1;
        }).map((table) => (table.caption ? table.caption.textContent : table.className).trim())"""
    )


@pytest.mark.parametrize(
    "path",
    [
        "/forms/",
        # The evidence column makes the table widest.
        "/forms/?outcome=migraine&sort=-evidence_for",
        "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide,magnesium-malate",
        "/evidence/",
        "/compare/topical-vs-oral/",
        "/foods/",
    ],
)
def test_a_printed_table_keeps_every_column_on_the_paper(
    live_server, page_factory, starter_content, path
):
    page = printed(page_factory, live_server.url + path)
    assert cut_off_tables(page) == [], f"{path}: cut off when printed"


def test_the_printed_forms_table_leaves_out_the_screen_controls(
    live_server, page_factory, starter_content
):
    page = printed(page_factory, live_server.url + "/forms/?route=topical&forms=magnesium-oxide")
    for control in ("#forms-filter", "#compare-form input[type=checkbox]", "#compare-form button"):
        assert page.locator(control).first.is_hidden(), f"{control} is printed"
    assert page.get_by_text("Also ticked, not in this view").is_hidden()
    assert page.locator(".site-header").is_hidden()
    # Instructions for the tick boxes and sortable headings do not go on paper; the note
    # on what "Often taken for" means does.
    assert page.get_by_text("Tick two to four forms").first.is_hidden()
    assert page.locator("#uses-note").is_visible()
    assert page.get_by_role("columnheader", name="Often taken for").is_visible()
    # What the table was narrowed to stays readable on paper: its chips are white on the
    # accent colour on screen, and browsers leave backgrounds off paper.
    chip = page.locator(".active-filters a").first
    assert chip.is_visible()
    assert chip.evaluate("a => getComputedStyle(a).color") == "rgb(0, 0, 0)"


def test_a_page_printed_from_a_screen_in_dark_mode_prints_dark_text_on_white(
    live_server, page_factory, starter_content
):
    url = live_server.url + "/forms/?outcome=migraine"
    colours = "() => [...document.querySelectorAll('.lede, thead th a, .grade, .rating')]"
    colours += ".map((e) => getComputedStyle(e).color)"
    light = printed(page_factory, url).evaluate(colours)
    dark = printed(page_factory, url, color_scheme="dark").evaluate(colours)
    assert dark == light


def test_a_printed_article_shows_where_its_references_and_links_lead(
    live_server, page_factory, starter_content
):
    article = Article.objects.get(slug="burning-feet-and-neuropathic-pain")
    article.body += (
        "\n\nSee [the NIH fact sheet](https://ods.od.nih.gov/factsheets/Magnesium-Consumer/).\n"
    )
    article.save()
    page = printed(page_factory, live_server.url + "/articles/burning-feet-and-neuropathic-pain/")
    # A link in the text prints its address (paper cannot be clicked); links within the
    # site need none, since the text names the page.
    prose_link = page.locator(".prose a[href^='https://ods']")
    assert "ods.od.nih.gov/factsheets" in prose_link.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".toc").is_hidden()
    link = page.locator(".references a.ref-link").first
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in shown
    assert page.get_by_text("Medical disclaimer").is_visible()
    assert cut_off_tables(page) == []


def test_a_printed_calculator_result_leaves_out_the_form_below_it(
    live_server, page_factory, starter_content
):
    page = printed(
        page_factory,
        live_server.url + "/calculator/?form=magnesium-glycinate&mg=500&servings=2&age=31-50",
    )
    assert page.locator("#result").is_visible()
    assert page.locator("#calculator").is_hidden()

    # With nothing worked out, the form is the page, and it prints.
    blank = printed(page_factory, live_server.url + "/calculator/")
    assert blank.locator("#calculator").is_visible()


def test_paper_says_not_medical_advice_once_and_prints_buttons_legibly(
    live_server, page_factory, starter_content
):
    """Pages without a disclaimer of their own print the footer's "Not medical advice" (and
    nothing else of the footer); an article prints its own, not a second one. A link drawn
    as a button prints dark: its white text would vanish with the background."""
    table = printed(page_factory, live_server.url + "/forms/")
    assert table.get_by_text("Not medical advice.").is_visible()
    assert table.get_by_role("link", name="The evidence matrix").is_hidden()
    form = printed(page_factory, live_server.url + "/forms/magnesium-glycinate/")
    assert form.get_by_text("Medical disclaimer.").is_visible()
    assert form.get_by_text("Not medical advice.").is_hidden()
    for button in form.locator("a.button").all():
        assert button.is_visible()
        assert button.evaluate("a => getComputedStyle(a).color") == "rgb(0, 0, 0)"
