"""The admin's two comparisons of versions, beside django-reversion's History: what one save
changed (its version against the one before), and a version against the current text.

Both list the record's inline rows too (a comparison table's rows, a form's salts, a
medicine's other names), which the admin saves with the record, in the same revision. Without
them, a save that changed only a table cell read as "changed none of the fields", and an
editor told to merge it before saving over it had nothing to merge.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from reversion.errors import RevertError
from reversion.models import Version

from articles.versions import current_values, field_changes, readable_lines

# A row's fields as (pk -> (its name, its values)), as versions store them.
Rows = dict[str, tuple[str, dict]]


def rows_in_revision(revision_id: int, model, fk_attname: str, object_id: str) -> Rows:
    rows = {}
    for version in Version.objects.get_for_model(model).filter(revision_id=revision_id):
        try:
            fields = version.field_dict
        except RevertError:  # a version the model can no longer read
            continue
        if str(fields.get(fk_attname)) == str(object_id):
            rows[version.object_id] = (version.object_repr, fields)
    return rows


def rows_now(model, fk_attname: str, object_id: str) -> Rows:
    rows = model._default_manager.filter(**{fk_attname: object_id})
    return {str(row.pk): (str(row), current_values(row)) for row in rows}


def row_changes(model, fk_attname: str, before: Rows, after: Rows) -> list[dict]:
    """Each row added, taken out or changed, as `field_changes` gives a field's changes."""
    kind = model._meta.verbose_name
    changes = []
    for pk in [*before, *(pk for pk in after if pk not in before)]:
        old, new = before.get(pk), after.get(pk)
        if old and new:
            for change in field_changes(model, old[1], new[1]):
                change["label"] = f"{kind} “{new[0]}”: {change['label']}"
                changes.append(change)
            continue
        name, values = old or new
        sign, line_kind = ("-", "del") if old else ("+", "add")
        lines = [
            {"kind": line_kind, "text": f"{sign}{field.verbose_name}: {line}"}
            for field in model._meta.concrete_fields
            if field.editable and not field.primary_key and field.attname != fk_attname
            for line in readable_lines(field, values.get(field.attname))
        ]
        changes.append(
            {"label": f"{kind} “{name}” {'taken out' if old else 'added'}", "lines": lines}
        )
    return changes


class VersionDiffAdmin:
    """For a ModelAdmin with django-reversion's History."""

    def get_urls(self):
        opts = self.model._meta
        diff = path(
            "<path:object_id>/history/<int:version_id>/diff/",
            self.admin_site.admin_view(self.version_diff_view),
            name=f"{opts.app_label}_{opts.model_name}_version_diff",
        )
        changes = path(
            "<path:object_id>/history/<int:version_id>/changes/",
            self.admin_site.admin_view(self.version_changes_view),
            name=f"{opts.app_label}_{opts.model_name}_version_changes",
        )
        return [diff, changes, *super().get_urls()]

    def inline_rows(self, request) -> list[tuple[type, str]]:
        """The inline models and the name of each one's key to the record."""
        inlines = (cls(self.model, self.admin_site) for cls in self.get_inlines(request, None))
        return [(inline.model, inline.get_formset(request).fk.attname) for inline in inlines]

    def version_diff_view(self, request, object_id: str, version_id: int):
        """What changed between one saved version and the current text, field by field."""
        obj, version = self.object_and_version(request, object_id, version_id)
        changes = field_changes(self.model, version.field_dict, current_values(obj))
        for model, key in self.inline_rows(request):
            then = rows_in_revision(version.revision_id, model, key, obj.pk)
            changes += row_changes(model, key, then, rows_now(model, key, obj.pk))
        return self.diff_response(request, obj, version, changes)

    def version_changes_view(self, request, object_id: str, version_id: int):
        """What one save changed: its version against the version saved before it."""
        obj, version = self.object_and_version(request, object_id, version_id)
        previous = Version.objects.get_for_object(obj).filter(pk__lt=version.pk).first()
        changes = []
        if previous:
            changes = field_changes(self.model, previous.field_dict, version.field_dict)
            for model, key in self.inline_rows(request):
                before = rows_in_revision(previous.revision_id, model, key, obj.pk)
                after = rows_in_revision(version.revision_id, model, key, obj.pk)
                changes += row_changes(model, key, before, after)
        return self.diff_response(request, obj, version, changes, save_of=True, previous=previous)

    def object_and_version(self, request, object_id: str, version_id: int):
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id
        )
        return obj, version

    def diff_response(self, request, obj, version, changes, save_of=False, previous=None):
        """`version` against the current text, or (`save_of`) what its save changed:
        against `previous`, the version saved before it (None for the first version)."""
        saved_on = localize(template_localtime(version.revision.date_created))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "version": version,
            "save_of": save_of,
            "previous": previous,
            "changes": changes,
            "title": (
                f"What the save of {saved_on} changed"
                if save_of
                else f"Changes since the version of {saved_on}"
            ),
        }
        return TemplateResponse(request, "admin/safe_editing/version_diff.html", context)
