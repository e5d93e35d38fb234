"""Restoring an earlier version and recovering a deleted record, beyond django-reversion.

- A restore is a save like any other: refused if someone saved the record after the editor
  opened the restore form (articles/stale_edits.py). django-reversion writes the old version,
  its edit token too, before the form checks it, so the check compares against the token the
  record had before that write.
- What the admin says after: "restored" or "recovered", and whether readers can open the page.
  Django's own message after the save underneath ("… was changed successfully") would tell
  an editor who just brought a deleted page back that they had changed it.
"""

from __future__ import annotations

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from reversion.errors import RevertError
from reversion.models import Version

from articles.models import Publishable


def readers_now(obj) -> str:
    """Whether readers can open a page now, for records published like articles."""
    if not isinstance(obj, Publishable):
        return ""
    if obj.open_to_readers():
        return " Readers can open it."
    return " Readers cannot open it now (see Publishing)."


def left_deleted(obj, site: str) -> str:
    """The deleted records that pointed at `obj` (a foreign key to it), which a recovery of
    it alone does not bring back, each kind with where to recover it: a form's evidence
    grades, deleted with it."""
    kinds = []
    for model in reversion.get_registered_models():
        keys = [
            field.attname
            for field in model._meta.concrete_fields
            if field.many_to_one and field.related_model is type(obj)
        ]
        if not keys:
            continue
        count = sum(
            1 for version in Version.objects.get_deleted(model) if _names(version, keys, obj)
        )
        if not count:
            continue
        opts = model._meta
        name = opts.verbose_name if count == 1 else opts.verbose_name_plural
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_recoverlist", current_app=site)
        except NoReverseMatch:  # a kind editors do not recover in the admin
            kinds.append(format_html("{} {}", count, name))
            continue
        kinds.append(format_html('{} {} (<a href="{}">recover them</a>)', count, name, url))
    if not kinds:
        return ""
    listed = format_html_join("; ", "{}", ((kind,) for kind in kinds))
    return format_html(" Still deleted, of what belonged to it: {}.", listed)


def _names(version: Version, keys: list[str], obj) -> bool:
    """Whether a deleted record's last version pointed at `obj`. A version the model can no
    longer read counts as not: this message must not stop the recovery."""
    try:
        fields = version.field_dict
    except RevertError:
        return False
    return any(str(fields.get(key)) == str(obj.pk) for key in keys)


class RestoringAdmin:
    """For a ModelAdmin with django-reversion's recover and revision views, and a form that
    checks for stale saves (StaleEditForm)."""

    def recover_view(self, request, version_id, extra_context=None):
        request.version_action = "recovered"
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.version_action = "restored to the earlier version"
        stored = self.model._default_manager.filter(pk=unquote(object_id)).order_by()
        if transaction.get_connection().in_atomic_block:  # as SafeEditingAdmin runs it
            stored = stored.select_for_update()
        token = stored.values_list("edit_token", flat=True).first()
        request.token_before_restore = str(token) if token else None
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if token := getattr(request, "token_before_restore", None):
            return type(form.__name__, (form,), {"stored_token": token})
        return form

    def response_change(self, request, obj):
        if action := getattr(request, "version_action", None):
            opts = obj._meta
            link = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[quote(obj.pk)],
                current_app=self.admin_site.name,
            )
            request.version_message = format_html(
                'The {} “<a href="{}">{}</a>” was {}.{}{}',
                opts.verbose_name,
                link,
                obj,
                action,
                readers_now(obj),
                left_deleted(obj, self.admin_site.name) if action == "recovered" else "",
            )
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """The version's message in place of Django's "changed successfully", once."""
        if level == messages.SUCCESS and getattr(request, "version_message", None):
            message, request.version_message = request.version_message, None
        return super().message_user(request, message, level, *args, **kwargs)
