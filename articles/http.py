"""Readers' pages answer GET and HEAD only (docs/public-surface.md, "Bad input"); the page
a reader gets for an address the site does not have."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from articles.pagination import PageNotFound, without_page


def reader_page(view):
    """GET and HEAD; any other method is a 405 that changes nothing.

    Exempt from the CSRF check, which runs before the view: without that, a POST from
    outside the site would get the 403 "form expired" page instead of the 405. The view
    refuses every method that could write, so the check has nothing to protect.
    """
    return csrf_exempt(require_safe(view))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page (the site's handler404). For a list's page that does not exist it says
    why ("This list has 2 pages.") and links to the list's first page, with its filters;
    other 404s say nothing of their cause, which can name the site's internals."""
    context = {}
    if isinstance(exception, PageNotFound):
        query = urlencode(without_page(request))
        context = {
            "reason": str(exception),
            "first_page": f"{request.path}?{query}" if query else request.path,
        }
    return render(request, "404.html", context, status=404)
