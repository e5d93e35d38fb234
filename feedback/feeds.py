"""/changes/feed/: an Atom feed of the latest reader-facing changes across the site."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from feedback.models import ChangeNote

FEED_ITEMS = 30


class ChangeFeed(Feed):
    feed_type = Atom1Feed
    title = "Magnesium & Nerve Health: what changed"
    subtitle = "Corrections and updates to the site's articles and forms, with the reason for each."
    link = reverse_lazy("feedback:changes")
    feed_url = reverse_lazy("feedback:changes_feed")

    def items(self):
        return list(
            ChangeNote.objects.for_readers()
            .on_public_pages()
            .select_related("report")
            .prefetch_related("content_object")[:FEED_ITEMS]
        )

    def item_title(self, note: ChangeNote) -> str:
        return f"{note.content_object}: {note.note}"

    def item_description(self, note: ChangeNote) -> str:
        if note.report_id:
            return f"{note.note} (A reader's report led to this change.)"
        return note.note

    def item_link(self, note: ChangeNote) -> str:
        return note.get_absolute_url()

    def item_pubdate(self, note: ChangeNote):
        return note.created_at

    def item_updateddate(self, note: ChangeNote):
        return note.created_at
