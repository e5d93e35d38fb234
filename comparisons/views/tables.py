"""The forms table, its exports, form pages, side-by-side compare, comparison tables and foods."""

import csv
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from articles import stored_pages
from articles.models import Reference
from articles.pagination import PAGE_PARAM, page_links, page_pairs, paginate, requested_page
from comparisons.citations import PageCitations
from comparisons.filters import (
    FoodFilter,
    MagnesiumCompoundFilter,
    compound_query,
    query_key,
    split_values,
    table_facts,
    topics_key,
)
from comparisons.models import (
    DAILY_VALUE_MG,
    DAILY_VALUE_REFERENCE_KEY,
    Comparison,
    FoodGroup,
    MagnesiumCompound,
)
from comparisons.views.salts import salt_figures

COMPARE_MIN, COMPARE_MAX = 2, 4
# Rows per page of the tables: every starter form and food fits on the first page; a much
# larger table (the synthetic data set has 500 forms) pages, with its filters kept.
FORMS_PER_PAGE = 50
FOODS_PER_PAGE = 100
# More slugs than this are refused before any query is made.
COMPARE_REQUEST_LIMIT = 20
# The open-data columns, in order; CSV joins the list of uses with this separator.
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


def _query_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _table_data(request: HttpRequest) -> QueryDict:
    """The GET parameters a table filters and sorts by: all but the page number."""
    if PAGE_PARAM not in request.GET:
        return request.GET  # read only: no need for a copy
    data = request.GET.copy()
    data.pop(PAGE_PARAM, None)
    return data


def _canonical_redirect(
    request: HttpRequest,
    canonical_params: Sequence[tuple[str, str]],
    canonical_query: str,
    ignored: Sequence,
    page: int = 1,
) -> HttpResponse | None:
    """Send a request that is valid but spelled differently to its one canonical URL (the
    page number, if not 1, comes last). A request with ignored values is answered in place,
    so the page can say what was ignored."""
    if ignored or _query_pairs(request) == [*canonical_params, *page_pairs(page)]:
        return None
    return HttpResponseRedirect(_with_query(request.path, _paged_query(canonical_query, page)))


def _paged_query(query: str, page: int) -> str:
    return "&".join(part for part in (query, urlencode(page_pairs(page))) if part)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def calculator_url(compound: MagnesiumCompound) -> str | None:
    """The calculator, set to this form, once the site has a calculator."""
    try:
        return _with_query(reverse("comparisons:calculator"), f"form={compound.slug}")
    except NoReverseMatch:
        return None


@require_safe
def forms_table(request: HttpRequest) -> HttpResponse:
    number = requested_page(request)
    stamp, facts = table_facts()
    query = compound_query(query_key(request.GET), topics_key(facts))
    if redirect := _canonical_redirect(
        request, query.canonical_params, query.canonical_query, query.ignored, number
    ):
        return redirect
    # The matching forms' ids, in order: their count and the page's slice come from this
    # one list, and each row's HTML is kept rendered (_forms_rows).
    page = paginate(query.matching_ids(), number, FORMS_PER_PAGE)
    return render(
        request,
        "comparisons/forms_table.html",
        {
            "controls": query.controls,
            # One string, not a list to loop over: the rows are drawn already.
            "rows": mark_safe("\n".join(_forms_rows(page.object_list, stamp))),
            "count": page.paginator.count,
            "page_obj": page,
            "page_links": page_links(page, query.canonical_query),
            "total": facts["total"],
            "columns": query.columns,
            "ignored": query.ignored,
            "active_filters": query.active_filters,
            "canonical_url": request.build_absolute_uri(
                _with_query(request.path, _paged_query(query.canonical_query, number))
            ),
            "canonical_query": query.canonical_query,
            "clear_query": query.clear_query,
            "sort_label": _lower_first(query.sort_label),
        },
    )


def _forms_rows(ids: list[int], stamp: stored_pages.Stamp) -> list[SafeString]:
    """The forms table's rows for these forms, in this order. Each row is drawn once per
    content version and kept (articles/stored_pages.py); only rows not yet kept are drawn."""
    keys = {pk: f"forms-row:{pk}" for pk in ids}
    rows = stored_pages.load_many(list(keys.values()), stamp)
    if missing := [pk for pk, key in keys.items() if key not in rows]:
        drawn = {
            keys[compound.pk]: stored_pages.Page(
                render_to_string("comparisons/_forms_row.html", {"compound": compound}), {}
            )
            for compound in MagnesiumCompound.objects.filter(pk__in=missing).for_table()
        }
        stored_pages.store_many(drawn, stamp)
        rows.update(drawn)
    return [rows[key].html for key in keys.values() if key in rows]


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
        "uses": [topic.slug for topic in compound.uses.all()],
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


def _figure_sources(compound: MagnesiumCompound, citations: PageCitations) -> dict:
    return {
        "compound": compound,
        "elemental": citations.cite(compound.elemental_refs.all()),
        "bioavailability": citations.cite(compound.bioavailability_refs.all()),
        "dose": citations.cite(compound.dose_refs.all()),
    }


@require_safe
def form_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may open drafts and scheduled forms at their real URL; everyone else gets 404.
    compound = get_object_or_404(
        MagnesiumCompound.objects.visible_to(request.user)
        .with_sources()
        .prefetch_related("salts__refs"),
        slug=slug,
    )
    citations = PageCitations()
    figures = _figure_sources(compound, citations)
    salts = salt_figures(compound, citations)
    body_html = citations.renumber(compound.body_html, compound.citations)
    response = render(
        request,
        "comparisons/form_detail.html",
        {
            "compound": compound,
            "figures": figures,
            "salts": salts,
            "body_html": body_html,
            "references": citations.references(),
            "articles": compound.articles_mentioning(),
            "calculator_url": calculator_url(compound) if compound.is_public else None,
            "is_preview": not compound.is_public,
        },
    )
    if not compound.is_public:
        add_never_cache_headers(response)
    return response


@require_safe
def compare_forms(request: HttpRequest) -> HttpResponse:
    """2 to 4 forms side by side: /forms/compare/?forms=a,b (or repeated `forms`)."""
    requested = split_values(request.GET.getlist("forms"))
    context: dict = {"requested": requested, "problem": "", "unknown": [], "columns": []}
    status = 200
    if len(requested) > COMPARE_REQUEST_LIMIT:
        context["problem"] = (
            f"You can compare up to {COMPARE_MAX} forms at a time; you chose {len(requested)}."
        )
        status = 400
    elif requested:
        found = {
            c.slug: c
            for c in MagnesiumCompound.objects.published().with_sources().filter(slug__in=requested)
        }
        chosen = [found[slug] for slug in requested if slug in found]
        context["unknown"] = [slug for slug in requested if slug not in found]
        canonical = f"forms={','.join(requested)}"
        if not context["unknown"] and _query_pairs(request) != parse_qsl(canonical):
            return HttpResponseRedirect(_with_query(request.path, canonical))
        if len(chosen) < COMPARE_MIN:
            context["problem"] = f"Choose at least {COMPARE_MIN} forms to compare" + (
                f"; you chose only {chosen[0].name}." if chosen else "; none of yours exist."
            )
            status = 400
        elif len(chosen) > COMPARE_MAX:
            context["problem"] = (
                f"You can compare up to {COMPARE_MAX} forms at a time; "
                f"you chose {len(chosen)}. Untick some and compare again."
            )
            status = 400
        else:
            citations = PageCitations()
            context["columns"] = [_figure_sources(c, citations) for c in chosen]
            context["references"] = citations.references()
    if not context["columns"]:
        context["choices"] = MagnesiumCompound.objects.published().only("name", "slug")
    return render(request, "comparisons/form_compare.html", context, status=status)


@require_safe
def comparison_detail(request: HttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_rows(), slug=slug)
    # Intro, cells and closing notes were rendered one by one; number their citations as
    # a reader meets them, top to bottom.
    citations = PageCitations()
    intro_html = citations.renumber(comparison.body_html)
    rows = [
        (row.feature, [(column, citations.renumber(cell)) for column, cell in cells])
        for row, cells in comparison.table_rows()
    ]
    outro_html = citations.renumber(comparison.outro_html)
    return render(
        request,
        "comparisons/comparison_detail.html",
        {
            "comparison": comparison,
            "intro_html": intro_html,
            "rows": rows,
            "outro_html": outro_html,
            "references": citations.references(),
        },
    )


@require_safe
def food_list(request: HttpRequest) -> HttpResponse:
    number = requested_page(request)
    table = FoodFilter(_table_data(request))
    if redirect := _canonical_redirect(
        request, table.canonical_params(), table.canonical_query(), table.ignored(), number
    ):
        return redirect
    page = paginate(table.qs, number, FOODS_PER_PAGE)
    citations = PageCitations()
    daily_value_cites = citations.cite(Reference.objects.filter(key=DAILY_VALUE_REFERENCE_KEY))
    foods = [(food, citations.cite(food.refs.all())) for food in page.object_list]
    chosen_groups = table.cleaned_data["group"]
    groups = [
        (
            value,
            label,
            _with_query(
                request.path,
                table.canonical_query({**table.cleaned_data, "group": [value]}),
            ),
        )
        for value, label in FoodGroup.choices
    ]
    columns = [
        (column, label, table.query_sorted_by(column), table.sort_state(column))
        for column, label in [("name", "Food"), ("group", "Food group"), ("mg", "Magnesium")]
    ]
    return render(
        request,
        "comparisons/food_list.html",
        {
            "foods": foods,
            "page_obj": page,
            "page_links": page_links(page, table.canonical_query()),
            "columns": columns,
            "groups": groups,
            "chosen_groups": chosen_groups,
            "all_groups_url": _with_query(request.path, table.query_without("group")),
            "canonical_url": request.build_absolute_uri(
                _with_query(request.path, _paged_query(table.canonical_query(), number))
            ),
            "ignored": table.ignored(),
            "daily_value_mg": DAILY_VALUE_MG,
            "daily_value_cites": daily_value_cites,
            "references": citations.references(),
        },
    )
