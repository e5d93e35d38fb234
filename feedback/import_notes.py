"""Change notes for a CSV import of pages readers can open (the forms table, in practice).

An import that changes published pages asks, on its confirm step, for the change note a
save in the change form asks for (feedback/change_notes.py), and keeps it with each changed
page's version: the page and the site's list of changes then say what changed. New rows,
drafts and scheduled pages need none, as in the change form.
"""

from __future__ import annotations

import reversion
from django import forms
from django.contrib.contenttypes.models import ContentType
from import_export.forms import ConfirmImportForm
from import_export.results import RowResult

from feedback.change_notes import NOTE_NEEDED, change_note_field, minor_change_field
from feedback.models import ChangeNote


def changes_a_public_page(model, row_result: RowResult) -> bool:
    """The row updated a page readers could open before the import and still can."""
    if row_result.import_type != RowResult.IMPORT_TYPE_UPDATE or row_result.original is None:
        return False
    if not row_result.original.is_public:
        return False
    saved = model._default_manager.filter(pk=row_result.object_id).first()
    return saved is not None and saved.is_public


class NotedImportResource:
    """Mixed into a page's import resource, which saves each row in a revision of its own:
    marks the rows that change a public page, and keeps the note with their versions."""

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        model = self._meta.model
        row_result.changes_public_page = changes_a_public_page(model, row_result)
        note = kwargs.get("change_note")
        if row_result.changes_public_page and note and reversion.is_active():
            reversion.add_meta(
                ChangeNote,
                content_type=ContentType.objects.get_for_model(model),
                object_id=row_result.object_id,
                note=note,
                minor=bool(kwargs.get("minor_change")),
            )
            reversion.set_comment(f"{note} (imported from a CSV file)")


class ImportChangeNoteForm(ConfirmImportForm):
    """The import's confirm step, with the change note. `public_pages` counts the rows of
    the preview that change a public page; the note is needed when there are any."""

    public_pages = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    change_note = change_note_field(
        "One sentence for readers on what changed and why, shown on each changed page and "
        "in the site's list of changes."
    )
    minor_change = minor_change_field()

    def clean(self):
        cleaned = super().clean()
        cleaned["change_note"] = (cleaned.get("change_note") or "").strip()
        pages = cleaned.get("public_pages") or 0
        if pages and not cleaned["change_note"] and not cleaned.get("minor_change"):
            plural = "s" if pages != 1 else ""
            self.add_error(
                "change_note", f"This import changes {pages} published page{plural}. {NOTE_NEEDED}"
            )
        return cleaned


class ImportChangeNotes:
    """Mixin for the admin of a page model with CSV import (django-import-export)."""

    confirm_form_class = ImportChangeNoteForm

    def import_action(self, request, **kwargs):
        return self.ask_for_the_note(super().import_action(request, **kwargs))

    def process_import(self, request, **kwargs):
        # A confirm refused for want of the note shows the preview again (CsvImportExport).
        return self.ask_for_the_note(super().process_import(request, **kwargs))

    def ask_for_the_note(self, response):
        """The preview: count the rows that change a public page for the confirm step, and
        name them where the note is asked for."""
        context = getattr(response, "context_data", None) or {}
        result, confirm = context.get("result"), context.get("confirm_form")
        if result is not None and confirm is not None:
            changed = [row for row in result.rows if getattr(row, "changes_public_page", False)]
            confirm.initial["public_pages"] = len(changed)
            if changed:
                names = ", ".join(row.object_repr for row in changed)
                help_text = (
                    f"Needed: this import changes pages readers can open ({names}). "
                    + confirm.fields["change_note"].help_text
                )
                # A refused confirm's form was bound and checked: its field as shown kept
                # the help text it had then.
                confirm.fields["change_note"].help_text = help_text
                confirm["change_note"].help_text = help_text
        return response

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        data = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, ImportChangeNoteForm):
            data["change_note"] = form.cleaned_data.get("change_note", "")
            data["minor_change"] = form.cleaned_data.get("minor_change", False)
        return data
