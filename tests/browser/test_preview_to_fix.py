"""The live preview's "To fix" names, as the editor types, what the save of a published page
would refuse: a link to an address of this site no page answers, and an image with no
description. Both went live with only a note after the save (or none), and the preview said
nothing. In a real Chromium, at 1280 px, logged in as an editor.

Set BROWSER_SCREENSHOTS to a folder to keep a screenshot of the preview.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import save
from tests.browser.test_admin_editing import ARTICLE_SLUG, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preview_names_a_broken_site_link_and_an_image_without_a_description_as_typed(
    live_server, log_in_editor
):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    before = article.body
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    preview = page.locator(".field-body .markdownx-preview")
    expect(preview).not_to_contain_text("To fix:")

    body.press("Control+End")
    body.press_sequentially("\n\nWork out your day with [the calculator](/calculater/).")
    expect(preview).to_contain_text(
        "To fix: The link to “/calculater/” leads readers to “Page not found”"
    )
    expect(preview).to_contain_text("Did you mean /calculator/?")

    body.press_sequentially("\n\n![](/media/uploads/nerve.png)")
    expect(preview).to_contain_text(
        "To fix: The image “/media/uploads/nerve.png” has no description"
    )
    screenshot(page, "preview-to-fix", preview)

    # The save refuses the same, with the text kept in the box.
    typed = body.input_value()
    save(page, "Save")
    errors = page.locator(".field-body .errorlist")
    expect(errors).to_contain_text("Did you mean /calculator/?")
    expect(errors).to_contain_text("has no description")
    expect(body).to_have_value(typed)
    article.refresh_from_db()
    assert article.body == before

    # Put right, the preview says nothing is left to fix.
    body.fill(
        typed.replace("/calculater/", "/calculator/").replace("![]", "![A nerve in the foot]")
    )
    expect(preview).not_to_contain_text("To fix:")
    expect(preview.get_by_role("link", name="the calculator")).to_have_attribute(
        "href", re.compile(r"^/calculator/$")
    )
