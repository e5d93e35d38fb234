"""Any change to content, in any content app, bumps the ContentVersion so cached pages go
stale. The apps above this one say they hold content with `track_content_of()` from their
AppConfig.ready(), so this module needs no list of them."""

from django.db.models.signals import m2m_changed, post_delete, post_save

CONTENT_APPS = {"articles"}
# Bookkeeping models whose rows change with the content they describe; no bump needed.
IGNORED = {
    "articles.contentversion",
    "articles.starterrecord",
    "articles.contentlink",
    "articles.uploadedimage",  # a page changes when its text does, not on an upload
}


def track_content_of(app_label: str) -> None:
    """Every save and delete of the app's models (but IGNORED) makes cached pages stale."""
    CONTENT_APPS.add(app_label)


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return bool(meta) and meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED


def content_changed(sender, **kwargs) -> None:
    if _is_content(sender):
        from articles.models import ContentVersion

        ContentVersion.bump()


def content_relations_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and _is_content(type(instance)):
        from articles.models import ContentVersion

        ContentVersion.bump()


def image_deleted(sender, instance, **kwargs) -> None:
    """The file goes with its record, once the deletion is committed."""
    from django.core.files.storage import default_storage
    from django.db import transaction

    transaction.on_commit(lambda: default_storage.delete(instance.file))


def connect() -> None:
    from articles.models import UploadedImage

    post_delete.connect(image_deleted, sender=UploadedImage, dispatch_uid="uploaded_image_file")
    post_save.connect(content_changed, dispatch_uid="content_version_save")
    post_delete.connect(content_changed, dispatch_uid="content_version_delete")
    m2m_changed.connect(content_relations_changed, dispatch_uid="content_version_m2m")
