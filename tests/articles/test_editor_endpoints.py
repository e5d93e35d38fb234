"""The markdownx preview and upload views are for staff only and never answer 500."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image

from articles.models import UploadedImage
from tests.factories import ArticleFactory, ReferenceFactory
from tests.helpers import change_form_data, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_preview_redirects_anonymous_users_to_login(client):
    response = client.post("/markdownx/markdownify/", {"content": "**hi**"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_preview_refuses_logged_in_non_staff(user_client):
    response = user_client.post("/markdownx/markdownify/", {"content": "**hi**"})
    assert response.status_code in {302, 403}
    assert b"<strong>hi</strong>" not in response.content


def test_preview_renders_sanitised_html_for_staff(staff_client):
    response = staff_client.post(
        "/markdownx/markdownify/", {"content": "**hi** <script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert b"<strong>hi</strong>" in response.content
    assert b"<script" not in response.content


def test_preview_names_a_broken_link_and_an_unknown_citation_as_a_save_would(staff_client):
    ReferenceFactory(key="kirkland-2018")
    text = "Cited [@kirkland-2018]; not [@nobody-1999]; see [[form:no-such-form]]."
    html = staff_client.post("/markdownx/markdownify/", {"content": text}).content.decode()
    assert "Unknown citation key: [@nobody-1999]. Check its spelling" in html
    assert "[@kirkland-2018]" not in html
    assert "Internal link to a missing or unpublished page: [[form:no-such-form]]" in html
    # Marked where it stands too: numbered like the others, it looked fine there.
    assert '<a class="cite-ref cite-ref--unknown" href="#ref-2" title="nobody-1999"' in html
    assert '<a class="cite-ref" href="#ref-1" title="kirkland-2018"' in html


@pytest.mark.parametrize(
    ("character", "kind"),
    [
        ("\u200b", "an invisible space, usually from a pasted web page or document"),
        ("\u202e", "a text-direction character"),
        ("\u200f", "a text-direction character"),
        ("\u00ad", "an invisible soft hyphen, usually from a pasted document"),
        ("\u2028", "a line or paragraph separator, usually from a pasted PDF or document"),
    ],
)
def test_preview_is_headed_by_a_hidden_character_in_the_words_the_save_refuses_it(
    editor_client, character, kind
):
    """The preview flagged unknown keys and broken links, not what the save refuses first."""
    article = ArticleFactory(body="Old body.")
    body = f"Pumpkin{character}seeds are rich in magnesium."
    response = editor_client.post(change_url(article), change_form_data(article, body=body))
    [refused] = response.context["adminform"].form.errors["body"]
    assert refused.startswith(f"This text holds {kind}, after “Pumpkin”: readers would not see")
    assert "U+" not in refused  # no character codes: editors are not programmers
    html = editor_client.post("/markdownx/markdownify/", {"content": body}).content.decode()
    assert f"<p><strong>To fix:</strong> {escape(refused)}</p>" in html


UNCLOSED = "Notes from the clinic. " + "[" * 20_000


def test_preview_of_brackets_that_never_close_says_why_instead_of_timing_out(staff_client):
    """Markdown searched the paragraph for each "[" 's "]": 20,000 of them took 30 seconds,
    and the server stopped the request (and every reader's behind it)."""
    html = staff_client.post("/markdownx/markdownify/", {"content": UNCLOSED}).content.decode()
    assert "To fix:</strong> This text has 20,000 “[” that are never closed, the first " in html
    assert "after “Notes from the clinic.”" in html
    assert "Close each “[” with “]”, or write \\[ for a bracket meant as text." in html


@pytest.mark.parametrize(
    "text",
    ["Notes " + "\\[" * 3000, "```\n" + "[" * 20_000 + "\n```", "Code `" + "[" * 20_000 + "`."],
)
def test_brackets_escaped_or_in_code_are_not_counted(staff_client, text):
    """The message's own advice, \\[, and code, where Markdown looks for no link."""
    html = staff_client.post("/markdownx/markdownify/", {"content": text}).content.decode()
    assert "To fix" not in html
    assert "[[[" in html


@pytest.mark.parametrize(
    "text",
    ["~~~\n" + "[" * 20_000 + "\n~~~", "Code `" + "[" * 20_000 + "``", "```\n[\n\n" + "[" * 20_000],
)
def test_brackets_that_only_look_like_code_are_counted(staff_client, text):
    """Fences are not code on this site (no fenced-code extension), a code span needs runs
    of backticks of one length, and a blank line ends it: Markdown searches these brackets."""
    html = staff_client.post("/markdownx/markdownify/", {"content": text}).content.decode()
    assert "To fix:</strong> This text has" in html


def test_a_long_text_whose_brackets_close_is_shown(staff_client):
    ReferenceFactory(key="kirkland-2018")
    text = "\n".join(f"Line {n} [@kirkland-2018] and [a link](/forms/)." for n in range(3000))
    html = staff_client.post("/markdownx/markdownify/", {"content": text}).content.decode()
    assert "To fix" not in html
    assert html.count('class="cite-ref"') == 3000


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("[x](" * 20_000, "20,000"),
        ("![a](" * 20_000, "20,000"),
        ('Notes. [x](a "b" c) ' * 4_000, "4,000"),
        ("Notes. [x](it's) " * 4_000, "4,000"),
    ],
)
def test_preview_of_link_addresses_that_never_end_says_why_instead_of_timing_out(
    staff_client, text, links
):
    """After "](" Markdown searched the rest of the paragraph for the ")" ending the address
    (further past a quote mark it took for a title's): 20,000 "[x](" took over 30 seconds."""
    html = staff_client.post("/markdownx/markdownify/", {"content": text}).content.decode()
    assert f"To fix:</strong> This text has {links} links whose address" in html
    assert "is never closed or holds a quote mark, the first after" in html
    assert "End each address with “)”" in html


def test_a_long_text_of_links_with_addresses_and_titles_is_shown(staff_client):
    line = (
        'See [the fact sheet](https://ods.od.nih.gov/ "NIH"), [a page](/forms/) and '
        "![a chart](/media/chart.png) ([Wikipedia](https://en.wikipedia.org/wiki/Mg_(x)))."
    )
    text = "\n".join(f"Line {n}. {line}" for n in range(1000))
    html = staff_client.post("/markdownx/markdownify/", {"content": text}).content.decode()
    assert "To fix" not in html
    assert html.count('title="NIH"') == 1000
    assert html.count('href="https://en.wikipedia.org/wiki/Mg_(x)"') == 1000


def test_preview_without_content_is_400(staff_client):
    assert staff_client.post("/markdownx/markdownify/", {}).status_code == 400


def test_preview_get_is_405(staff_client):
    assert staff_client.get("/markdownx/markdownify/").status_code == 405


def test_upload_redirects_anonymous_and_writes_nothing(client, media_root):
    image = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    response = client.post("/markdownx/upload/", {"image": image})
    assert response.status_code == 302
    assert not any(media_root.rglob("*.*"))


def test_upload_of_a_png_by_staff_is_stored_under_a_generated_name(staff_client, media_root):
    image = SimpleUploadedFile("holiday photo.png", png_bytes(), content_type="image/png")
    response = staff_client.post("/markdownx/upload/", {"image": image})
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![") and code.endswith(".png)")
    assert "holiday" not in code
    stored = list(media_root.rglob("*.png"))
    assert len(stored) == 1
    assert default_storage.exists(str(stored[0].relative_to(media_root)))


def test_upload_of_html_named_png_is_400_and_writes_nothing(staff_client, media_root):
    fake = SimpleUploadedFile("x.png", b"<html><script>alert(1)</script></html>", "image/png")
    response = staff_client.post("/markdownx/upload/", {"image": fake})
    assert response.status_code == 400
    assert not any(media_root.rglob("*.*"))


def test_upload_without_a_file_is_400(staff_client):
    assert staff_client.post("/markdownx/upload/", {}).status_code == 400


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
    b'<script>alert(1)</script><rect width="8" height="8"/></svg>'
)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("drawing.svg", "image/svg+xml"), ("drawing.png", "image/png")],
)
def test_upload_of_an_svg_is_refused_with_a_clear_400_and_writes_nothing(
    staff_client, media_root, name, content_type
):
    """SVG can carry scripts; its bytes decide, so a .png name does not smuggle it in."""
    upload = SimpleUploadedFile(name, SVG, content_type=content_type)
    response = staff_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert response.json() == {"image": ["The file is not a readable PNG, JPEG or WebP image."]}
    assert not any(media_root.rglob("*"))


def test_upload_of_a_6_mb_file_is_refused_with_a_clear_400_and_writes_nothing(
    staff_client, media_root
):
    big = png_bytes() + b"\0" * (6 * 1024 * 1024)
    upload = SimpleUploadedFile("large.png", big, content_type="image/png")
    response = staff_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert response.json() == {"image": ["The image is larger than 5 MB."]}
    assert not any(media_root.rglob("*"))


def phone_photo(orientation: int) -> bytes:
    """A 400 by 200 JPEG as a phone stores a photo: the pixels as the sensor read them (red in
    the top left quarter), with EXIF saying how to turn them for display, and the maker."""
    image = Image.new("RGB", (400, 200), "blue")
    image.paste("red", (0, 0, 200, 100))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def red_quarter(image: Image.Image) -> str:
    width, height = image.size
    quarters = {
        "top left": (width // 4, height // 4),
        "top right": (3 * width // 4, height // 4),
        "bottom left": (width // 4, 3 * height // 4),
        "bottom right": (3 * width // 4, 3 * height // 4),
    }
    [red] = [name for name, xy in quarters.items() if image.getpixel(xy)[0] > 200]
    return red


@pytest.mark.parametrize(
    ("orientation", "size", "red"),
    [
        (1, (400, 200), "top left"),
        (2, (400, 200), "top right"),  # mirrored
        (3, (400, 200), "bottom right"),  # upside down
        (4, (400, 200), "bottom left"),  # mirrored upside down
        (5, (200, 400), "top left"),  # mirrored, turned
        (6, (200, 400), "top right"),  # a portrait photo held the usual way
        (7, (200, 400), "bottom right"),  # mirrored, turned
        (8, (200, 400), "bottom left"),  # a portrait photo held the other way
    ],
    ids=[f"orientation-{value}" for value in range(1, 9)],
)
def test_a_phone_photo_is_stored_the_way_up_its_exif_says_and_without_its_exif(
    staff_client, media_root, orientation, size, red
):
    """The EXIF was dropped with the tag that says how to turn the photo: a portrait
    photo was stored 400 by 200, on its side."""
    upload = SimpleUploadedFile("IMG_0001.jpg", phone_photo(orientation), "image/jpeg")
    response = staff_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 200
    [path] = media_root.rglob("*.jpg")
    with Image.open(path) as stored:
        assert stored.size == size
        assert red_quarter(stored.convert("RGB")) == red
        assert not stored.getexif() and "exif" not in stored.info
    assert b"PhoneMaker" not in path.read_bytes()
    recorded = UploadedImage.objects.get()
    assert (recorded.width, recorded.height) == size


def test_uploaded_image_is_served_with_nosniff_to_anyone(staff_client, client, media_root):
    image = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    code = staff_client.post("/markdownx/upload/", {"image": image}).json()["image_code"]
    url = code[code.index("(") + 1 : -1]
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "url",
    [
        "/media/uploads/missing.png",
        "/media/uploads/../settings.py",
        "/media/other/x.png",
        "/media/uploads/x.html",
        "/media/uploads/x.svg",
    ],
)
def test_media_serves_only_existing_uploaded_images(client, url):
    assert client.get(url).status_code == 404


@pytest.fixture
def memory_storage(settings):
    """Media on a storage that is not the filesystem, as object storage would be."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage


def test_upload_goes_through_the_configured_storage_not_the_disk(
    staff_client, client, media_root, memory_storage
):
    image = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    code = staff_client.post("/markdownx/upload/", {"image": image}).json()["image_code"]
    url = code[code.index("(") + 1 : -1]
    name = url.removeprefix("/media/")
    assert memory_storage.exists(name)
    assert not any(media_root.rglob("*.*"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_media_url_redirects_to_a_storage_with_urls_of_its_own(staff_client, client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.InMemoryStorage",
            "OPTIONS": {"base_url": "https://media.example.org/"},
        },
    }
    image = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    code = staff_client.post("/markdownx/upload/", {"image": image}).json()["image_code"]
    url = code[code.index("(") + 1 : -1]
    assert url.startswith("https://media.example.org/uploads/")
    old_link = "/media/" + url.removeprefix("https://media.example.org/")
    response = client.get(old_link)
    assert response.status_code == 302
    assert response["Location"] == url


def test_preview_and_save_quote_the_same_words_before_a_hidden_character(editor_client):
    """A browser sends the box's line breaks as two characters and its preview as one: the
    words quoted before the character differed, with a tab or a line break among them."""
    article = ArticleFactory(body="Old body.")
    body = "Bed,\tstretch\nand rest.\n\nPum\u00adpkin seeds."
    response = editor_client.post(
        change_url(article), change_form_data(article, body=body.replace("\n", "\r\n"))
    )
    [refused] = response.context["adminform"].form.errors["body"]
    assert "after “Bed, stretch and rest. Pum”" in refused
    html = editor_client.post("/markdownx/markdownify/", {"content": body}).content.decode()
    assert f"<p><strong>To fix:</strong> {escape(refused)}</p>" in html
