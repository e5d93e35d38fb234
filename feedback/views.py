"""The report form (the site's one anonymous write) and the public change lists."""

import dataclasses
import datetime as dt
from io import BytesIO
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from articles.http import allow_methods, not_for_page_cache, reader_page, reads_only
from articles.pagination import (
    PAGE_PARAM,
    canonical_page_redirect,
    page_links,
    paginate,
    requested_page,
)
from feedback.forms import ReportForm
from feedback.models import ChangeNote, Report, pages_readers_can_open
from feedback.pages import client_address_hash, page_inputs, site_page

# At most this many reports from one client address per window; then 429 (issue 24).
REPORTS_PER_WINDOW = 5
REPORT_WINDOW = dt.timedelta(hours=1)
# A report is at most 5,000 characters plus two short fields; a body far larger is not one.
MAX_REPORT_BODY = 64 * 1024
CHANGES_PER_PAGE = 50


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


def _sent_in_chunks(request: HttpRequest) -> bool:
    """A body sent without a Content-Length (`Transfer-Encoding: chunked`): gunicorn hands
    it over whole, in a wsgi.input that ends where the body does (wsgi.input_terminated),
    but Django reads Content-Length bytes of it, and so reads none."""
    return not request.META.get("CONTENT_LENGTH") and bool(
        request.META.get("wsgi.input_terminated")
    )


def _read_chunked_body(request: HttpRequest) -> None:
    """Read a body sent in chunks, up to one byte past what Django reads of a body whose
    length is given (then it is too large, and not read further), and hand it to Django as
    if its length had been sent: the size checks, the form and its security token see the
    same body either way."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_REPORT_BODY
    stream, body = request.META["wsgi.input"], bytearray()
    while len(body) <= limit and (chunk := stream.read(limit + 1 - len(body))):
        body += chunk
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = LimitedStream(BytesIO(body), len(body))  # as WSGIRequest sets it


def _body_size(request: HttpRequest) -> int:
    if _sent_in_chunks(request):
        _read_chunked_body(request)
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return len(request.body)


def _refuse_oversized(view):
    """A body over MAX_REPORT_BODY is a 413, checked before the form (and its CSRF token)
    is read: a body over Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) cannot be read
    at all, and would otherwise be a vague 400. The page it was about is named when the
    body can still be read."""

    def wrapped(request: HttpRequest) -> HttpResponse:
        size = _body_size(request) if request.method == "POST" else 0
        if size <= MAX_REPORT_BODY:
            return view(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        readable = limit is None or size <= limit
        page = site_page(request.POST.get("page")) if readable else None
        return render(request, "feedback/report_too_large.html", {"page": page}, status=413)

    return wrapped


# What a browser sends a form as; anything else (JSON, plain text) holds no form to read.
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _refuse_other_content(view):
    """A POST that is not a form (a script sending JSON, say) is a 415 that says what the
    address takes, not the "form expired" page its missing security token would give. A
    form in parts (multipart) whose parts cannot be found is a 400 that says why: it was
    Django's vague 400, logged with the parser's whole traceback."""

    def wrapped(request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return view(request)
        if request.content_type not in FORM_CONTENT_TYPES:
            return render(request, "feedback/report_not_a_form.html", status=415)
        try:
            request.POST  # noqa: B018 - read here, where an unreadable form can be answered
        except MultiPartParserError:
            wrong = (
                "its parts could not be read"
                if request.content_params.get("boundary")
                else "named no boundary between its parts"
            )
            reason = (
                "What was sent here was marked as a form in parts (multipart/form-data), "
                f"but {wrong}"
            )
            return render(
                request, "feedback/report_not_a_form.html", {"reason": reason}, status=400
            )
        return view(request)

    return wrapped


def _over_limit(address_hash: str) -> bool:
    # Counted in the database, so the limit holds across app processes without a shared cache.
    recent = Report.objects.from_address(address_hash, REPORT_WINDOW)
    return recent.count() >= REPORTS_PER_WINDOW


# In this order: the method (405), then the size (413), then what was sent (415), then the
# CSRF token (403 "form expired"), which the middleware would check first, before any of
# them, unless exempted.
@never_cache
@csrf_exempt
@allow_methods("GET", "HEAD", "POST")
@reads_only("page", "inputs")
@_refuse_oversized
@_refuse_other_content
@csrf_protect
def report(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    page = site_page(source.get("page"))
    if page is None:
        return _refuse_page(request)
    inputs = page_inputs(source.get("inputs"))
    context = {
        "page": page,
        "inputs": inputs,
        # Shown beside the box that sends them: the reader sees what goes with the report.
        "inputs_shown": [
            (name, value) for name, values in QueryDict(inputs).lists() for value in values
        ],
        "send_inputs": source.get("send_inputs") == "1",
    }
    if request.method != "POST":
        return render(request, "feedback/report.html", {**context, "form": ReportForm()})

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
    form.instance.inputs = inputs if context["send_inputs"] else ""
    form.instance.address_hash = address_hash
    form.save()
    # A fixed address of our own; the page and the reader's answers on it go along as
    # parameters (sent or not, they are the reader's way back), checked again there.
    back = {"page": page, **({"inputs": inputs} if inputs else {})}
    return redirect(f"{reverse('feedback:report_thanks')}?{urlencode(back)}")


@reader_page
@reads_only("page", "inputs")
def report_thanks(request: HttpRequest) -> HttpResponse:
    """Where a sent report lands, with the page it was about and the answers the reader had
    given there, to go back to. Opened without a page (a typed or shared address), it
    thanks no one: it says what it is for."""
    page = site_page(request.GET.get("page"))
    inputs = page_inputs(request.GET.get("inputs")) if page else ""
    response = render(request, "feedback/report_thanks.html", {"page": page, "inputs": inputs})
    # One reader's answers, or answers it could not use: not a page for the page cache to
    # keep a copy of each.
    return not_for_page_cache(response) if "inputs" in request.GET else response


def _changes_page(request: HttpRequest, notes, template: str, context: dict) -> HttpResponse:
    """A list of change notes, CHANGES_PER_PAGE a page (articles.pagination's `page`)."""
    number = requested_page(request)
    if redirect_to := canonical_page_redirect(request, number):
        return redirect_to
    page = paginate(notes, number, CHANGES_PER_PAGE)
    context |= {
        "notes": page.object_list,
        "page_obj": page,
        "page_links": page_links(page, ""),
    }
    return render(request, template, context)


@reader_page
@reads_only(PAGE_PARAM)
def changes(request: HttpRequest) -> HttpResponse:
    notes = (
        ChangeNote.objects.for_readers()
        .on_public_pages()
        .select_related("report")
        .prefetch_related("content_object")
    )
    return _changes_page(request, notes, "feedback/changes.html", {})


@reader_page
@reads_only(PAGE_PARAM)
def page_changes(request: HttpRequest, slug: str, model: str) -> HttpResponse:
    """Every reader-facing change of one published page, newest first."""
    page = get_object_or_404(pages_readers_can_open(apps.get_model(model)), slug=slug)
    notes = ChangeNote.objects.for_readers().for_object(page).select_related("report")
    return _changes_page(request, notes, "feedback/page_changes.html", {"page": page})


@dataclasses.dataclass(frozen=True)
class SharedPage:
    """A page built from every record of a kind (/foods/), as page_changes.html names it."""

    title: str
    url: str

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url


@reader_page
@reads_only(PAGE_PARAM)
def kind_changes(request: HttpRequest, model: str, title: str) -> HttpResponse:
    """Every reader-facing change of the records one page shows together (the foods table,
    the calculator's intake tables), newest first, each with the record it changed."""
    kind = apps.get_model(model)
    notes = (
        ChangeNote.objects.for_readers()
        .of_kind(kind)
        .select_related("report")
        .prefetch_related("content_object")
    )
    # Every record of the kind is on that one page: any of them gives its address.
    page = SharedPage(title, kind().get_absolute_url())
    context = {"page": page, "show_page": True}
    return _changes_page(request, notes, "feedback/page_changes.html", context)
