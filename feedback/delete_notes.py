"""The change note for a deletion that takes something readers see off a page that stays:
an evidence cell's grade off its outcome's page, or a form of magnesium's grades off the
pages of every outcome graded for it. Changing a grade readers see needs a note
(feedback/change_notes.py); deleting the cell, or its form, took the grade off with no word.

The record's own delete page asks for the note, with the same refusals as the edit form's,
and stores it on each page the deletion changes, as an edit's note is. The list's delete
action keeps such records: it cannot ask a note of each, so it says to delete them one by
one. A page deleted itself (an outcome, an article) takes its own notes with it.
"""

from __future__ import annotations

import dataclasses

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.admin import ActionLocation
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from articles.stale_deletes import show_confirmation_again
from feedback.change_notes import change_note_field
from feedback.models import NOTED_ON_ANOTHER_PAGE, ChangeNote, noted_page

DELETE_NOTE_NEEDED = (
    "Write a short change note for readers (what was removed and why): they see what this "
    "deletes on the pages named above. Nothing was deleted."
)


class DeleteNoteForm(forms.Form):
    change_note = change_note_field(
        "One sentence for readers on what was removed and why, e.g. “Withdrew the grade of "
        "citrate for migraine: its only trial was retracted.” Shown on each page named above "
        "and in the site's list of changes."
    )

    def clean_change_note(self) -> str:
        note = self.cleaned_data["change_note"].strip()
        if not note:
            raise ValidationError(DELETE_NOTE_NEEDED)
        return note


def pages_changed_by_deleting(record: models.Model) -> list[models.Model]:
    """The pages that stay, from which deleting `record` takes what readers see: for a
    record noted on another page (a grade), that page; for any other, the pages of such
    records readers see that go with it (a form's grades, on their outcomes' pages)."""
    if record._meta.label_lower in NOTED_ON_ANOTHER_PAGE:
        return [noted_page(record)] if record.is_public else []
    pages = []
    for label in NOTED_ON_ANOTHER_PAGE:
        model = apps.get_model(label)
        keys = [key.name for key in model._meta.concrete_fields if key.many_to_one]
        for field in model._meta.concrete_fields:
            if not (
                field.many_to_one
                and field.related_model is type(record)
                and field.remote_field.on_delete is models.CASCADE
            ):
                continue
            for each in model._default_manager.filter(**{field.name: record}).select_related(*keys):
                page = noted_page(each)
                if each.is_public and page != record and page not in pages:
                    pages.append(page)
    return pages


def delete_unless_seen(modeladmin, request, queryset):
    """Django's delete action, for records whose deletion changes no page readers see: it
    would ask no note."""
    seen = [str(record) for record in queryset if pages_changed_by_deleting(record)]
    if not seen:
        return delete_selected(modeladmin, request, queryset)
    named = ", ".join(seen[:10]) + (f" and {len(seen) - 10:,} more" if len(seen) > 10 else "")
    modeladmin.message_user(
        request,
        f"Nothing was deleted. Deleting {named} changes what readers see on other pages: "
        "delete each from its own page (open it, then Delete), where you write a change "
        "note for readers. To delete the others at once, select only them.",
        messages.ERROR,
    )
    return None


class DeleteNoteAdmin:
    """Mixin for the admin of a page or of a record noted on another page."""

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        pages = pages_changed_by_deleting(record) if record is not None else []
        if not pages:
            return super().delete_view(request, object_id, extra_context)
        form = DeleteNoteForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            request.delete_note = form.cleaned_data["change_note"]
        elif form.is_bound:
            # Shown again, here with the note's error and what the editor wrote.
            show_confirmation_again(request)
        context = {**(extra_context or {}), "delete_note_form": form, "noted_on": pages}
        return super().delete_view(request, object_id, context)

    def delete_model(self, request, obj) -> None:
        pages = pages_changed_by_deleting(obj)
        super().delete_model(request, obj)
        if note := getattr(request, "delete_note", None):
            ChangeNote.objects.bulk_create(
                ChangeNote(
                    content_type=ContentType.objects.get_for_model(page),
                    object_id=page.pk,
                    note=note,
                )
                for page in pages
            )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if action := actions.get("delete_selected"):
            actions["delete_selected"] = dataclasses.replace(action, func=delete_unless_seen)
        return actions
