"""Response headers Django does not set itself, and the page cache for anonymous readers."""

import datetime as dt
import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from articles.models import ContentVersion

logger = logging.getLogger(__name__)

# The site uses no camera, microphone, location or payment APIs; say so to the browser.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


CACHE_SKIP_PREFIXES = ("/admin/", "/markdownx/", "/media/", "/static/", "/healthz")
CACHE_SECONDS = 600
# Queries longer than this are served but not cached, which bounds the number of keys a
# crawler or an attacker can create.
MAX_CACHED_QUERY = 300


def page_cache_key(request: HttpRequest, version: int) -> str | None:
    """The page's key under this content version: the same page asked with its parameters
    in another order shares one entry; an overlong query gets none."""
    pairs = sorted((key, value.strip()) for key, values in request.GET.lists() for value in values)
    query = urlencode(pairs)
    if len(query) > MAX_CACHED_QUERY:
        return None
    try:
        # The host too: pages name their own absolute address (canonical link, structured data).
        host = request.get_host()
    except DisallowedHost:
        return None  # not one of ours: Django answers 400 further in
    digest = hashlib.sha256(f"{host}{request.path}?{query}".encode()).hexdigest()
    return f"page:{version}:{request.method}:{digest}"


def _header_tokens(header: str) -> list[str]:
    return [part.strip().lower() for part in header.split(",") if part.strip()]


def _cacheable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("no-store", "no-cache", "private"))
        # "Vary: Cookie" is fine: only requests without a session cookie reach the cache.
        # Anything else (Accept-Encoding, Accept-Language...) would need its own key.
        and set(_header_tokens(response.get("Vary", ""))) <= {"cookie"}
    )


def _cache_call(method, *args):
    """A cache outage (e.g. Redis down) slows pages down; it must not break them."""
    try:
        return method(*args)
    except Exception:  # the cache client's own errors vary by backend
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _seconds_to_keep(next_change_at: dt.datetime | None) -> float:
    """A page is kept until the next scheduled publication at the latest: from then on it
    may lack a page that has just gone public."""
    if next_change_at is None:
        return CACHE_SECONDS
    return min(CACHE_SECONDS, (next_change_at - timezone.now()).total_seconds())


def anonymous_page_cache(get_response: Callable[[HttpRequest], HttpResponse]):
    """Serve public pages to anonymous readers from Django's cache.

    Anyone with a session cookie (editors) always gets a fresh page, as do previews and
    drafts (they are marked no-cache). Pages are keyed by URL and the content version,
    which every content save bumps in the database (ContentVersion): reading it once per
    request is what lets a save in one app process make cached pages stale in all of them,
    with a cache in local memory (one per process) as with Redis. A page is kept no longer
    than until the next scheduled publication. Reading the version before rendering means
    a save during the render leaves the page under the old, no longer used, version.

    The stored headers include those of the middleware inside this one (CSP, frame
    options...); the ones outside it (request id, SecurityMiddleware) run on every hit.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.method not in {"GET", "HEAD"}
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(CACHE_SKIP_PREFIXES)
        ):
            return get_response(request)
        version, next_change_at = ContentVersion.state()
        seconds = _seconds_to_keep(next_change_at)
        if seconds < 1 or (key := page_cache_key(request, version)) is None:
            # A scheduled page is due and `publish_scheduled` has not run yet, or the
            # query is too long to keep: serve the page fresh and keep nothing.
            return get_response(request)
        if entry := _cache_call(cache.get, key):
            return _from_entry(entry)
        response = get_response(request)
        if _cacheable(response):
            if callable(getattr(response, "render", None)):
                response.render()
            _cache_call(cache.set, key, _entry(response), seconds)
            response["X-Cache"] = "miss"
        return response

    return middleware


def _entry(response: HttpResponse) -> tuple:
    """What is stored: plain values, cheaper to pickle and unpickle than a response."""
    return (response.status_code, list(response.items()), response.content)


def _from_entry(entry: tuple) -> HttpResponse:
    status, headers, body = entry
    response = HttpResponse(body, status=status, headers=headers)
    response["X-Cache"] = "hit"
    return response


REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id(get_response: Callable[[HttpRequest], HttpResponse]):
    """Give every request an id (a load balancer's X-Request-ID if it sent a sane one) and
    return it in the response, where gunicorn's access log picks it up."""

    def middleware(request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        response = get_response(request)
        response["X-Request-ID"] = request.id
        return response

    return middleware


def reject_nul_bytes(get_response: Callable[[HttpRequest], HttpResponse]):
    """No reader input may contain a NUL byte: PostgreSQL cannot store or even compare one,
    so it is refused here, once, with a clear 400 page, before any view sees it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return render(
                request,
                "400.html",
                {"reason": "The address contains a NUL character, which is never valid here."},
                status=400,
            )
        return get_response(request)

    return middleware
