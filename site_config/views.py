"""Pages that compose the apps: the home page and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.models import Article, Topic
from site_config.search import search as site_search
from site_config.search import site_kinds


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    published = Article.objects.published()
    return render(
        request,
        "home.html",
        {
            "featured": published.filter(featured=True).prefetch_related("topics")[:4],
            "latest": published[:6],
            "topics": Topic.objects.filter(articles__in=published).distinct(),
        },
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    results = site_search(request.GET.get("q", ""), site_kinds())
    return render(request, "search.html", {"results": results})
