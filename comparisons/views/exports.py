"""The forms table as open data: /forms.csv and /forms.json, with the table's filters and order."""

import csv

from django.http import HttpRequest, HttpResponse, JsonResponse

from articles.exports import ignored_problems, refused_json, refused_text
from articles.http import reader_page
from articles.plain_text import spreadsheet_safe
from comparisons.filters import MagnesiumCompoundFilter
from comparisons.models import MagnesiumCompound

# The open-data columns, in order (docs/public-surface.md); CSV joins the lists (`routes`,
# `uses`) with this separator. `route` is the form's main route; `routes` every way it is
# taken (its preparations too). Apps above this one may append columns for a request
# (comparisons/filters/extensions.py: `evidence_for` when `outcome` is given).
# `dose_basis` came after the others, so it follows `summary` and the earlier columns keep
# their places.
EXPORT_FIELDS = [
    "name",
    "slug",
    "url",
    "route",
    "routes",
    "elemental_percent",
    "elemental_basis",
    "bioavailability",
    "evidence",
    "tolerance",
    "uses",
    "dose_low_mg",
    "dose_high_mg",
    "summary",
    "dose_basis",
]
CSV_LIST_SEPARATOR = "|"


def _export_row(request: HttpRequest, compound: MagnesiumCompound) -> dict:
    return {
        "name": compound.name,
        "slug": compound.slug,
        "url": request.build_absolute_uri(compound.get_absolute_url()),
        "route": compound.route,
        "routes": compound.routes(),
        "elemental_percent": float(compound.elemental_percent),
        "elemental_basis": compound.elemental_basis,
        "bioavailability": compound.bioavailability,
        "evidence": compound.evidence,
        "tolerance": compound.tolerance,
        "uses": [topic.slug for topic in compound.table_uses],
        "dose_low_mg": compound.dose_low_mg,
        "dose_high_mg": compound.dose_high_mg,
        "summary": compound.summary,
        "dose_basis": compound.dose_basis if compound.has_dose else None,
    }


def _rows(request: HttpRequest, table: MagnesiumCompoundFilter) -> list[dict]:
    extra = table.export_fields()
    return [
        _export_row(request, compound) | {name: value(compound) for name, value in extra.items()}
        for compound in table.qs
    ]


def _export(request: HttpRequest) -> tuple[MagnesiumCompoundFilter | None, list[str]]:
    """The filtered, sorted forms for an export, or the problems that stop it: data users
    get an error rather than rows silently filtered differently from what they asked."""
    table = MagnesiumCompoundFilter(request.GET)
    if ignored := table.ignored():
        return None, ignored_problems(ignored)
    return table, []


@reader_page
def forms_json(request: HttpRequest) -> JsonResponse:
    """The forms table as a JSON list of objects (fields: EXPORT_FIELDS)."""
    table, problems = _export(request)
    if table is None:
        return refused_json(problems)
    return JsonResponse(_rows(request, table), safe=False)


@reader_page
def forms_csv(request: HttpRequest) -> HttpResponse:
    """The forms table as CSV, one header row naming EXPORT_FIELDS (and any extra columns);
    `routes` and `uses` are lists joined with "|"; a form with no dose has empty dose cells."""
    table, problems = _export(request)
    if table is None:
        return refused_text(problems)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="magnesium-forms.csv"'
    writer = csv.DictWriter(response, fieldnames=[*EXPORT_FIELDS, *table.export_fields()])
    writer.writeheader()
    for row in _rows(request, table):
        row["routes"] = CSV_LIST_SEPARATOR.join(row["routes"])
        row["uses"] = CSV_LIST_SEPARATOR.join(row["uses"])
        writer.writerow({name: spreadsheet_safe(value) for name, value in row.items()})
    return response
