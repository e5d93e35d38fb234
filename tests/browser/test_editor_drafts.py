"""An editor's text outlives a save that never reached the server (js/editor-drafts.js): the
browser keeps it, and the next time the form is opened, offers it back."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from comparisons.models import Comparison
from tests.browser.conftest import EDITOR_PASSWORD, add_another_row, save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE_SLUG = "burning-feet-and-neuropathic-pain"


def type_at_end(page, text: str) -> None:
    body = page.locator("#id_body")
    body.press("Control+End")
    body.press_sequentially(text)


def log_in_again(page, username: str = "writer") -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_text_typed_before_the_session_ended_is_offered_back_and_saved(live_server, log_in_editor):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = log_in_editor()
    page.goto(change_url)
    expect(page.locator(".editor-draft")).to_have_count(0)
    own_text = "\n\nA paragraph typed while the session ran out."
    type_at_end(page, own_text)

    # Logged out elsewhere (another tab, a password change, the session's end): the save
    # lands on the login page, and the server never saw the text.
    page.context.clear_cookies(name="sessionid")
    save(page)
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    article.refresh_from_db()
    assert own_text.strip() not in article.body

    log_in_again(page)
    expect(page).to_have_url(change_url)
    offer = page.locator(".editor-draft")
    expect(offer).to_contain_text("never saved")
    assert own_text.strip() not in page.locator("#id_body").input_value()
    offer.get_by_role("button", name="Put my text back").click()
    expect(offer).to_have_count(0)
    assert page.locator("#id_body").input_value().endswith(own_text.strip())

    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert own_text.strip() in article.body
    # Saved: nothing is offered any more.
    page.goto(change_url)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".editor-draft")).to_have_count(0)
    assert page.problems == []


def test_text_put_back_after_someone_else_saved_is_refused_as_stale_not_written_over_theirs(
    live_server, log_in_editor
):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = log_in_editor()
    page.goto(change_url)
    type_at_end(page, "\n\nA paragraph the first editor never saved.")
    page.wait_for_timeout(600)  # the browser keeps the text after a short pause in typing
    page.wait_for_load_state("networkidle")

    other = log_in_editor("second", "Bea Second")
    other.goto(change_url)
    other.get_by_label("Summary").fill("A summary the second editor saved.")
    save(other)
    expect(other.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(change_url)
    offer = page.locator(".editor-draft")
    expect(offer).to_contain_text("Someone has saved this page since")
    offer.get_by_role("button", name="Put my text back").click()
    save(page)
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator(".errorlist")).to_contain_text("Bea Second")
    article.refresh_from_db()
    assert article.summary == "A summary the second editor saved."
    assert "never saved" not in article.body
    assert "A paragraph the first editor never saved." in page.locator("#id_body").input_value()
    assert page.problems == [] and other.problems == []


def test_discarded_text_is_not_offered_again(live_server, log_in_editor):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = log_in_editor()
    page.goto(change_url)
    type_at_end(page, "\n\nA paragraph the editor thought better of.")
    page.wait_for_timeout(600)
    page.goto(change_url)
    page.locator(".editor-draft").get_by_role("button", name="Discard it").click()
    page.goto(change_url)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".editor-draft")).to_have_count(0)
    assert "thought better of" not in page.locator("#id_body").input_value()


def test_text_refused_as_stale_is_still_offered_if_the_editor_leaves_without_saving(
    live_server, log_in_editor
):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = log_in_editor()
    page.goto(change_url)
    type_at_end(page, "\n\nA paragraph written while someone else saved.")

    other = log_in_editor("second", "Bea Second")
    other.goto(change_url)
    other.get_by_label("Summary").fill("A summary the second editor saved.")
    save(other)

    save(page)  # refused as stale: the form comes back with the text, unsaved
    expect(page.locator(".errornote")).to_be_visible()
    page.goto(f"{live_server.url}/admin/")
    page.goto(change_url)
    offer = page.locator(".editor-draft")
    expect(offer).to_contain_text("never saved")
    offer.get_by_role("button", name="Put my text back").click()
    assert "while someone else saved." in page.locator("#id_body").input_value()


def test_a_row_added_before_the_session_ended_comes_back_with_its_text(live_server, log_in_editor):
    """A comparison row added with "Add another" is not on the page when it opens again:
    putting the text back adds the row again, so its text is not dropped."""
    comparison = Comparison.objects.get(slug="topical-vs-oral")
    change_url = f"{live_server.url}/admin/comparisons/comparison/{comparison.pk}/change/"
    rows_before = comparison.rows.count()
    page = log_in_editor()
    page.goto(change_url)
    add_another_row(page)
    new_row = page.locator(".inline-related:not(.empty-form)").nth(rows_before)
    new_row.get_by_label("Feature").fill("Cost per month")
    new_row.locator("textarea.markdownx-editor").first.fill("About the price of **a coffee**.")

    page.context.clear_cookies(name="sessionid")
    save(page)
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    log_in_again(page)
    expect(page).to_have_url(change_url)
    rows = page.locator(".inline-related:not(.empty-form)")
    expect(rows).to_have_count(rows_before)
    offer = page.locator(".editor-draft")
    offer.get_by_role("button", name="Put my text back").click()
    expect(rows).to_have_count(rows_before + 1)
    new_row = rows.nth(rows_before)
    expect(new_row.get_by_label("Feature")).to_have_value("Cost per month")
    expect(new_row.locator(".markdownx-preview").first.locator("strong")).to_have_text("a coffee")

    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    row = comparison.rows.get(feature="Cost per month")
    assert row.cells[0] == "About the price of **a coffee**."
    assert page.problems == []
