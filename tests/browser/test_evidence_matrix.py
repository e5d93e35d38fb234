"""The evidence matrix in a real Chromium: at 360 and 1280 px, with and without JavaScript,
no axe violation, the page itself never scrolls sideways (the grid scrolls in its own
focusable region), and a grade opens the studies behind it."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/evidence/",
    "/evidence/?outcome=migraine&form=any&form=magnesium-citrate",
    "/evidence/?outcome=unicorns",
    "/evidence/migraine/",
    "/forms/magnesium-citrate/",
    "/topics/migraine/",
]
SHOTS = os.environ.get("BROWSER_SCREENSHOTS", "")


def screenshot(page, path: str, width: int, javascript: bool) -> None:
    if SHOTS:
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_")
        suffix = "js" if javascript else "nojs"
        page.screenshot(path=os.path.join(SHOTS, f"{name}-{width}-{suffix}.png"), full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_matrix_pages_pass_axe_and_never_scroll_sideways(
    live_server, page_factory, starter_content, width
):
    page = page_factory(width=width)
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_no_axe_violations(page, f"{path} ({width} px)")
        assert not has_horizontal_scroll(page), f"{path} scrolls sideways at {width} px"
        assert page.problems == [], f"{path}: {page.problems}"
        screenshot(page, path, width, javascript=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_matrix_works_without_javascript(live_server, page_factory, starter_content, width):
    """The pages load no script of their own, so axe's verdict above holds with JavaScript
    off too (axe itself cannot run there); this checks the layout and the filter form."""
    page = page_factory(width=width, javascript=False)
    for path in PAGES:
        assert page.goto(live_server.url + path).status == 200, path
        assert not has_horizontal_scroll(page), f"{path} scrolls sideways at {width} px"
        screenshot(page, path, width, javascript=False)
    page.goto(live_server.url + "/evidence/")
    page.get_by_label("Outcome", exact=True).select_option(label="Migraine prevention")
    page.get_by_label("Form", exact=True).select_option(label="Magnesium citrate")
    page.get_by_role("button", name="Show").click()
    # Opened at the filters, with the matrix below them.
    page.wait_for_url(
        re.compile(r"/evidence/\?outcome=migraine&form=magnesium-citrate#evidence-filters$")
    )
    expect(page.locator(".evidence-matrix tbody tr")).to_have_count(1)
    expect(page.locator(".evidence-matrix thead th")).to_have_count(2)
    assert page.problems == []


def test_on_a_phone_each_form_is_a_card_naming_the_outcome_beside_each_grade(
    live_server, page_factory, starter_content
):
    """A grid's column headings scroll out of sight on a phone, leaving grades without
    their outcome; as cards, each grade has its outcome beside it and the pairs not
    assessed are left out."""
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + "/evidence/")
    region = page.get_by_role("region", name="Evidence grades by form and outcome")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
    card = page.locator(".evidence-matrix tbody tr").filter(
        has=page.get_by_role("rowheader", name="Magnesium glycinate")
    )
    sleep = card.locator("td", has_text="No evidence").filter(has=page.locator("a[href*='sleep']"))
    label = sleep.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Sleep" in label
    assert sleep.bounding_box()["width"] < 330
    # Pairs not assessed take no room on a card (aspartate is graded for one outcome).
    aspartate = page.locator(".evidence-matrix tbody tr").filter(
        has=page.get_by_role("rowheader", name="Magnesium aspartate")
    )
    unassessed = aspartate.locator("td.evidence-matrix__unassessed")
    assert unassessed.count() > 1
    assert all(not cell.is_visible() for cell in unassessed.all())
    assert aspartate.locator("td:visible").count() == 1
    # The link's name carries its row and column for screen readers.
    name = re.compile(r"^Moderate\W+Magnesium in general, Migraine prevention$")
    page.get_by_role("link", name=name).click()
    page.wait_for_url(re.compile(r"/evidence/migraine/#cell-any$"))
    expect(page.get_by_role("heading", name="Evidence: Migraine prevention")).to_be_visible()


def test_grid_scrolls_in_its_region_on_a_tablet(live_server, page_factory, starter_content):
    page = page_factory(width=700, javascript=False)
    page.goto(live_server.url + "/evidence/")
    region = page.get_by_role("region", name="Evidence grades by form and outcome")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    assert page.get_by_role("rowheader", name="Magnesium in general").is_visible()
    expect(page.get_by_text("scroll it sideways to see every outcome")).to_be_visible()
