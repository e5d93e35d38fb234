"""The pages that link to a page (`[[kind:slug]]`), for the admin (SafeEditingAdmin).

Pages show a link's title and address as they were rendered (LinkTarget). A save redraws
the pages linking to what it changed; a restored or recovered version is written by
django-reversion under the model's save, so here the admin compares what a link showed
before and after and redraws them the same way. And a page readers could open that goes
off the site (set to Draft, scheduled for later, deleted, given a new address) leaves the
published pages linking to it showing its name as plain text: the editor is told which, and
which of the site's own pages link to it in their templates (articles/fixed_links.py: they
show the words without the link too, until it is public again; a new address they follow).
"""

from __future__ import annotations

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.fixed_links import SitePage, site_pages_linking_to, site_pages_linking_to_records
from articles.image_uses import use_of
from articles.models import ContentLink, Publishable, refresh_pages_linking_to
from articles.rendering import LinkTarget, resolve_link

# How many linking pages a message names before counting the rest.
NAMED_IN_A_MESSAGE = 10

LinkShown = tuple[str, LinkTarget | None]
# A record whose text links to a page, or a site page whose template does.
LinkingPage = models.Model | SitePage


def link_shown(model: type[models.Model], pk) -> LinkShown | None:
    """What a link to this record shows: its slug and what the slug resolves to (title,
    address, public or not); None for a record that is not there or cannot be linked to."""
    kind = getattr(model, "LINK_KIND", None)
    if not kind:
        return None
    slug = model._default_manager.filter(pk=pk).values_list("slug", flat=True).first()
    return None if slug is None else (slug, resolve_link(kind, slug))


def redraw_if_changed(model: type[models.Model], before: LinkShown | None, after) -> None:
    """Redraw the pages linking to the record if what a link to it shows has changed."""
    if before == after:
        return
    slugs = {shown[0] for shown in (before, after) if shown is not None}
    refresh_pages_linking_to(model.LINK_KIND, slugs)


def public_pages_linking_to(kind: str, slugs: set[str]) -> list[models.Model]:
    """The pages readers can open whose text links to these targets."""
    sources: dict[type[models.Model], set[int]] = {}
    for link in ContentLink.objects.filter(kind=kind, slug__in=slugs).select_related("source_type"):
        if model := link.source_type.model_class():
            sources.setdefault(model, set()).add(link.source_id)
    pages = []
    for model, pks in sources.items():
        found = model._default_manager.filter(pk__in=pks)
        pages += [page for page in found if not isinstance(page, Publishable) or page.is_public]
    return pages


def page_link(page: LinkingPage) -> SafeString:
    """A record as an admin link to it; a site page by name and address."""
    return page.link() if isinstance(page, SitePage) else use_of(page).link()


def linking_pages_list(pages: list[LinkingPage]) -> SafeString:
    """The pages as links: the site pages (a few at most) each by name, then the first few
    records by name and the rest counted."""
    site = [page for page in pages if isinstance(page, SitePage)]
    records = [page for page in pages if not isinstance(page, SitePage)]
    shown = site + records[:NAMED_IN_A_MESSAGE]
    named = format_html_join(", ", "{}", ((page_link(page),) for page in shown))
    rest = len(pages) - len(shown)
    return format_html("{} and {} more", named, f"{rest:,}") if rest else named


def pages_linking_to_record(obj: models.Model, slug: str | None = None) -> list[models.Model]:
    """The pages readers can open that link to this record (at `slug`, else its own), not
    counting the record itself, in the order of their names."""
    kind = getattr(obj, "LINK_KIND", None)
    if not kind:
        return []
    return _named_order(
        page for page in public_pages_linking_to(kind, {slug or obj.slug}) if page != obj
    )


def pages_unlinked_by(obj: models.Model) -> list[LinkingPage]:
    """The pages whose links to this record, public now, show as plain text once readers
    cannot open it: the site pages whose templates link to it, then the records that do."""
    return [*_site_pages_linking_to([obj]), *pages_linking_to_record(obj)]


def pages_linking_to_records(objs) -> list[LinkingPage]:
    """The same for several records at once (a bulk delete): each page once, a query or two
    a kind of record, and none of the records themselves; the site pages linking to those of
    them readers can open first."""
    objs = list(objs)
    slugs: dict[str, set[str]] = {}
    for obj in objs:
        if kind := getattr(obj, "LINK_KIND", None):
            slugs.setdefault(kind, set()).add(obj.slug)
    pages = {page for kind, each in slugs.items() for page in public_pages_linking_to(kind, each)}
    return [*_site_pages_linking_to(objs), *_named_order(pages - set(objs))]


def _site_pages_linking_to(objs: list[models.Model]) -> list[SitePage]:
    """The site pages linking to those of the records readers can open (a draft's name is
    plain text there already)."""
    return site_pages_linking_to_records(
        obj for obj in objs if getattr(obj, "LINK_KIND", None) and getattr(obj, "is_public", True)
    )


def _site_pages_note(pages: list[LinkingPage]) -> str:
    if not any(isinstance(page, SitePage) for page in pages):
        return ""
    return " The site's own pages among them link to it again once readers can open it."


def _named_order(pages) -> list[models.Model]:
    return sorted(pages, key=lambda page: (page._meta.verbose_name, str(page)))


def stored_link_state(obj: models.Model) -> tuple[str, bool] | None:
    """Before a save: the stored record's address (slug) and whether readers could open it."""
    if not getattr(obj, "LINK_KIND", None) or obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if stored is None else (stored.slug, getattr(stored, "is_public", True))


def unlinked_by_save(obj: models.Model, before: tuple[str, bool] | None) -> SafeString | None:
    """After a save: the warning for a page readers could open that they no longer can, or
    that moved, naming the published pages whose links to it now show as plain text."""
    if before is None or not before[1]:
        return None
    slug, _was_public = before
    if getattr(obj, "is_public", True):
        if obj.slug == slug:
            return None
        pages = pages_linking_to_record(obj, slug)
        if not pages:
            return None
        return format_html(
            "This page has a new address, and published pages link to its old one, {}: "
            "there readers now see it as plain text. Change each link to {}: {}.",
            f"[[{obj.LINK_KIND}:{slug}]]",
            f"[[{obj.LINK_KIND}:{obj.slug}]]",
            linking_pages_list(pages),
        )
    # At the address it had before this save, or at an earlier one (a declared page moved).
    before_save = site_pages_linking_to([(obj.LINK_KIND, slug)])
    site_pages = list(dict.fromkeys([*before_save, *site_pages_linking_to_records([obj])]))
    if pages := [*site_pages, *pages_linking_to_record(obj, slug)]:
        return format_html(
            "Readers can no longer open this page, and published pages link to it: there "
            "they now see its name as plain text. Take the link out of each, or publish this "
            "page again: {}.{}",
            linking_pages_list(pages),
            _site_pages_note(pages),
        )
    return None


def unlinked_by_delete(obj: models.Model, pages: list[models.Model]) -> SafeString | None:
    """After a delete: the warning naming the published pages that linked to it."""
    if not pages:
        return None
    return format_html(
        "Published pages linked to “{}”: there readers now see its name as plain text. Take "
        "the link out of each, or recover the page (“Recover deleted {}” on its list): {}.{}",
        obj,
        obj._meta.verbose_name_plural,
        linking_pages_list(pages),
        _site_pages_note(pages),
    )
