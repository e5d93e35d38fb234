"""The images editors add to pages through the Markdown editor, kept as records so the admin
can list them, show where each is used and delete those no page uses (articles/admin.py,
articles/image_uses.py).
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

# What an uploaded image is put in the text with, where its description goes, for the editor
# to replace (static/js/editor-uploads.js selects it, named by the upload's answer). A
# published page's save is refused while it is there, as with no description at all
# (articles/readers_problems.py): a screen reader would read it out to readers.
ALT_PLACEHOLDER = "Describe this image"


def image_markdown(url: str) -> str:
    """The Markdown that shows an uploaded image, its description still to write."""
    return f"![{ALT_PLACEHOLDER}]({url})"


class UploadedImage(models.Model):
    """One image file under MARKDOWNX_MEDIA_PATH, stored by articles.uploads."""

    file = models.CharField(
        max_length=200, unique=True, editable=False, help_text="Its name in the media storage."
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file.rsplit("/", 1)[-1]

    @property
    def url(self) -> str:
        return default_storage.url(self.file)
