"""Splitting long lists into pages with a `page` GET parameter, for every list on the site.

It lives on the lowest floor so the article index, topic hubs, search and the comparison
tables all share one grammar: no `page`, or an empty one (a blank box, as an empty `topic` or
`sort` is), is page 1; `page=N` (N >= 2, digits only) is page N;
`page=1` and other spellings of a valid page (`02`, empty, repeated) redirect to the one canonical
URL, so a cache holds one copy of each page; a page that is not a positive number, or lies
beyond the last page, is a 404 (PageNotFound) whose page says why and links to page 1.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponseRedirect

PAGE_PARAM = "page"
# Far beyond any real list; refusing longer numbers keeps int() cheap and OFFSET sane.
MAX_PAGE_DIGITS = 6


class PageNotFound(Http404):
    """No such page of a list. Its message is written for readers: the 404 page shows it,
    with a link to the list's first page (articles.http.page_not_found)."""


def requested_page(request: HttpRequest) -> int:
    """The page number asked for (1 when none is, or an empty one); Http404 when it is not a
    positive number."""
    values = request.GET.getlist(PAGE_PARAM)
    raw = values[-1].strip() if values else ""
    if not raw:
        return 1
    if not raw.isdecimal() or not raw.isascii() or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
        raise PageNotFound("Page numbers are whole numbers from 1.")
    return int(raw)


def page_pairs(number: int) -> list[tuple[str, str]]:
    """The canonical `page` parameter: none for page 1."""
    return [] if number == 1 else [(PAGE_PARAM, str(number))]


def is_canonical_page(request: HttpRequest, number: int) -> bool:
    return request.GET.getlist(PAGE_PARAM) == [value for _name, value in page_pairs(number)]


def without_page(request: HttpRequest) -> list[tuple[str, str]]:
    """The request's query parameters except `page`, in their order."""
    return [
        (key, value) for key, values in request.GET.lists() if key != PAGE_PARAM for value in values
    ]


def redirect_to_page(request: HttpRequest, query: str, number: int) -> HttpResponseRedirect:
    """Redirect to `query` (already canonical, without `page`) at page `number`."""
    full = "&".join(part for part in (query, urlencode(page_pairs(number))) if part)
    return HttpResponseRedirect(f"{request.path}?{full}" if full else request.path)


def canonical_page_redirect(request: HttpRequest, number: int) -> HttpResponseRedirect | None:
    """For lists whose other parameters need no canonical form: send `page=1`, `page=02` and
    repeated pages to the canonical URL, keeping every other parameter as it came."""
    if is_canonical_page(request, number):
        return None
    return redirect_to_page(request, urlencode(without_page(request)), number)


def paginate(items, number: int, per_page: int) -> Page:
    """Page `number` of `items`; Http404 beyond the last page (page 1 of nothing is fine)."""
    paginator = Paginator(items, per_page)
    if number > paginator.num_pages:
        pages = paginator.num_pages
        raise PageNotFound(f"This list has {pages} page{'' if pages == 1 else 's'}.")
    return paginator.page(number)


def page_links(page: Page, query: str) -> dict[str, str | None]:
    """The query strings (with a leading "?", or "" for the bare path) of the previous and
    next pages, keeping `query`, the list's other parameters in canonical form."""

    def link(number: int) -> str:
        full = "&".join(part for part in (query, urlencode(page_pairs(number))) if part)
        return f"?{full}" if full else ""

    return {
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "next": link(page.next_page_number()) if page.has_next() else None,
    }
