"""A page whose address an editor changed answers at its old address too: 301 to where it is
now (articles/models/moved.py keeps the old addresses; LinkTarget.save records them).

So do the pages under it (its change notes). Only where the old address is otherwise a 404,
so a new page given the old address is served itself, and only to a page readers may open
now: a draft's new address is never told."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from articles.models.moved import pages_now


def moved_page_redirect(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 404 or request.method not in {"GET", "HEAD"}:
            return response
        if (now := moved_to(request.path)) is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(now + (f"?{query}" if query else ""))

    return middleware


def moved_to(path: str) -> str | None:
    """Where the page at the old address `path` is now, if readers may open it."""
    return pages_now([path]).get(path)
