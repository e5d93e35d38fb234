"""Which pages a reader may report, and who is reporting (as a salted hash)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import models
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils.crypto import salted_hmac

from articles.moved_pages import moved_to
from articles.rendering import link_kinds, resolve_link
from feedback.models import INPUTS_MAX, PAGE_MAX

# Routes that are not readers' pages: the admin, editor endpoints, files, machine
# endpoints and feeds, and the report form itself.
NOT_PAGES = {
    "markdownx_markdownify",
    "markdownx_upload",
    "media_file",
    "healthz",
    "sitemap",
    "robots_txt",
    "feed",
}
NOT_PAGE_NAMESPACES = {"admin"}
NOT_PAGE_VIEWS = {"feedback:report", "feedback:report_thanks", "feedback:changes_feed"}


def page_inputs(value: str | None) -> str:
    """The answers a reader had given on the page (its query string), written out again
    from its parts, so that only names and values reach the admin's link; "" if there are
    none or too many to keep. Never a reason to refuse the report: the reader did not type
    them here."""
    if not value or len(value) > INPUTS_MAX:
        return ""
    try:
        inputs = QueryDict(value).urlencode()
    except TooManyFieldsSent:  # "&" a thousand times: no answers at all
        return ""
    return inputs if len(inputs) <= INPUTS_MAX else ""


def site_page(value: str | None) -> str | None:
    """`value` if it is the path of a readers' page of this site, else None.

    Only a bare path counts: never another host (`//evil.example`, `https://...`), a scheme
    (`javascript:`), a backslash that some browsers read as a slash, or a path no route
    answers. A path with a slug must name a published page; a page's address before its slug
    changed gives its address now. The result is only ever shown and linked as a path of this
    site; nothing redirects to it.
    """
    if not value or len(value) > PAGE_MAX or not value.startswith("/"):
        return None
    if value.startswith("//") or "\\" in value or any(ord(c) < 33 for c in value):
        return None
    if (here := page_at(value)) is not None:
        return here
    # An old link to a page whose slug changed: the report is about the page where it is now.
    now = moved_to(value)
    return page_at(now) if now else None


def page_at(value: str) -> str | None:
    """The path of the readers' page answering at `value` now, else None (`value` already
    holds no other host, backslash or control character)."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if (
        match.url_name in NOT_PAGES
        or NOT_PAGE_NAMESPACES & set(match.namespaces)
        or match.view_name in NOT_PAGE_VIEWS
        or parts.path.startswith(("/static/", "/media/"))
    ):
        return None
    if (slug := match.kwargs.get("slug")) is not None and not _names_a_public_page(
        slug, parts.path
    ):
        return None
    return parts.path


def _names_a_public_page(slug: str, path: str) -> bool:
    """A path with a slug is a page (or a page's change list) only if some link kind resolves
    that slug to a public page at that address."""
    for kind in link_kinds():
        target = resolve_link(kind, slug)
        if target and target.public and path.startswith(target.url.split("#")[0]):
            return True
    return False


def page_record(path: str) -> models.Model | None:
    """The record a reader's page at `path` shows (an article, a form, a topic...), found by
    the slug in the path: the page (or its list of changes) must be at the record's address.
    None for a page built from many records (the forms table, foods, the calculator)."""
    try:
        slug = resolve(path).kwargs.get("slug")
    except Resolver404:
        return None
    if slug is None:
        return None
    for model in apps.get_models():
        has_slug = any(field.name == "slug" for field in model._meta.fields)
        if not has_slug or not hasattr(model, "get_absolute_url"):
            continue
        for record in model._default_manager.filter(slug=slug):
            if path.startswith(record.get_absolute_url()):
                return record
    return None


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT says how many
    proxies in front of us each append the address they saw to X-Forwarded-For; then the
    one that many places from the right (what the first of them saw). The addresses left of
    it are whatever the client chose to send. A header shorter than that did not come
    through all the proxies: REMOTE_ADDR then, too. Also the login lockout's (django-axes)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return remote


def client_address_hash(request: HttpRequest) -> str:
    """A salted hash of the client's address: enough to count one client's reports, and
    never reversible to the address without the secret key."""
    address = client_address(request)
    return salted_hmac("feedback.report.address", address, algorithm="sha256").hexdigest()
