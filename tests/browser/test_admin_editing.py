"""What an editor does in the admin, in a real Chromium, logged in as a member of the Editors
group (not a superuser): every admin page they can open loads under the site's CSP with no
violation or error; a stale save is refused with their text kept; an older version is
restored; an image is dropped into the Markdown editor, or added from the keyboard with "Add
an image"; Tab leaves the Markdown box; a CSV with a bad row is refused.

Set BROWSER_SCREENSHOTS to a folder to keep a screenshot of each step.
"""

import csv
import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, Topic
from comparisons.models import Comparison, Food, MagnesiumCompound
from tests.browser.conftest import add_another_row, save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE_SLUG = "burning-feet-and-neuropathic-pain"


def screenshot(page, name: str, focus=None) -> None:
    """What the editor sees at that moment (scrolled to `focus`, a locator, if given)."""
    if folder := os.environ.get("BROWSER_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        if focus is not None:
            focus.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def admin_pages(page, base: str) -> list[str]:
    """Every admin page the editor can reach from the index: each list, its add form, the
    first item's change form and history, deleted-item recovery, and CSV import/export."""
    page.goto(base + "/admin/")
    lists = page.locator("#content-main tr th[scope=row] a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    # Readers' reports and change notes are never added in the admin: no Add link.
    adds = page.locator("#content-main a.addlink").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    paths = []
    for changelist in lists:
        paths += [changelist]
        if changelist + "add/" in adds:
            paths += [changelist + "add/", changelist + "recover/"]
        page.goto(base + changelist)
        first = page.locator("#result_list tbody tr th a").first
        if first.count():
            change = first.get_attribute("href")
            paths += [change, change + "history/"]
        if page.get_by_role("link", name="Import").count():
            paths += [changelist + "import/", changelist + "export/"]
    return paths


# markdownx sends each box's text for its preview half a second after the page is ready and
# signals each answer on the box; this counts them, so a test can wait for every preview
# without waiting for the network to stay quiet on every page.
COUNT_PREVIEWS = """
window.__previews = 0;
for (const name of ["markdownx.update", "markdownx.updateError"]) {
  document.addEventListener(name, () => { window.__previews += 1; }, true);
}
"""


def test_every_admin_page_an_editor_opens_loads_without_csp_violations(live_server, log_in_editor):
    page = log_in_editor()
    page.context.add_init_script(COUNT_PREVIEWS)
    expect(page.locator("#content-main")).to_contain_text("Articles")
    # The group gives content models only: no users, no groups.
    expect(page.locator("#content-main")).not_to_contain_text("Users")
    paths = admin_pages(page, live_server.url)
    assert len(paths) >= 30, paths
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        # The Markdown editor fills its preview from the server once the form opens, and
        # what the preview shows must load under the CSP too.
        page.wait_for_function(
            "() => window.__previews >= document.querySelectorAll('.markdownx').length"
            " && Array.from(document.images).every((image) => image.complete)"
        )
        assert page.problems == [], f"{path}: {page.problems}"
    csp = page.goto(live_server.url + "/admin/").headers["content-security-policy"]
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_a_stale_save_is_refused_naming_who_saved_and_keeps_the_editors_text(
    live_server, log_in_editor
):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    first = log_in_editor("first", "Ada First")
    second = log_in_editor("second", "Bea Second")
    first.goto(change_url)
    second.goto(change_url)

    first.get_by_label("Summary").fill("A summary the first editor wrote.")
    save(first, "Save")
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    own_text = "A paragraph the second editor wrote while the first one was saving."
    body = second.locator("#id_body")
    body.press("Control+End")
    body.press_sequentially("\n\n" + own_text)
    save(second, "Save")
    refusal = second.locator(".errornote, .errorlist").filter(has_text="saved a newer version")
    expect(refusal).to_contain_text("Ada First")
    expect(refusal).to_contain_text("nothing was overwritten")
    screenshot(second, "stale-save-refused", refusal)
    assert own_text in second.locator("#id_body").input_value()
    article.refresh_from_db()
    assert own_text not in article.body
    assert article.summary == "A summary the first editor wrote."

    # Saving again as it stands is refused again: saving over their version is a choice.
    save(second, "Save")
    expect(refusal).to_contain_text("Ada First")
    article.refresh_from_db()
    assert own_text not in article.body
    save_over = second.get_by_label("Save over Ada First's version of", exact=False)
    screenshot(second, "stale-save-choice", second.locator(".save-choice"))
    save_over.check()
    save(second, "Save")
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert own_text in article.body
    assert first.problems == [] and second.problems == []


def test_an_editor_restores_an_older_version_from_the_history(live_server, log_in_editor):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    original_title = article.title
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Title").fill("A title that was a mistake")
    save(page, "Save and continue editing")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text("A title that was a mistake")

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    screenshot(page, "history")
    page.locator("#change-history tbody tr").filter(has_text="Loaded starter content").get_by_role(
        "link", name="Restore this version"
    ).click()
    expect(page.get_by_label("Title")).to_have_value(original_title)
    screenshot(page, "restore-form")
    save(page, "Save")
    expect(page.locator(".messagelist")).to_contain_text(
        "was restored to the earlier version. Readers can open it."
    )

    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(original_title)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    expect(page.locator("#change-history tbody tr")).to_have_count(3)
    assert page.problems == []


def image_bytes(kind: str) -> bytes:
    if kind == "svg":
        return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (90, 140, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def drop_file(page, selector: str, name: str, data: bytes, mime: str) -> None:
    """Drop a file onto an element, as dragging it from the desktop does."""
    page.evaluate(
        """([selector, name, bytes, mime]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], name, {type: mime}));
          const target = document.querySelector(selector);
          for (const type of ["dragenter", "dragover", "drop"]) {
            target.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true}));
          }
        }""",
        [selector, name, list(data), mime],
    )


def test_an_editor_drops_an_image_into_the_editor_and_readers_see_it(
    live_server, log_in_editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    body.press("Control+End")
    body.press_sequentially("\n\n")

    # A script saved as .png is refused: the reason is shown and the text is left alone.
    before = body.input_value()
    drop_file(page, "#id_body", "diagram.png", image_bytes("svg"), "image/png")
    refusal = page.get_by_role("alert").filter(has_text="not uploaded")
    expect(refusal).to_contain_text("PNG, JPEG or WebP")
    expect(body).to_have_value(before)
    screenshot(page, "upload-refused", refusal)
    assert list(tmp_path.rglob("*.*")) == []

    drop_file(page, "#id_body", "nerve-diagram.png", image_bytes("png"), "image/png")
    expect(body).to_have_value(re.compile(r"!\[Describe this image\]\(/media/uploads/\w+\.png\)"))
    expect(refusal).to_have_count(0)
    url = re.search(r"\((/media/uploads/\w+\.png)\)", body.input_value()).group(1)
    # The editor describes the image, as the placeholder asks.
    body.fill(body.input_value().replace("Describe this image", "Where the tibial nerve runs"))
    expect(page.locator(".markdownx-preview img")).to_have_attribute("src", url)
    save(page, "Save")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist")).not_to_contain_text("no alt text")

    reader = page.context.browser.new_context().new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    image = reader.get_by_role("img", name="Where the tibial nerve runs")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 40
    # (The test server answers /media/ itself, so the nosniff header our media view adds is
    # checked in tests/articles/test_editor_endpoints.py and by the scale-out test.)
    reader.context.close()
    # The refusal itself: a 400 answer, which Chromium and markdownx also log to the console.
    assert page.problems == [
        f"HTTP 400: {live_server.url}/markdownx/upload/",
        "Failed to load resource: the server responded with a status of 400 (Bad Request)",
        "Invalid response {image: Array(1)}",
    ]


def test_tab_moves_on_from_the_markdown_box_to_the_next_field_and_back(live_server, log_in_editor):
    """markdownx typed a tab character for Tab, so a keyboard never left the box; and the
    preview's links (every citation) stood between it and the next field."""
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    expect(page.locator(".field-body .markdownx-preview a").first).to_be_attached()
    text = body.input_value()
    body.focus()
    page.keyboard.press("Tab")
    # The preview scrolls beside the box at this width: one stop of its own, not a link in it.
    expect(page.locator(".field-body .markdownx-preview")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_status")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(body).to_be_focused()
    expect(body).to_have_value(text)


def test_an_editor_on_a_keyboard_adds_an_image_with_the_file_chooser(
    live_server, log_in_editor, settings, tmp_path
):
    """Dragging is not the only way: "Add an image" above the box, reached from it with
    Shift+Tab and opened with Enter, uploads the file and puts its Markdown at the cursor, or
    says why the file was refused, as a dragged file does. Then the editor types its
    description straight away."""
    settings.MEDIA_ROOT = tmp_path
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    body.focus()
    body.press("Control+Home")
    body.press_sequentially("Figure 1\n\n")
    before = body.input_value()
    chooser = page.locator(".field-body").get_by_label("Add an image")
    # Listening turns on Playwright's catching of file dialogs; a key press does not wait for
    # that as a click does, so turn it on early.
    page.on("filechooser", lambda _chooser: None)

    def choose_with_the_keyboard(name: str, data: bytes, mime: str) -> None:
        body.focus()
        page.keyboard.press("Shift+Tab")
        expect(chooser).to_be_focused()
        with page.expect_file_chooser() as chosen:
            page.keyboard.press("Enter")
        chosen.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": data}])

    choose_with_the_keyboard("diagram.png", image_bytes("svg"), "image/png")
    refusal = page.get_by_role("alert").filter(has_text="not uploaded")
    expect(refusal).to_contain_text("PNG, JPEG or WebP")
    expect(body).to_have_value(before)
    screenshot(page, "chooser-refused", refusal)
    assert list(tmp_path.rglob("*.*")) == []

    choose_with_the_keyboard("nerve-diagram.png", image_bytes("png"), "image/png")
    figure = re.compile(r"!\[Describe this image\]\((/media/uploads/\w+\.png)\)")
    expect(body).to_have_value(re.compile("^Figure 1\n\n" + figure.pattern))
    # In a paragraph of its own: the text after it starts after a blank line.
    first, rest = before.split("\n\n", 1)
    assert figure.sub("", body.input_value()) == f"{first}\n\n\n\n{rest}"
    expect(refusal).to_have_count(0)
    url = figure.search(body.input_value()).group(1)
    # The cursor is on the placeholder, selected: what the editor types next describes it.
    expect(body).to_be_focused()
    page.keyboard.type("Where the tibial nerve runs")
    expect(body).to_have_value(
        re.compile(rf"^Figure 1\n\n!\[Where the tibial nerve runs\]\({url}\)")
    )
    image = page.locator(".field-body .markdownx-preview img")
    expect(image).to_have_attribute("alt", "Where the tibial nerve runs")
    expect(image).to_have_attribute("src", url)
    screenshot(page, "chooser-added", chooser)
    assert [path.name for path in tmp_path.rglob("*.png")] == [url.rsplit("/", 1)[1]]
    assert page.problems == [
        f"HTTP 400: {live_server.url}/markdownx/upload/",
        "Failed to load resource: the server responded with a status of 400 (Bad Request)",
        "Invalid response {image: Array(1)}",
    ]


def test_an_image_chosen_before_the_box_was_clicked_goes_at_the_end_of_the_text(
    live_server, log_in_editor, settings, tmp_path
):
    """The cursor of a box never clicked is at its start: the image was put before the
    first word, stuck to it."""
    settings.MEDIA_ROOT = tmp_path
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    before = body.input_value()
    chooser = page.locator(".field-body").get_by_label("Add an image")
    chooser.set_input_files(
        files=[{"name": "feet.png", "mimeType": "image/png", "buffer": image_bytes("png")}]
    )
    figure = r"!\[Describe this image\]\(/media/uploads/\w+\.png\)"
    # A paragraph of its own, after a blank line.
    gap = "" if before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    expect(body).to_have_value(re.compile("^" + re.escape(before + gap) + figure + "$"))


def test_two_images_added_in_a_row_each_keep_their_own_paragraph(
    live_server, log_in_editor, settings, tmp_path
):
    """The first image's description, still selected, took the second image inside it
    ("![![Describe this image](new)](old)"), and an image went straight after a word."""
    settings.MEDIA_ROOT = tmp_path
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    body.fill("Para one.\n\nPara two.")
    body.press("Control+End")
    figure = r"!\[Describe this image\]\(/media/uploads/\w+\.png\)"
    drop_file(page, "#id_body", "first.png", image_bytes("png"), "image/png")
    expect(body).to_have_value(re.compile(r"^Para one\.\n\nPara two\.\n\n" + figure + "$"))
    drop_file(page, "#id_body", "second.png", image_bytes("png"), "image/png")
    expect(body).to_have_value(
        re.compile(r"^Para one\.\n\nPara two\.\n\n" + figure + r"\n\n" + figure + "$")
    )
    expect(page.locator(".markdownx-preview img")).to_have_count(2)
    screenshot(page, "two-images", body)


def test_an_image_put_in_the_middle_of_a_long_text_has_its_description_in_sight(
    live_server, log_in_editor, settings, tmp_path
):
    """Focusing a tall box scrolls the page to its end: the description to type, selected
    half-way down the article, was out of sight."""
    settings.MEDIA_ROOT = tmp_path
    article = Article.objects.get(slug=ARTICLE_SLUG)
    # Short lines that never wrap, so the cursor's line is simply its number of lines down.
    Article.objects.filter(pk=article.pk).update(
        body="\n".join(f"Line {number}" for number in range(300))
    )
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")
    body.focus()
    page.evaluate(
        "() => { const box = document.querySelector('#id_body');"
        " const at = box.value.indexOf('Line 150'); box.setSelectionRange(at, at); }"
    )
    page.on("filechooser", lambda _chooser: None)
    page.keyboard.press("Shift+Tab")
    with page.expect_file_chooser() as chosen:
        page.keyboard.press("Enter")
    chosen.value.set_files(
        files=[{"name": "tibial.png", "mimeType": "image/png", "buffer": image_bytes("png")}]
    )
    expect(body).to_have_value(re.compile(r"\nLine 149\n\n!\[Describe this image\]"))
    expect(body).to_be_focused()
    cursor_line = page.evaluate(
        """() => {
          const box = document.querySelector('#id_body');
          const style = getComputedStyle(box);
          const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
          const line = (box.scrollHeight - padding) / box.value.split('\\n').length;
          const lines = box.value.slice(0, box.selectionEnd).split('\\n').length;
          const top = box.getBoundingClientRect().top + parseFloat(style.paddingTop)
            + parseFloat(style.borderTopWidth) - box.scrollTop;
          return {top: top + (lines - 1) * line, bottom: top + lines * line};
        }"""
    )
    assert cursor_line["top"] >= 0 and cursor_line["bottom"] <= 900, cursor_line
    screenshot(page, "image-in-the-middle", body)
    assert page.problems == []


def test_a_csv_import_with_one_bad_row_changes_nothing(live_server, log_in_editor, tmp_path):
    foods_before = list(Food.objects.order_by("pk").values())
    page = log_in_editor()
    page.goto(live_server.url + "/admin/comparisons/food/")
    page.get_by_role("link", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    exported = tmp_path / "foods.csv"
    download.value.save_as(exported)
    # A download ends its navigation, which Chromium reports as an aborted request.
    page.problems.clear()
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert len(rows) == Food.objects.count()
    mg_column = next(column for column in rows[0] if "mg" in column)

    # Change one food's name and break another row's magnesium figure.
    rows[0]["name"] = "Renamed by the import"
    rows[1][mg_column] = "lots"
    bad = tmp_path / "foods-bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    page.goto(live_server.url + "/admin/comparisons/food/import/")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Submit").click()
    error = page.get_by_text("“lots” is not a whole number")
    expect(error).to_be_visible()
    screenshot(page, "csv-import-refused", error)
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    assert list(Food.objects.order_by("pk").values()) == foods_before
    assert page.problems == []


def test_an_editor_unpublishes_a_form_previews_it_and_publishes_it_again(
    live_server, log_in_editor, browser
):
    form_url = live_server.url + "/forms/magnesium-glycinate/"
    page = log_in_editor()
    page.goto(live_server.url + "/admin/comparisons/magnesiumcompound/")
    page.get_by_role("link", name="Magnesium glycinate", exact=True).click()
    page.get_by_label("Status").select_option(label="Draft")
    save(page, "Save and continue editing")
    # Asked first, with the editor's choice kept in the form.
    expect(page.locator(".errornote + ul.errorlist, .errorlist.nonfield")).to_contain_text(
        "Saved as a draft, this page would go off the site"
    )
    expect(page.get_by_label("Status")).to_have_value("draft")
    screenshot(page, "form-going-off-site", page.locator(".save-choice"))
    page.get_by_label("Take it off the site").check()
    save(page, "Save and continue editing")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    reader = browser.new_context().new_page()
    assert reader.goto(form_url).status == 404
    assert reader.goto(live_server.url + "/forms/").ok
    expect(reader.locator(".forms-table")).not_to_contain_text("Magnesium glycinate")

    change_form = page.url
    page.get_by_role("link", name="View on site").click()
    page.wait_for_url(re.compile(r"/forms/magnesium-glycinate/$"))
    expect(page.get_by_role("status")).to_contain_text("Draft - not public")
    screenshot(page, "form-draft-preview")
    assert page.locator("meta[name=robots]").get_attribute("content").startswith("noindex")

    page.goto(change_form)
    page.get_by_label("Status").select_option(label="Published")
    save(page, "Save and continue editing")
    assert reader.goto(form_url).ok
    expect(reader.locator("h1")).to_contain_text("Magnesium glycinate")
    expect(reader.get_by_role("status")).to_have_count(0)
    reader.context.close()
    assert page.problems == []


def breadcrumb_background(page) -> str:
    bar = page.locator(".breadcrumbs")
    return bar.evaluate("element => getComputedStyle(element).backgroundColor")


def breadcrumb_background_of(page, path: str) -> str:
    other = page.context.new_page()
    other.goto(page.url.split("/admin/")[0] + path)
    colour = breadcrumb_background(other)
    other.close()
    assert colour not in {"rgba(0, 0, 0, 0)", "transparent"}
    return colour


def test_an_editor_deletes_a_topic_and_recovers_it(live_server, log_in_editor):
    topic = Topic.objects.get(slug="sleep")
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/articles/topic/{topic.pk}/delete/")
    page.get_by_role("button", name=re.compile(r"^Yes, I.m sure")).click()
    expect(page.locator(".messagelist")).to_contain_text("was deleted successfully")
    assert not Topic.objects.filter(slug="sleep").exists()
    assert page.goto(live_server.url + "/topics/sleep/").status == 404
    page.problems.clear()  # that 404 was the point

    page.goto(live_server.url + "/admin/articles/topic/")
    page.get_by_role("link", name="Recover deleted topics").click()
    # reversion lists deleted items by the date of their last version.
    page.locator("tr", has_text=topic.name).get_by_role("link").click()
    expect(page.locator("#content h1")).to_contain_text(f"Recover {topic.name}")
    # reversion's older breadcrumb markup sits in the admin's coloured bar (admin.css).
    assert breadcrumb_background(page) == breadcrumb_background_of(page, "/admin/articles/")
    screenshot(page, "recover-topic", page.locator("#content"))
    save(page)
    expect(page.locator(".messagelist")).to_contain_text(f"The topic “{topic.name}” was recovered.")
    assert Topic.objects.filter(slug="sleep").exists()
    assert page.goto(live_server.url + "/topics/sleep/").ok
    expect(page.locator("h1")).to_contain_text(topic.name)
    assert page.problems == []


def right_edge(locator) -> float:
    return locator.evaluate("element => element.getBoundingClientRect().right")


def test_on_a_tablet_the_markdown_editor_and_its_preview_fit_the_page(live_server, log_in_editor):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor(width=768)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    preview = page.locator(".markdownx-preview")
    expect(preview.get_by_role("heading", name="Why feet burn")).to_be_visible()
    # Django keeps its navigation sidebar open from 768px; on a tablet it would take 300px
    # of the 768, beside the form and beside every list.
    expect(page.locator("#nav-sidebar")).to_be_hidden()
    column = right_edge(page.locator("#content-main"))
    assert right_edge(page.locator("#id_body")) <= column
    assert right_edge(preview) <= column
    screenshot(page, "tablet-editor", page.locator("#id_body"))
    assert page.problems == []


def test_on_a_phone_the_preview_is_a_box_of_its_own_and_save_is_not_far_down(
    live_server, log_in_editor
):
    """The whole rendered article between the text and the Save button put Save about
    eleven thousand pixels down a phone's page."""
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page = log_in_editor(width=390)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    preview = page.locator(".markdownx-preview")
    expect(preview.get_by_role("heading", name="Why feet burn")).to_be_attached()
    height = page.viewport_size["height"]
    assert preview.bounding_box()["height"] <= 0.6 * height + 2
    assert preview.evaluate("box => box.scrollHeight > box.clientHeight")  # it scrolls
    assert page.locator("#id_body").bounding_box()["height"] >= 0.5 * height - 2
    assert page.evaluate("() => document.documentElement.scrollHeight") < 8 * height
    assert page.problems == []


def test_the_markdown_preview_keeps_to_the_part_being_edited_on_a_wide_screen(log_in_editor):
    """At 1440 px the preview sits beside the text and stays in view while the editor types
    at the end of a long article, showing the end; at 1024 px it stays below the text."""
    page = log_in_editor(width=1440)
    article = Article.objects.get(slug=ARTICLE_SLUG)
    page.goto(page.url + f"articles/article/{article.pk}/change/")
    editor, preview = page.locator("#id_body"), page.locator(".markdownx-preview")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" The very last words.")
    last = preview.get_by_text("The very last words.")
    expect(last).to_be_visible()
    page.wait_for_load_state("networkidle")
    text_box, preview_box = editor.bounding_box(), preview.bounding_box()
    assert preview_box["x"] >= text_box["x"] + text_box["width"]  # beside, not below
    assert 0 <= preview_box["y"] < 900  # in view, though the text starts far above
    assert text_box["y"] < -1000
    last_box = last.bounding_box()
    assert preview_box["y"] <= last_box["y"] <= preview_box["y"] + preview_box["height"]

    narrow = log_in_editor("narrow", "Nia Narrow", width=1024)
    narrow.goto(narrow.url + f"articles/article/{article.pk}/change/")
    text_box = narrow.locator("#id_body").bounding_box()
    assert narrow.locator(".markdownx-preview").bounding_box()["y"] > text_box["y"] + 100


def test_at_1280px_an_article_list_shows_its_titles_on_a_line_or_two_and_every_column(
    live_server, log_in_editor
):
    """Beside the navigation sidebar and the filters, the list had some 600px: titles a word
    a line, the last column out of sight."""
    page = log_in_editor(width=1280)
    page.goto(live_server.url + "/admin/articles/article/")
    title = page.locator("td.field-title, th.field-title").first.bounding_box()
    assert title["width"] >= 250
    featured = page.locator("td.field-featured").first.bounding_box()
    assert featured["x"] + featured["width"] <= 1280


def test_a_comparison_row_added_with_add_another_gets_a_live_preview_and_takes_images(
    live_server, log_in_editor, settings, tmp_path
):
    """markdownx sets up only the boxes on the page when it loads: a row added later showed a
    preview that never changed, and had no "Add an image"."""
    settings.MEDIA_ROOT = tmp_path
    comparison = Comparison.objects.get(slug="topical-vs-oral")
    page = log_in_editor()
    page.goto(f"{live_server.url}/admin/comparisons/comparison/{comparison.pk}/change/")
    rows = page.locator(".inline-related:not(.empty-form)")
    before = rows.count()
    add_another_row(page)
    expect(rows).to_have_count(before + 1)
    new_row = rows.nth(before)
    box = new_row.locator("textarea.markdownx-editor").first
    box.fill("Only **by mouth**.")
    preview = new_row.locator(".markdownx-preview").first
    expect(preview.locator("strong")).to_have_text("by mouth")

    box.press("Control+Home")
    with page.expect_file_chooser() as chosen:
        new_row.get_by_label("Add an image").first.click()
    chosen.value.set_files(
        files=[{"name": "route.png", "mimeType": "image/png", "buffer": image_bytes("png")}]
    )
    expect(box).to_have_value(
        re.compile(r"^!\[Describe this image\]\(/media/uploads/\w+\.png\)\n\nOnly \*\*by mouth")
    )
    expect(preview.locator("img")).to_have_count(1)
    screenshot(page, "comparison-row-added", new_row)
    assert page.problems == []


def test_on_a_phone_each_chosen_source_shows_its_whole_title_inside_its_box(
    live_server, log_in_editor
):
    """A reference's title is wider than a phone: its chip ran under the box's edge and the
    button that removes every source, and the title was cut off."""
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    page = log_in_editor(width=390)
    page.goto(f"{live_server.url}/admin/comparisons/magnesiumcompound/{glycinate.pk}/change/")
    field = page.locator(".field-dose_refs")
    chips = field.locator(".select2-selection__choice")
    expect(chips.first).to_be_visible()
    box = field.locator(".select2-selection--multiple")
    clear_all = field.locator(".select2-selection__clear").bounding_box()
    for chip in chips.all():
        assert right_edge(chip) <= right_edge(box)
        assert chip.evaluate("chip => chip.scrollWidth <= chip.clientWidth")  # nothing cut
        edge = chip.bounding_box()
        assert edge["x"] + edge["width"] <= clear_all["x"] or edge["y"] >= clear_all["y"] + 1
    screenshot(page, "phone-sources", field)
    assert page.problems == []
