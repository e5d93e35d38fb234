"""Rows of a CSV import whose record someone saved in the admin after the file was exported.

Every save of a record draws it a new edit token (EditTracked), and the export writes each
row's token in an `edit_token` column. A row whose token is no longer its record's was
exported before that save: importing it would quietly undo it. The preview flags such a row
with who saved and when; the import leaves it as it is now unless the editor ticks "Save
over their newer versions" on the confirm step, as a stale save in the change form goes
through only once its "Save over" box is ticked (articles/stale_edits.py). The box covers
the versions the preview named, no later one: a row saved again since is left alone too.
Each row's record is locked from its check to the end of the import, so the check holds.

A file without the column (exported before it was added, or made by hand) is imported as
before, with a notice that the check could not be made.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from import_export import fields

from articles.stale_edits import last_change

TOKEN_COLUMN = "edit_token"


def token_field() -> fields.Field:
    """The export's column of edit tokens. Never written: a save draws a new token."""
    return fields.Field(attribute="edit_token", column_name=TOKEN_COLUMN, readonly=True)


def row_token(row) -> str:
    return str(row.get(TOKEN_COLUMN) or "").strip()


@dataclass(frozen=True)
class LaterSave:
    """The save a row's file came before: who made it and when, a link to what it changed
    (empty if there is no version to show) and the token it drew."""

    who: str
    when: str
    changes: str
    token: str

    def as_html(self) -> SafeString:
        if not self.changes:
            return format_html("saved by {} on {}", self.who, self.when)
        return format_html(
            'saved by {} on {} (<a href="{}" target="_blank">what their save changed</a>, '
            "a new tab)",
            self.who,
            self.when,
            self.changes,
        )


class ChangedSinceExport:
    """Mixed into the import resource of an EditTracked model. `import_data` takes
    `save_over`: the tokens of the later saves the editor chose to save over."""

    def get_import_fields(self):
        # The token is read by this class alone: it is no column to compare or to write.
        return [field for field in super().get_import_fields() if field.attribute != "edit_token"]

    def import_data(self, dataset, dry_run=False, **kwargs):
        self.previewing = dry_run
        self.saved_over = frozenset(kwargs.get("save_over") or ())
        result = super().import_data(dataset, dry_run=dry_run, **kwargs)
        rows = [row for row in result.rows if getattr(row, "later_save", None)]
        result.changed_since_export = [row for row in rows if not row.withheld]
        result.withheld_rows = [row for row in rows if row.withheld]
        result.unchecked_rows = [row for row in result.rows if getattr(row, "unchecked", False)]
        result.has_tokens = TOKEN_COLUMN in (dataset.headers or [])
        return result

    def import_row(self, row, instance_loader, **kwargs):
        self.later_save: LaterSave | None = None
        self.withholding = False
        return super().import_row(row, instance_loader, **kwargs)

    def get_or_init_instance(self, instance_loader, row):
        """The row's record, read again with its row locked until the import's transaction
        ends (resources.py runs the whole file in one): an admin save arriving between the
        token check (skip_row) and the row's own save waits for the import, then is
        refused as stale (articles/stale_edits.py), rather than being written over."""
        instance, new = super().get_or_init_instance(instance_loader, row)
        if new:
            return instance, new
        # No ordering: PostgreSQL cannot lock the nullable side of an ordering's outer join.
        stored = self.get_queryset().select_for_update().order_by()
        locked = stored.filter(pk=instance.pk).first()
        if locked is None:  # deleted since it was read: the row adds it again
            return self.init_instance(row), True
        return locked, False

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row that would change a record saved since the export is shown in the preview;
        on confirm it is left out (kept as stored) unless its later save was chosen."""
        unchanged = super().skip_row(instance, original, row, import_validation_errors)
        token = row_token(row)
        stored = str(original.edit_token) if original is not None and original.pk else ""
        if unchanged or import_validation_errors or not token or not stored or token == stored:
            return unchanged
        self.later_save = LaterSave(*last_change(original), token=stored)
        if self.previewing or stored in self.saved_over:
            return False
        self.withholding = True
        return True

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.later_save = self.later_save
        row_result.withheld = self.withholding
        row_result.unchecked = row_result.is_update() and not row_token(row)


def listed(rows) -> str:
    return "; ".join(f"line {row.line} ({row.object_repr})" for row in rows)


def unchecked_notice(result, noun_plural: str) -> str | None:
    """The preview's notice of changed rows it could not check against later saves."""
    rows = getattr(result, "unchecked_rows", [])
    if not rows:
        return None
    if not result.has_tokens:
        why = (
            f"This file has no {TOKEN_COLUMN} column (it was exported before files carried "
            "one, or made by hand)"
        )
    else:
        why = f"These rows have no {TOKEN_COLUMN}"
    return (
        f"{why}, so the import could not check whether anyone changed these "
        f"{noun_plural} in the admin after the file was made: {listed(rows)}. Check that "
        "each change below is one you meant, or export the table again and make your "
        "changes in the new file."
    )


def withheld_message(result) -> str | None:
    """After a confirm: the rows left as they were, saved by someone after the export."""
    rows = getattr(result, "withheld_rows", [])
    if not rows:
        return None
    return (
        "Left as they are, because someone saved them in the admin after your file was "
        f"exported: {listed(rows)}. Their versions were kept. To change them, export the "
        "table again and make your changes in the new file."
    )


class SaveOverFields(forms.Form):
    """Mixed into the import's confirm form: the box that saves over the later saves the
    preview named (`save_over_tokens`, set by the admin from the preview)."""

    save_over = forms.BooleanField(
        required=False,
        label="Save over their newer versions",
        label_suffix="",
        help_text="Tick this once their changes are in your file: importing then replaces "
        "their versions with yours. Their versions stay in the History. Left unticked, "
        "these rows are kept as they are and the rest of the file is imported.",
    )
    save_over_tokens = forms.CharField(widget=forms.HiddenInput, required=False)

    def other_visible_fields(self) -> list:
        """The fields laid out below the rows the box is for (a change note, for pages)."""
        return [field for field in self.visible_fields() if field.name != "save_over"]

    def tokens_saved_over(self) -> frozenset[str]:
        data = getattr(self, "cleaned_data", None) or {}
        if not data.get("save_over"):
            return frozenset()
        return frozenset(str(data.get("save_over_tokens") or "").split())

    def offer_save_over(self, result) -> None:
        """Offer the box for the rows of this preview that undo a later save, and for
        those only: if the rows are not those the box was ticked for, it is offered again
        unticked."""
        rows = getattr(result, "changed_since_export", [])
        if not rows:
            self.fields.pop("save_over", None)
            return
        tokens = " ".join(row.later_save.token for row in rows)
        if not self.is_bound:
            self.initial["save_over_tokens"] = tokens
            return
        if self.data.get(self.add_prefix("save_over_tokens")) != tokens:
            data = self.data.copy()
            data[self.add_prefix("save_over_tokens")] = tokens
            data.pop(self.add_prefix("save_over"), None)
            self.data = data
