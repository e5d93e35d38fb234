"""How readers' pages answer what they do not take (docs/public-surface.md, "Bad input"):
a method other than GET or HEAD (405), a parameter the page does not read (a notice), an
address the site does not have (404) and a request it cannot read (400, 413)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.log import log_response
from django.views.decorators.csrf import csrf_exempt

from articles.exports import export_error
from articles.pagination import PageNotFound, without_page

SAFE_METHODS = ("GET", "HEAD")
# The page cache (site_config.middleware) keeps no response marked with this attribute.
NOT_FOR_PAGE_CACHE = "not_for_page_cache"
# The notice lists at most this many parameters, then says how many more there were.
IGNORED_SHOWN = 10


@dataclass(frozen=True)
class Ignored:
    """A part of the address a page could not use, and why; shown to the reader. `hint` is
    for a value a page's own form can send (a grade chosen before any outcome): what to do
    instead, said beside the control, since that reader edited no link."""

    param: str
    value: str
    reason: str
    hint: str = ""


@dataclass(frozen=True)
class IgnoredParams:
    """What a page that reads few parameters left out of its address (`reads_only`), and
    its address without them, for base.html's notice."""

    items: list[Ignored | str] = field(default_factory=list)
    canonical_url: str = ""


def not_for_page_cache(response: HttpResponse) -> HttpResponse:
    """Keep this answer out of the page cache: an answer to an address with something
    ignored in it would otherwise be stored under one more key for every made-up query
    string, and anyone could fill the cache with copies of one page."""
    setattr(response, NOT_FOR_PAGE_CACHE, True)
    return response


def cache_unless_ignored(response: HttpResponse, ignored) -> HttpResponse:
    """A list page's answer, kept out of the page cache when it ignored part of its address."""
    return not_for_page_cache(response) if ignored else response


def method_not_allowed(request: HttpRequest, methods: tuple[str, ...]) -> HttpResponse:
    """405, with a page saying which methods the address takes (and the Allow header); at an
    export's address, in its format."""
    allowed = " and ".join(", ".join(methods).rsplit(", ", 1))
    reason = f"This address only answers {allowed} requests. Nothing was changed."
    response = export_error(request, reason, 405) or render(
        request, "405.html", {"methods": methods}, status=405
    )
    response["Allow"] = ", ".join(methods)
    log_response(
        "Method Not Allowed (%s): %s",
        request.method,
        request.path,
        response=response,
        request=request,
    )
    return response


def allow_methods(*methods: str) -> Callable:
    """Django's require_http_methods, with a page instead of an empty body."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in methods:
                return method_not_allowed(request, methods)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def reader_page(view):
    """GET and HEAD; any other method is a 405 that changes nothing.

    Exempt from the CSRF check, which runs before the view: without that, a POST from
    outside the site would get the 403 "form expired" page instead of the 405. The view
    refuses every method that could write, so the check has nothing to protect.
    """
    return csrf_exempt(allow_methods(*SAFE_METHODS)(view))


def reads_only(*params: str) -> Callable:
    """For a page that reads no parameter but `params` (a detail page: none at all). Any
    other is ignored, as on the lists, and the page says so with a link to its address
    without them (base.html shows `request.ignored_params`); that answer is not kept in
    the page cache (not_for_page_cache), so made-up query strings cannot fill it."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            unknown = [name for name in request.GET if name not in params]
            if not unknown:
                return view(request, *args, **kwargs)
            items: list[Ignored | str] = [
                Ignored(name[:40], request.GET.get(name, "")[:40], "not a setting of this page")
                for name in unknown[:IGNORED_SHOWN]
            ]
            if len(unknown) > IGNORED_SHOWN:
                items.append(f"And {len(unknown) - IGNORED_SHOWN} more parameters")
            kept = urlencode(
                [(name, value) for name in params for value in request.GET.getlist(name)]
            )
            address = f"{request.path}?{kept}" if kept else request.path
            request.ignored_params = IgnoredParams(items, request.build_absolute_uri(address))
            return not_for_page_cache(view(request, *args, **kwargs))

        return wrapped

    return decorator


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


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page (the site's handler400), saying what was wrong where Django's limits
    refused the request: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413, and more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters is said in numbers. Other causes are not
    named (a disallowed host, a broken cookie...): they can name the site's internals. At
    an export's address, the same words in the export's format."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        reason = f"What was sent is larger than this site accepts ({limit / 1024 / 1024:g} MB)."
        return refused(request, reason, 413, too_large=True)
    if isinstance(exception, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        reason = (
            f"The address or the form has more than {limit:,} parameters, far more than "
            "any page of this site reads."
        )
        return refused(request, reason, 400)
    return export_error(
        request, "Something in the address or the form was not valid.", 400
    ) or render(request, "400.html", status=400)


def refused(request: HttpRequest, reason: str, status: int, **context) -> HttpResponse:
    """The 400 page (or 413) saying `reason`; at an export's address, in its format."""
    return export_error(request, f"{reason} Nothing was changed.", status) or render(
        request, "400.html", {"reason": reason, **context}, status=status
    )
