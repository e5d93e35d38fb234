"""The change note for deleting a record readers see on another page: an evidence cell's
grade on its outcome's page. Changing a grade readers see needs a note
(feedback/change_notes.py); deleting the cell took the grade off the page with no word.

The cell's own delete page asks for the note, with the same refusals as the edit form's,
and stores it on the outcome's page, as an edit's note is. The list's delete action keeps
such cells: it cannot ask a note of each, so it says to delete them one by one.
"""

from __future__ import annotations

import dataclasses

from django import forms
from django.contrib import messages
from django.contrib.admin import ActionLocation
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import QueryDict

from feedback.change_notes import change_note_field
from feedback.models import ChangeNote, noted_page

DELETE_NOTE_NEEDED = (
    "Write a short change note for readers (what was removed and why): they see this grade "
    "on the outcome's page. Nothing was deleted."
)


class DeleteNoteForm(forms.Form):
    change_note = change_note_field(
        "One sentence for readers on what was removed and why, e.g. “Withdrew the grade of "
        "citrate for migraine: its only trial was retracted.” Shown on the outcome's page "
        "and in the site's list of changes."
    )

    def clean_change_note(self) -> str:
        note = self.cleaned_data["change_note"].strip()
        if not note:
            raise ValidationError(DELETE_NOTE_NEEDED)
        return note


def delete_unless_seen(modeladmin, request, queryset):
    """Django's delete action, for cells readers cannot see: it would ask no note."""
    seen = [str(record) for record in queryset if record.is_public]
    if not seen:
        return delete_selected(modeladmin, request, queryset)
    named = ", ".join(seen[:10]) + (f" and {len(seen) - 10:,} more" if len(seen) > 10 else "")
    modeladmin.message_user(
        request,
        f"Nothing was deleted. Readers see the grades of {named}: delete each from its own "
        "page (open it, then Delete), where you write a change note for readers. To delete "
        "the others at once, select only them.",
        messages.ERROR,
    )
    return None


class DeleteNoteAdmin:
    """Mixin for the admin of a record noted on another page (NOTED_ON_ANOTHER_PAGE)."""

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None or not record.is_public:
            return super().delete_view(request, object_id, extra_context)
        form = DeleteNoteForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            request.delete_note = form.cleaned_data["change_note"]
        elif form.is_bound:
            # Django deletes on any POST: posting nothing shows its confirmation page again,
            # here with the note's error and what the editor wrote.
            request.POST = QueryDict()
        context = {**(extra_context or {}), "delete_note_form": form}
        return super().delete_view(request, object_id, context)

    def delete_model(self, request, obj) -> None:
        page = noted_page(obj)
        super().delete_model(request, obj)
        if note := getattr(request, "delete_note", None):
            ChangeNote.objects.create(
                content_type=ContentType.objects.get_for_model(page), object_id=page.pk, note=note
            )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if action := actions.get("delete_selected"):
            actions["delete_selected"] = dataclasses.replace(action, func=delete_unless_seen)
        return actions
