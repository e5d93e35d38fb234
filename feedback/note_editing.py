"""Editing a change note on its own admin page, after its page was saved: readers see the
note on the page, in the site's list of changes and in the feed, so it is kept as carefully
as the page.

- Its text is checked as the note written on save is (no HTML tag, no hidden character).
- A save made from a copy someone changed since is refused, naming who and when, with the
  editor's text kept in the box (the note has no versions of its own: what it read before is
  compared with what is stored now).
- Each change is logged with the text before and after, in the note's History.
- A note is never deleted: one readers should not see is hidden with "minor".
- A report linked to the note by mistake can be unlinked (logged in both Histories): the
  report, held Fixed while a note readers see links to it, can then be reopened.
"""

from __future__ import annotations

from django import forms

from articles.bookkeeping import BookkeepingCharField
from articles.plain_text import refuse_hidden_characters, refuse_markup
from articles.stale_list_edits import logged_change
from feedback.change_notes import NoteField
from feedback.models import ChangeNote


class NoteEditForm(forms.ModelForm):
    note_seen = BookkeepingCharField(widget=forms.HiddenInput, required=False)
    minor_seen = BookkeepingCharField(widget=forms.HiddenInput, required=False)
    unlink_report = forms.BooleanField(
        required=False,
        label="Unlink the reader's report",
        help_text="Tick if this change did not fix that report: readers then no longer read "
        "that a report led to it, and the report can be reopened in the queue.",
    )

    class Meta:
        model = ChangeNote
        fields = ["note", "minor"]
        # The note written on save is a box of lines (feedback/change_notes.py): so is this,
        # with no maxlength to cut a pasted note, and its line breaks counted as one.
        field_classes = {"note": NoteField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].validators += [refuse_hidden_characters, refuse_markup]
        self.fields["note_seen"].initial = self.instance.note
        self.fields["minor_seen"].initial = str(self.instance.minor)

    def clean(self) -> dict:
        cleaned = super().clean()
        stored = ChangeNote.objects.select_for_update().filter(pk=self.instance.pk).first()
        if stored is None:
            return cleaned
        # Browsers send the line breaks of a hidden box's value as CRLF too.
        seen = (lf(cleaned.get("note_seen") or ""), cleaned.get("minor_seen"))
        if seen != (stored.note, str(stored.minor)):
            who, when = logged_change(stored)
            # The box offers what is stored now, to compare; the editor's text stays above.
            data = self.data.copy()
            data[self.add_prefix("note_seen")] = stored.note
            data[self.add_prefix("minor_seen")] = str(stored.minor)
            self.data = data
            raise forms.ValidationError(
                f"{who} changed this note {when}, after you opened it. It now reads: "
                f"“{stored.note}”{' (hidden from readers)' if stored.minor else ''}. Your "
                "text is still in the box: save again to put it in place of theirs.",
                code="stale",
            )
        # The report unlinked, for the History of each (ChangeNoteListAdmin.save_model).
        self.unlinked_report = None
        if cleaned.get("unlink_report") and self.instance.report_id:
            self.unlinked_report = self.instance.report
            self.instance.report = None
        return cleaned


def lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def change_message(form: NoteEditForm) -> str:
    """What the History lists: the text before and after, so an earlier one can be copied
    back."""
    parts = []
    if "note" in form.changed_data:
        parts.append(f"Note changed from “{form.initial['note']}” to “{form.instance.note}”.")
    if "minor" in form.changed_data:
        parts.append("Hidden from readers." if form.instance.minor else "Shown to readers again.")
    if report := getattr(form, "unlinked_report", None):
        parts.append(f"Unlinked the reader's report “{report}” (it did not fix it).")
    return " ".join(parts) or "No change."
