"""Saving a page that someone deleted while it was open. Django's admin answers with its home
page and "… doesn't exist. Perhaps it was deleted?", and the editor's text is gone from view.
Here the save says who deleted the page and when, shows every text the editor sent, to copy,
and links to django-reversion's "Recover deleted …" list. Nothing is saved."""

from __future__ import annotations

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

# What a browser sends besides the editor's own text: tokens, buttons, formset counts.
NOT_TEXT = {"csrfmiddlewaretoken", "edit_token_seen"}
FORMSET_COUNTS = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


class DeletedWhileEditingAdmin:
    """A ModelAdmin mixin: a save of a record that no longer exists keeps the editor's text."""

    deleted_while_editing_template = "admin/safe_editing/deleted_while_editing.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and self.get_object(request, unquote(object_id)) is None:
            return self.deleted_while_editing(request, unquote(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def deleted_while_editing(self, request, object_id: str) -> TemplateResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        deletion = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=object_id,
                action_flag=DELETION,
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        labels = {
            name: field.label or name for name, field in self.get_form(request).base_fields.items()
        }
        texts = [
            (labels.get(name, name), value)
            for name, values in request.POST.lists()
            if name not in NOT_TEXT
            and not name.startswith("_")
            and not name.endswith(FORMSET_COUNTS)
            for value in values
            if value.strip()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"This {opts.verbose_name} was deleted while you were editing it",
            "deletion": deletion,
            "texts": texts,
            "can_recover": self.has_add_permission(request),
        }
        return TemplateResponse(request, self.deleted_while_editing_template, context, status=409)
