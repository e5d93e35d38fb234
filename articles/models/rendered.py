"""Markdown bodies rendered and sanitised on save, their citations and internal links."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from markdownx.models import MarkdownxField

from articles.link_shapes import shape_problem
from articles.models.moved import MovedPage
from articles.models.publishing import (
    ContentVersion,
    EditTracked,
    Publishable,
    PublishStatus,
    batching_content_changes,
    publishable_models,
)
from articles.models.references import Reference, what_became_of
from articles.readers_problems import readers_problems
from articles.rendering import (
    LINK_RE,
    Rendered,
    link_kinds,
    link_slugs,
    render_markdown,
    resolve_link,
    resolve_links,
)


class ContentLinkQuerySet(models.QuerySet):
    def to(self, kind: str, slug: str) -> ContentLinkQuerySet:
        return self.filter(kind=kind, slug=slug)

    def from_model(self, model: type[models.Model]) -> ContentLinkQuerySet:
        return self.filter(source_type=ContentType.objects.get_for_model(model))


class ContentLink(models.Model):
    """An internal link `[[kind:slug]]` written in a body, stored when the body is saved so
    every page can list what links to it without scanning text."""

    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    kind = models.CharField(max_length=20)
    slug = models.SlugField(max_length=200)

    objects = ContentLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind", "slug"], name="content_link_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "slug"], name="content_link_target")]

    def __str__(self) -> str:
        return f"{self.source_type.model} {self.source_id} -> {self.kind}:{self.slug}"


class LinkTarget(models.Model):
    """A record pages can link to as `[[LINK_KIND:slug]]`. Pages show a link's title and
    address as they were when rendered, so a save that changes what a link shows (a new
    name or slug, publishing or unpublishing) or a delete draws the pages that link to it
    again. Bulk writes (batched_content_changes) re-render once at their end instead."""

    # The `[[kind:slug]]` kind that links to this model, if any.
    LINK_KIND: ClassVar[str | None] = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        watching = bool(self.LINK_KIND) and not batching_content_changes()
        previous_slug = shown_before = moved_from = None
        if watching and self.pk:
            previous_slug = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("slug", flat=True)
                .first()
            )
            if previous_slug is not None:
                shown_before = resolve_link(self.LINK_KIND, previous_slug)
            if previous_slug not in (None, self.slug):
                moved_from = type(self)._default_manager.get(pk=self.pk).get_absolute_url()
        super().save(*args, **kwargs)
        if moved_from and moved_from != self.get_absolute_url():
            MovedPage.record(self, moved_from)
        # Most saves (a summary, a body, a figure) leave the link's title, address and public
        # state as they were; then the pages linking here need not be drawn again.
        if watching and (
            self.slug != previous_slug or resolve_link(self.LINK_KIND, self.slug) != shown_before
        ):
            refresh_pages_linking_to(self.LINK_KIND, {self.slug, previous_slug} - {None})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        if self.LINK_KIND:
            refresh_pages_linking_to(self.LINK_KIND, {self.slug})
        return result


class RenderedMarkdownModel(LinkTarget, EditTracked):
    """A model with a Markdown `body` whose sanitised HTML is rendered on save and stored.

    Pages never render Markdown per request; `python manage.py rerender_content` refreshes
    every stored body after the renderer changes. The internal links of a body are stored as
    `ContentLink`s; a model that can be linked to names its `LINK_KIND` (LinkTarget).
    """

    body = MarkdownxField(
        blank=True, help_text="Markdown. Cite with [@key]; link with [[form:slug]]."
    )
    body_html = models.TextField(blank=True, editable=False)
    citations = models.JSONField(default=list, blank=True, editable=False)

    outgoing_links = GenericRelation(
        ContentLink, content_type_field="source_type", object_id_field="source_id"
    )

    # Fields derived from `body` by render(); rerender_content rewrites only these.
    RENDERED_FIELDS: ClassVar[tuple[str, ...]] = ("body_html", "citations")

    class Meta(EditTracked.Meta):
        abstract = True

    def save(self, *args, **kwargs) -> None:
        rendered = self.render()
        super().save(*args, **kwargs)
        self.store_links(rendered)

    def render(self) -> Rendered:
        rendered = render_markdown(self.body)
        if rendered.not_rendered:
            # Stored before that check (articles/markdown_limits.py; a save now refuses it): a
            # re-render keeps the HTML and links it had rather than blank the page.
            return rendered
        self.body_html = rendered.html
        self.citations = rendered.citations
        return rendered

    def rerender_in_place(self) -> Rendered:
        """Re-render and write only the derived fields (no save signals, no timestamps)."""
        rendered = self.render()
        type(self)._default_manager.filter(pk=self.pk).update(
            **{name: getattr(self, name) for name in self.RENDERED_FIELDS}
        )
        self.store_links(rendered)
        ContentVersion.bump()  # update() sends no signal
        return rendered

    def store_links(self, rendered: Rendered) -> None:
        if rendered.not_rendered:
            return
        wanted = set(rendered.links)
        existing = {(link.kind, link.slug): link.pk for link in self.outgoing_links.all()}
        if stale := [pk for target, pk in existing.items() if target not in wanted]:
            ContentLink.objects.filter(pk__in=stale).delete()
        if new := wanted - existing.keys():
            source_type = ContentType.objects.get_for_model(self)
            ContentLink.objects.bulk_create(
                ContentLink(source_type=source_type, source_id=self.pk, kind=kind, slug=slug)
                for kind, slug in sorted(new)
            )

    def markdown_problems(self, *, unpublished_ok: bool = False, draft: bool = False) -> list[str]:
        """What would publish a broken page: unknown internal links and citation keys, and
        what readers would see broken (`problems_in`)."""
        return problems_in(render_markdown(self.body), unpublished_ok=unpublished_ok, draft=draft)

    def clean(self) -> None:
        super().clean()
        # A page readers cannot see yet (a draft, or scheduled) may link to pages that are
        # not public yet either, so the two can be prepared together; until a target is
        # public its links show as plain text. A public page may only link to public pages.
        # A draft may keep what readers would see broken (its save warns of it); a page
        # scheduled for a date goes public then with no save to check it, so it may not.
        problems = self.markdown_problems(
            unpublished_ok=isinstance(self, Publishable) and not self.is_public,
            draft=is_draft(self),
        )
        if problems:
            raise ValidationError({"body": problems})

    def cited_references(self) -> list[Reference]:
        """The references this body cites, in the order of their numbers."""
        by_key = {ref.key: ref for ref in Reference.objects.filter(key__in=self.citations)}
        return [by_key[key] for key in self.citations if key in by_key]


def unknown_citations(rendered: Rendered) -> list[str]:
    """The keys the text cites that no reference has."""
    known = set(Reference.objects.filter(key__in=rendered.citations).values_list("key", flat=True))
    return [key for key in rendered.citations if key not in known]


def is_draft(page) -> bool:
    """A page set to Draft, which readers will not see until an editor publishes it."""
    return isinstance(page, Publishable) and page.status == PublishStatus.DRAFT


def problems_in(
    rendered: Rendered, *, unpublished_ok: bool = False, draft: bool = False
) -> list[str]:
    """Broken internal links, unknown citation keys, links or citations written another way
    than the renderer reads (with `unpublished_ok`, links to pages that exist but are not
    public yet pass) and, but for a draft, what readers would see broken
    (articles/readers_problems.py: a draft's save warns of it instead)."""
    # Each names what is wrong and says what to do, for editors who are not programmers.
    problems = [
        link_problem(link)
        for link in rendered.broken_links
        if not (unpublished_ok and link in rendered.unpublished_links)
    ]
    if unknown := unknown_citations(rendered):
        keys = list(Reference.objects.values_list("key", flat=True))
        problems += [
            f"Unknown citation key: [@{key}]."
            + (
                what_became_of(key)
                or " Check its spelling against the keys under References, or add the "
                f"reference there first.{did_you_mean(key, keys, '[@{}]')}"
            )
            for key in unknown
        ]
    problems += [malformed_problem(text) for text in rendered.malformed]
    if not draft and not rendered.not_rendered:
        problems += readers_problems(rendered, unpublished_ok=unpublished_ok)
    return [rendered.not_rendered, *problems] if rendered.not_rendered else problems


def did_you_mean(typed: str, known, shape: str = "{}", cutoff: float = 0.75) -> str:
    """ " Did you mean …?" with the nearest known spelling, or nothing when none is near."""
    # The typed name itself is no suggestion (a link to a page that is not public yet).
    by_lower = {str(value).lower(): str(value) for value in known if str(value) != typed}
    near = difflib.get_close_matches(typed.lower(), by_lower, n=1, cutoff=cutoff)
    return f" Did you mean {shape.format(by_lower[near[0]])}?" if near else ""


def link_problem(link: str) -> str:
    kind, slug = link[2:-2].split(":", 1)
    kinds = link_kinds()
    if kind not in kinds:
        hint = did_you_mean(kind, kinds, "[[{}:" + slug + "]]", cutoff=0.6)
        return (
            f"{link}: “{kind}” is not a kind of link. Before the colon write one of "
            f"{', '.join(kinds)}.{hint or ' For example: [[form:magnesium-citrate]].'}"
        )
    return (
        f"Internal link to a missing or unpublished page: {link}. Check the spelling after "
        "the colon (the end of that page's address), or publish that page first."
        f"{did_you_mean(slug, link_slugs(kind), '[[' + kind + ':{}]]')}"
    )


def malformed_problem(text: str) -> str:
    """Text written like a link or a citation that the renderer leaves as typed."""
    if problem := shape_problem(text):
        return problem
    inner = text.strip("[]").strip()
    if inner.startswith("@"):
        keys = [key.strip().lstrip("@").strip() for key in re.split(r"[,;]", inner)]
        example = f"[@{'; @'.join(keys)}]" if all(keys) else "[@kirkland-2018; @boyle-2017]"
        return (
            f"“{text}” is not written as a citation, so readers would see it as typed. Write "
            f"[@key], and several keys as [@key; @key], separated by semicolons, with no space "
            f"after the first bracket: here {example}."
        )
    kind, _colon, rest = inner.partition(":")
    slug, bar, words = rest.partition("|")
    example = f"[[{kind.strip().lower()}:{slugify(slug)}{bar}{words.strip()}]]"
    if not re.fullmatch(LINK_RE, example):
        example = "[[form:magnesium-citrate]] or [[form:magnesium-citrate|citrate]]"
    # A table cell ends at a bar, which cuts "[[kind:slug|words]]" in two.
    in_table = "" if text.endswith("]") else " In a table, leave out “|your words”."
    return (
        f"“{text}” is not written as a link, so readers would see it as typed. Write two "
        "square brackets each side and, between them, the kind of page, a colon and the end "
        f"of its address, in lower case without spaces: here {example}.{in_table}"
    )


@contextmanager
def pages_linking_refreshed_once(kind: str, slugs: set[str]) -> Iterator[None]:
    """For a bulk write of link targets (a CSV import) inside `batched_content_changes`,
    where each save leaves the pages linking to it alone: afterwards, draw again the pages
    linking to the targets that now show another title, address or public state, each page
    once however many of them it links to, as single saves would have one by one."""
    before = resolve_links(kind, slugs)
    yield
    after = resolve_links(kind, slugs)
    if changed := {slug for slug in slugs if before.get(slug) != after.get(slug)}:
        refresh_pages_linking_to(kind, changed)


def refresh_pages_linking_to(kind: str, slugs: set[str]) -> None:
    """Re-render every stored body that links to these targets."""
    links = ContentLink.objects.filter(kind=kind, slug__in=slugs).select_related("source_type")
    sources: dict[type[models.Model], set[int]] = {}
    for link in links:
        sources.setdefault(link.source_type.model_class(), set()).add(link.source_id)
    for model, pks in sources.items():
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            obj.rerender_in_place()


def refresh_links_to_pages_published_since(since: dt.datetime) -> None:
    """Pages saved while a scheduled page was not yet public show links to it as plain
    text; once its time has come, render them again so the links appear."""
    for model in publishable_models():
        kind = getattr(model, "LINK_KIND", None)
        if not kind:
            continue
        slugs = set(
            model._default_manager.filter(
                status=PublishStatus.PUBLISHED,
                published_at__gte=since,
                published_at__lte=timezone.now(),
            ).values_list("slug", flat=True)
        )
        if slugs:
            refresh_pages_linking_to(kind, slugs)


def publish_due_pages() -> dt.datetime | None:
    """Once the time of a scheduled publication has come, re-render the pages that link to
    what went public and bump the content version, which also finds the next scheduled
    time. `manage.py publish_scheduled` runs this on a timer, never a reader's request.
    Returns the scheduled time it handled, or None when nothing was due."""
    _version, due = ContentVersion.state()
    if due is None or due > timezone.now():
        return None
    with transaction.atomic():
        # Two timers racing: only the one that clears the time does the work.
        if not ContentVersion.objects.filter(pk=1, next_change_at=due).update(next_change_at=None):
            return None
        refresh_links_to_pages_published_since(due)
        ContentVersion.bump()
    return due
