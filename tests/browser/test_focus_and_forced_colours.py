"""What axe-core cannot see: where keyboard focus lands on screen as a reader tabs through a
page, and whether a state shown by colour survives forced colours (Windows High Contrast).
test_accessibility.py runs axe-core on every page type."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPARE_FOUR = (
    "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide,magnesium-malate"
)

# Is the focused element drawn anywhere on screen? Hit-test points across each of its boxes
# (a link has one per line), inside the window: at one of them at least the browser must find
# the element itself, not a sticky cell drawn over it, nor what lies under a box that clips it.
FOCUS_DRAWN = """() => {
  const el = document.activeElement;
  for (const box of el.getClientRects()) {
    const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
    if (right <= left || bottom <= top) continue;
    for (let i = 1; i < 10; i++) {
      for (let j = 1; j < 4; j++) {
        const hit = document.elementFromPoint(
          left + ((right - left) * i) / 10, top + ((bottom - top) * j) / 4);
        if (hit && (hit === el || el.contains(hit))) return true;
      }
    }
  }
  return false;
}"""

FOCUSED = """() => { const el = document.activeElement;
  return el === document.body ? null : `${el.tagName} "${el.textContent.trim().slice(0, 50)}"`; }"""


def focus_stops_out_of_sight(page) -> list[str]:
    """Tab through the whole page, then Shift+Tab back; the stops where focus could not be
    seen."""
    unseen = []
    for key in ("Tab", "Shift+Tab"):
        for _ in range(400):
            page.keyboard.press(key)
            if not (stop := page.evaluate(FOCUSED)):
                break
            if not page.evaluate(FOCUS_DRAWN):
                unseen.append(f"{key} to {stop}")
    return unseen


@pytest.mark.parametrize(
    ("path", "width"),
    [("/evidence/", 360), ("/evidence/", 700), ("/forms/", 660), (COMPARE_FOUR, 800)],
)
def test_a_focused_cell_never_hides_under_the_sticky_first_column_of_a_wide_table(
    live_server, page_factory, starter_content, path, width
):
    """Where a table scrolls sideways in its box, its first column (the form names) stays
    put and the other columns slide under it. A cell, sort link or citation that takes
    focus must come out from under that column, not be reached unseen."""
    page = page_factory(width=width)
    page.goto(live_server.url + path)
    assert focus_stops_out_of_sight(page) == []


def test_the_compared_forms_links_are_in_sight_on_a_phone(
    live_server, page_factory, starter_content
):
    """On a phone the side-by-side table is drawn as cards, one per attribute. The form
    names at its head link to each form's page ("linked above", the page says): they stay in
    sight as links, and a keyboard reader sees each one that takes focus."""
    page = page_factory(width=360)
    page.goto(live_server.url + COMPARE_FOUR)
    links = page.locator(".compare-table thead a")
    expect(links).to_have_count(4)
    for link in links.all():
        expect(link).to_be_visible()
        expect(link).to_be_in_viewport()
    assert focus_stops_out_of_sight(page) == []


# Forced colours replace every colour and background with the reader's own few; what is left
# to tell things apart is shape: lines, borders, weight.
SHAPE = """(link) => { const style = getComputedStyle(link);
  return [style.textDecorationLine, style.textDecorationThickness, style.fontWeight,
          style.borderTopStyle, style.borderTopWidth, style.outlineStyle].join(" "); }"""


@pytest.mark.parametrize(
    ("path", "chosen"),
    [("/articles/?topic=burning-feet", "Burning feet"), ("/foods/", "All foods")],
)
def test_the_chosen_filter_stands_out_in_forced_colours(
    live_server, page_factory, starter_content, path, chosen
):
    """The topic or food group a list is filtered by is a filled chip among pale ones. In
    forced colours both fills are gone: the chosen one must still look different."""
    page = page_factory(width=1280)
    page.emulate_media(forced_colors="active")
    page.goto(live_server.url + path)
    chips = page.locator(".tags a")
    current = page.locator('.tags a[aria-current="page"]')
    expect(current).to_have_text(chosen)
    others = [chip.evaluate(SHAPE) for chip in chips.all() if chip.text_content() != chosen]
    assert len(others) > 2
    assert current.evaluate(SHAPE) not in others, "the chosen chip looks like the others"
