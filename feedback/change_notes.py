"""The change note editors write when they save a published page in the admin.

Used by the article and form admins (`ChangeNoteAdmin`). The note is stored with the version
django-reversion saves (as a ChangeNote row attached to the revision, and as the revision's
comment), so the history and the readers' change lists tell the same story.
"""

from __future__ import annotations

import copy

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.forms.models import construct_instance

from articles.going_off_site import readers_can_open
from articles.models import MovedPage, PublishStatus, public_as_saved
from articles.plain_text import refuse_hidden_characters, refuse_markup
from articles.stale_edits import StaleEditForm
from feedback.figure_notes import figures_changed, minor_checked, minor_refused
from feedback.models import NOTE_MAX, NOTED_ON_ANOTHER_PAGE, ChangeNote, Report, noted_page
from feedback.pages import page_at

NOTE_FIELDS = ["change_note", "minor_change", "fixes_report"]


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, report: Report) -> str:
        excerpt = report.text if len(report.text) <= 80 else report.text[:79] + "…"
        return f"#{report.pk} ({report.get_status_display()}, {report.created_at:%d %b}): {excerpt}"


NOTE_NEEDED = (
    "Write a short change note for readers (what changed and why), or tick “Minor change” "
    "if readers would not notice it."
)


class NoteField(forms.CharField):
    """A change note's box, wherever it is written. It has no `maxlength`: a browser cuts a
    pasted note there, mid-word and without a word, and the cut note was saved ("…and added
    the sou" on /changes/). A note too long is refused whole instead, saying how long it is,
    with all the editor typed still on the page (as the admin does for the models' own
    fields, articles/editing.py). A line break counts as the one character the editor sees,
    though browsers send two (CRLF)."""

    default_error_messages = {
        "max_length": "This note is %(show_value)d characters long; a change note may be at "
        "most %(limit_value)d. Shorten it: nothing was saved, and your text is still in the box.",
    }

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


def change_note_field(help_text: str) -> NoteField:
    """The note, as the change form and the CSV import's confirm step ask for it."""
    return NoteField(
        # Named, or the history would say "Changed Body and change_note."
        label="Change note",
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=help_text,
        validators=[refuse_hidden_characters, refuse_markup],
    )


def minor_change_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="Minor change",
        required=False,
        help_text="A typo, wording or layout change readers would not notice: no note is "
        "needed, and a note you write is kept for editors only.",
    )


class ChangeNoteForm(StaleEditForm):
    change_note = change_note_field(
        "One sentence for readers on what changed and why, e.g. “Corrected the elemental "
        "magnesium of glycinate to 14.1% (label data).” Shown on the page and in the site's "
        "list of changes. Needed when you change a published page."
    )
    minor_change = minor_change_field()
    fixes_report = ReportChoiceField(
        label="Fixes a reader's report",
        queryset=Report.objects.none(),
        required=False,
        help_text="Reports about this page that are still open. Choosing one marks it fixed, "
        "and the page's list of changes says a reader's report led to this change.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Before this save (before a restore wrote an older version, too): a page readers
        # could already see. A scheduled page (its date still to come) has had no readers yet.
        self.was_published = self.page_readers_saw is not None
        page = noted_page(self.instance) if self.instance.pk else None
        if page is not None and hasattr(page, "get_absolute_url"):
            # Filed at its address now or at one it had before its slug changed, unless
            # another page has taken that address since. A report names a path: an intake
            # table's address is a part of the calculator's page.
            earlier = MovedPage.objects.to(page).values_list("old_path", flat=True)
            self.fields["fixes_report"].queryset = Report.objects.open().about(
                page.get_absolute_url().split("#")[0],
                *(path for path in earlier if page_at(path) is None),
            )

    def clean(self):
        cleaned = super().clean()
        # A record with no status of its own (an evidence cell) is public as long as its
        # page is.
        status = cleaned.get("status", getattr(self.instance, "status", PublishStatus.PUBLISHED))
        publish_at = cleaned.get("published_at", getattr(self.instance, "published_at", None))
        note = (cleaned.get("change_note") or "").strip()
        cleaned["change_note"] = note
        # Drafts, scheduled pages and a page's first publication need no note: readers had
        # no earlier text (a publish date left empty means now).
        needs_note = self.was_published and public_as_saved(status, publish_at)
        if type(self.instance)._meta.label_lower in NOTED_ON_ANOTHER_PAGE:
            # A grade is noted on its outcome's page, which readers can always open: one
            # that appears there (a new cell, or one moved to a published form) is a change
            # readers see, as one that changes or leaves is.
            needs_note = self.was_published or self.public_after_save()
        needs_note = needs_note and self.changes_readers_see()
        # A note refused already (a hidden character) has its own message.
        written = bool(note) or "change_note" in self.errors
        if needs_note and not written and not cleaned.get("minor_change"):
            self.add_error("change_note", NOTE_NEEDED)
        if needs_note and cleaned.get("minor_change") and (figures := figures_changed(self)):
            self.add_error("minor_change", minor_refused(figures))
        if cleaned.get("fixes_report") and not written:
            self.add_error("change_note", "Say what you changed to fix the reader's report.")
        return cleaned

    def changes_readers_see(self) -> bool:
        """Whether this save changes what readers see. A kind that names what readers see
        of it (`FIELDS_READERS_SEE`: a food, an intake table) asks for a note only when one
        of those fields, or one of its inline rows, changes: a save that leaves its figures
        as they were tells readers nothing. Any other kind asks on every save, and so does a
        restore, whose older version is written before this form sees the record."""
        shown = getattr(self.instance, "FIELDS_READERS_SEE", None)
        if shown is None or self.stored_token:
            return True
        rows = getattr(self.instance, "posted_rows", ())
        return bool(set(shown) & set(self.changed_data)) or any(r.has_changed() for r in rows)

    def public_after_save(self) -> bool:
        """Whether readers will see the record as this form would save it."""
        record = copy.copy(self.instance)
        construct_instance(self, record, self._meta.fields, self._meta.exclude)
        return record.is_public


class ChangeNoteAdmin:
    """Mixin for a SafeEditingAdmin of a published page (articles, forms): asks for a
    change note on save and stores it with the version."""

    form = ChangeNoteForm

    def get_fieldsets(self, request, obj=None):
        note = (
            "What changed",
            {
                "fields": NOTE_FIELDS,
                "description": "Readers see the note of a published page, with the date, "
                "on the page and in the list of changes. Drafts and pages scheduled for "
                "later need none.",
            },
        )
        return [*super().get_fieldsets(request, obj), note]

    def _create_formsets(self, request, obj, change):
        formsets, inlines = super()._create_formsets(request, obj, change)
        # The rows of the record the change form holds (`obj` is its instance), which Django
        # checks after the form: the form asks for a note when one changes.
        obj.posted_rows = formsets
        return formsets, inlines

    def get_formsets_with_inlines(self, request, obj=None):
        # Rows holding figures refuse "Minor change" too (feedback/figure_notes.py).
        page = getattr(request, "page_before_save", obj)
        seen = page if readers_can_open(page) else None
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield minor_checked(formset, seen), inline

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("change_note")
        if not note:
            return
        # Kept as written on any save. On one that takes a page readers saw off the site, or
        # fixes a reader's report, readers see it once the page is theirs again (and the
        # report is fixed); on a draft readers never saw, it is for editors only, as a minor
        # note: it would tell readers of a change to a text they never read.
        report = form.cleaned_data.get("fixes_report")
        published = getattr(obj, "status", PublishStatus.PUBLISHED) == PublishStatus.PUBLISHED
        told = published or form.was_published or report is not None
        page = noted_page(obj)
        values = {
            "content_type": ContentType.objects.get_for_model(page),
            "object_id": page.pk,
            "note": note,
            "minor": form.cleaned_data.get("minor_change", False) or not told,
            "report": report,
        }
        if reversion.is_active():
            # Saved with the revision, once it is saved: the note belongs to that version.
            reversion.add_meta(ChangeNote, **values)
        else:
            ChangeNote.objects.create(**values)
        request.change_note = note
        if report is not None and report.status != Report.Status.FIXED:
            report.status = Report.Status.FIXED
            report.save(update_fields=["status"])
            # In the report's History, as a change from its own form or the list is, so the
            # list's stale-save check names who marked it fixed, and when.
            LogEntry.objects.log_actions(
                request.user.pk, [report], CHANGE, f"Marked fixed by the change to {page}."
            )
            messages.info(request, f"The reader's report #{report.pk} is marked fixed.")

    def construct_change_message(self, request, form, formsets, add=False):
        """The fields the save changed, without the note's own fields: the note leads the
        version's comment already ("Corrected the dose. (Changed Typical dose.)")."""
        message = super().construct_change_message(request, form, formsets, add)
        labels = {str(form.fields[name].label) for name in NOTE_FIELDS if name in form.fields}
        for part in message:
            changed = part.get("changed")
            if changed is not None and "object" not in changed:  # the page's own fields
                changed["fields"] = [label for label in changed["fields"] if label not in labels]
        return [part for part in message if part.get("changed", {"fields": True})["fields"]]

    def _comment_with_note(self, request) -> None:
        # After VersionAdmin's own log_*, which set the comment to Django's change message
        # ("Changed Body."): the note comes first, the fields changed follow.
        if (note := getattr(request, "change_note", None)) and reversion.is_active():
            changed = reversion.get_comment()
            reversion.set_comment(f"{note} ({changed})" if changed else note)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment_with_note(request)
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment_with_note(request)
        return entry
