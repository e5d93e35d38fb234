"""Saving a page that someone deleted while it was open. Django's admin answers with its home
page and "… doesn't exist. Perhaps it was deleted?", and the editor's text is gone from view.
Here the save says who deleted the page and when, shows the texts the editor sent, to copy,
and links to django-reversion's "Recover deleted …" list. Nothing is saved. A record the admin
never had (a mistyped address) gets Django's own answer."""

from __future__ import annotations

import re

from django import forms
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from reversion.models import Version

# A row of an inline: "<prefix>-<number>-<field>".
INLINE_FIELD = re.compile(r"(?P<prefix>.+)-(?P<number>\d+)-(?P<name>[^-]+)")


class DeletedWhileEditingAdmin:
    """A ModelAdmin mixin: a save of a record deleted meanwhile keeps the editor's text."""

    deleted_while_editing_template = "admin/safe_editing/deleted_while_editing.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        key = unquote(object_id)
        if (
            request.method == "POST"
            and self.has_change_permission(request)
            and self.get_object(request, key) is None
        ):
            # Deleted in the admin (logged), or with another record (an evidence cell with
            # its form), when only its saved versions outlive it.
            deletion = self._deletion(key)
            if deletion or Version.objects.get_deleted(self.model).filter(object_id=key).exists():
                return self.deleted_while_editing(request, deletion)
        return super().change_view(request, object_id, form_url, extra_context)

    def _deletion(self, object_id: str) -> LogEntry | None:
        return (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=object_id,
                action_flag=DELETION,
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )

    def _sent_texts(self, request) -> list[tuple[str, str]]:
        """The texts the editor sent, labelled as the form labels them: the text boxes of
        the form and of its inline rows ("Comparison row 2: feature"), not tokens, choices
        or ids. An inline's box that is no field of its model (a table's cell) is named by
        the inline's `sent_box_label(name, data)`, or by its own name."""
        labels = {
            name: str(field.label or name)
            for name, field in self.get_form(request).base_fields.items()
            if isinstance(field, forms.CharField) and not field.widget.is_hidden
        }
        inlines = {
            inline.get_formset(request).get_default_prefix(): inline
            for inline in self.get_inline_instances(request)
        }
        texts = []
        for name, values in request.POST.lists():
            label = labels.get(name)
            if label is None and (row := INLINE_FIELD.fullmatch(name)):
                label = _inline_label(inlines.get(row["prefix"]), row, request.POST)
            if label is not None:
                texts += [(label, value) for value in values if value.strip()]
        return texts

    def deleted_while_editing(self, request, deletion: LogEntry | None) -> TemplateResponse:
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"This {opts.verbose_name} was deleted while you were editing it",
            "deletion": deletion,
            "texts": self._sent_texts(request),
            "can_recover": self.has_add_permission(request),
        }
        return TemplateResponse(request, self.deleted_while_editing_template, context, status=409)


def _inline_label(inline, row: re.Match, data) -> str | None:
    """ "Comparison row 2: feature" for a text box of an inline row; None for any other."""
    if inline is None or row["name"].isupper():  # DELETE: the formset's own box
        return None
    try:
        field = inline.model._meta.get_field(row["name"])
    except FieldDoesNotExist:
        named = getattr(inline, "sent_box_label", None)
        heading = (named and named(row["name"], data)) or row["name"]
    else:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            return None
        heading = str(field.verbose_name)
    return f"{capfirst(inline.verbose_name)} {int(row['number']) + 1}: {heading}"
