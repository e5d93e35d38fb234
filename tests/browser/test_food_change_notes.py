"""An editor corrects a food's magnesium in a real Chromium: the save asks for a change note,
keeping the figure typed, and readers then see the note on /foods/, on its list of changes
and on /changes/.

Set BROWSER_SCREENSHOTS to a folder to keep a screenshot of each step.
"""

import pytest
from playwright.sync_api import expect

from comparisons.models import Food
from tests.browser.test_admin_editing import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Corrected to 86 mg per ounce, as the newer NIH table gives."


def test_an_editor_corrects_a_foods_figure_with_a_note_that_readers_see(
    live_server, log_in_editor, page_factory
):
    almonds = Food.objects.get(name="Almonds, dry roasted")
    editor = log_in_editor()
    editor.goto(f"{live_server.url}/admin/comparisons/food/{almonds.pk}/change/")
    figure = editor.get_by_label("Magnesium (mg per serving)")
    figure.fill("86")
    editor.get_by_role("button", name="Save", exact=True).click()

    asked = editor.locator(".errorlist").filter(has_text="Write a short change note")
    expect(asked).to_be_visible()
    expect(figure).to_have_value("86")
    screenshot(editor, "food-note-asked", asked)
    almonds.refresh_from_db()
    assert almonds.mg == 80

    editor.get_by_label("Change note").fill(NOTE)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    almonds.refresh_from_db()
    assert almonds.mg == 86

    reader = page_factory()
    reader.goto(live_server.url + "/foods/")
    expect(reader.get_by_role("row", name="Almonds, dry roasted")).to_contain_text("86 mg")
    latest = reader.locator(".page-feedback__latest")
    expect(latest).to_contain_text(f"Almonds, dry roasted: {NOTE}")
    screenshot(reader, "food-note-on-foods", latest)
    reader.get_by_role("link", name="What changed on this page, and why").click()
    expect(reader.locator("h1")).to_have_text("Changes to “Magnesium in foods”")
    expect(reader.locator(".changes")).to_contain_text(NOTE)
    reader.goto(live_server.url + "/changes/")
    expect(reader.locator(".changes li").first).to_contain_text(f"Almonds, dry roasted: {NOTE}")
    screenshot(reader, "food-note-on-changes")
    assert editor.problems == [] and reader.problems == []
