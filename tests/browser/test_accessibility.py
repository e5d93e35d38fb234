"""Accessibility in a real Chromium: axe-core (WCAG 2.2 A/AA and best practice) on every public
page type, in light mode on a phone and dark mode on a desktop, and the keyboard path through
the page and the forms table. The admin pages we customise are checked in the editor journey
(test_journeys.py), where they are reached through a real login."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_no_axe_violations,
    calculator_path,
    has_horizontal_scroll,
    table_roles,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every public page type (path, expected status)...
PAGE_TYPES = [
    ("/", 200),
    ("/articles/", 200),
    ("/articles/burning-feet-and-neuropathic-pain/", 200),
    ("/topics/burning-feet/", 200),
    ("/forms/", 200),
    ("/forms/magnesium-glycinate/", 200),
    # A form taken more than one way, with its preparations (issue 22).
    ("/forms/magnesium-chloride/", 200),
    ("/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide", 200),
    ("/compare/topical-vs-oral/", 200),
    ("/foods/", 200),
    ("/search/?q=glycinate", 200),
    ("/interactions/", 200),
    ("/interactions/?medicine=cipro", 200),
]
# ...and the states readers meet in them: filtered, ignored input, no match, errors.
PAGE_STATES = [
    ("/articles/?topic=burning-feet", 200),
    # An article whose tables are wider than a phone: each is drawn as cards.
    ("/articles/magnesium-in-food/", 200),
    ("/forms/?route=underwater&bioavailability=low&sort=-elemental_percent", 200),
    ("/forms/?q=no+such+form", 200),
    # The evidence column, its sort and minimum, and its ignored values (issue 22).
    ("/forms/?route=topical&outcome=paresthesia", 200),
    ("/forms/?outcome=migraine&grade=limited&sort=-evidence_for", 200),
    ("/forms/?outcome=nope&grade=bogus", 200),
    ("/forms/compare/?forms=magnesium-glycinate", 400),
    ("/search/?q=zzzz", 200),
    ("/no-such-page/", 404),
    ("/interactions/?medicine=ciprofloxacine&medicine=zzzz", 200),
    # A form of magnesium typed as a medicine, beside a name not on the list.
    ("/interactions/?medicine=milk+of+magnesia&medicine=zzzz", 200),
]
CALCULATOR_TYPES = [
    ("", 200),
    ("?form=magnesium-glycinate&mg=1000&servings=1&age=31-50&sex=female", 200),
]
CALCULATOR_STATES = [("?form=magnesium-glycinate&mg=a+lot", 200)]
# A whole day: several products (one over the upper limit together), food, kidney caution;
# and several lines with mistakes.
CALCULATOR_TYPES.append(
    (
        "?form=magnesium-glycinate&mg=500&servings=2&form=magnesium-oxide&mg=400&form=other"
        "&elemental_mg=&elemental_mg=&elemental_mg=100&food=almonds-dry-roasted"
        "&food_servings=2&age=31-50&sex=female&kidney=1",
        200,
    )
)
CALCULATOR_STATES.append(("?form=magnesium-glycinate&mg=500&form=nope&mg=x&food=pizza", 200))
# The reader's medicines (issue 23): times that fit, an unknown name, and no time that works.
CALCULATOR_TYPES.append(
    ("?medicine=cipro&medicine_time=20:00&medicine=synthroid&medicine=omeprazole", 200)
)
CALCULATOR_STATES.append(
    ("?form=magnesium-glycinate&mg=500&medicine=isentress&medicine=ciprofloxacine", 200)
)
CALCULATOR_STATES.append(("?medicine=cipro&medicine=milk+of+magnesia&medicine=zzzz", 200))


# Everything in light mode at 360 px; the page types again in dark mode at 1280 px, for the
# other layout and the other colours (the states only add content to those). Two tests, so
# the two passes can run side by side.
PASSES = pytest.mark.parametrize(
    "width, scheme, with_states", [(360, "light", True), (1280, "dark", False)]
)


def check_pages(live_server, page_factory, pages, width: int, scheme: str) -> None:
    page = page_factory(width=width, color_scheme=scheme)
    for path, status in pages:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        assert_no_axe_violations(page, f"{path} ({scheme}, {width} px)")
        assert unannounced_lists(page) == [], path
        problems = unexpected_problems(page.problems, status, response.url)
        assert problems == [], f"{path}: {problems}"
        page.problems.clear()


def unannounced_lists(page) -> list[str]:
    """Lists drawn without markers that Safari's VoiceOver would not announce as lists: it
    drops a list's role when its markers are hidden, unless the list is inside a <nav> or
    says role="list". Error lists are left out: their field names them (aria-describedby)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('ul, ol')]
            .filter((list) => getComputedStyle(list).listStyleType === 'none'
                && !list.closest('nav') && !list.classList.contains('errorlist')
                && list.getAttribute('role') !== 'list')
            .map((list) => list.outerHTML.slice(0, 80))"""
    )


def unexpected_problems(problems: list[str], status: int, url: str) -> list[str]:
    """Leave out the page's own error status (reported by the response listener and by the
    console); a failing stylesheet or script still shows under its own URL."""
    if status == 200:
        return problems
    own = (f"HTTP {status}: {url}", f"the server responded with a status of {status}")
    return [problem for problem in problems if not any(mark in problem for mark in own)]


@PASSES
def test_public_pages_have_no_axe_violations(
    live_server, page_factory, starter_content, width, scheme, with_states
):
    pages = PAGE_TYPES + (PAGE_STATES if with_states else [])
    check_pages(live_server, page_factory, pages, width, scheme)


@pytest.fixture
def calculator():
    if not (path := calculator_path()):
        pytest.skip("/calculator/ does not resolve yet: no calculator pages to check")
    return path


@PASSES
def test_calculator_pages_have_no_axe_violations(
    calculator, live_server, page_factory, starter_content, width, scheme, with_states
):
    queries = CALCULATOR_TYPES + (CALCULATOR_STATES if with_states else [])
    pages = [(calculator + query, status) for query, status in queries]
    check_pages(live_server, page_factory, pages, width, scheme)


def has_visible_focus(page) -> bool:
    """The focused element draws an outline or a focus ring (box shadow)."""
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
          return outline || style.boxShadow !== "none";
        }"""
    )


def focused_name(page) -> dict:
    """What has focus, and the name a screen reader would announce for it: its label, its
    aria-label or its text, leaving out what is hidden from assistive technology."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const spoken = (node) => {
            const copy = node.cloneNode(true);
            copy.querySelectorAll("[aria-hidden=true]").forEach((hidden) => hidden.remove());
            return copy.textContent;
          };
          const labelledBy = (el.getAttribute("aria-labelledby") || "").split(" ")
            .map((id) => document.getElementById(id)).filter(Boolean);
          const label = labelledBy.length ? labelledBy.map(spoken).join(" ")
            : el.labels && el.labels.length ? Array.from(el.labels).map(spoken).join(" ")
            : el.getAttribute("aria-label") || spoken(el);
          return {tag: el.tagName.toLowerCase(), name: el.name || "", value: el.value || "",
                  inMain: Boolean(el.closest("main")),
                  href: el.getAttribute("href") || "", label: label.replace(/\\s+/g, " ").trim()};
        }"""
    )


def test_keyboard_user_skips_to_content_and_reaches_every_table_control(
    live_server, page_factory, starter_content
):
    page = page_factory(width=1280)
    page.goto(live_server.url + "/forms/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert has_visible_focus(page), "the skip link shows no focus indicator"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))  # waits: the address updates a moment later

    # Tab on from the main content through the filters and the table, noting every stop.
    stops = []
    page.keyboard.press("Tab")
    first = focused_name(page)
    assert first["inMain"], f"after the skip link, Tab went to {first}, outside the main content"
    stops.append(first)
    for _ in range(120):
        page.keyboard.press("Tab")
        stop = focused_name(page)
        if stop["tag"] == "body":
            break
        assert has_visible_focus(page), f"no visible focus on {stop}"
        assert stop["label"], f"a control without a name: {stop}"
        stops.append(stop)
        if stop["label"] == "Compare ticked forms":
            break

    def reached(**wanted) -> list[dict]:
        return [s for s in stops if all(s[key] == value for key, value in wanted.items())]

    # Every filter control (each checkbox is a stop of its own), the search box, the sort menu
    # and the submit button.
    controls = (
        page.locator("#forms-filter")
        .locator("input, select")
        .evaluate_all("elements => elements.map(element => [element.name, element.value])")
    )
    assert len(controls) > 10  # four filter groups, the search box and the sort menu
    missed = [c for c in controls if not reached(name=c[0], value=c[1])]
    assert not missed, f"filter controls Tab never reaches: {missed}"
    assert [s["label"] for s in reached(tag="input", name="q")] == ["Search"]
    assert reached(tag="button", label="Show forms")
    # Every sort control: each column heading is a link that sorts by its column.
    sort_links = page.locator("thead th a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert len(sort_links) >= 6
    missed = [href for href in sort_links if not reached(tag="a", href=href)]
    assert not missed, f"sort links Tab never reaches: {missed}"
    assert reached(tag="input", name="forms"), "the compare checkboxes are not reachable"


@pytest.mark.parametrize("width", [360, 1280])
def test_a_comparison_table_keeps_its_rows_and_headers_when_it_reflows_into_cards(
    live_server, page_factory, starter_content, width
):
    """On a phone the table is drawn as one card per row (CSS only); the browser must still
    expose a table, with its column headers, a header for each row and the cells, as it
    does on a desktop."""
    from comparisons.models import Comparison

    comparison = Comparison.objects.get(slug="topical-vs-oral")
    page = page_factory(width=width, javascript=False)
    page.goto(live_server.url + comparison.get_absolute_url())
    [roles] = table_roles(page)
    features, columns = comparison.rows.count(), len(comparison.columns)
    assert roles.count("row") == features + 1
    assert roles.count("columnheader") == columns + 1
    assert roles.count("rowheader") == features
    assert roles.count("cell") == features * columns


def landmark_names(page, role: str) -> list[str]:
    """The names of the landmarks of a role, as Chromium's accessibility tree gives them."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return [
        node.get("name", {}).get("value", "")
        for node in nodes
        if node["role"]["value"] == role and not node.get("ignored")
    ]


@pytest.mark.parametrize("path", ["/search/", "/search/?q=glycinate"])
def test_search_page_tells_its_two_search_forms_apart_on_a_phone(
    live_server, page_factory, starter_content, path
):
    """The header's search and the page's own are two search landmarks; a screen reader
    lists landmarks by role and name, so each needs a name of its own."""
    page = page_factory(width=360)
    page.goto(live_server.url + path)
    assert landmark_names(page, "search") == [
        "Search the site",
        "Search articles, forms, evidence, topics, foods and medicines",
    ]
    assert_no_axe_violations(page, f"{path} (360 px)")
    assert page.problems == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/forms/",
        "/articles/magnesium-in-food/",
        "/calculator/?form=magnesium-glycinate&mg=500&kidney=yes",
        "/interactions/?medicine=cipro",
        "/forms/magnesium-glycinate/",
        "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide",
        "/evidence/",
    ],
)
def test_text_at_twice_its_size_never_pushes_a_phone_page_sideways(
    live_server, page_factory, starter_content, path
):
    """WCAG 1.4.4 and 1.4.10: the header's search box, the forms' cards and the calculator's
    boxes pushed pages to 460 to 600 px wide at 360."""
    page = page_factory(width=360, javascript=False)
    session = page.context.new_cdp_session(page)
    session.send("Page.enable")
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    page.goto(live_server.url + path)
    assert not has_horizontal_scroll(page), path


def test_at_twice_the_text_size_every_filter_choice_stays_inside_the_filter_panel(
    live_server, page_factory, starter_content
):
    """The page did not scroll, but the longest one-word choice ("Constipation") stuck out
    into the panel's padding, up to its border: the padding grew with the text."""
    page = page_factory(width=360, javascript=False)
    session = page.context.new_cdp_session(page)
    session.send("Page.enable")
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    page.goto(live_server.url + "/forms/")
    sticking_out = page.evaluate(
        """() => {
            const panel = document.getElementById("forms-filter");
            const style = getComputedStyle(panel);
            const inside = panel.getBoundingClientRect().right
                - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
            return [...panel.querySelectorAll("label")]
                .filter(label => label.getBoundingClientRect().right > inside + 0.5)
                .map(label => label.textContent.trim());
        }"""
    )
    assert sticking_out == []
