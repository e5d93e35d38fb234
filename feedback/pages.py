"""Which pages a reader may report, and who is reporting (as a salted hash)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.crypto import salted_hmac

from articles.rendering import link_kinds, resolve_link
from feedback.models import PAGE_MAX

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


def site_page(value: str | None) -> str | None:
    """`value` if it is the path of a readers' page of this site, else None.

    Only a bare path counts: never another host (`//evil.example`, `https://...`), a scheme
    (`javascript:`), a backslash that some browsers read as a slash, or a path no route
    answers. A path with a slug must name a published page. The result is only ever shown
    and linked as a path of this site; nothing redirects to it.
    """
    if not value or len(value) > PAGE_MAX or not value.startswith("/"):
        return None
    if value.startswith("//") or "\\" in value or any(ord(c) < 33 for c in value):
        return None
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


def client_address_hash(request: HttpRequest) -> str:
    """A salted hash of the client's address: enough to count one client's reports, and
    never reversible to the address without the secret key.

    REMOTE_ADDR: the settings name no trusted proxy, and a forwarded-for header is written by
    the client unless a proxy we trust overwrites it. Behind a load balancer that does not
    pass the client address through (e.g. PROXY protocol to gunicorn), every reader shares
    the balancer's address and so one limit.
    """
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("feedback.report.address", address, algorithm="sha256").hexdigest()
