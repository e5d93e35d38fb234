"""Response headers Django does not set itself, and the page cache for anonymous readers."""

import contextlib
import datetime as dt
import gzip
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from importlib import import_module
from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost, TooManyFieldsSent
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.common import CommonMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.http import escape_leading_slashes
from django.utils.text import compress_string

from articles.http import NOT_FOR_PAGE_CACHE, refused
from articles.models import ContentVersion
from articles.plain_text import CONTROL as CONTROL_CHARACTERS  # all but tab and line breaks

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
# Where a cache shared by every app process (Redis) keeps the content's token: a number
# that changes whenever the content does (see announce_content_change).
TOKEN_KEY = "page-cache:content-token"
# How Django's GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def page_cache_key(request: HttpRequest) -> str | None:
    """The page's key: the same page asked with its parameters in another order shares
    one entry; an overlong query gets none. Each parameter's values stay as sent, in their
    order: a view reads the last of a repeated one (`sort=name&sort=-name` is another page
    than `sort=-name&sort=name`), and ` sleep` may be a redirect or a 404 where `sleep` is not."""
    try:
        pairs = [(key, value) for key in sorted(request.GET) for value in request.GET.getlist(key)]
    except TooManyFieldsSent:
        return None  # the view (or the 400 page) answers, uncached
    query = urlencode(pairs)
    if len(query) > MAX_CACHED_QUERY:
        return None
    try:
        # The host too: pages name their own absolute address (canonical link, structured data).
        host = request.get_host()
    except DisallowedHost:
        return None  # not one of ours: Django answers 400 further in
    digest = hashlib.sha256(f"{host}{request.path}?{query}".encode()).hexdigest()
    # "gz": entries hold a gzipped body (_entry); a new name leaves older entries unread.
    return f"page-gz:{request.method}:{digest}"


def _cache_is_shared() -> bool:
    """Local memory is one cache per process; every other backend is seen by all of them."""
    return not isinstance(caches["default"], LocMemCache)


def _header_tokens(header: str) -> list[str]:
    return [part.strip().lower() for part in header.split(",") if part.strip()]


def _cacheable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Content-Encoding")  # stored pages are gzipped here
        # An answer to an address with parameters the page ignored (articles.http).
        and not getattr(response, NOT_FOR_PAGE_CACHE, False)
        and not any(word in cache_control for word in ("no-store", "no-cache", "private"))
        # "Vary: Cookie" is fine: only requests without a session reach the cache.
        # Anything else (Accept-Encoding, Accept-Language...) would need its own key.
        and set(_header_tokens(response.get("Vary", ""))) <= {"cookie"}
    )


def _cache_call(method, *args, **kwargs):
    """A cache outage (e.g. Redis down) slows pages down; it must not break them."""
    try:
        return method(*args, **kwargs)
    except Exception:  # the cache client's own errors vary by backend
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _shared_token() -> int | None:
    """The shared cache's content token, started afresh if it was evicted (never a value
    a page was stored under before: the clock in nanoseconds)."""
    _cache_call(cache.add, TOKEN_KEY, time.time_ns(), timeout=None)
    return _cache_call(cache.get, TOKEN_KEY)


def announce_content_change(**kwargs) -> None:
    """Receiver of content_version_bumped: change the shared cache's token, which every
    process reads with the page, so none serves a page stored before the change.

    Changed twice: at once, and again when the save commits. A process that read the new
    token before the commit may have rendered the old content under it; the second change
    makes that page stale too. Incrementing (atomic in Redis) rather than setting keeps two
    concurrent saves from putting back an older token."""

    def change_token() -> None:
        try:
            cache.incr(TOKEN_KEY)
        except ValueError:  # no token yet, or evicted: start one
            _cache_call(cache.add, TOKEN_KEY, time.time_ns(), timeout=None)
        except Exception:  # the cache client's own errors vary by backend
            logger.warning("page cache unavailable", exc_info=True)

    if _cache_is_shared():
        change_token()
        transaction.on_commit(change_token)


def _keep_until(next_change_at: dt.datetime | None) -> float:
    """A page is kept until the next scheduled publication at the latest: from then on it
    may lack a page that has just gone public."""
    kept = time.time() + CACHE_SECONDS
    if next_change_at is None:
        return kept
    return min(kept, next_change_at.timestamp())


def _has_session(request: HttpRequest) -> bool:
    """Whether the request's session cookie names a session that exists (an editor's). A
    cookie that names none (expired, or made up) is no reason to skip the cache, or anyone
    could force a fresh render of every page by sending one. A session that cannot be read
    counts as one: an editor must never get a stored page."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if key is None:
        return False
    try:
        return bool(import_module(settings.SESSION_ENGINE).SessionStore(key).load())
    except Exception:  # the session store's own errors vary by backend
        logger.warning("session store unavailable", exc_info=True)
        return True


def _forget_session_cookie(request: HttpRequest) -> bool:
    """Drop a session cookie that names no session from the request, so the page is made
    (and stored) as for any anonymous reader; True if there was one."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    request.COOKIES = {
        name: value
        for name, value in request.COOKIES.items()
        if name != settings.SESSION_COOKIE_NAME
    }
    return True


def _delete_session_cookie(response: HttpResponse) -> None:
    """What SessionMiddleware sends for a cookie without a session: delete it."""
    response.delete_cookie(
        settings.SESSION_COOKIE_NAME,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


def anonymous_page_cache(get_response: Callable[[HttpRequest], HttpResponse]):
    """Serve public pages to anonymous readers from Django's cache.

    Anyone with a session (editors) always gets a fresh page, as do previews and drafts
    (they are marked no-cache); a session cookie that names no session is dropped, and its
    request served like any other. Each stored page carries the content token it was
    rendered under and is served only while the token is unchanged and the page's time
    (ten minutes, or until the next scheduled publication) has not run out. The token is
    read before rendering, so a save during the render leaves the page stale at once.

    Where the token comes from decides whether a save in one app process reaches the
    others. With local memory (one cache per process) it is the content version every
    content save bumps in the database (ContentVersion), read once per request. With a
    shared cache (Redis) it is a number in that cache that every content save changes
    (announce_content_change), read in the same round trip as the page, so a hit makes no
    database query.

    The stored headers include those of the middleware inside this one (CSP, frame
    options...); the ones outside it (request id, SecurityMiddleware) run on every hit.
    A stored page is served gzipped to browsers that accept it (all do), plain to others.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.method not in {"GET", "HEAD"}
            or request.path.startswith(CACHE_SKIP_PREFIXES)
            or (key := page_cache_key(request)) is None
            or _has_session(request)
        ):
            return get_response(request)
        stale_cookie = _forget_session_cookie(request)
        response = _cached_or_fresh(request, key, get_response)
        if stale_cookie:
            _delete_session_cookie(response)
        return response

    return middleware


def _cached_or_fresh(
    request: HttpRequest, key: str, get_response: Callable[[HttpRequest], HttpResponse]
) -> HttpResponse:
    """The stored page if it is still good, else a fresh one, stored if it may be."""
    next_change_at = None
    shared = _cache_is_shared()
    if shared:
        found = _cache_call(cache.get_many, [key, TOKEN_KEY])
        if found is None:
            # The cache is down: render the page, and wait for no more of its timeouts
            # (a second each: a Redis that hangs would cost three on every page).
            return get_response(request)
        token, entry = found.get(TOKEN_KEY), found.get(key)
        if token is None:
            token = _shared_token()
    else:
        token, next_change_at = ContentVersion.state()
        entry = _cache_call(cache.get, key)
    if entry and entry[0] == token and time.time() < entry[1]:
        return _from_entry(entry, request)
    if shared:  # a miss: the version row only for when the next page goes public
        next_change_at = ContentVersion.state()[1]
    keep_until = _keep_until(next_change_at)
    seconds = keep_until - time.time()
    if seconds < 1:
        # A scheduled page is due and `publish_scheduled` has not run yet: serve the
        # page fresh and keep nothing.
        return get_response(request)
    response = get_response(request)
    if token is not None and _cacheable(response):
        if callable(getattr(response, "render", None)):
            response.render()
        entry = _entry(response, token, keep_until)
        _cache_call(cache.set, key, entry, seconds)
        if gzipped := _accepts_gzip(request):
            response.content = entry[-1]
        _label_body(response, gzipped)
        response["X-Cache"] = "miss"
    return response


def _entry(response: HttpResponse, token: int, keep_until: float) -> tuple:
    """What is stored: plain values, cheaper to pickle and unpickle than a response, and the
    body gzipped once, as browsers ask for it: an article's 44 KB become 12 KB, in the
    cache's memory, from Redis and over the reader's connection. A cached page holds no
    secret (a response that sets a cookie is never stored), so compressing it reveals
    nothing (BREACH)."""
    gzipped = compress_string(response.content)
    return (token, keep_until, response.status_code, list(response.items()), gzipped)


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _label_body(response: HttpResponse, gzipped: bool) -> None:
    """The headers that say which body a response carries: gzipped for a client that
    accepts it, plain for any other."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))


def _from_entry(entry: tuple, request: HttpRequest) -> HttpResponse:
    _token, _keep_until, status, headers, body = entry
    gzipped = _accepts_gzip(request)
    response = HttpResponse(
        body if gzipped else gzip.decompress(body), status=status, headers=headers
    )
    _label_body(response, gzipped)
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


def _query_text(request: HttpRequest) -> str:
    """The query string decoded as request.GET decodes it: WSGI hands it over as bytes
    read as Latin-1 (an unencoded "…" arrives as three characters, one of them \x80, a
    control character), which are UTF-8, then percent-decoded."""
    raw = request.META.get("QUERY_STRING", "")
    with contextlib.suppress(UnicodeEncodeError):  # not as a WSGI server hands it over
        raw = raw.encode("iso-8859-1").decode("utf-8", errors="replace")
    return unquote_plus(raw, errors="replace")


def has_control_characters(request: HttpRequest) -> bool:
    """Whether the address holds a NUL byte or another control character (tabs and line
    breaks aside), in its path or its query. The query is read decoded as request.GET reads
    it, but whole: however many parameters it has (over Django's limit, the view or the 400
    page says so), its names and values hold what it holds."""
    return bool(
        CONTROL_CHARACTERS.search(request.path) or CONTROL_CHARACTERS.search(_query_text(request))
    )


def reject_control_characters(get_response: Callable[[HttpRequest], HttpResponse]):
    """No address may hold a NUL byte or another control character (tabs and line breaks
    aside). PostgreSQL cannot store or even compare a NUL, and the others are never typed:
    shown back in a notice, they would make the page invalid HTML. So they are refused here,
    once, with a clear 400 page, before any view sees them."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if has_control_characters(request):
            return refused(
                request,
                "The address contains a NUL character or another control character, "
                "which is never valid here.",
                400,
            )
        return get_response(request)

    return middleware


class SlashCommonMiddleware(CommonMiddleware):
    """Django's CommonMiddleware, but a request other than GET or HEAD to an address that
    lacks its final slash (a form posted to /report) is sent on with 308, which keeps the
    method and the body, instead of Django's 301, after which browsers ask again with GET
    and the form is lost (and which, with DEBUG on, is an error)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (
            request.method not in {"GET", "HEAD"}
            and response.status_code == 404
            and self.should_redirect_with_slash(request)
        ):
            path = escape_leading_slashes(request.get_full_path(force_append_slash=True))
            response = HttpResponsePermanentRedirect(path, preserve_request=True)
        return super().process_response(request, response)
