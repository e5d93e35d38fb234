"""Links editors write as addresses (`[the calculator](/calculator/)`) that readers would
follow to "Page not found", found in a text's rendered HTML:

- an address of this site that no page answers (`/calculater/`), or whose page does not
  exist, is not published yet, or is the editors' admin; Django's URL resolver reads it as a
  request would, and a page with a slug is looked up by its kind, one query a kind however
  many links there are. An old address of a page whose slug changed is fine: it leads there
  (articles/moved_pages.py);
- a web address without its "https://" (`ods.od.nih.gov/…`), which browsers read as a page
  under the one it is on, and any other address not starting with "/" (`calculator/`), read
  the same way.

A site link written `[[kind:slug]]` is checked by the renderer itself; these are the others.
Each problem says what to write instead, with the nearest address of this site when one is
close. The save refuses them on a published page and warns of them on a draft
(articles/readers_problems.py).
"""

from __future__ import annotations

import difflib
import html
import re
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.urls import ResolverMatch, URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from articles.models.moved import pages_now
from articles.rendering import link_slugs, resolve_links

# An editor's link in rendered HTML: an <a> the renderer did not make itself (its internal
# links, citations and contents list have a class of their own).
EDITOR_LINK = re.compile(r"<a\b(?![^>]*\bclass=)[^>]*\bhref=\"([^\"]*)\"")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# A host name at the start of an address: "www.example.org", "ods.od.nih.gov/…".
HOST = re.compile(r"(?:[a-z0-9-]+\.)+([a-z]{2,})(?::\d+)?(?=[/?#]|$)", re.IGNORECASE)
# Endings of file names, which a relative address such as "notes.html" may end with.
FILE_ENDINGS = {"htm", "html", "php", "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "md"}
# Routes for editors only: readers get a login page or a refusal.
EDITORS_ONLY = {"markdownx_markdownify", "markdownx_upload", "password_set"}

# kind -> the model ("app.Model") whose records a page of that kind shows (links.py).
_page_models: dict[str, str] = {}


def register_pages(kind: str, model: str) -> None:
    """Pages of `kind` are records of `model`, at its get_absolute_url()."""
    _page_models[kind] = model


def _address_of(kind: str, slug: str) -> str:
    return apps.get_model(_page_models[kind])(slug=slug).get_absolute_url()


def editor_links(rendered_html: str) -> list[str]:
    """The addresses of the links an editor wrote, each once, in order."""
    return list(dict.fromkeys(map(html.unescape, EDITOR_LINK.findall(rendered_html))))


def _looks_like_host(address: str) -> bool:
    found = HOST.match(address)
    if found is None:
        return False
    after = address[found.end() : found.end() + 1]
    return (
        address.lower().startswith("www.")
        or after == "/"
        or (found.group(1).lower() not in FILE_ENDINGS)
    )


def _fixed_addresses(patterns=None, prefix: str = "/") -> list[str]:
    """The addresses of the readers' pages with no slug in them (/calculator/, /foods/)."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if "<" in route or route.startswith("^"):
            continue
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            found += _fixed_addresses(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and pattern.name not in EDITORS_ONLY:
            found.append(prefix + route)
    return found


def _route(address: str) -> tuple[str, ResolverMatch | None]:
    """The path of an address on this site as a request reads it, and the route answering
    it, if any. An address without its last "/" is sent on to the one with it
    (APPEND_SLASH)."""
    path = unquote(urlsplit(address).path)
    for tried in (path, path + "/") if settings.APPEND_SLASH else (path,):
        try:
            return tried, resolve(tried)
        except Resolver404:
            continue
    return path, None


def _for_editors(match: ResolverMatch) -> bool:
    return "admin" in match.namespaces or match.url_name in EDITORS_ONLY


def _kind_at(path: str, slug: str) -> str | None:
    """The kind of page whose address with this slug `path` is, or lies under."""
    return next((kind for kind in _page_models if path.startswith(_address_of(kind, slug))), None)


def site_link_problems(rendered_html: str, *, unpublished_ok: bool = False) -> list[str]:
    """What is wrong with each link of the HTML an editor wrote, in words. With
    `unpublished_ok`, a link to a page that exists but is not public yet passes."""
    addresses = editor_links(rendered_html)
    problems: dict[str, str] = {}
    # The links to pages that do not exist: address -> (path, kind of page or None).
    unanswered: dict[str, tuple[str, str | None]] = {}
    slugged: dict[str, dict[str, tuple[str, str]]] = {}  # kind -> address -> (path, slug)
    for address in addresses:
        if not address or address.startswith(("#", "?", "//")) or SCHEME.match(address):
            continue
        if not address.startswith("/"):
            problems[address] = _relative(address)
            continue
        if address.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            continue
        path, match = _route(address)
        if match is None:
            unanswered[address] = (path, None)
        elif _for_editors(match):
            problems[address] = (
                f"The link to “{address}” leads to the editors' admin, which readers cannot "
                "open. Link to the page readers see instead."
            )
        elif (slug := match.kwargs.get("slug")) and (kind := _kind_at(path, slug)):
            slugged.setdefault(kind, {})[address] = (path, slug)
    for kind, links in slugged.items():
        found = resolve_links(kind, {slug for _path, slug in links.values()})
        for address, (path, slug) in links.items():
            if (target := found.get(slug)) is None:
                unanswered[address] = (path, kind)
            elif not (target.public or unpublished_ok):
                problems[address] = _not_public_yet(address, kind, slug)
    # An old address of a page whose slug changed leads to it.
    moved = pages_now(path for path, _kind in unanswered.values())
    unanswered = {a: (path, kind) for a, (path, kind) in unanswered.items() if path not in moved}
    problems.update(_missing(unanswered))
    return [problems[address] for address in addresses if address in problems]


def _missing(unanswered: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    """The problems of links to pages that do not exist, each with the nearest address of
    this site: of a page of the same kind by its slug, as for a `[[kind:slug]]` link, else
    of a page with no slug."""
    fixed = _fixed_addresses() if unanswered else []
    kinds = {kind for _path, kind in unanswered.values() if kind}
    slugs = {kind: list(link_slugs(kind)) for kind in kinds}
    problems = {}
    for address, (path, kind) in unanswered.items():
        if kind:
            slug = resolve(path).kwargs["slug"]
            near = difflib.get_close_matches(slug, slugs[kind], n=1, cutoff=0.75)
            near = [_address_of(kind, nearest) for nearest in near]
        else:
            near = difflib.get_close_matches(path, fixed, n=1, cutoff=0.75)
        hint = (
            f"Did you mean {near[0]}?" if near else "Open the page you mean and copy its address."
        )
        problems[address] = (
            f"The link to “{address}” leads readers to “Page not found”: no page of this "
            f"site has that address. {hint}"
        )
    return problems


def _not_public_yet(address: str, kind: str, slug: str) -> str:
    return (
        f"The link to “{address}” leads to a page readers cannot open yet (a draft, or one "
        "scheduled for later): they would get “Page not found”. Publish that page first, or "
        f"write the link as [[{kind}:{slug}]], which shows as plain text until it is published."
    )


def _relative(address: str) -> str:
    if _looks_like_host(address):
        return (
            f"The link to “{address}” has no “https://” in front, so browsers read it as a "
            "page of this site and readers get “Page not found”. Add https:// in front: "
            f"https://{address}"
        )
    path, match = _route("/" + address)
    fixed = match is not None and not match.kwargs and not _for_editors(match)
    return (
        f"The link to “{address}” does not start with “/”, so browsers read it from the "
        "address of the page it is on and readers get “Page not found”. Start an address of "
        f"this site with “/”{f': did you mean {path}?' if fixed else ', e.g. /calculator/.'}"
    )
