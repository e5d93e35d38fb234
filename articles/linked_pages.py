"""The pages that link to a page (`[[kind:slug]]`), for the admin (SafeEditingAdmin).

Pages show a link's title and address as they were rendered (LinkTarget). A save redraws
the pages linking to what it changed; a restored or recovered version is written by
django-reversion under the model's save, so here the admin compares what a link showed
before and after and redraws them the same way. And a page readers could open that goes
off the site (set to Draft, scheduled for later, deleted, given a new address) leaves the
published pages linking to it showing its name as plain text: the editor is told which.
"""

from __future__ import annotations

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.image_uses import Use, use_of
from articles.models import ContentLink, Publishable, refresh_pages_linking_to
from articles.rendering import LinkTarget, resolve_link

# How many linking pages a message names before counting the rest.
NAMED_IN_A_MESSAGE = 10

LinkShown = tuple[str, LinkTarget | None]


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


def linking_pages_list(pages: list[models.Model]) -> SafeString:
    """The pages as admin links, the first few by name and the rest counted."""
    uses: list[Use] = [use_of(page) for page in pages[:NAMED_IN_A_MESSAGE]]
    named = format_html_join(", ", "{}", ((use.link(),) for use in uses))
    rest = len(pages) - len(uses)
    return format_html("{} and {:,} more", named, rest) if rest else named
