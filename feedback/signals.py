"""A change note shows on its page and in the change lists, so adding or removing one makes
cached pages stale, as a content save does. Reports never show on public pages: an
anonymous reader's report must not be a way to empty the page cache."""

from django.db.models.signals import post_delete, post_save


def change_note_changed(sender, **kwargs) -> None:
    from articles.models import ContentVersion

    ContentVersion.bump()


def connect() -> None:
    from feedback.models import ChangeNote

    post_save.connect(change_note_changed, sender=ChangeNote, dispatch_uid="change_note_save")
    post_delete.connect(change_note_changed, sender=ChangeNote, dispatch_uid="change_note_delete")
