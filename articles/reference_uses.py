"""Where a reference holds up what readers see, so that deleting it is refused while it does
(ReferenceAdmin): a published page citing its key as `[@key]` in its text (the database keeps
no row for such a citation, so Django's delete page never saw it), and whatever the apps above
register (`register_reference_use`): a public evidence grade or medicine rule citing it alone."""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.image_uses import Use, use_of
from articles.models import Publishable, PublishStatus, Reference, RenderedMarkdownModel

ReferenceUse = Callable[[Reference], list[Use]]
# Each finder with what its records make of the reference ("is the only source of").
_registered: dict[ReferenceUse, str] = {}


def register_reference_use(finder: ReferenceUse, relation: str) -> None:
    """An app above this one names the records deleting a reference would break."""
    _registered[finder] = relation


def published_pages_citing(reference: Reference) -> list[models.Model]:
    """Pages readers see (or will, once their date comes) whose text cites the key. A draft
    is left out: its next save names the deleted key."""
    pages = []
    for model in apps.get_models():
        if not issubclass(model, RenderedMarkdownModel):
            continue
        queryset = model._default_manager.all()
        if issubclass(model, Publishable):
            queryset = queryset.filter(status=PublishStatus.PUBLISHED)
        # The stored list of keys, read as text: JSON containment is not on SQLite. The
        # quotes keep "kirkland-2018" from matching "kirkland-2018b"; the list decides.
        holding = queryset.alias(keys=Cast("citations", models.TextField())).filter(
            keys__contains=f'"{reference.key}"'
        )
        pages += [page for page in holding if reference.key in page.citations]
    return pages


def uses_of(reference: Reference) -> list[tuple[str, Use]]:
    """Each record readers see the reference hold up, with how ("is cited in")."""
    uses = [("is cited in", use_of(page)) for page in published_pages_citing(reference)]
    for finder, relation in _registered.items():
        uses += [(relation, use) for use in finder(reference)]
    return uses


def reference_uses(reference: Reference) -> list[SafeString]:
    """Each record deleting the reference would break for readers, as a line of the delete
    page: "kirkland-2018: … is cited in Article “…”", linked to the record."""
    return [
        format_html("{} {} {}", reference, relation, use.link())
        for relation, use in uses_of(reference)
    ]
