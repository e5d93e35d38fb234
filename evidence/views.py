"""The evidence matrix pages and its open data (docs/public-surface.md)."""

from __future__ import annotations

import csv
from urllib.parse import parse_qsl, urlencode

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, render

from articles.citations import PageCitations
from articles.exports import ignored_problems, refused_json, refused_text
from articles.http import cache_unless_ignored, reader_page, reads_only
from articles.plain_text import spreadsheet_safe
from comparisons.models import MagnesiumCompound
from comparisons.moved_forms import query_with_forms_now
from evidence.matrix import EXPORT_FIELDS, Selection, export_row, grid, select
from evidence.models import EvidenceCell, Outcome

CSV_LIST_SEPARATOR = "|"


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


@reader_page
def matrix(request: HttpRequest) -> HttpResponse:
    """The whole grid: forms as rows, outcomes as columns; GET `outcome` and `form` narrow
    it, and values that match nothing are ignored with a notice."""
    asked = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    # A form's earlier slug, as on the compare page: the same rows under its slug now.
    outcomes = list(Outcome.objects.all())
    if moved := query_with_forms_now(asked, "form"):
        # Straight to the canonical URL, unless something in it is ignored (said here).
        now = select(QueryDict(urlencode(moved)), outcomes)
        query = urlencode(moved) if now.ignored else now.query
        return HttpResponsePermanentRedirect(_with_query(request.path, query))
    selection = select(request.GET, outcomes)
    # Another spelling of a valid query (MIGRAINE, commas, an empty value, another order)
    # goes to the one canonical URL; a query with something ignored is answered here.
    if not selection.ignored and asked != parse_qsl(selection.query):
        return HttpResponseRedirect(_with_query(request.path, selection.query))
    shown = [o for o in outcomes if not selection.outcomes or o.slug in selection.outcomes]
    rows = grid(shown, selection.cells().grid())
    response = render(
        request,
        "evidence/matrix.html",
        {
            "outcomes": shown,
            "all_outcomes": outcomes,
            "rows": rows,
            "selection": selection,
            "ignored": selection.ignored,
            "filtered": bool(selection.outcomes or selection.forms),
            "canonical_url": request.build_absolute_uri(_with_query(request.path, selection.query)),
            "form_choices": MagnesiumCompound.objects.published()
            .filter(evidence_cells__isnull=False)
            .distinct()
            .alphabetical()
            .only("name", "slug"),
        },
    )
    return cache_unless_ignored(response, selection.ignored)


@reader_page
@reads_only()
def outcome_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Every form's cell for one outcome, with the studies each rests on."""
    outcome = get_object_or_404(Outcome.objects.select_related("topic"), slug=slug)
    cells = list(
        EvidenceCell.objects.public().for_outcome(outcome).with_references().in_matrix_order()
    )
    citations = PageCitations()
    cited = [(cell, citations.cite(cell.references.all())) for cell in cells]
    return render(
        request,
        "evidence/outcome_detail.html",
        {"outcome": outcome, "cells": cited, "references": citations.references()},
    )


def _export(request: HttpRequest) -> tuple[list[EvidenceCell] | None, list[str]]:
    """The chosen cells, or the problems that stop the export: data users get an error
    rather than rows silently filtered differently from what they asked (as /forms.csv)."""
    selection: Selection = select(request.GET, Outcome.objects.all())
    if selection.ignored:
        return None, ignored_problems(selection.ignored)
    return list(selection.cells().with_references()), []


@reader_page
def matrix_json(request: HttpRequest) -> JsonResponse:
    """One object per cell (fields: EXPORT_FIELDS); `studies` is an object of counts."""
    cells, problems = _export(request)
    if cells is None:
        return refused_json(problems)
    return JsonResponse([export_row(cell) for cell in cells], safe=False)


@reader_page
def matrix_csv(request: HttpRequest) -> HttpResponse:
    """One row per cell; `studies` reads `human_trials=2|human_reviews=1|animal_or_cell=0`
    and `references` lists reference keys joined with "|"."""
    cells, problems = _export(request)
    if cells is None:
        return refused_text(problems)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="magnesium-evidence.csv"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for cell in cells:
        row = export_row(cell)
        row["studies"] = CSV_LIST_SEPARATOR.join(f"{k}={v}" for k, v in row["studies"].items())
        row["references"] = CSV_LIST_SEPARATOR.join(row["references"])
        writer.writerow({name: spreadsheet_safe(value) for name, value in row.items()})
    return response
