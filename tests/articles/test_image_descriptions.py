"""An uploaded image goes into the text with a placeholder for its description: a page is
never saved with it, as a screen reader would read it out to readers."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import ALT_PLACEHOLDER, Article
from tests.factories import ArticleFactory
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
