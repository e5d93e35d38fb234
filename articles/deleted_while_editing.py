"""Saving a page that someone deleted while it was open. Django's admin answers with its home
page and "… doesn't exist. Perhaps it was deleted?", and the editor's text is gone from view.
Here the save says who deleted the page and when, shows every box the editor sent, to copy,
and links to django-reversion's "Recover deleted …" list. Nothing is saved. A record the admin
never had (a mistyped address) gets Django's own answer."""

from __future__ import annotations

import re

from django import forms
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from reversion.models import Version

from articles.bookkeeping import BookkeepingMixin

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
        """Every box the editor sent, labelled as the form labels it and shown as they set
        it: texts as typed, choices by their labels, ticks as yes or no, related records by
        their names; the form's and its inline rows' ("Comparison row 2: feature"), not
        tokens or ids. An inline's box that is no field of its model (a table's cell) is
        named by the inline's `sent_box_label(name, data)`, or by its own name."""
        form = self.get_form(request)
        texts = []
        for name, field in form.base_fields.items():
            if not (field.widget.is_hidden or isinstance(field, BookkeepingMixin)):
                value = sent_value(field, name, request.POST)
                if value:
                    texts.append((str(field.label or capfirst(name)), value))
        for inline in self.get_inline_instances(request):
            texts += _sent_rows(inline, inline.get_formset(request), request.POST)
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


def sent_value(field: forms.Field, key: str, data) -> str:
    """What the editor set in the box `key`, as the form shows it ("" for an empty box)."""
    value = field.widget.value_from_datadict(data, {}, key)
    if isinstance(field, forms.BooleanField):
        return "yes" if field.to_python(value) else "no"
    if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        keys = [key for key in (value if isinstance(value, list) else [value]) if key]
        try:
            records = list(field.queryset.filter(pk__in=keys))
        except (ValueError, ValidationError):
            return ", ".join(keys)
        return ", ".join(str(record) for record in records)
    if isinstance(value, list):  # a date and a time
        return " ".join(part for part in value if part).strip()
    value = "" if value is None else str(value)
    if isinstance(field, forms.ChoiceField) and value:
        labels = dict(flatchoices(field.choices))
        return str(labels.get(value, value))
    return value if value.strip() else ""


def flatchoices(choices) -> list[tuple[str, str]]:
    """Choices as (value, label) pairs, with those in groups taken out of them."""
    flat = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat += [(str(v), lab) for v, lab in label]
        else:
            flat.append((str(value), label))
    return flat


def _sent_rows(inline, formset, data) -> list[tuple[str, str]]:
    """The boxes of an inline's rows, row by row: the fields of its form, and boxes that are
    no field of it that the inline names (a table's cells, as many as the table had). Rows
    the editor ticked for deletion are left out."""
    prefix, fields = formset.get_default_prefix(), formset.form.base_fields
    rows: dict[int, dict[str, forms.Field]] = {}
    for key in data:
        row = INLINE_FIELD.fullmatch(key)
        if row is None or row["prefix"] != prefix or row["name"] in fields:
            continue
        named = getattr(inline, "sent_box_label", None)
        if named and named(row["name"], data):
            rows.setdefault(int(row["number"]), {})[row["name"]] = forms.CharField()
        else:  # its id, its key to the record, DELETE: there is a row
            rows.setdefault(int(row["number"]), {})
    sent = []
    for number in sorted(rows):
        if data.get(f"{prefix}-{number}-DELETE"):
            continue  # a row the editor was removing: nothing of it to keep
        for name, field in {**fields, **rows[number]}.items():
            if field.widget.is_hidden:
                continue
            if value := sent_value(field, f"{prefix}-{number}-{name}", data):
                heading = _row_box_heading(inline, name, data)
                sent.append((f"{capfirst(inline.verbose_name)} {number + 1}: {heading}", value))
    return sent


def _row_box_heading(inline, name: str, data) -> str:
    """A row's box as the editor knows it: its field's name, or the inline's name for it."""
    try:
        return str(inline.model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        named = getattr(inline, "sent_box_label", None)
        return (named and named(name, data)) or name
