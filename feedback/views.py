"""The report form (the site's one anonymous write) and the public change lists."""

import datetime as dt
from urllib.parse import urlencode

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from articles.http import reader_page
from feedback.forms import ReportForm
from feedback.models import ChangeNote, Report, pages_readers_can_open
from feedback.pages import client_address_hash, site_page

# At most this many reports from one client address per window; then 429 (issue 24).
REPORTS_PER_WINDOW = 5
REPORT_WINDOW = dt.timedelta(hours=1)
# A report is at most 5,000 characters plus two short fields; a body far larger is not one.
MAX_REPORT_BODY = 64 * 1024
CHANGES_SHOWN = 50


def _refuse_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "400.html",
        {
            "reason": "A report must be about a page of this site, given by its path "
            "(for example /forms/magnesium-glycinate/). Use the “Report a problem” link "
            "at the foot of the page you want to report."
        },
        status=400,
    )


def _body_size(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return len(request.body)


def _over_limit(address_hash: str) -> bool:
    # Counted in the database, so the limit holds across app processes without a shared cache.
    recent = Report.objects.from_address(address_hash, REPORT_WINDOW)
    return recent.count() >= REPORTS_PER_WINDOW


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    page = site_page(source.get("page"))
    if page is None:
        return _refuse_page(request)
    context = {"page": page}
    if request.method != "POST":
        return render(request, "feedback/report.html", {**context, "form": ReportForm()})

    if _body_size(request) > MAX_REPORT_BODY:
        return render(request, "feedback/report_too_large.html", context, status=413)
    form = ReportForm(request.POST)
    address_hash = client_address_hash(request)
    if _over_limit(address_hash):
        context.update(form=form, rate_limited=True)
        response = render(request, "feedback/report.html", context, status=429)
        response["Retry-After"] = str(int(REPORT_WINDOW.total_seconds()))
        return response
    if not form.is_valid():
        return render(request, "feedback/report.html", {**context, "form": form}, status=400)
    form.instance.page = page
    form.instance.address_hash = address_hash
    form.save()
    # A fixed address of our own; the page goes along as a parameter, checked again there.
    return redirect(f"{reverse('feedback:report_thanks')}?{urlencode({'page': page})}")


@reader_page
def report_thanks(request: HttpRequest) -> HttpResponse:
    page = site_page(request.GET.get("page"))
    return render(request, "feedback/report_thanks.html", {"page": page})


@reader_page
def changes(request: HttpRequest) -> HttpResponse:
    notes = (
        ChangeNote.objects.for_readers()
        .on_public_pages()
        .select_related("report")
        .prefetch_related("content_object")[:CHANGES_SHOWN]
    )
    return render(request, "feedback/changes.html", {"notes": notes})


@reader_page
def page_changes(request: HttpRequest, slug: str, model: str) -> HttpResponse:
    """Every reader-facing change of one published page, newest first."""
    page = get_object_or_404(pages_readers_can_open(apps.get_model(model)), slug=slug)
    notes = ChangeNote.objects.for_readers().for_object(page).select_related("report")
    return render(request, "feedback/page_changes.html", {"page": page, "notes": notes})
