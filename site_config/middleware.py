"""Response headers Django does not set itself, and the page cache for anonymous readers."""

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
    pairs = sorted((key, value.strip()) for key, values in request.GET.lists() for value in values)
    query = urlencode(pairs)
    if len(query) > MAX_CACHED_QUERY or "\x00" in query:
        return None
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
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
        and set(_header_tokens(response.get("Vary", ""))) <= {"cookie", "accept-encoding"}
    )


def _cache_call(method, *args):
    """A cache outage (e.g. Redis down) slows pages down; it must not break them."""
    try:
        return method(*args)
    except Exception:  # the cache client's own errors vary by backend
        logger.warning("page cache unavailable", exc_info=True)
        return None


def anonymous_page_cache(get_response: Callable[[HttpRequest], HttpResponse]):
    """Serve public pages to anonymous readers from the cache.

    Anyone with a session cookie (editors) always gets a fresh page, as do previews and
    drafts (they are marked no-cache). The key includes the ContentVersion, which every
    content save bumps, so no page outlives the content it shows, in any app process.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.method not in {"GET", "HEAD"}
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(CACHE_SKIP_PREFIXES)
        ):
            return get_response(request)
        key = page_cache_key(request, ContentVersion.current())
        cached = _cache_call(cache.get, key) if key else None
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = get_response(request)
        if key and _cacheable(response):
            if callable(getattr(response, "render", None)):
                response.render()
            _cache_call(cache.set, key, response, CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response

    return middleware


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
