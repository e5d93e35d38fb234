"""Deletes confirmed from a page opened before the record's last save. The delete page
carries the record's edit token as it was opened; if another editor saved the record since,
the confirmation is refused as a stale save is (articles/stale_edits.py): naming who saved
and when, with what the editor typed (a delete note) kept, and the page offering to delete
again now that they have seen it. A confirmation posted without a token (not from the page)
is Django's own."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.http import QueryDict
from django.utils.html import format_html

from articles.stale_edits import save_that_stored, see_their_changes


def show_confirmation_again(request) -> None:
    """Django deletes on any POST to a delete page: an empty one shows the page again. The
    token the page was opened with is kept for the check below."""
    request.delete_token_seen = request.POST.get("edit_token_seen")
    request.POST = QueryDict()


def stale_delete_message(obj) -> str:
    saved = save_that_stored(obj, obj.edit_token)
    if saved is None:
        return format_html(
            "This {} was changed after you opened this page, not by an editor's save in the "
            "admin (a refresh of the starter content, or a link set again), so no version "
            "says who changed it or when. Nothing was deleted. If you still mean to delete "
            "it, check your note fits what you delete, then confirm again.",
            obj._meta.verbose_name,
        )
    who, when, changes = saved
    see = see_their_changes(changes, "Open its History to see their changes")
    return format_html(
        "{} saved a newer version of this {} on {}, after you opened this page. Nothing was "
        "deleted. {}; if you still mean to delete it, check your note fits what you delete, "
        "then confirm again.",
        who,
        obj._meta.verbose_name,
        when,
        see,
    )


class StaleDeleteAdmin:
    """A ModelAdmin mixin for records with an `edit_token`."""

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        stored = getattr(obj, "edit_token", None)
        if stored is None:
            return super().delete_view(request, object_id, extra_context)
        if request.method == "POST":
            seen = getattr(request, "delete_token_seen", None) or request.POST.get(
                "edit_token_seen"
            )
        else:
            seen = None
        context = {**(extra_context or {}), "edit_token_seen": seen or str(stored)}
        if seen and seen != str(stored):
            context["stale_delete"] = stale_delete_message(obj)
            # Once said, the page carries the new token: confirming again deletes.
            context["edit_token_seen"] = str(stored)
            show_confirmation_again(request)
        return super().delete_view(request, object_id, context)
