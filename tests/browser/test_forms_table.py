"""A reader filters, sorts and compares forms in a real Chromium, with and without JavaScript,
on a phone and on a desktop."""

import io
import re

import pytest
from playwright.sync_api import expect

from comparisons.models import MagnesiumCompound
from tests.browser.conftest import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_slugs(page) -> list[str]:
    return page.locator('.forms-table input[name="forms"]').evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )


def column_texts(page, label: str) -> list[str]:
    return page.locator(f'.forms-table td[data-label="{label}"]').all_inner_texts()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_filters_sorts_and_removes_a_filter(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    everything = len(row_slugs(page))
    assert everything >= 12

    page.get_by_label("Low", exact=True).check()
    if not javascript:
        page.get_by_role("button", name="Show forms").click()
    page.wait_for_url(re.compile(r"/forms/\?bioavailability=low(#forms-results)?$"))
    low = MagnesiumCompound.objects.published().filter(bioavailability="low").count()
    expect(page.locator(".forms-table tbody tr")).to_have_count(low)
    ratings = column_texts(page, "Bioavailability")
    assert ratings and all(text.startswith("Low") for text in ratings)
    expect(page.get_by_label("Low", exact=True)).to_be_checked()

    page.locator("thead").get_by_role("link", name="Magnesium by weight").click()
    page.wait_for_url(re.compile(r"\?bioavailability=low&sort=elemental_percent(#forms-results)?$"))
    page.wait_for_selector('th[aria-sort="ascending"]')
    percents = [float(text.rstrip("%")) for text in column_texts(page, "Magnesium by weight")]
    assert percents == sorted(percents)

    page.get_by_role("link", name=re.compile("Remove filter Bioavailability: Low")).click()
    page.wait_for_url(re.compile(r"/forms/\?sort=elemental_percent(#forms-results)?$"))
    expect(page.locator(".forms-table tbody tr")).to_have_count(everything)
    expect(page.get_by_label("Low", exact=True)).not_to_be_checked()
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_each_filter_and_sort_keeps_the_results_in_view(
    live_server, page_factory, starter_content, javascript
):
    """On a phone the table starts well over a screen below the filters. The script swaps the
    results in place, keeping them in view; without it, the page must open at the results,
    not at its top, after each filter and sort."""
    page = page_factory(width=360, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    count = page.locator("#result-count")
    expect(count).not_to_be_in_viewport()

    page.get_by_label("Not on NIH diarrhoea list", exact=True).check()
    page.get_by_role("button", name="Show forms").click()
    expect(count).to_contain_text(re.compile(r"\d+ of \d+ forms"))
    expect(page).to_have_url(re.compile(r"/forms/\?tolerance=gentle(#forms-results)?$"))
    expect(count).to_be_in_viewport()

    page.locator("thead").get_by_role("link", name="Magnesium by weight").click()
    expect(page).to_have_url(re.compile(r"sort=elemental_percent(#forms-results)?$"))
    expect(count).to_contain_text("sorted by magnesium by weight")
    expect(count).to_be_in_viewport()

    page.get_by_role("link", name=re.compile("Remove filter Digestive tolerance")).click()
    expect(page).to_have_url(re.compile(r"/forms/\?sort=elemental_percent(#forms-results)?$"))
    expect(count).to_contain_text(re.compile(r"All \d+ forms"))
    expect(count).to_be_in_viewport()
    assert page.problems == []


def test_on_a_phone_a_link_skips_the_filters_to_the_forms(
    live_server, page_factory, starter_content
):
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + "/forms/")
    expect(page.locator("#result-count")).not_to_be_in_viewport()
    page.get_by_role("link", name="Skip the filters and go to the forms").click()
    expect(page.locator("#result-count")).to_be_in_viewport()
    wide = page_factory(width=1280, javascript=False)
    wide.goto(live_server.url + "/forms/")
    expect(wide.get_by_role("link", name="Skip the filters and go to the forms")).to_be_hidden()


@pytest.mark.parametrize("javascript", [True, False])
def test_reader_searches_and_sees_the_no_match_state(
    live_server, page_factory, starter_content, javascript
):
    page = page_factory(width=1280, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    search = page.get_by_label("Search", exact=True)
    search.fill("epsom")
    if not javascript:
        search.press("Enter")
    page.wait_for_url(re.compile(r"\?q=epsom(#forms-results)?$"))
    expect(page.locator(".forms-table tbody tr")).to_have_count(1)
    assert row_slugs(page) == ["magnesium-sulfate"]

    search.fill("no such form at all")
    if not javascript:
        search.press("Enter")
    expect(page.get_by_role("heading", name="No forms match")).to_be_visible()
    assert page.problems == []


@pytest.mark.parametrize(("width", "javascript"), [(1280, True), (320, False)])
def test_reader_ticks_two_forms_and_compares_them(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    page.get_by_label("Compare Magnesium glycinate").check()
    page.get_by_label("Compare Magnesium citrate").check()
    if javascript:
        assert page.locator("#compare-hint").inner_text() == "2 ticked: ready to compare."
    # The button is in view beside the box just ticked, not many cards below it on a phone;
    # and the box is a target a thumb can hit.
    compare = page.get_by_role("button", name="Compare ticked forms")
    expect(compare).to_be_in_viewport()
    target = page.locator("label.form-cell__pick").first.bounding_box()
    assert target["width"] >= 44 and target["height"] >= 44, target
    compare.click()
    page.wait_for_url(re.compile(r"/forms/compare/\?forms=magnesium-citrate,magnesium-glycinate$"))
    heading = page.locator("h1").inner_text()
    assert "Magnesium citrate" in heading and "Magnesium glycinate" in heading
    assert page.get_by_role("rowheader", name="Elemental magnesium").count() == 1
    assert page.locator(".references li").count() >= 2
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_compare_bar_holds_the_screen_only_once_a_form_is_ticked(
    live_server, page_factory, starter_content, javascript
):
    """It stood at the foot of the screen through the whole table, about 106 px of a 360 px
    phone's, for readers only reading the cards."""
    page = page_factory(width=360, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    citrate = page.get_by_label("Compare Magnesium citrate")
    citrate.scroll_into_view_if_needed()
    compare = page.get_by_role("button", name="Compare ticked forms")
    expect(compare).not_to_be_in_viewport()
    citrate.check()
    expect(compare).to_be_in_viewport()
    bar = page.locator(".compare-form__actions").bounding_box()
    assert bar["y"] + bar["height"] == pytest.approx(900, abs=1)  # at the screen's foot
    citrate.uncheck()
    expect(compare).not_to_be_in_viewport()
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_forms_ticked_to_compare_survive_a_filter_and_a_sort(
    live_server, page_factory, starter_content, javascript
):
    """A reader ticks glycinate, narrows the table to topical forms to find another, ticks
    magnesium chloride, sorts, and compares the two. Without JavaScript the sort goes through
    the filter form's menu: a link cannot know the boxes ticked since its page was drawn."""
    page = page_factory(width=360, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    page.get_by_label("Compare Magnesium glycinate").check()
    page.get_by_label("Topical", exact=True).check()
    if not javascript:
        page.get_by_role("button", name="Show forms").click()
    expect(page.locator(".forms-table tbody tr")).to_have_count(2)
    expect(page.get_by_label("Magnesium glycinate", exact=True)).to_be_checked()
    page.get_by_label("Compare Magnesium chloride").check()
    if javascript:
        page.locator("thead").get_by_role("link", name="Magnesium by weight").click()
    else:
        page.get_by_label("Sort by").select_option("elemental_percent")
        page.get_by_role("button", name="Show forms").click()
    page.wait_for_url(re.compile(r"forms=magnesium-chloride,magnesium-glycinate&sort="))
    expect(page.get_by_label("Compare Magnesium chloride")).to_be_checked()
    expect(page.get_by_label("Magnesium glycinate", exact=True)).to_be_checked()
    expect(page.locator("#compare-hint")).to_have_text("2 ticked: ready to compare.")
    page.get_by_role("button", name="Compare ticked forms").click()
    page.wait_for_url(
        re.compile(
            r"/forms/compare/\?forms=magnesium-chloride,magnesium-glycinate"
            r"&route=topical&sort=elemental_percent$"
        )
    )
    assert page.problems == []


def test_picking_again_after_one_form_keeps_the_link_clear_of_the_button_on_a_phone(
    live_server, page_factory, starter_content
):
    page = page_factory(width=360, javascript=False)
    page.goto(live_server.url + "/forms/compare/?forms=magnesium-glycinate")
    button = page.get_by_role("button", name="Compare", exact=True).bounding_box()
    back = page.get_by_role("link", name="Back to the forms table").bounding_box()
    beside = back["x"] >= button["x"] + button["width"] + 8
    below = back["y"] >= button["y"] + button["height"] + 4
    assert beside or below, (button, back)
    page.get_by_label("Magnesium oxide").check()
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("h1")).to_have_text("Magnesium glycinate vs Magnesium oxide")


SMALL_PHONE_PAGES = [
    "/forms/",
    "/forms/?route=underwater&bioavailability=good",
    "/forms/magnesium-sulfate/",
    "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide,"
    "magnesium-l-threonate",
    "/compare/topical-vs-oral/",
    "/foods/",
]


@pytest.mark.parametrize("javascript", [True, False])
def test_pages_do_not_scroll_sideways_on_a_small_phone(
    live_server, page_factory, starter_content, javascript
):
    page = page_factory(width=320, javascript=javascript)
    for path in SMALL_PHONE_PAGES:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert not has_horizontal_scroll(page), f"sideways scrolling on {path}"
    assert page.problems == []


def test_back_from_the_compare_page_the_hint_counts_the_boxes_still_ticked(
    live_server, page_factory, starter_content
):
    page = page_factory(width=360, javascript=True)
    page.goto(live_server.url + "/forms/")
    page.get_by_label("Compare Magnesium glycinate").check()
    page.get_by_label("Compare Magnesium citrate").check()
    page.get_by_role("button", name="Compare ticked forms").click()
    page.wait_for_url(re.compile(r"/forms/compare/"))
    page.go_back()
    expect(page.get_by_label("Compare Magnesium citrate")).to_be_checked()
    expect(page.locator("#compare-hint")).to_have_text("2 ticked: ready to compare.")
    assert page.problems == []


def test_back_button_restores_the_previous_filters(live_server, page_factory, starter_content):
    page = page_factory(width=1280, javascript=True)
    page.goto(live_server.url + "/forms/")
    everything = page.locator(".forms-table tbody tr").count()
    page.get_by_label("Topical", exact=True).check()
    page.wait_for_url(re.compile(r"\?route=topical$"))
    # Epsom salt, and magnesium chloride by its oil spray and bath flakes.
    expect(page.locator(".forms-table tbody tr")).to_have_count(2)
    page.go_back()
    page.wait_for_url(re.compile(r"/forms/$"))
    expect(page.locator(".forms-table tbody tr")).to_have_count(everything)
    expect(page.get_by_label("Topical", exact=True)).not_to_be_checked()
    assert page.problems == []


def test_back_after_typing_a_search_leaves_the_search_and_keeps_the_sort_before_it(
    live_server, page_factory, starter_content
):
    """Typing adds one step to the history, however long the search: Back leaves it in one
    step, keeps the filter and sort chosen before it, and empties the box."""
    page = page_factory(width=1280, javascript=True)
    page.goto(live_server.url + "/forms/")
    page.get_by_label("Topical", exact=True).check()
    page.wait_for_url(re.compile(r"\?route=topical$"))
    page.locator("thead").get_by_role("link", name="Magnesium by weight").click()
    page.wait_for_url(re.compile(r"sort=elemental_percent"))
    sorted_url = page.url
    search = page.get_by_label("Search", exact=True)
    search.fill("epsom")
    page.wait_for_url(re.compile(r"q=epsom(&|#|$)"))
    search.fill("epsom salt")
    page.wait_for_url(re.compile(r"q=epsom\+salt"))
    page.go_back()
    page.wait_for_url(sorted_url)
    expect(search).to_have_value("")
    expect(page.locator(".forms-table tbody tr")).to_have_count(2)
    expect(page.locator('th[aria-sort="ascending"]')).to_have_count(1)
    assert page.problems == []


# ---- forms taken more than one way, and the evidence column (issue 22) ----


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_finds_topical_forms_with_their_evidence_for_burning_feet(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/forms/?route=topical&outcome=paresthesia")
    # Magnesium oil (chloride, main route oral) is found by its topical preparations.
    assert row_slugs(page) == ["magnesium-chloride", "magnesium-sulfate"]
    grades = page.locator('.forms-table td[data-label^="Evidence: "] a')
    expect(grades).to_have_count(2)
    for text in grades.all_inner_texts():
        assert text.strip()
    assert grades.first.get_attribute("href").startswith("/evidence/paresthesia/")
    assert "(also topical)" in column_texts(page, "Route")[0]

    page.locator("thead").get_by_role("link", name=re.compile("^Sort by Evidence: ")).click()
    page.wait_for_url(re.compile(r"outcome=paresthesia&sort=evidence_for(#forms-results)?$"))
    page.wait_for_selector('th[aria-sort="ascending"]')
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("width", [360, 1280])
def test_a_form_page_lists_the_ways_it_is_taken(live_server, page_factory, starter_content, width):
    page = page_factory(width=width)
    page.goto(live_server.url + "/forms/magnesium-chloride/")
    section = page.get_by_role("region", name="Ways it is taken")
    expect(section).to_be_visible()
    expect(section.get_by_role("heading", level=3)).to_have_count(3)
    expect(section.get_by_text("Oil spray")).to_be_visible()
    expect(section.get_by_text("diabetes").first).to_be_visible()
    section.get_by_role("link", name="topical").click()
    page.wait_for_url(re.compile(r"/forms/\?route=topical$"))
    assert "magnesium-chloride" in row_slugs(page)
    page.go_back()
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


# ---- the reader-journey audit: cut-off tables, evidence filters, what is announced ----


def box_fits_its_table(page, selector: str) -> bool:
    return page.locator(selector).evaluate("box => box.scrollWidth <= box.clientWidth")


def right_edge_shade(page, selector: str) -> float:
    """The mean brightness of a thin strip at the right inner edge of a scrolling box, over
    its body rows (a header cell's own background would hide a shadow)."""
    from PIL import Image, ImageStat

    box = page.locator(selector).bounding_box()
    head = page.locator(f"{selector} thead").bounding_box()
    top = head["y"] + head["height"] + 2
    strip = {"x": box["x"] + box["width"] - 10, "y": top, "width": 8, "height": 120}
    shot = Image.open(io.BytesIO(page.screenshot(clip=strip))).convert("L")
    return ImageStat.Stat(shot).mean[0]


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize(
    ("path", "box", "last_heading"),
    [
        # The evidence column pushed "Often taken for" out of the box, cut mid-word.
        ("/forms/?outcome=neuropathic-pain", "#forms-results .table-scroll", "Often taken for"),
        ("/forms/?outcome=paresthesia", "#forms-results .table-scroll", "Often taken for"),
        # The salt table's answer, "In 500 mg", sat off to the right, with citrate's 16.2%
        # sliced to "16", in a box half the page wide.
        ("/forms/magnesium-citrate/", "#salts-heading ~ .table-scroll", "In 1,000\u00a0mg"),
        ("/forms/magnesium-glycinate/", "#salts-heading ~ .table-scroll", "In 1,000\u00a0mg"),
    ],
)
def test_on_a_desktop_every_column_of_a_table_is_in_view(
    live_server, page_factory, starter_content, width, path, box, last_heading
):
    page = page_factory(width=width)
    page.goto(live_server.url + path)
    assert box_fits_its_table(page, box), f"{path}: columns out of view at {width}px"
    heading = page.locator(f"{box} thead th").last
    expect(heading).to_have_text(re.compile(re.escape(last_heading)))
    edge = page.locator(box).bounding_box()
    cell = heading.bounding_box()
    assert cell["x"] + cell["width"] <= edge["x"] + edge["width"] + 0.5
    if "citrate" in path:
        # Brought into the window by scrolling the page only, never the table's box.
        figure = page.locator(f"{box} td", has_text="16.2%")
        figure.evaluate("cell => window.scrollBy(0, cell.getBoundingClientRect().top - 200)")
        expect(figure).to_be_in_viewport(ratio=1)
    assert page.problems == []


def test_a_table_wider_than_its_box_shows_a_shadow_where_it_goes_on(
    live_server, page_factory, starter_content
):
    """Narrower than a desktop, the salt table scrolls in its box: a shadow at the box's
    right edge shows there is more, and goes once the reader has scrolled to the end."""
    page = page_factory(width=1024)
    page.goto(live_server.url + "/forms/magnesium-citrate/")
    box = "#salts-heading ~ .table-scroll"
    page.locator(box).scroll_into_view_if_needed()
    assert not box_fits_its_table(page, box)
    more = right_edge_shade(page, box)
    page.locator(box).evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    at_the_end = right_edge_shade(page, box)
    assert more < at_the_end - 8, (more, at_the_end)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_grade_chosen_before_an_outcome_is_explained_beside_it_and_announced(
    live_server, page_factory, starter_content, javascript
):
    page = page_factory(width=1280, javascript=javascript)
    page.goto(live_server.url + "/forms/")
    page.get_by_label("Evidence of benefit at least").select_option("moderate")
    if not javascript:
        page.get_by_role("button", name="Show forms").click()
    message = page.locator("#id_grade_message")
    expect(message).to_contain_text("choose an outcome in \u201cShow the evidence for\u201d first")
    expect(page.get_by_label("Evidence of benefit at least")).to_have_accessible_description(
        re.compile("choose an outcome")
    )
    expect(page.get_by_text("Part of this link was ignored")).to_have_count(0)
    if javascript:
        expect(page.locator("#forms-announcer")).to_contain_text("Not applied: choose an outcome")
        expect(page.locator("#forms-announcer")).to_contain_text("All 14 forms")

    # With an outcome the grade applies, and the message goes.
    page.get_by_label("Show the evidence for").select_option("sleep")
    if not javascript:
        page.get_by_role("button", name="Show forms").click()
    expect(page.locator("#result-count")).to_contain_text(re.compile(r"\d+ of 14 forms"))
    expect(message).to_be_empty()
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_a_grade_no_form_has_says_so_with_the_general_grade_and_the_way_back(
    live_server, page_factory, starter_content, javascript
):
    page = page_factory(width=1280, javascript=javascript)
    page.goto(live_server.url + "/forms/?route=oral&outcome=neuropathic-pain")
    page.get_by_label("Evidence of benefit at least").select_option("limited")
    if not javascript:
        page.get_by_role("button", name="Show forms").click()
    results = page.locator("#forms-results")
    expect(results).to_contain_text(
        "No form of magnesium in our evidence matrix has evidence of benefit for neuropathic "
        "pain graded \u201cLimited\u201d or better."
    )
    expect(results).not_to_contain_text("Remove one of the filters")
    # The general grade since the tenth review: one oral trial, no better than placebo.
    expect(results.locator(".evidence-note .grade")).to_have_text("Limited")
    expect(results.locator(".evidence-note")).to_contain_text("Limited (no effect)")
    expect(results.get_by_role("link", name="The studies on neuropathic pain")).to_have_attribute(
        "href", "/evidence/neuropathic-pain/"
    )
    if javascript:
        expect(page.locator("#forms-announcer")).to_contain_text("No form of magnesium")
    results.get_by_role("link", name=re.compile("^Show every form with its grade")).click()
    page.wait_for_url(re.compile(r"\?route=oral&outcome=neuropathic-pain(#forms-results)?$"))
    expect(page.locator(".forms-table tbody tr").first).to_be_visible()
    assert page.problems == []


def test_sort_links_are_named_as_sorting_with_the_current_order(
    live_server, page_factory, starter_content
):
    page = page_factory(width=1280)
    page.goto(live_server.url + "/forms/")
    head = page.locator("thead")
    expect(
        head.get_by_role(
            "link", name="Sort by Form, currently ascending; select to sort descending", exact=True
        )
    ).to_be_visible()
    head.get_by_role("link", name="Sort by Magnesium by weight", exact=True).click()
    page.wait_for_url(re.compile(r"\?sort=elemental_percent(#forms-results)?$"))
    expect(
        head.get_by_role(
            "link",
            name="Sort by Magnesium by weight, currently ascending; select to sort descending",
            exact=True,
        )
    ).to_be_visible()
    expect(head.get_by_role("link", name="Sort by Form", exact=True)).to_be_visible()
    assert page.problems == []
