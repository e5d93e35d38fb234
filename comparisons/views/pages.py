"""A form's page, forms side by side, and the other comparison tables."""

import re
from urllib.parse import parse_qsl

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers

from articles.citations import PageCitations
from articles.http import Ignored, IgnoredParams, not_for_page_cache, reader_page, reads_only
from comparisons.filters import FormsTablePage, split_values
from comparisons.models import Comparison, MagnesiumCompound, Route
from comparisons.moved_forms import moved_forms
from comparisons.views.salts import salt_figures
from comparisons.views.tables import query_pairs, with_query
from comparisons.views.tolerance import ToleranceSources, tolerance_note, tolerance_sources

COMPARE_MIN, COMPARE_MAX = 2, 4
# More slugs than this are refused before any query is made.
COMPARE_REQUEST_LIMIT = 20


def calculator_url(compound: MagnesiumCompound) -> str | None:
    """The calculator, set to this form, once the site has a calculator."""
    try:
        return with_query(reverse("comparisons:calculator"), f"form={compound.slug}")
    except NoReverseMatch:
        return None


def _figure_sources(
    compound: MagnesiumCompound, citations: PageCitations, tolerance: ToleranceSources
) -> dict:
    """A form's figures' sources, numbered in the order its page shows them."""
    return {
        "compound": compound,
        "elemental": citations.cite(compound.elemental_refs.all()),
        "bioavailability": citations.cite(compound.bioavailability_refs.all()),
        "tolerance": tolerance_note(compound.tolerance, tolerance, citations),
        # A dose cleared from the form keeps its sources; they back nothing readers see.
        "dose": citations.cite(compound.dose_refs.all()) if compound.has_dose else [],
    }


# A sentence ends at . ! or ? (a closing bracket or quote may follow) before a capital.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|(?<=[.!?][)\u201d'\"])\s+(?=[A-Z])")


def shared_sentences(texts: list[str]) -> tuple[str, list[str]]:
    """The sentences every text has, in the first text's order, and what is left of each:
    the compare page says the cautions the forms share once, and each column only its own."""
    split = [[part for part in SENTENCE_END.split(text.strip()) if part] for text in texts]
    shared = [s for s in split[0] if all(s in others for others in split[1:])] if split else []
    return " ".join(shared), [" ".join(s for s in own if s not in shared) for own in split]


@reader_page
@reads_only()
def form_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may open drafts and scheduled forms at their real URL; everyone else gets 404.
    compound = get_object_or_404(
        MagnesiumCompound.objects.visible_to(request.user)
        .with_sources()
        .prefetch_related("salts__refs"),
        slug=slug,
    )
    citations = PageCitations()
    figures = _figure_sources(compound, citations, tolerance_sources([compound.tolerance]))
    salts = salt_figures(compound, citations)
    # Cited after the salts, as the page shows them; prefetched with the form (with_sources).
    preparations = [(p, citations.cite(p.refs.all())) for p in compound.preparations.all()]
    cautions = citations.cite(compound.cautions_refs.all())  # shown after the preparations
    body_html = citations.renumber(compound.body_html, compound.citations)
    response = render(
        request,
        "comparisons/form_detail.html",
        {
            "compound": compound,
            "figures": figures,
            "salts": salts,
            "preparations": preparations,
            "cautions": cautions,
            "routes": [(route, Route(route).label) for route in compound.routes()],
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


def _table_left(request: HttpRequest) -> FormsTablePage:
    """The forms table as the reader left it: its Compare button sends the table's filters
    and sort along with the ticks, and the way back restores them, ticks and all."""
    return FormsTablePage(request.GET.copy())


def _ignored_here(table: FormsTablePage) -> list[Ignored]:
    """What the compare page leaves out of its address, in the table's words: values the
    table would ignore, and parameters neither page reads (a table's page number too). A
    form we do not have is said apart, above the columns."""
    return [item for item in table.ignored() if item.param != "forms"]


def _compare_query(slugs: list[str], table: FormsTablePage) -> str:
    """The forms in the reader's order (the columns' order), then the table's filters."""
    forms = f"forms={','.join(slugs)}" if slugs else ""
    return "&".join(part for part in (forms, table.export_query()) if part)


@reader_page
def compare_forms(request: HttpRequest) -> HttpResponse:
    """2 to 4 forms side by side: /forms/compare/?forms=a,b (or repeated `forms`), with the
    forms table's filters and sort if the table's Compare button sent them."""
    requested = split_values(request.GET.getlist("forms"))
    context: dict = {"requested": requested, "problem": "", "unknown": [], "columns": []}
    # Far too many slugs are refused before any query; the table's filters take one.
    table = None if len(requested) > COMPARE_REQUEST_LIMIT else _table_left(request)
    context["table_query"] = table.canonical_query() if table else ""
    # The chooser, shown again after a refusal, sends them on as hidden fields.
    context["table_fields"] = parse_qsl(table.export_query()) if table else []
    ignored = _ignored_here(table) if table else []
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
        if moved := moved_forms(context["unknown"]):  # a form's earlier address, kept
            query = request.GET.copy()
            query.setlist("forms", [",".join(moved.get(slug, slug) for slug in requested)])
            return HttpResponsePermanentRedirect(with_query(request.path, query.urlencode()))
        canonical = _compare_query(requested, table)
        # Only to a page that will answer: "oxide,oxide" is refused here, not sent on to
        # "oxide" and refused there.
        if (
            not context["unknown"]
            and COMPARE_MIN <= len(chosen) <= COMPARE_MAX
            and query_pairs(request) != parse_qsl(canonical)
        ):
            return HttpResponseRedirect(with_query(request.path, canonical))
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
            tolerance = tolerance_sources(c.tolerance for c in chosen)
            context["columns"] = [_figure_sources(c, citations, tolerance) for c in chosen]
            shared, own = shared_sentences([c.cautions for c in chosen])
            context["shared_cautions"] = shared
            # The cautions are the last rows: their sources are numbered after the rest. A
            # column cites its form's sources beside its own sentences; the shared row, all.
            refs = [list(c.cautions_refs.all()) for c in chosen]
            for column, cautions, column_refs in zip(context["columns"], own, refs, strict=True):
                column["cautions_text"] = cautions
                column["cautions"] = citations.cite(column_refs) if cautions else []
            every = list(dict.fromkeys(ref for column_refs in refs for ref in column_refs))
            context["shared_cautions_cites"] = citations.cite(every) if shared else []
            context["compounds"] = chosen
            context["references"] = citations.references()
    elif not ignored and query_pairs(request) != parse_qsl(table.export_query()):
        # The chooser's filters spelt another way than the table's own (or an empty
        # `forms`): one address for it, as for the table, and one copy in the page cache.
        return HttpResponseRedirect(with_query(request.path, table.export_query()))
    # Search engines are pointed at the forms compared, in the columns' order; the table's
    # filters only restore the way back, as the table's canonical link leaves out its ticks.
    compared = [column["compound"].slug for column in context["columns"]]
    context["canonical_url"] = request.build_absolute_uri(
        with_query(request.path, f"forms={','.join(compared)}" if compared else "")
    )
    if not context["columns"]:
        context["choices"] = (
            MagnesiumCompound.objects.published().alphabetical().only("name", "slug")
        )
    if ignored:  # said as the pages that read no parameters say it (base.html)
        known = [slug for slug in requested if slug not in context["unknown"]]
        address = with_query(request.path, _compare_query(known, table))
        request.ignored_params = IgnoredParams(ignored, request.build_absolute_uri(address))
    response = render(request, "comparisons/form_compare.html", context, status=status)
    # An answer that left part of its address out is not stored: made-up query strings
    # (unknown forms included) would each add a copy of the page to the cache.
    return not_for_page_cache(response) if ignored or context["unknown"] else response


@reader_page
@reads_only()
def comparison_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may open a draft or scheduled table at its real URL; everyone else gets 404.
    comparison = get_object_or_404(
        Comparison.objects.visible_to(request.user).with_rows(), slug=slug
    )
    # Intro, cells and closing notes were rendered one by one; number their citations as
    # a reader meets them, top to bottom.
    citations = PageCitations()
    intro_html = citations.renumber(comparison.body_html)
    rows = [
        (row.feature, [(column, citations.renumber(cell)) for column, cell in cells])
        for row, cells in comparison.table_rows()
    ]
    outro_html = citations.renumber(comparison.outro_html)
    response = render(
        request,
        "comparisons/comparison_detail.html",
        {
            "comparison": comparison,
            "intro_html": intro_html,
            "rows": rows,
            "outro_html": outro_html,
            "references": citations.references(),
            "is_preview": not comparison.is_public,
        },
    )
    if not comparison.is_public:
        add_never_cache_headers(response)
    return response
