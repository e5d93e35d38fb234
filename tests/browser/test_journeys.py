"""Whole journeys in a real Chromium, the way people use the site.

A reader goes from the home page to an article, a form it links to, the table, a comparison,
the calculator and search, on a 360 px phone with JavaScript on and off. An editor logs in to
the admin, edits an article in the Markdown editor with its live preview, saves, and finds the
change on the public page and in the history. Every page must load cleanly: no console errors,
no CSP violations, no failed requests, and (for readers) no sideways scrolling.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from comparisons.models import MagnesiumCompound
from tests.browser.conftest import assert_no_axe_violations, calculator_path, has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE_SLUG = "burning-feet-and-neuropathic-pain"


def assert_clean(page, where: str) -> None:
    assert page.problems == [], f"{where}: {page.problems}"
    assert not has_horizontal_scroll(page), f"{where}: sideways scrolling at 360 px"


def table_column(page, label: str) -> list[str]:
    return page.locator(f'.forms-table td[data-label="{label}"]').all_inner_texts()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_reader_journey_from_home_to_search(live_server, page_factory, starter_content, javascript):
    """Each step is a click or a form a reader would use; the table, the comparison and search
    work the same with JavaScript off, through plain links and GET forms."""
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = page_factory(width=360, javascript=javascript)

    page.goto(live_server.url + "/")
    assert_clean(page, "home")

    page.get_by_role("region", name="Start here").get_by_role("link", name=article.title).click()
    expect(page.locator("h1")).to_have_text(article.title)
    assert_clean(page, "article")

    # The in-text link the renderer made from [[form:magnesium-glycinate]].
    page.locator(".prose a.internal-link", has_text="Magnesium glycinate").first.click()
    page.wait_for_url("**/forms/magnesium-glycinate/")
    expect(page.locator("h1")).to_contain_text("Magnesium glycinate")
    assert_clean(page, "form page")

    page.get_by_role("link", name="Compare with other forms").click()
    page.wait_for_url(re.compile(r"/forms/$"))
    assert_clean(page, "forms table")

    gentle = MagnesiumCompound.objects.filter(tolerance="gentle").count()
    page.get_by_label("Not on NIH diarrhoea list", exact=True).check()
    if not javascript:
        page.get_by_role("button", name="Show forms").click()
    page.wait_for_url(re.compile(r"/forms/\?tolerance=gentle(#forms-results)?$"))
    expect(page.locator(".forms-table tbody tr")).to_have_count(gentle)
    column = table_column(page, "Digestive tolerance")
    assert all(text.startswith("Not on NIH diarrhoea list") for text in column)

    sort = page.locator("thead").get_by_role("link", name="Magnesium by weight")
    sort.click()
    page.wait_for_url(re.compile(r"\?tolerance=gentle&sort=elemental_percent(#forms-results)?$"))
    sort.click()
    page.wait_for_url(re.compile(r"\?tolerance=gentle&sort=-elemental_percent(#forms-results)?$"))
    expect(page.locator('th[aria-sort="descending"]')).to_have_count(1)
    percents = [float(text.rstrip("%")) for text in table_column(page, "Magnesium by weight")]
    assert len(percents) == gentle and percents == sorted(percents, reverse=True)
    assert_clean(page, "filtered and sorted table")

    page.get_by_label("Compare Magnesium glycinate").check()
    page.get_by_label("Compare Magnesium malate").check()
    page.get_by_role("button", name="Compare ticked forms").click()
    # In the table's order, highest elemental share first.
    # In the table's order, then the table's filter and sort, kept for the way back.
    page.wait_for_url(
        re.compile(
            r"/forms/compare/\?forms=magnesium-malate,magnesium-glycinate"
            r"&tolerance=gentle&sort=-elemental_percent$"
        )
    )
    expect(page.locator("h1")).to_contain_text("Magnesium glycinate")
    expect(page.locator("h1")).to_contain_text("Magnesium malate")
    assert_clean(page, "comparison")
    page.get_by_role("link", name="Back to the forms table").click()
    page.wait_for_url(
        re.compile(r"/forms/\?tolerance=gentle&forms=[\w,-]+&sort=-elemental_percent#")
    )
    expect(page.locator(".forms-table tbody tr")).to_have_count(gentle)
    expect(page.get_by_label("Compare Magnesium glycinate")).to_be_checked()
    expect(page.get_by_label("Compare Magnesium malate")).to_be_checked()

    calculator = calculator_path()
    if calculator:
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Calculator").click()
        page.wait_for_url(f"**{calculator}")
        assert_clean(page, "calculator")
        # The GET parameters the spec fixes; 1,000 mg of glycinate at 14.1% is 141 mg.
        page.locator('select[name="form"]').first.select_option("magnesium-glycinate")
        page.locator('input[name="mg"]').first.fill("1000")
        page.get_by_role("button", name="Calculate").click()
        page.wait_for_url(re.compile(r"/calculator/\?.*\bmg=1000\b"))
        expect(page.get_by_role("heading", name="Your result")).to_be_visible()
        expect(page.locator("main")).to_contain_text("141")
        assert_clean(page, "calculator result")

    # No page links to search yet, so the reader types its address.
    page.goto(live_server.url + "/search/")
    # The search landmark around it bears the same name (the header's search has another).
    box = page.get_by_role(
        "searchbox", name="Search articles, forms, evidence, topics, foods and medicines"
    )
    box.fill("glycinate")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=glycinate$"))
    page.get_by_role("link", name="Magnesium glycinate", exact=True).first.click()
    page.wait_for_url("**/forms/magnesium-glycinate/")
    assert_clean(page, "search")

    if not calculator:
        pytest.skip("/calculator/ does not resolve yet: the journey passed without that step")


EDITOR_PASSWORD = "a-long-editor-password-for-tests"
ADDED_LINE = "Checked **in a real browser** by the editor journey."

# Django's own filter_horizontal widget gives a <span> an aria-label without a role
# (SelectFilter2.js, axe's aria-prohibited-attr). Everything else on the admin pages we
# customise is checked.
ADMIN_AXE_CONTEXT = {"exclude": [[".selector .help-tooltip"]]}


def test_editor_edits_with_live_preview_and_finds_the_version_in_history(
    live_server, page_factory, starter_content, django_user_model
):
    django_user_model.objects.create_superuser("editor", "editor@example.com", EDITOR_PASSWORD)
    article = Article.objects.get(slug=ARTICLE_SLUG)

    # A reader has the article open (and in the page cache) before the edit.
    reader = page_factory(width=360)
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator(".prose")).not_to_contain_text("in a real browser")

    page = page_factory(width=1280)
    page.goto(live_server.url + "/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name=article.title).click()
    page.wait_for_url(re.compile(rf"/admin/articles/article/{article.pk}/change/$"))
    preview = page.locator(".markdownx-preview")
    # markdownx's script fills the preview from the server's renderer as the form opens.
    expect(preview.get_by_role("heading", name="Why feet burn")).to_be_visible()

    body = page.locator("#id_body")
    body.press("Control+End")
    body.press_sequentially("\n\n" + ADDED_LINE)
    expect(preview.locator("strong", has_text="in a real browser")).to_be_visible()
    assert_no_axe_violations(page, "the article change form", ADMIN_AXE_CONTEXT)

    page.get_by_label("Change note").fill("Added a line on testing in a real browser.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    reader.reload()
    expect(reader.locator(".prose strong", has_text="in a real browser")).to_be_visible()
    assert_clean(reader, "the edited article")

    page.locator(".messagelist").get_by_role("link", name=article.title).click()
    page.get_by_role("link", name="History").click()
    page.wait_for_url(re.compile(r"/history/$"))
    versions = page.locator("#change-history tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.last).to_contain_text("editor")  # oldest first, as in Django's history
    assert_no_axe_violations(page, "the history", ADMIN_AXE_CONTEXT)

    versions.filter(has_text="Loaded starter content").get_by_role(
        "link", name="Compare with current"
    ).click()
    page.wait_for_url(re.compile(r"/history/\d+/diff/$"))
    expect(page.locator(".diff-add", has_text=ADDED_LINE)).to_have_count(1)
    assert_no_axe_violations(page, "the version diff", ADMIN_AXE_CONTEXT)

    assert page.problems == []
