"""The filtered tables: forms of magnesium (/forms/) and foods (/foods/).

Both read their GET parameters through a CanonicalFilterSet (comparisons/filters/): a query
spelled differently from its canonical form is redirected to it, and one with values the
table cannot use is answered in place, with a notice of what was ignored.
"""

from urllib.parse import parse_qsl, urlencode

from django.forms import BoundField
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render

from articles.citations import PageCitations
from articles.http import cache_unless_ignored, reader_page
from articles.models import Reference
from articles.pagination import (
    PAGE_PARAM,
    PageNotFound,
    page_links,
    page_pairs,
    paginate,
    requested_page,
)
from comparisons.filters import FoodFilter, FormsTablePage
from comparisons.filters.base import CanonicalFilterSet
from comparisons.filters.extensions import forms_table_extensions
from comparisons.models import (
    DAILY_VALUE_MG,
    DAILY_VALUE_REFERENCE_KEY,
    FoodGroup,
    MagnesiumCompound,
)
from comparisons.moved_forms import query_with_forms_now
from comparisons.views.tolerance import tolerance_legend

# Rows per page of the tables: every starter form and food fits on the first page; a much
# larger table (the synthetic data set has 500 forms) pages, with its filters kept.
FORMS_PER_PAGE = 50
FOODS_PER_PAGE = 100


def query_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)


def with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _table_data(request: HttpRequest) -> QueryDict:
    """The GET parameters a table filters and sorts by: all but the page number."""
    data = request.GET.copy()
    data.pop(PAGE_PARAM, None)
    return data


def _paged_query(query: str, page: int) -> str:
    return "&".join(part for part in (query, urlencode(page_pairs(page))) if part)


def _canonical_redirect(
    request: HttpRequest, table: CanonicalFilterSet, page: int
) -> HttpResponse | None:
    """Send a request that is valid but spelled differently to its one canonical URL (the
    page number, if not 1, comes last). A request with ignored values is answered in place,
    so the page can say what was ignored."""
    if table.ignored() or query_pairs(request) == [*table.canonical_params(), *page_pairs(page)]:
        return None
    return HttpResponseRedirect(
        with_query(request.path, _paged_query(table.canonical_query(), page))
    )


def _moved_table_url(request: HttpRequest, moved: list[tuple[str, str]]) -> str:
    """The table with the ticked forms' slugs now, at its canonical URL: one redirect, not a
    second to the canonical spelling. With something ignored (or a bad page number), the
    query as asked with the slugs swapped, for the page to answer."""
    data = QueryDict(urlencode(moved), mutable=True)
    data.pop(PAGE_PARAM, None)
    table = FormsTablePage(data)
    try:
        number = requested_page(request)
    except PageNotFound:
        number = None
    if number is None or table.ignored():
        return with_query(request.path, urlencode(moved))
    return with_query(request.path, _paged_query(table.canonical_query(), number))


def _canonical_url(request: HttpRequest, table: CanonicalFilterSet, page: int) -> str:
    return request.build_absolute_uri(
        with_query(request.path, _paged_query(table.canonical_query(), page))
    )


def _filter_controls(table: FormsTablePage) -> tuple[list[tuple[BoundField, str]], list[dict]]:
    """The filter form's controls, each with what it asked for that cannot apply (a grade
    chosen before an outcome), said beside it; and the same as notices for the results,
    where the form's answer opens. A menu or box is described by its hint and that message
    (an element left empty when there is none, which the script fills after a change)."""
    messages = table.field_messages()
    controls, notices = [], []
    for control in table.controls():
        if not control.use_fieldset:
            described = [f"{control.auto_id}_helptext"] if control.help_text else []
            control.field.widget.attrs["aria-describedby"] = " ".join(
                [*described, f"{control.auto_id}_message"]
            )
        controls.append((control, messages.get(control.name, "")))
        if control.name in messages:
            asked = table.data.get(control.name, "").strip().lower()
            notices.append(
                {
                    "id": control.auto_id,
                    "label": control.label,
                    "value": dict(control.field.choices).get(asked, asked),
                    "text": messages[control.name],
                }
            )
    return controls, notices


@reader_page
def forms_table(request: HttpRequest) -> HttpResponse:
    # A ticked form's earlier slug, as on the compare page: the same table, ticked now.
    if moved := query_with_forms_now(query_pairs(request), "forms"):
        return HttpResponsePermanentRedirect(_moved_table_url(request, moved))
    number = requested_page(request)
    table = FormsTablePage(_table_data(request))
    if redirect := _canonical_redirect(request, table, number):
        return redirect
    page = paginate(table.qs, number, FORMS_PER_PAGE)
    ticked = table.ticked()
    shown = {compound.slug for compound in page.object_list}
    # Columns other apps add (comparisons/filters/extensions.py): each row gets its cells.
    extra_columns = table.extra_columns()
    for compound in page.object_list:
        compound.extra_cells = [(column, column.cell(compound)) for column in extra_columns]
    active_filters = table.active_filters()
    # Unfiltered, the table lists every published form: its count is the total.
    if active_filters:
        total = MagnesiumCompound.objects.published().count()
    else:
        total = page.paginator.count
    sort_label = table.sort_label()
    count = page.paginator.count
    table_notes = [note for e in forms_table_extensions() for note in e.notes(table, count)]
    controls, field_messages = _filter_controls(table)
    citations = PageCitations()
    tolerance_notes = tolerance_legend(citations)
    response = render(
        request,
        "comparisons/forms_table.html",
        {
            "controls": controls,
            "compounds": page.object_list,
            "count": page.paginator.count,
            "total": total,
            "page_obj": page,
            "page_links": page_links(page, table.canonical_query()),
            "headers": table.sort_headers(),
            "ignored": table.link_ignored(),
            "field_messages": field_messages,
            "table_notes": table_notes,
            "empty_explained": any(note.explains_empty for note in table_notes),
            "active_filters": active_filters,
            "canonical_url": _canonical_url(request, table, number),
            # The page's canonical link leaves out the ticks: they are one reader's choice,
            # and the rows are the same without them.
            "canonical_link": request.build_absolute_uri(
                with_query(request.path, _paged_query(table.export_query(), number))
            ),
            "export_query": table.export_query(),
            "clear_query": table.clear_query(),
            "ticked": ticked,
            # Ticked forms this page of the table does not show (filtered out, or on
            # another page): listed under it, still ticked, so no filter loses them.
            "ticked_elsewhere": {s: name for s, name in ticked.items() if s not in shown},
            "reset_query": table.canonical_query({"forms": list(ticked)}),
            "sort_label": sort_label[:1].lower() + sort_label[1:],
            "tolerance_notes": tolerance_notes,
            "references": citations.references(),
        },
    )
    return cache_unless_ignored(response, table.ignored())


@reader_page
def food_list(request: HttpRequest) -> HttpResponse:
    number = requested_page(request)
    table = FoodFilter(_table_data(request))
    if redirect := _canonical_redirect(request, table, number):
        return redirect
    page = paginate(table.qs, number, FOODS_PER_PAGE)
    citations = PageCitations()
    daily_value_cites = citations.cite(Reference.objects.filter(key=DAILY_VALUE_REFERENCE_KEY))
    foods = [(food, citations.cite(food.refs.all())) for food in page.object_list]
    groups = [
        (
            value,
            label,
            with_query(request.path, table.canonical_query({**table.values, "group": [value]})),
        )
        for value, label in FoodGroup.choices
    ]
    response = render(
        request,
        "comparisons/food_list.html",
        {
            "foods": foods,
            "page_obj": page,
            "page_links": page_links(page, table.canonical_query()),
            "headers": table.sort_headers(),
            "groups": groups,
            "chosen_groups": table.values["group"],
            "all_groups_url": with_query(request.path, table.query_without("group")),
            "canonical_url": _canonical_url(request, table, number),
            "ignored": table.ignored(),
            "daily_value_mg": DAILY_VALUE_MG,
            "daily_value_cites": daily_value_cites,
            "references": citations.references(),
        },
    )
    return cache_unless_ignored(response, table.ignored())
