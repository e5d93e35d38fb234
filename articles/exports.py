"""The answer every open-data export gives to parameters it cannot honour: a 400 naming each
problem, so data users get an error rather than rows filtered differently from what they
asked; and to a request refused before its view (a control character in the address, too
many parameters, another method), in the export's own format rather than the site's HTML
page. The bodies are public surface (docs/public-surface.md); outside checks read them."""

from django.http import HttpRequest, HttpResponse, JsonResponse

REFUSED = "Unknown parameters or values"


def ignored_problems(ignored) -> list[str]:
    """Each part of the address an export cannot honour (`Ignored`), as `problems` say it."""
    return [
        f"{item.param}{'=' + item.value if item.value else ''}: {item.reason}" for item in ignored
    ]


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


def export_error(request: HttpRequest, reason: str, status: int) -> HttpResponse | None:
    """An error at an export's address (`/forms.json`, `/evidence.csv`...) in that export's
    format: JSON as `refused_json` shapes it, with `reason` as the error and no problems of
    its parameters to list; plain text for CSV, as `refused_text`. None at any other address,
    which gets the site's page."""
    if request.path.endswith(".json"):
        return JsonResponse({"error": reason, "problems": []}, status=status)
    if request.path.endswith(".csv"):
        return HttpResponse(f"{reason}\n", status=status, content_type="text/plain; charset=utf-8")
    return None
