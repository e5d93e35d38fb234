"""The matrix as readers and the open data see it: which cells a request asks for (GET
`outcome` and `form`), what it asked for that does not exist, and the grid of rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.http import QueryDict

from articles.http import Ignored
from comparisons.models import MagnesiumCompound
from evidence.models import ANY_FORM, EvidenceCell, Outcome

PARAMETERS = ("outcome", "form")


@dataclass
class Selection:
    """The outcomes and forms a request asks for; empty means all."""

    outcomes: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)

    @property
    def query(self) -> str:
        """The canonical query string of what is shown."""
        pairs = [("outcome", slug) for slug in self.outcomes]
        pairs += [("form", slug) for slug in self.forms]
        return urlencode(pairs)

    def cells(self) -> Iterable[EvidenceCell]:
        """The public cells chosen, with what the grid shows, in one query."""
        cells = EvidenceCell.objects.public()
        if self.outcomes:
            cells = cells.filter(outcome__slug__in=self.outcomes)
        if self.forms:
            wanted = Q(compound__slug__in=[slug for slug in self.forms if slug != ANY_FORM])
            if ANY_FORM in self.forms:
                wanted |= Q(compound__isnull=True)
            cells = cells.filter(wanted)
        return cells.in_matrix_order()


def _values(query: QueryDict, name: str) -> list[str]:
    """A parameter's values, repeated or comma-separated, trimmed and in lower case (slugs
    are), each once."""
    values: list[str] = []
    for raw in query.getlist(name):
        for value in raw.split(","):
            value = value.strip().lower()
            if value and value not in values:
                values.append(value)
    return values


def select(query: QueryDict, outcomes: Iterable[Outcome]) -> Selection:
    """Read `outcome` and `form`; unknown values and parameters are ignored, and said."""
    selection = Selection()
    # Read in lower case, each known by its slug as saved.
    known_outcomes = {outcome.slug.lower(): outcome.slug for outcome in outcomes}
    wanted_outcomes = _values(query, "outcome")
    # In the matrix's order, as the columns show them: one canonical query for each choice.
    selection.outcomes = [
        slug for lowered, slug in known_outcomes.items() if lowered in wanted_outcomes
    ]
    for slug in wanted_outcomes:
        if slug not in known_outcomes:
            selection.ignored.append(Ignored("outcome", slug, "not an outcome in the matrix"))
    if wanted_forms := _values(query, "form"):
        published = set(
            MagnesiumCompound.objects.published()
            .filter(slug__in=wanted_forms)
            .values_list("slug", flat=True)
        )
        # Magnesium in general first, then by slug: one canonical query for each choice.
        for slug in sorted(wanted_forms, key=lambda slug: (slug != ANY_FORM, slug)):
            if slug == ANY_FORM or slug in published:
                selection.forms.append(slug)
            else:
                selection.ignored.append(
                    Ignored("form", slug, f"not a form of magnesium here (or '{ANY_FORM}')")
                )
    for name in query:
        if name not in PARAMETERS:
            selection.ignored.append(Ignored(name, "", "not a setting of this page"))
    return selection


@dataclass
class Row:
    """One form's cells (no form: magnesium in general), one per column, None where the
    studies have nothing to say."""

    compound: MagnesiumCompound | None
    cells: list[EvidenceCell | None]
    outcomes: list[Outcome]

    @property
    def columns(self) -> list[tuple[Outcome, EvidenceCell | None]]:
        """Each cell with its outcome: a phone shows the outcome's name beside the grade."""
        return list(zip(self.outcomes, self.cells, strict=True))

    @property
    def name(self) -> str:
        return self.compound.name if self.compound else "Magnesium in general"

    @property
    def slug(self) -> str:
        return self.compound.slug if self.compound else ANY_FORM


def grid(outcomes: list[Outcome], cells: Iterable[EvidenceCell]) -> list[Row]:
    """Rows of the matrix: magnesium in general first, then forms by name; only forms
    with at least one cell among these outcomes get a row."""
    column = {outcome.pk: index for index, outcome in enumerate(outcomes)}
    rows: dict[int | None, Row] = {}
    for cell in cells:
        if cell.outcome_id not in column:
            continue
        row = rows.get(cell.compound_id)
        if row is None:
            row = rows[cell.compound_id] = Row(cell.compound, [None] * len(outcomes), outcomes)
        row.cells[column[cell.outcome_id]] = cell
    return sorted(rows.values(), key=lambda row: (row.compound is not None, row.name.lower()))


def export_row(cell: EvidenceCell) -> dict:
    """One cell as open data (fields: EXPORT_FIELDS); `references` are reference keys."""
    return {
        "form": cell.form_slug,
        "outcome": cell.outcome.slug,
        "grade": cell.grade,
        # "No evidence" has no direction, as the pages show none.
        "direction": None if cell.grade == EvidenceCell.Grade.NONE else cell.direction,
        "studies": cell.studies,
        "summary": cell.summary,
        "references": [reference.key for reference in cell.references.all()],
    }


EXPORT_FIELDS = ["form", "outcome", "grade", "direction", "studies", "summary", "references"]
