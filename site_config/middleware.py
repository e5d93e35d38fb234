"""Response headers Django does not set itself, and the page cache for anonymous readers."""

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles import cache_token
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


def page_cache_key(request: HttpRequest) -> str | None:
    pairs = sorted((key, value.strip()) for key, values in request.GET.lists() for value in values)
    query = urlencode(pairs)
    if len(query) > MAX_CACHED_QUERY or "\x00" in query:
        return None
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"page:{request.method}:{digest}"


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


def _lookup(key: str) -> tuple[int | None, tuple | None]:
    """The current content version and the stored entry for this key.

    With a shared cache this is one round trip (Redis MGET of the token and the page) and
    no database query; with a process-local cache the version comes from the database,
    the only place where another process's save shows.
    """
    backend = caches["default"]  # the backend itself: the `cache` proxy hides its class
    if cache_token.is_shared(backend):
        found = _cache_call(backend.get_many, [cache_token.TOKEN_KEY, key]) or {}
        version = found.get(cache_token.TOKEN_KEY)
        if version is None:
            version = _cache_call(cache_token.seed, backend)
        return version, found.get(key)
    return ContentVersion.current_fast(), _cache_call(backend.get, key)


def _fresh(entry: tuple | None, version: int | None) -> bool:
    if entry is None or version is None:
        return False
    stored_version, fresh_until = entry[:2]
    return stored_version == version and (fresh_until is None or time.time() < fresh_until)


def _next_scheduled_change() -> float | None:
    """When the next scheduled page goes public: a page stored now is stale from then on.

    ContentVersion.current() first handles a change whose time has already come (it
    re-renders pages that link to the newly public one, and bumps the version)."""
    ContentVersion.current()
    when = ContentVersion.objects.filter(pk=1).values_list("next_change_at", flat=True).first()
    return when.timestamp() if when else None


def _entry(response: HttpResponse, version: int, fresh_until: float | None) -> tuple:
    """What is stored: plain values, cheaper to pickle and unpickle than a response."""
    return (version, fresh_until, response.status_code, list(response.items()), response.content)


def _from_entry(entry: tuple) -> HttpResponse:
    _version, _fresh_until, status, headers, body = entry
    response = HttpResponse(body, status=status, headers=headers)
    response["X-Cache"] = "hit"
    return response


def anonymous_page_cache(get_response: Callable[[HttpRequest], HttpResponse]):
    """Serve public pages to anonymous readers from the cache.

    Anyone with a session cookie (editors) always gets a fresh page, as do previews and
    drafts (they are marked no-cache). Each stored page carries the content version it was
    rendered under, and the time of the next scheduled publication; it is served only while
    the version is still current and that time has not come. Every content save bumps the
    version, so no page outlives the content it shows, in any app process.

    The stored headers include those of the middleware inside this one (CSP, frame
    options...); the ones outside it (request id, SecurityMiddleware) run on every hit.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.method not in {"GET", "HEAD"}
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(CACHE_SKIP_PREFIXES)
            or (key := page_cache_key(request)) is None
        ):
            return get_response(request)
        # Read before rendering: a save during the render makes this page stale at once.
        version, entry = _lookup(key)
        if _fresh(entry, version):
            return _from_entry(entry)
        fresh_until = _next_scheduled_change()
        response = get_response(request)
        if version is not None and _cacheable(response):
            if callable(getattr(response, "render", None)):
                response.render()
            _cache_call(cache.set, key, _entry(response, version, fresh_until), CACHE_SECONDS)
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
