"""The History page of a record that is not made with the admin's add form: an image
uploaded from a Markdown box, a change note written with a page's save, a reader's report.
Django's page said "This object doesn't have a change history. It probably wasn't added via
this admin site.", which was not true of the first two: it says instead how the record came
to be, by whom and when (`history_origin`), then its changes in the admin, or that there
are none (templates/admin/object_history_origin.html)."""

from __future__ import annotations

from django.contrib.admin.utils import unquote


class OriginInHistoryAdmin:
    """A ModelAdmin mixin; the admin says how one of its records came to be."""

    object_history_template = "admin/object_history_origin.html"

    def history_origin(self, obj) -> str:
        raise NotImplementedError

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        origin = self.history_origin(obj) if obj is not None else ""
        return super().history_view(request, object_id, {"origin": origin, **(extra_context or {})})
