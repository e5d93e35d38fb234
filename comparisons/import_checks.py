"""What a CSV file for the forms or foods table must be before any of its rows is imported:
not too large, not too long, naming each row's record by the table's key, and naming each
record once. A file that fails is refused as a whole with one message saying what to do;
nothing is written (docs/public-surface.md, "Editors' CSV files").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django import forms
from django.template.defaultfilters import filesizeformat
from import_export.forms import ImportForm

# The forms table is 14 rows (52 KB exported) and the foods table 29 (2 KB); a site might
# grow to some hundreds. Each imported row is checked and saved through its model (Markdown
# rendered, links, sources and constraints checked, a version kept), by the preview and
# again by the confirm, each one request that gunicorn ends after 30 s (gunicorn.conf.py).
# Measured through gunicorn on a shared 2-core machine: 300 new forms took 6 s a request
# in a 1.1 MB file and 7 to 8 s in a 1.5 MB one (the Markdown bodies grown); 500 rows
# (1.9 MB) took 11 to 12 s of CPU, and up to 28 s while other work shared the machine.
MAX_IMPORT_BYTES = 3 * 512 * 1024  # 1.5 MB
MAX_IMPORT_ROWS = 300


class FileRefused(ValueError):
    """A whole file is refused before any of its rows is read."""


class SizeLimitedImportForm(ImportForm):
    """The import form's first step: a file over MAX_IMPORT_BYTES is refused before it is
    read, so a huge file never ties up the server."""

    def clean_import_file(self):
        file = self.cleaned_data["import_file"]
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"This file is {filesizeformat(file.size)}; an import takes files of up to "
                f"{filesizeformat(MAX_IMPORT_BYTES)} and {MAX_IMPORT_ROWS} rows, so that it "
                "is checked and saved within a page's time. Split it into smaller files "
                "(each with the line of column names), or leave out the rows that have "
                "not changed, and import them one after another. Nothing was imported."
            )
        return file


def limits() -> str:
    """The limits in words, for the import page."""
    return (
        f"A file may hold up to {MAX_IMPORT_ROWS} rows and "
        f"{filesizeformat(MAX_IMPORT_BYTES)}: split a larger one."
    )


def too_many_rows(rows: int) -> str | None:
    if rows <= MAX_IMPORT_ROWS:
        return None
    return (
        f"This file has {rows} rows; an import takes up to {MAX_IMPORT_ROWS}, so that it "
        "is checked and saved within a page's time. Split it into smaller files (each "
        "with the line of column names), or leave out the rows that have not changed, "
        "and import them one after another. Nothing was imported."
    )


def missing_columns(
    headers: Sequence[str], needed: Sequence[str], wanted: str, first_line: Sequence[str] = ()
) -> str | None:
    """A file without the column that names each row cannot be matched to the table.
    `headers` are its columns as the import reads them, `first_line` as the file has them."""
    headers = [str(header).strip() for header in headers if header]
    if not (missing := [column for column in needed if column not in headers]):
        return None
    headers = [str(header).strip() for header in first_line or headers if header]
    return (
        f"The file has no “{'”, “'.join(missing)}” column, so its rows cannot be "
        "matched to the table. Its first line must name the columns, separated by "
        f"commas: {wanted} (as in a file from Export). This file's first line reads: "
        f"{', '.join(headers) or '(empty)'}."
    )


@dataclass(frozen=True)
class RowKey:
    """The record a row of the file is for (`key`, equal for rows meaning the same
    record), and how the row names it, for a message: "the slug “magnesium-oxide”"."""

    key: Hashable
    named_by: str


def line(index: int) -> int:
    """A row's line as a spreadsheet numbers it: the column names are line 1."""
    return index + 2


def repeated_record(keys: Sequence[RowKey | None], noun: str) -> str | None:
    """Two rows for the same record: the later one would silently undo the earlier, so the
    file is refused, naming the key and both lines (rows with no key are left to the
    row-by-row checks)."""
    first_seen: dict[Hashable, int] = {}
    for index, row in enumerate(keys):
        if row is None:
            continue
        if (earlier := first_seen.setdefault(row.key, index)) == index:
            continue
        before = keys[earlier]
        if before.named_by == row.named_by:
            both = f"Lines {line(earlier)} and {line(index)} both have {row.named_by}"
        else:
            both = (
                f"Line {line(earlier)} has {before.named_by} and line {line(index)} "
                f"{row.named_by}, the same {noun}"
            )
        return (
            f"{both}. A file may hold each {noun} once: imported twice, the later row "
            "would silently undo the earlier. Keep the row you want, delete the other, "
            "and upload the file again. Nothing was imported."
        )
    return None


def uneven_columns(text: str) -> str:
    """A file whose rows have different numbers of values than its line of column names
    (tablib refuses one with more, with an exception that has no message). Names the first
    line that differs, as a spreadsheet numbers its rows, and the likely cause: a
    spreadsheet set to a language that writes decimal commas saves "CSV" with semicolons."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    differs = next(
        (
            f" Line {number} has {len(row)} values where the line of column names "
            f"has {len(header)}."
            for number, row in enumerate(rows, start=2)
            if row and len(row) != len(header)
        ),
        "",
    )
    first_line = text.split("\n", 1)[0]
    if ";" in first_line and "," not in first_line:
        fix = (
            " The first line's columns are separated by semicolons, not commas: a "
            "spreadsheet set to a language that writes decimals with a comma saves CSV "
            "that way. Save the file again with commas (in Excel, “CSV UTF-8 (Comma "
            "delimited)”; in LibreOffice, choose the comma as the field delimiter) and "
            "upload it again."
        )
    else:
        where = "that line" if differs else "the file"
        fix = (
            f" Look on {where} for a comma too many or too few (a value that holds a "
            "comma must be in double quotes, as Export writes it), correct it and upload "
            "the file again."
        )
    return (
        "The rows of this file have different numbers of columns, so its values cannot "
        f"be matched to the columns.{differs}{fix} Nothing was imported."
    )
