"""Stale saves from a change list: the boxes an admin list lets editors change in place
(`list_editable`) each carry the value the editor was shown. On save:

- a row the editor left alone is not saved, even if its value has changed since: before,
  the list posted back the old value and quietly undid the other editor's change;
- a row the editor changed whose value someone else changed since is refused beside the
  box, naming the value now stored; saving again puts the editor's choice in its place.

Edits made on a record's own page are checked by articles/stale_edits.py.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.html import format_html

from articles.versions import zoned_time

SEEN = "_seen"


class ShowsSeenValue(BoundField):
    """The box, and beside it, hidden, the value it was drawn with."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        html = super().as_widget(widget, attrs, only_initial)
        if only_initial or self.name not in self.form.seen_fields:
            return html
        seen = self.form.data.get(self.form.add_prefix(self.name + SEEN))
        if seen is None:  # unbound, or posted from a list drawn before this check
            seen = self.field.prepare_value(self.initial)
        return html + format_html(
            '<input type="hidden" name="{}" value="{}">',
            self.form.add_prefix(self.name + SEEN),
            "" if seen is None else seen,
        )


class SeenValuesForm(forms.ModelForm):
    bound_field_class = ShowsSeenValue
    # The list's boxes; the admin gives them, see StaleListEditsMixin.
    seen_fields: tuple[str, ...] = ()

    def _seen(self, name: str):
        """The value the editor was shown, or None if the form did not send it (a list
        drawn before this check, or a post not made from the list)."""
        raw = self.data.get(self.add_prefix(name + SEEN))
        if raw is None or name not in self.fields:  # a row the editor may not change
            return None
        try:
            return (self.fields[name].to_python(raw),)
        except ValidationError:
            return None

    def _editor_changed(self, name: str) -> bool:
        seen = self._seen(name)
        if seen is None:
            return True
        return self.fields[name].has_changed(seen[0], self[name].data)

    @property
    def changed_data(self) -> list[str]:
        # Changed from what the editor was shown, not from what is stored now.
        return [
            name
            for name in super().changed_data
            if name not in self.seen_fields or self._editor_changed(name)
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.seen_fields:
            if name not in self.fields:
                continue
            seen, stored = self._seen(name), self.initial.get(name)
            if seen is None or name not in cleaned or seen[0] == stored:
                continue
            if name not in self.changed_data:
                cleaned[name] = stored  # left alone: keep what the other editor saved
            elif cleaned[name] != stored:
                data = self.data.copy()
                data[self.add_prefix(name + SEEN)] = self.fields[name].prepare_value(stored)
                self.data = data
                who, when = logged_change(self.instance)
                self.add_error(
                    name,
                    ValidationError(
                        "%(who)s changed this to “%(now)s” %(when)s, after you opened this "
                        "list, so your choice was not saved. Save again to put yours in its "
                        "place.",
                        code="stale",
                        params={"who": who, "when": when, "now": shown(self.fields[name], stored)},
                    ),
                )
        return cleaned


def logged_change(obj) -> tuple[str, str]:
    """Who last changed `obj` in the admin and when, from its History (the log entries)."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            action_flag=CHANGE,
        )
        .select_related("user")
        .first()
    )
    if entry is None:
        return "Another editor", "recently"
    user = entry.user
    return user.get_full_name() or user.get_username(), f"on {zoned_time(entry.action_time)}"


def shown(field: forms.Field, value) -> str:
    """A stored value as the box names it: a choice's label, yes or no for a tick box."""
    if isinstance(field, forms.BooleanField):
        return "ticked" if value else "not ticked"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


class StaleListEditsMixin:
    """For a ModelAdmin with list_editable: its list refuses stale saves, as above."""

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return type(
            form.__name__,
            (SeenValuesForm, form),
            {"seen_fields": tuple(self.list_editable), "__module__": __name__},
        )
