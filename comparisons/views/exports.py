"""The forms table as open data: /forms.csv and /forms.json, with the table's filters and order."""

import csv

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from comparisons.filters import MagnesiumCompoundFilter
from comparisons.models import MagnesiumCompound

# The open-data columns, in order (SPEC.md); CSV joins the list of uses with this separator.
EXPORT_FIELDS = [
    "name",
    "slug",
    "url",
    "route",
    "elemental_percent",
    "elemental_basis",
    "bioavailability",
    "evidence",
    "tolerance",
    "uses",
    "dose_low_mg",
    "dose_high_mg",
    "summary",
]
CSV_LIST_SEPARATOR = "|"


def _export_row(request: HttpRequest, compound: MagnesiumCompound) -> dict:
    return {
        "name": compound.name,
        "slug": compound.slug,
        "url": request.build_absolute_uri(compound.get_absolute_url()),
        "route": compound.route,
        "elemental_percent": float(compound.elemental_percent),
        "elemental_basis": compound.elemental_basis,
        "bioavailability": compound.bioavailability,
        "evidence": compound.evidence,
        "tolerance": compound.tolerance,
        "uses": [topic.slug for topic in compound.table_uses],
        "dose_low_mg": compound.dose_low_mg,
        "dose_high_mg": compound.dose_high_mg,
        "summary": compound.summary,
    }


def _export(request: HttpRequest) -> tuple[QuerySet | None, list[str]]:
    """The filtered, sorted forms for an export, or the problems that stop it: data users
    get an error rather than rows silently filtered differently from what they asked."""
    table = MagnesiumCompoundFilter(request.GET)
    if ignored := table.ignored():
        return None, [f"{item.param}={item.value}: {item.reason}" for item in ignored]
    return table.qs, []


@require_safe
def forms_json(request: HttpRequest) -> JsonResponse:
    """The forms table as a JSON list of objects (fields: EXPORT_FIELDS)."""
    compounds, problems = _export(request)
    if compounds is None:
        return JsonResponse(
            {"error": "Unknown parameters or values.", "problems": problems}, status=400
        )
    return JsonResponse([_export_row(request, c) for c in compounds], safe=False)


@require_safe
def forms_csv(request: HttpRequest) -> HttpResponse:
    """The forms table as CSV, one header row naming EXPORT_FIELDS; `uses` is a list of topic
    slugs joined with "|"; a form with no dose has empty dose cells."""
    compounds, problems = _export(request)
    if compounds is None:
        return HttpResponse(
            "Unknown parameters or values:\n" + "\n".join(problems),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="magnesium-forms.csv"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for compound in compounds:
        row = _export_row(request, compound)
        row["uses"] = CSV_LIST_SEPARATOR.join(row["uses"])
        writer.writerow(row)
    return response
