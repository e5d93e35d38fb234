"""The answer every open-data export gives to parameters it cannot honour: a 400 naming each
problem, so data users get an error rather than rows filtered differently from what they
asked. The bodies are public surface (docs/public-surface.md); outside checks read them."""

from django.http import HttpResponse, JsonResponse

REFUSED = "Unknown parameters or values"


def refused_json(problems: list[str]) -> JsonResponse:
    """`{"error": ..., "problems": [...]}`, for the JSON exports."""
    return JsonResponse({"error": f"{REFUSED}.", "problems": problems}, status=400)


def refused_text(problems: list[str]) -> HttpResponse:
    """Plain text, for the CSV exports: the same words, then one problem a line."""
    return HttpResponse(
        f"{REFUSED}:\n" + "\n".join(problems),
        status=400,
        content_type="text/plain; charset=utf-8",
    )
