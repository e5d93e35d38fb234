"""The images editors upload: listed in the admin with where each is shown, and deleted only
when no page and no saved version shows them."""

import datetime as dt
import io

import pytest
import reversion
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image

from articles.models import UploadedImage
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor_client(client):
    editor = UserFactory(username="writer")
    call_command("add_editor", "writer", verbosity=0)
    client.force_login(editor)
    return client


def upload(client, name: str = "photo.png") -> UploadedImage:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), "teal").save(buffer, format="PNG")
    image = SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
    assert client.post("/markdownx/upload/", {"image": image}).status_code == 200
    return UploadedImage.objects.latest("pk")


def delete_page(client, image: UploadedImage):
    return client.get(f"/admin/articles/uploadedimage/{image.pk}/delete/")


def test_an_upload_is_listed_with_who_uploaded_it_and_its_size(editor_client):
    image = upload(editor_client)
    assert image.uploaded_by.username == "writer"
    assert (image.width, image.height) == (12, 8)
    html = editor_client.get("/admin/articles/uploadedimage/").content.decode()
    assert str(image) in html and "writer" in html
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/")
    assert f"![Describe this image]({image.url})" in page.content.decode()
    # Recent: its uploader may delete it now, anyone else once text not saved yet has gone.
    assert "shows it: writer can delete it now, anyone else from " in page.content.decode()
    UploadedImage.objects.update(uploaded_at=image.uploaded_at - dt.timedelta(days=31))
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/")
    assert "shows it: it can be deleted." in page.content.decode()


def test_an_images_history_says_who_uploaded_it_and_when(editor_client):
    """It said "This object doesn't have a change history. It probably wasn't added via
    this admin site.", of an image uploaded from the admin's own Markdown box."""
    with time_machine.travel(dt.datetime(2026, 12, 8, 14, 5, tzinfo=dt.UTC), tick=False):
        image = upload(editor_client)
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/history/")
    text = page.content.decode()
    assert "Uploaded by writer on Dec. 8, 2026, 2:05 p.m. UTC, from a Markdown box." in text
    assert "It has not been changed in the admin since." in text
    assert "probably" not in text


def test_who_uploaded_an_image_is_linked_only_for_those_who_can_open_the_user(
    editor_client, admin_client
):
    """Editors may not see users: "Uploaded by" linked them to a page answering 403."""
    image = upload(editor_client)
    user_page = f"/admin/auth/user/{image.uploaded_by.pk}/change/"
    assert editor_client.get(user_page).status_code == 403
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/")
    html = page.content.decode()
    assert user_page not in html
    shown = html.split("Uploaded by")[1].split("</div>")[0]
    assert "writer" in shown
    html = admin_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/").content.decode()
    assert f'<a href="{user_page}">writer</a>' in html


def test_an_image_a_page_shows_is_named_there_and_cannot_be_deleted(editor_client, media_root):
    image = upload(editor_client)
    article = ArticleFactory(title="Sleep and magnesium", body=f"![A chart]({image.url})")
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/")
    assert f'<a href="/admin/articles/article/{article.pk}/change/">' in page.content.decode()
    html = delete_page(editor_client, image).content.decode()
    assert "This image stays: it is shown where listed below" in html
    assert "Sleep and magnesium" in html
    editor_client.post(f"/admin/articles/uploadedimage/{image.pk}/delete/", {"post": "yes"})
    assert UploadedImage.objects.filter(pk=image.pk).exists()
    assert (media_root / image.file).exists()


def test_an_image_only_an_older_version_shows_is_kept_for_that_version(editor_client):
    image = upload(editor_client)
    with reversion.create_revision():
        article = ArticleFactory(title="Cramps", body=f"![A calf]({image.url})")
    article.body = "No picture now."
    article.save()
    html = delete_page(editor_client, image).content.decode()
    assert "Saved versions of article “Cramps”" in html
    assert "This image stays" in html


@pytest.mark.parametrize("days_ago", [0, 31])
def test_an_image_no_page_shows_is_deleted_with_its_file_once_confirmed(
    editor_client, media_root, django_capture_on_commit_callbacks, days_ago
):
    """An image uploaded by mistake was kept for 30 days, as it might be in text not saved
    yet: its uploader now deletes it at once, told what that may break while it is recent."""
    image = upload(editor_client)
    UploadedImage.objects.update(uploaded_at=image.uploaded_at - dt.timedelta(days=days_ago))
    html = delete_page(editor_client, image).content.decode()
    assert "This image stays" not in html and "Are you sure" in html
    if days_ago < 30:
        warning = html.split('<div class="unsaved-text-warning">')[1].split("</div>")[0]
        assert f"{image}, uploaded on " in warning
        assert "in text you have not saved yet" in warning
    else:
        assert "unsaved-text-warning" not in html  # too old to be in text not saved yet
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/articles/uploadedimage/{image.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not UploadedImage.objects.exists()
    assert not (media_root / image.file).exists()


def test_another_editors_recent_upload_is_kept_for_text_they_have_not_saved(editor_client):
    """Alice's browser may still hold her unsaved text with her image in it: Bob deleting
    it would leave her a broken image. She may delete it herself at once."""
    image = upload(editor_client)
    bob = Client()
    bob.force_login(UserFactory(username="bob"))
    call_command("add_editor", "bob", verbosity=0)
    html = delete_page(bob, image).content.decode()
    assert "This image stays" in html
    assert "text writer may not have saved yet" in html
    bob.post(f"/admin/articles/uploadedimage/{image.pk}/delete/", {"post": "yes"})
    assert UploadedImage.objects.filter(pk=image.pk).exists()


def test_deleting_several_images_names_the_recent_ones(editor_client):
    first, second = upload(editor_client), upload(editor_client, "second.png")
    UploadedImage.objects.filter(pk=first.pk).update(
        uploaded_at=first.uploaded_at - dt.timedelta(days=31)
    )
    response = editor_client.post(
        "/admin/articles/uploadedimage/",
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk]},
    )
    warning = response.content.decode().split('<div class="unsaved-text-warning">')[1]
    warning = warning.split("</div>")[0]
    assert f"{second}, uploaded on" in warning
    assert str(first) not in warning


def test_images_are_added_in_the_editor_not_the_admin(editor_client):
    assert editor_client.get("/admin/articles/uploadedimage/add/").status_code == 403


def test_an_image_in_a_comparison_tables_cell_is_shown_there(editor_client):
    from comparisons.models import Comparison, ComparisonRow

    image = upload(editor_client)
    table = Comparison.objects.create(title="Sprays or pills", slug="sprays-or-pills")
    ComparisonRow.objects.create(
        comparison=table, feature="Cost", cells=[f"![Price]({image.url})", "Cheap"], order=1
    )
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/")
    assert "Comparison row “Cost”" in page.content.decode()


def test_a_readers_report_quoting_an_image_does_not_keep_it(editor_client):
    from feedback.models import Report

    image = upload(editor_client)
    Report.objects.create(page="/articles/", text=f"This picture is wrong: {image.url}")
    page = editor_client.get(f"/admin/articles/uploadedimage/{image.pk}/change/")
    assert "Report" not in page.content.decode().split("Shown on")[1]


def test_staff_who_may_not_add_images_cannot_upload_one(client, media_root):
    from tests.factories import UserFactory as Staff

    client.force_login(Staff(is_staff=True))
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    image = SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png")
    assert client.post("/markdownx/upload/", {"image": image}).status_code == 403
    assert not UploadedImage.objects.exists() and not any(media_root.rglob("*.png"))


def test_images_copied_in_after_migrating_are_recorded_once_by_record_uploads(
    editor_client, media_root
):
    uploaded = upload(editor_client)
    folder = media_root / "uploads"
    Image.new("RGB", (30, 20), "navy").save(folder / "from-backup.png", format="PNG")
    (folder / "notes.txt").write_text("not an image")
    out = io.StringIO()

    call_command("record_uploads", stdout=out)
    call_command("record_uploads", stdout=out)

    assert out.getvalue().count("Recorded uploads/from-backup.png") == 1
    assert "0 image file(s) recorded." in out.getvalue()
    copied = UploadedImage.objects.get(file="uploads/from-backup.png")
    assert (copied.width, copied.height, copied.uploaded_by) == (30, 20, None)
    assert UploadedImage.objects.get(file="uploads/notes.txt").width is None
    assert UploadedImage.objects.get(pk=uploaded.pk).uploaded_by.username == "writer"
    listing = editor_client.get("/admin/articles/uploadedimage/").content.decode()
    assert "from-backup.png" in listing
