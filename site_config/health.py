"""The health check, `/healthz`: what the container's HEALTHCHECK and the load balancer ask.

It is answered by a middleware near the top of the stack, before SecurityMiddleware and
host validation: the probes come by plain HTTP to the server's own address
(`http://127.0.0.1:8000/healthz`, or the instance's IP), so with the production settings
(DJANGO_HTTPS=1, DJANGO_ALLOWED_HOSTS naming the public host names only) they would get
the https redirect or a 400 for their Host, and every server would be marked unhealthy.
Only GET and HEAD of exactly `/healthz`, with no control character in the address, are
answered there; anything else goes through the whole stack as before, where such an
address is refused (400) as it is everywhere: a probe never sends one.
"""

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.security import SecurityMiddleware
from django.views.decorators.cache import never_cache

from articles.http import reader_page
from site_config.middleware import has_control_characters, security_headers

PATH = "/healthz"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure here means "not healthy", whatever the driver raised
        return False


def _cache_ok() -> bool:
    probe = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, "1", 10)
        ok = cache.get(probe) == "1"
        cache.delete(probe)
    except Exception:  # e.g. Redis unreachable
        return False
    return ok


@never_cache
@reader_page
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the app and its database answer (docs/public-surface.md); 503 when the
    database does not. The cache is reported in the body only: it is optional, and pages
    are served without it (the page cache treats its errors as misses), so a Redis outage
    must not take every app server out of the load balancer's rotation."""
    database, cache_ok = _database_ok(), _cache_ok()
    body = {
        "database": "ok" if database else "unavailable",
        "cache": "ok" if cache_ok else "unavailable",
        "status": ("ok" if cache_ok else "degraded") if database else "error",
    }
    return JsonResponse(body, status=200 if database else 503)


def health_check(get_response: Callable[[HttpRequest], HttpResponse]):
    """Answer GET and HEAD /healthz before the https redirect and host validation, with the
    headers every response carries. SecurityMiddleware adds its headers and leaves the
    path alone: settings.SECURE_REDIRECT_EXEMPT names it."""
    answer = SecurityMiddleware(
        ContentSecurityPolicyMiddleware(XFrameOptionsMiddleware(security_headers(healthz)))
    )

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.path_info == PATH
            and request.method in {"GET", "HEAD"}
            and not has_control_characters(request)
        ):
            return answer(request)
        return get_response(request)

    return middleware
