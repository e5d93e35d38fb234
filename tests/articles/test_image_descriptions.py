"""An image readers see has a real description: not the upload's placeholder, which a screen
reader would read out, nor none, nor only a file name. One rule for all three: the preview's
"To fix" names it as the editor types, a published page's save is refused with the text
kept, and a draft may keep it, its save warning in the same words."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import ALT_PLACEHOLDER, Article
from tests.factories import ArticleFactory, DraftArticleFactory
from tests.helpers import change_form_data, change_url

pytestmark = pytest.mark.django_db

FIGURE = f"Where the nerve runs:\n\n![{ALT_PLACEHOLDER}](/media/uploads/nerve.png)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_save_with_the_placeholder_for_a_description_is_refused_and_kept_in_the_form(
    editor_client,
):
    """The page went live with alt="Describe this image", with only a warning."""
    article = ArticleFactory(body="Old body.")
    response = editor_client.post(change_url(article), change_form_data(article, body=FIGURE))
    form = response.context["adminform"].form
    [error] = form.errors["body"]
    assert error.startswith(f"An image still has “{ALT_PLACEHOLDER}” in place of a description")
    assert "Write what the image shows instead of those words" in error
    assert form["body"].value() == FIGURE
    article.refresh_from_db()
    assert article.body == "Old body."


def test_the_preview_is_headed_by_the_placeholder_a_save_would_refuse(staff_client):
    html = staff_client.post(
        "/markdownx/markdownify/", {"content": FIGURE + "\n\n" + FIGURE}
    ).content.decode()
    assert f"To fix:</strong> 2 images still have “{ALT_PLACEHOLDER}” in place of" in html


def test_a_described_image_or_the_words_in_code_are_saved(editor_client):
    article = ArticleFactory(body="Old body.")
    body = (
        "![Where the tibial nerve runs](/media/uploads/nerve.png)\n\n"
        f"An upload reads `![{ALT_PLACEHOLDER}](...)` until you describe it."
    )
    response = editor_client.post(change_url(article), change_form_data(article, body=body))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body


def test_the_upload_names_the_placeholder_it_puts_in_the_text(staff_client):
    """The editor's script selects the placeholder named here, for the editor to type the
    description over: the script, the text and the save's refusal use the same words."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    image = SimpleUploadedFile("nerve.png", buffer.getvalue(), content_type="image/png")
    answer = staff_client.post("/markdownx/upload/", {"image": image}).json()
    assert answer["alt_placeholder"] == ALT_PLACEHOLDER
    assert answer["image_code"].startswith(f"![{ALT_PLACEHOLDER}](/media/uploads/")


def test_a_page_stored_with_the_placeholder_is_rerendered_and_named(capsys):
    """Saved before the check: re-rendering draws it as before and names what to fix."""
    article = ArticleFactory(title="Nerves", body=FIGURE)
    Article.objects.filter(pk=article.pk).update(body_html="")
    call_command("rerender_content")
    article.refresh_from_db()
    assert f'alt="{ALT_PLACEHOLDER}"' in article.body_html
    assert f"'Nerves': An image still has “{ALT_PLACEHOLDER}”" in capsys.readouterr().err
    call_command("load_content")  # an editor's page never stops the loader
    assert Article.objects.get(pk=article.pk).body == FIGURE


@pytest.mark.parametrize(
    ("figure", "named"),
    [
        (
            "![](/media/uploads/nerve.png)",
            "The image “/media/uploads/nerve.png” has no description",
        ),
        (
            "![chart.png](/media/uploads/nerve.png)",
            "The image “/media/uploads/nerve.png” is described only by a file name, “chart.png”",
        ),
        (
            "![ nerve ](/media/uploads/nerve.png)",
            "The image “/media/uploads/nerve.png” is described only by a file name, “nerve”",
        ),
    ],
)
def test_an_image_with_no_description_or_a_file_name_for_one_is_refused_on_a_published_page(
    editor_client, figure, named
):
    """It went live with only a note after the save; a file name passed without one."""
    article = ArticleFactory(body="Old body.")
    response = editor_client.post(change_url(article), change_form_data(article, body=figure))
    form = response.context["adminform"].form
    [error] = form.errors["body"]
    assert error.startswith(named)
    assert "Write what it shows" in error and "alt text" not in error
    assert form["body"].value() == figure
    article.refresh_from_db()
    assert article.body == "Old body."


def test_the_preview_names_an_image_with_no_description_as_the_save_refuses_it(staff_client):
    figure = "![](/media/uploads/nerve.png) and ![chart.png](/media/uploads/chart.png)"
    html = staff_client.post("/markdownx/markdownify/", {"content": figure}).content.decode()
    assert "To fix:</strong> The image “/media/uploads/nerve.png” has no description" in html
    assert "To fix:</strong> The image “/media/uploads/chart.png” is described only by" in html
    # Where they stand too: the notes scroll out of view as the preview follows the text.
    assert '<img class="image-to-fix" alt="" src="/media/uploads/nerve.png">' in html
    assert '<img class="image-to-fix" alt="chart.png" src="/media/uploads/chart.png">' in html


def test_the_preview_names_an_image_readers_browsers_will_not_load(staff_client):
    figure = "![A chart](https://example.org/chart.png)"
    html = staff_client.post("/markdownx/markdownify/", {"content": figure}).content.decode()
    assert "To fix:</strong> The image “https://example.org/chart.png” is not one uploaded" in html


@pytest.mark.parametrize(
    "figure", ["![](/media/uploads/nerve.png)", f"![{ALT_PLACEHOLDER}](/media/uploads/nerve.png)"]
)
def test_a_draft_may_keep_an_image_without_a_description_with_a_warning(editor_client, figure):
    """The same rule for the upload's placeholder as for no description at all."""
    article = DraftArticleFactory(body="Old body.")
    response = editor_client.post(
        change_url(article), change_form_data(article, body=figure), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("has no description" in m or "in place of a description" in m for m in messages)
    assert Article.objects.get(pk=article.pk).body == figure
