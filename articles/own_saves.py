"""The editor's own saves, told apart from other editors'. Back after saving a new page
brings its add form back, and saving it again was refused with Django's "Article with this
Title already exists." and "Article with this Slug already exists.", as if someone else had
taken the title: it says instead that the editor saved this page already, with a link to
it. A title or address another page has is refused naming that page, in plain words. A
stale save against the editor's own save in another tab says so (articles/stale_edits.py).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from articles.image_uses import admin_url

# How long ago a save of the same page counts as the one the editor came Back from.
ALREADY_SAVED_WITHIN = dt.timedelta(hours=1)


def clock_time(value: dt.datetime) -> str:
    """A time as "14:05 UTC", and its day too when it is not today: "14:05 UTC on 7
    December 2026"."""
    local = timezone.localtime(value)
    said = f"{local:%H:%M} {local.tzname()}"
    if local.date() != timezone.localdate():
        said += f" on {local.day} {local:%B %Y}"
    return said


def change_url(record: models.Model) -> str:
    return admin_url(record._meta.app_label, record._meta.model_name, record.pk, "change")


def _what(field: models.Field) -> tuple[str, str]:
    """What the box holds, as a refusal says it, and what to choose instead."""
    if field.name == "slug":
        return "web address", "another end of the web address"
    name = str(field.verbose_name)
    return name, f"another {name}"


class TakenNamesForm(forms.ModelForm):
    """Refuses a title, name or address another record of its kind has, naming that record
    and linking to it; on an add form whose every such box matches one record the editor
    saved within the hour, says they saved it already. `editor` is set by the admin
    (`EditorOnFormAdmin`)."""

    editor = None

    def _post_clean(self) -> None:
        # After the unique checks and the constraints, which skip a box refused already.
        super()._post_clean()
        taken = {}
        for name, errors in self.errors.as_data().items():
            if name in self.fields and any(error.code == "unique" for error in errors):
                other = self._holder(name)
                if other is not None:
                    taken[name] = other
        if not taken:
            return
        own = self._own_earlier_save(taken)
        for name, other in taken.items():
            if own is not None:
                del self.errors[name]  # said once, above the form
                continue
            held, choose = _what(self.instance._meta.get_field(name))
            self.errors[name] = self.error_class(
                [
                    format_html(
                        'Another {} already has this {}: <a href="{}">{}</a>. Choose {}.',
                        self.instance._meta.verbose_name,
                        held,
                        change_url(other),
                        other,
                        choose,
                    )
                ]
            )
        if own is not None:
            other, when = own
            self.add_error(
                None,
                format_html(
                    'You saved this {} already, at {}: <a href="{}">open it</a>.',
                    self.instance._meta.verbose_name,
                    clock_time(when),
                    change_url(other),
                ),
            )

    def _holder(self, name: str):
        """The other record whose `name` holds the value this form would save."""
        # The form wrote the typed value into the instance before this check.
        records = type(self.instance)._default_manager.filter(
            **{name: getattr(self.instance, name)}
        )
        return records.exclude(pk=self.instance.pk).first() if self.instance.pk else records.first()

    def _own_earlier_save(self, taken: dict) -> tuple | None:
        """(the record, when it was first saved) when this add form's title or name and its
        address are all another record's, one this editor saved within the hour."""
        others = set(taken.values())
        unique = {
            field.name
            for field in self.instance._meta.concrete_fields
            if field.unique and field.name in self.fields and not field.primary_key
        }
        if self.instance.pk or self.editor is None or len(others) != 1 or set(taken) != unique:
            return None
        [other] = others
        saves = Version.objects.get_for_object(other).filter(
            revision__user_id=self.editor.pk,
            revision__date_created__gte=timezone.now() - ALREADY_SAVED_WITHIN,
        )
        first = saves.order_by("revision__date_created").values_list(
            "revision__date_created", flat=True
        )
        when = first.first()
        return (other, when) if when else None


class EditorOnFormAdmin:
    """Tells the form who is editing (`TakenNamesForm.editor`)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # get_form() builds a new class on every call: this changes no other form.
        form.editor = request.user
        return form
