"""A reader reports an error with JavaScript off; an editor fixes it with a change note, and
readers see what changed and why. In a real Chromium.

Set BROWSER_SCREENSHOTS to a folder to keep a screenshot of each step.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from feedback.models import ChangeNote, Report
from site_config.editors import sync_editor_permissions
from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password-for-the-report-tests"
ARTICLE = "/articles/burning-feet-and-neuropathic-pain/"
PROBLEM = "The article says the upper limit is 250 mg; the ODS fact sheet gives 350 mg a day."


def screenshot(page, name: str, focus=None) -> None:
    if folder := os.environ.get("BROWSER_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        if focus is not None:
            focus.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(folder) / f"report-{name}.png"), full_page=focus is None)


def report_as_a_reader(page, base: str) -> None:
    page.goto(base + ARTICLE)
    link = page.get_by_role("link", name="Report a problem with this page")
    screenshot(page, "1-article-foot", focus=link)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem with a page")
    expect(page.locator(".lede code")).to_have_text(ARTICLE)

    # Too short: refused, with the words kept.
    page.get_by_label("What is wrong?").fill("Wrong.")
    page.get_by_label("Your email (optional)").fill("not-an-email")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Your report was not sent")
    expect(page.get_by_label("What is wrong?")).to_have_value("Wrong.")
    screenshot(page, "2-refused")
    page.problems.clear()  # the 400 of a refused report is what this step expects

    page.get_by_label("What is wrong?").fill(PROBLEM)
    page.get_by_label("Source link (optional)").fill(
        "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
    )
    page.get_by_label("Your email (optional)").fill("reader@example.org")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your report was sent")
    screenshot(page, "3-thanks")
    page.get_by_role("link", name="Back to the page").click()
    page.wait_for_url(base + ARTICLE)
    assert page.problems == []


def fix_as_an_editor(page, base: str, report: Report) -> None:
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("fixer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    notice = page.get_by_role("link", name="1 new reader report to review")
    screenshot(page, "4-admin-index", focus=notice)
    notice.click()
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(ARTICLE)
    screenshot(page, "5-queue")
    page.goto(base + f"/admin/feedback/report/{report.pk}/change/")
    expect(page.locator(".field-text")).to_contain_text(PROBLEM)
    screenshot(page, "6-report")

    page.get_by_role("link", name=ARTICLE).click()  # the report's link to the page
    page.wait_for_url(base + ARTICLE)
    article = Article.objects.get(slug=ARTICLE.split("/")[2])
    page.goto(base + f"/admin/articles/article/{article.pk}/change/")
    note = page.get_by_label("Change note")
    note.fill("Corrected the upper limit for supplements to 350 mg a day (NIH ODS).")
    page.get_by_label("Fixes a reader's report").select_option(str(report.pk))
    screenshot(page, "7-change-note", focus=note)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert page.problems == []


def test_a_readers_report_leads_to_a_fix_readers_can_see(
    live_server, page_factory, django_user_model, starter_content
):
    reader = page_factory(width=390, javascript=False)
    report_as_a_reader(reader, live_server.url)
    report = Report.objects.get()
    assert report.page == ARTICLE
    assert report.status == Report.Status.NEW

    sync_editor_permissions()  # a transactional test's flush empties the group table
    django_user_model.objects.create_user("fixer", password=PASSWORD)
    call_command("add_editor", "fixer", stdout=io.StringIO())
    editor = page_factory(width=1280)
    fix_as_an_editor(editor, live_server.url, report)
    report.refresh_from_db()
    assert report.status == Report.Status.FIXED
    assert ChangeNote.objects.get().report == report

    reader.goto(live_server.url + ARTICLE)
    latest = reader.locator(".page-feedback__latest")
    expect(latest).to_contain_text("Corrected the upper limit for supplements to 350 mg a day")
    expect(latest).to_contain_text("after a reader's report")
    screenshot(reader, "8-article-updated", focus=latest)
    reader.get_by_role("link", name="What changed on this page, and why").click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Changes to")
    expect(reader.locator(".changes")).to_contain_text("A reader's report led to this change.")
    screenshot(reader, "9-page-changes")
    reader.goto(live_server.url + "/changes/")
    expect(reader.locator(".changes")).to_contain_text("Corrected the upper limit")
    screenshot(reader, "10-site-changes")
    assert reader.problems == []

    # axe-core runs as a script, so in a page with JavaScript on.
    checker = page_factory(width=390)
    for path in [f"/report/?page={ARTICLE}", ARTICLE + "changes/", "/changes/"]:
        checker.goto(live_server.url + path)
        assert_no_axe_violations(checker, path)
    assert checker.problems == []
