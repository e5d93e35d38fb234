"""Medicines and magnesium in a real Chromium: at 360 and 1280 px, with and without
JavaScript, a reader finds a medicine by a brand name, sees its picture of the day with the
same in words, and its sources; nothing scrolls sideways and axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/interactions/",
    "/interactions/?medicine=cipro&medicine=Nexium",
    "/interactions/?medicine=ciprofloxacine",
    "/interactions/gabapentin/",
    "/interactions/raltegravir/",
]


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", [360, 1280])
def test_a_reader_finds_a_medicine_by_brand_and_sees_its_day_and_sources(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/interactions/")
    page.get_by_role("searchbox", name="Find a medicine by any name, generic or brand").fill(
        "Cipro"
    )
    page.get_by_role("button", name="Find").click()
    page.wait_for_url(re.compile(r"/interactions/\?medicine=Cipro#medicine-finder$"))

    result = page.locator("section.medicine-result")
    heading = result.get_by_role("heading", name=re.compile("Quinolone antibiotics"))
    expect(heading).to_be_visible()
    # The answer is on the screen the reader lands on, not below the introduction.
    expect(heading).to_be_in_viewport()
    picture = result.locator("svg.day")
    expect(picture).to_be_visible()
    assert picture.get_attribute("aria-hidden") == "true"  # the words say the same
    expect(result.locator("figcaption")).to_contain_text(
        "keep magnesium away from just after 02:00 to just before 10:00"
    )
    expect(
        result.get_by_role("link", name=re.compile("Fact Sheet for Health Professionals"))
    ).to_be_visible()
    expect(page.locator("#ref-1")).to_contain_text("Magnesium: Fact Sheet for Health Professionals")
    assert not has_horizontal_scroll(page), f"the result scrolls sideways at {width} px"
    assert page.problems == [], page.problems


@pytest.mark.parametrize("width", [360, 1280])
def test_medicine_pages_pass_axe_and_never_scroll_sideways(
    live_server, page_factory, starter_content, width
):
    page = page_factory(width=width)
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_no_axe_violations(page, f"{path} ({width} px)")
        assert not has_horizontal_scroll(page), f"{path} scrolls sideways at {width} px"
        assert page.problems == [], f"{path}: {page.problems}"


def test_an_unknown_name_offers_the_nearest_names_as_links_without_javascript(
    live_server, page_factory, starter_content
):
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + "/interactions/?medicine=levaquinn")
    expect(page.get_by_text("is not in our list: ask your pharmacist")).to_be_visible()
    page.get_by_role("link", name="Levaquin").click()
    expect(page.locator("section.medicine-result h2")).to_contain_text("Quinolone antibiotics")


def test_the_medicine_cards_line_up_with_their_heading_on_a_phone(
    live_server, page_factory, starter_content
):
    """A card list, not a bulleted list: no bullet or indent eats the width of a phone."""
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + "/interactions/")
    heading = page.get_by_role("heading", name="Keep apart: spacing needed")
    card = page.locator(".medicine-list .card").first
    assert card.bounding_box()["x"] == heading.bounding_box()["x"]
    assert card.evaluate("li => getComputedStyle(li).listStyleType") == "none"


def test_the_medicine_finder_is_on_a_phones_first_screen(
    live_server, page_factory, starter_content
):
    """Readers come to look their medicine up: the box is in sight on arrival at 360 x 740,
    and the list's "not complete: ask your pharmacist" note follows it."""
    page = page_factory(width=360, javascript=False)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/interactions/")
    expect(page.get_by_role("searchbox", name=re.compile("Find a medicine"))).to_be_in_viewport()
    expect(page.get_by_text("This list is not complete.")).to_be_visible()
