"""A reader opens the home page, follows an article, and reads it at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_goes_from_home_to_an_article(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name="Read the guides").click()
    page.wait_for_url("**/articles/")
    first = page.locator(".card__title a").first
    title = first.inner_text()
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**{href}")
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator(".toc a").count() >= 2
    assert page.locator(".references li").count() >= 1
    assert page.get_by_text("Medical disclaimer").is_visible()
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(
    live_server, page_factory, starter_content
):
    page = page_factory(width=1280)
    page.goto(live_server.url + "/articles/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    # Following the link updates the address a moment later; expect() waits for it.
    expect(page).to_have_url(re.compile(r"#main$"))
    # The next Tab starts from the main content, past the header's links and search box.
    page.keyboard.press("Tab")
    assert page.evaluate("Boolean(document.activeElement.closest('main'))")


@pytest.mark.parametrize("width", [1280, 800])
def test_contents_sit_beside_the_text_and_stay_in_view_on_wide_screens(
    live_server, page_factory, starter_content, width
):
    """From 68rem up the contents are a column of their own that stays on screen while the
    reader scrolls; narrower, they sit above the text and scroll away with it."""
    page = page_factory(width=width)
    page.goto(live_server.url + "/articles/burning-feet-and-neuropathic-pain/")
    toc, prose = page.locator(".toc"), page.locator(".prose")
    beside = toc.bounding_box()["x"] >= prose.bounding_box()["x"] + prose.bounding_box()["width"]
    assert beside == (width == 1280)
    page.evaluate("window.scrollTo(0, 3000)")
    assert page.evaluate("window.scrollY") >= 2000
    toc_box = toc.bounding_box()
    in_view = toc_box["y"] >= 0 and toc_box["y"] < page.viewport_size["height"]
    assert in_view == (width == 1280)
    assert not has_horizontal_scroll(page)
    assert page.problems == []


def test_on_a_phone_a_filter_opens_the_page_at_what_it_chose(
    live_server, page_factory, starter_content
):
    """On a phone the foods table, the article cards and the evidence matrix start a screen
    or more below the top. Choosing a food group, a sort, a topic or an outcome opens the
    page at the choice with its results below, not at the page's top (no JavaScript)."""
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + "/foods/")
    page.get_by_role("link", name="Legumes").click()
    expect(page.locator("#foods-filter")).to_be_in_viewport()
    expect(page.locator("#foods-caption")).to_be_in_viewport()
    page.locator("thead").get_by_role("link", name="Food", exact=True).click()
    expect(page).to_have_url(re.compile(r"group=legumes&sort=name#foods-filter$"))
    expect(page.locator("#foods-filter")).to_be_in_viewport()

    page.goto(live_server.url + "/articles/")
    page.get_by_role("link", name="Burning feet").first.click()
    expect(page.get_by_role("heading", name="Articles on burning feet")).not_to_be_in_viewport()
    expect(page.locator(".result-count")).to_be_in_viewport()

    page.goto(live_server.url + "/evidence/")
    page.get_by_label("Outcome", exact=True).select_option(label="Migraine prevention")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#evidence-caption")).to_be_in_viewport()
    assert page.problems == []
