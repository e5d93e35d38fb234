"""Images that editors drop into the Markdown editor.

The file's bytes decide what it is, never its name or declared type: Pillow must recognise a
PNG, JPEG or WebP, and the image is re-encoded, which drops anything hidden in it (metadata,
trailing scripts). It is stored under a generated name with the extension of its real format.
The EXIF orientation is applied to the pixels first: a phone stores a portrait photo sideways
with a tag saying how to turn it, and without the tag readers would see it on its side.
"""

import uuid
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from articles.models import UploadedImage

MAX_BYTES = 5 * 1024 * 1024
# Beyond this many pixels a small file can still decompress into gigabytes (a "pixel bomb").
MAX_PIXELS = 24_000_000
FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def store_editor_image(upload, user=None) -> str:
    """Validate, re-encode and store an uploaded image, recorded as an UploadedImage with
    who uploaded it; return its public URL."""
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The image is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    data = upload.read()
    try:
        with Image.open(BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in FORMATS:
                raise ValidationError("Only PNG, JPEG and WebP images can be uploaded.")
            if width * height > MAX_PIXELS:
                raise ValidationError("The image has too many pixels.")
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image.load()
            # Before the metadata goes: turned (or mirrored) as the EXIF orientation says,
            # for each of its values, so the photo stands as it did on the phone.
            ImageOps.exif_transpose(image, in_place=True)
            width, height = image.size
            output = BytesIO()
            if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            image.save(output, format=image_format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("The file is not a readable PNG, JPEG or WebP image.") from None
    name = f"{settings.MARKDOWNX_MEDIA_PATH}{uuid.uuid4().hex}.{FORMATS[image_format]}"
    stored = default_storage.save(name, ContentFile(output.getvalue()))
    try:
        UploadedImage.objects.create(file=stored, width=width, height=height, uploaded_by=user)
    except Exception:
        default_storage.delete(stored)  # a file with no record would never be listed
        raise
    return default_storage.url(stored)


def record_stored_images() -> list[UploadedImage]:
    """Give every file in the uploads folder that has no record one (no uploader known), dated
    by the file, and return the new records. Migration 0016 did this once; this does it
    for media mounted or copied in later."""
    folder = settings.MARKDOWNX_MEDIA_PATH.rstrip("/")
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    known = set(UploadedImage.objects.values_list("file", flat=True))
    added = []
    for name in sorted(files):
        path = f"{folder}/{name}"
        if path in known:
            continue
        try:
            with default_storage.open(path) as stored, Image.open(stored) as image:
                width, height = image.size
        except (UnidentifiedImageError, OSError):
            width = height = None
        added.append(
            UploadedImage.objects.create(
                file=path,
                width=width,
                height=height,
                uploaded_at=default_storage.get_modified_time(path),
            )
        )
    return added
