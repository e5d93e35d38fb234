"""Which column of a table each column of an editor's CSV file is. A file's first line may
name a column as the file from Export does (`mg`), as the Export page labels it (`Mg`) or
as the change form labels its box (`Magnesium (mg per serving)`): all three are the same
column. A column that is none of the table's is ignored, and the import's preview says so,
rather than leaving an editor to read "every row is the same" as "my figures are in".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def normalised(header: object) -> str:
    """A column's name, compared without case, spaces or underscores at issue: "Dose Low
    Mg", "dose_low_mg" and " dose low mg " are one name."""
    text = str(header or "").replace("\ufeff", "").replace("_", " ")
    return " ".join(text.split()).casefold()


def quoted(names: Iterable[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


@dataclass
class FileColumns:
    """A file's columns read against a table's: `headers` as the import reads them (each
    known column by its own name), the columns it `ignored`, and a `clash` if two columns
    of the file are the same column of the table."""

    headers: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    clash: str | None = None


def read_columns(headers: Sequence[object], names: dict[str, Iterable[str]]) -> FileColumns:
    """`names` gives each of the table's columns the other names it goes by (the Export
    page's label, the change form's label). A table's own column names come first, so no
    label can take a column's name from another column, and a label two columns share
    names neither."""
    labels: dict[str, set[str]] = {}
    for column, others in names.items():
        for other in filter(normalised, others):
            labels.setdefault(normalised(other), set()).add(column)
    known = {label: column for label, (column, *more) in labels.items() if not more}
    known |= {normalised(column): column for column in names}
    columns = FileColumns()
    seen: dict[str, str] = {}
    for number, header in enumerate(headers, start=1):
        text = str(header or "").strip()
        column = known.get(normalised(text))
        if column is None:
            columns.headers.append(text)
            columns.ignored.append(text or f"column {number}, which has no name")
            continue
        if column in seen and columns.clash is None:
            both = quoted([seen[column], text]) if seen[column] != text else f"“{text}” twice"
            columns.clash = (
                f"The file has the columns {both} (column {number} and an earlier one), "
                f"which are both the table's “{column}” column: it could not tell which one "
                "to import. Delete one of them and upload the file again. Nothing was "
                "imported."
            )
        seen[column] = text
        columns.headers.append(column)
    return columns


def ignored_notice(ignored: Sequence[str], table_columns: Sequence[str]) -> str | None:
    """The preview's notice of the columns it left out."""
    if not ignored:
        return None
    plural = len(ignored) != 1
    return (
        f"The column{'s' if plural else ''} {quoted(ignored)} {'are' if plural else 'is'} "
        f"not {'columns' if plural else 'a column'} of this table, so nothing in "
        f"{'them' if plural else 'it'} is imported: the rows below are read without "
        f"{'them' if plural else 'it'}. The table's columns are {', '.join(table_columns)} "
        "(as in a file from Export); rename a column to one of these to import it."
    )
