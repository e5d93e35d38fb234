from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ClassVar, Self

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from articles import cache_token
from articles.rendering import Rendered, render_markdown

_batching: ContextVar[bool] = ContextVar("batching_content_changes", default=False)


@contextmanager
def batched_content_changes() -> Iterator[None]:
    """For bulk writes (the starter loader, restores): instead of refreshing linking pages
    and bumping the content version on every save, the caller re-renders once at the end
    and the version is bumped once when the block exits."""
    if _batching.get():
        yield
        return
    token = _batching.set(True)
    try:
        yield
    finally:
        _batching.reset(token)
    ContentVersion.bump()


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


class EditTracked(models.Model):
    """A record editors change in the admin. Every save draws a new `edit_token`, so a form
    opened from an older copy can tell that someone saved in between (articles/editing.py)."""

    edit_token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.edit_token = uuid.uuid4()
        super().save(*args, **kwargs)


class RenderedMarkdownModel(EditTracked):
    """A model with a Markdown `body` whose sanitised HTML is rendered on save and stored.

    Pages never render Markdown per request; `python manage.py rerender_content` refreshes
    every stored body after the renderer changes. The internal links of a body are stored as
    `ContentLink`s; a model that can be linked to names its `LINK_KIND`, and saving it
    re-renders the pages that link to it, so they show its current title (or stop linking
    to it when it is unpublished).
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
    # The `[[kind:slug]]` kind that links to this model, if any.
    LINK_KIND: ClassVar[str | None] = None

    class Meta(EditTracked.Meta):
        abstract = True

    def save(self, *args, **kwargs) -> None:
        previous_slug = None
        if self.LINK_KIND and self.pk and not _batching.get():
            previous_slug = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("slug", flat=True)
                .first()
            )
        rendered = self.render()
        super().save(*args, **kwargs)
        self.store_links(rendered)
        if self.LINK_KIND and not _batching.get():
            refresh_pages_linking_to(self.LINK_KIND, {self.slug, previous_slug} - {None})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        if self.LINK_KIND:
            refresh_pages_linking_to(self.LINK_KIND, {self.slug})
        return result

    def render(self) -> Rendered:
        rendered = render_markdown(self.body)
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

    def markdown_problems(self, *, unpublished_ok: bool = False) -> list[str]:
        """What would publish a broken page: unknown internal links and citation keys.
        With `unpublished_ok`, links to pages that exist but are not public yet pass (they
        are plain text until then)."""
        return problems_in(render_markdown(self.body), unpublished_ok=unpublished_ok)

    def clean(self) -> None:
        super().clean()
        # A page readers cannot see yet (a draft, or scheduled) may link to pages that are
        # not public yet either, so the two can be prepared together; until a target is
        # public its links show as plain text. A public page may only link to public pages.
        not_public_yet = isinstance(self, Publishable) and not self.is_public
        if problems := self.markdown_problems(unpublished_ok=not_public_yet):
            raise ValidationError({"body": problems})

    def cited_references(self) -> list[Reference]:
        """The references this body cites, in the order of their numbers."""
        by_key = {ref.key: ref for ref in Reference.objects.filter(key__in=self.citations)}
        return [by_key[key] for key in self.citations if key in by_key]


def problems_in(rendered: Rendered, *, unpublished_ok: bool = False) -> list[str]:
    """Broken internal links and unknown citation keys in rendered Markdown (with
    `unpublished_ok`, links to pages that exist but are not public yet pass)."""
    problems = [
        f"Internal link to a missing or unpublished page: {link}"
        for link in rendered.broken_links
        if not (unpublished_ok and link in rendered.unpublished_links)
    ]
    known = set(Reference.objects.filter(key__in=rendered.citations).values_list("key", flat=True))
    return problems + [
        f"Unknown citation key: [@{key}]" for key in rendered.citations if key not in known
    ]


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


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self) -> TopicQuerySet:
        """Topics with at least one published article; EXISTS stops at the first one, where
        a join would visit every article of every topic."""
        published = Article.objects.published().filter(topics=OuterRef("pk"))
        return self.filter(Exists(published))


class Topic(RenderedMarkdownModel):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=300, blank=True)

    objects = TopicQuerySet.as_manager()

    LINK_KIND = "topic"

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The hub composes articles and forms, so it lives in site_config.
        return reverse("topic_detail", kwargs={"slug": self.slug})


class ReferenceKind(models.TextChoices):
    """The kind of evidence a reference is; shown next to every citation."""

    META_ANALYSIS = "meta-analysis", "Meta-analysis"
    RCT = "rct", "Randomised controlled trial"
    OBSERVATIONAL = "observational", "Observational study"
    ANIMAL = "animal", "Animal study"
    IN_VITRO = "in-vitro", "In vitro study"
    REVIEW = "review", "Review"
    GUIDELINE = "guideline", "Guideline"
    FACT_SHEET = "fact-sheet", "Fact sheet"
    CASE_REPORT = "case-report", "Case report"
    LABEL = "label", "Product label or vendor claim"
    DATABASE = "database", "Database"


class Reference(EditTracked):
    """A source the site cites: a paper, a fact sheet, a guideline or a label."""

    Kind = ReferenceKind

    key = models.SlugField(max_length=60, unique=True, help_text="Cite it as [@key].")
    title = models.CharField(max_length=400)
    authors = models.CharField(max_length=400, blank=True)
    publisher = models.CharField("journal or publisher", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    pmid = models.CharField("PMID", max_length=12, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReferenceKind.values),
                name="reference_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1800, year__lte=2100),
                name="reference_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(pmid="") | Q(pmid__regex=r"^[0-9]+$"), name="reference_pmid_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def links(self) -> list[tuple[str, str]]:
        """Where a reader can open the source, most specific first."""
        links = []
        if self.pmid:
            links.append(("PubMed", f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.doi:
            links.append(("DOI", f"https://doi.org/{self.doi}"))
        if self.url and self.url not in {url for _label, url in links}:
            links.append(("Link", self.url))
        return links


class PublishStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self) -> Self:
        # A future publish date schedules the page: it appears with no job to run.
        return self.filter(status=PublishStatus.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> Self:
        return self.filter(status=PublishStatus.PUBLISHED, published_at__gt=timezone.now())

    def visible_to(self, user) -> Self:
        """What this user may open: staff preview drafts and scheduled pages at their real
        URL; everyone else sees published pages only."""
        return self.all() if user.is_staff else self.published()

    def overdue_for_review(self) -> Self:
        return self.filter(next_review_due__lt=timezone.localdate())

    def review_due_within(self, days: int) -> Self:
        today = timezone.localdate()
        return self.filter(
            next_review_due__gte=today, next_review_due__lte=today + dt.timedelta(days)
        )


class Publishable(models.Model):
    """A page editors publish and review: articles here, forms of magnesium in `comparisons`.

    Readers see it only once it is published and its publish date has come (`published()`);
    a later date schedules it, and ContentVersion makes cached pages show it on time.
    Staff can open it at its real URL before then (`visible_to()`, `is_public`).
    """

    Status = PublishStatus

    status = models.CharField(max_length=10, choices=PublishStatus, default=PublishStatus.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="A future date schedules publication."
    )
    reviewer = models.CharField(max_length=120, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="When the evidence should be checked again."
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PublishStatus.values), name="%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="%(class)s_published_has_date",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        self.date_publication()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        # Before the constraint checks that follow, which require a published page's date.
        super().clean_fields(exclude)
        self.date_publication()

    def date_publication(self) -> None:
        """Publishing with no date means publishing now."""
        if self.status == PublishStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == PublishStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def publishable_models() -> list[type[Publishable]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    ]


class ArticleQuerySet(PublishableQuerySet):
    def for_topic(self, topic: Topic) -> ArticleQuerySet:
        return self.filter(topics=topic)


class Article(RenderedMarkdownModel, Publishable):
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=400, blank=True)
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    author = models.CharField(max_length=120)
    updated_at = models.DateTimeField(auto_now=True)
    featured = models.BooleanField(default=False, help_text="Show on the home page.")
    toc_html = models.TextField(blank=True, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    RENDERED_FIELDS = (*RenderedMarkdownModel.RENDERED_FIELDS, "toc_html", "reading_minutes")
    LINK_KIND = "article"

    class Meta:
        ordering = ["-published_at", "title"]
        constraints = Publishable.Meta.constraints

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    def render(self) -> Rendered:
        rendered = super().render()
        self.toc_html = rendered.toc_html
        self.reading_minutes = rendered.reading_minutes
        return rendered

    def related(self, limit: int = 4) -> list[Article]:
        """Published articles closest to this one: links between the two count most, then
        shared topics and shared link targets. One query, whatever the number of links."""
        # Written as SQL because it runs on every article page: the same ranking built from
        # ORM subqueries took about ten times longer to compile than to run.
        article_type = ContentType.objects.get_for_model(Article)
        tables = {
            "article": Article._meta.db_table,
            "article_topics": Article.topics.through._meta.db_table,
            "link": ContentLink._meta.db_table,
        }
        params = [
            self.pk,
            *(article_type.pk, self.pk, article_type.pk),
            *(article_type.pk, self.LINK_KIND, self.slug),
            *(self.LINK_KIND, article_type.pk, self.pk),
            *(PublishStatus.PUBLISHED, timezone.now(), self.pk, limit),
        ]
        return list(Article.objects.raw(RELATED_ARTICLES_SQL.format(**tables), params))


# Each row of `reason` is a point (or two) for one article; the closest have the most.
RELATED_ARTICLES_SQL = """
SELECT article.id, article.slug, article.title, article.summary, article.reading_minutes,
       article.last_reviewed, article.published_at, SUM(reason.points) AS score
FROM (
    SELECT theirs.article_id AS article_id, 1 AS points
    FROM {article_topics} theirs
    JOIN {article_topics} mine ON mine.topic_id = theirs.topic_id
    WHERE mine.article_id = %s
  UNION ALL
    SELECT theirs.source_id, 1
    FROM {link} theirs
    JOIN {link} mine ON mine.kind = theirs.kind AND mine.slug = theirs.slug
    WHERE mine.source_type_id = %s AND mine.source_id = %s AND theirs.source_type_id = %s
  UNION ALL
    SELECT theirs.source_id, 2
    FROM {link} theirs
    WHERE theirs.source_type_id = %s AND theirs.kind = %s AND theirs.slug = %s
  UNION ALL
    SELECT linked.id, 2
    FROM {article} linked
    JOIN {link} mine ON mine.kind = %s AND mine.slug = linked.slug
    WHERE mine.source_type_id = %s AND mine.source_id = %s
) reason
JOIN {article} article ON article.id = reason.article_id
WHERE article.status = %s AND article.published_at <= %s AND article.id <> %s
GROUP BY article.id, article.slug, article.title, article.summary, article.reading_minutes,
         article.last_reviewed, article.published_at
ORDER BY score DESC, article.published_at DESC, article.id
LIMIT %s
"""


class StarterRecord(models.Model):
    """What `load_content` last wrote for one starter record, so it can tell an untouched
    record (safe to refresh) from one an editor changed or deleted (never touched again)."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="starter_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.key}"


class StoredPage(models.Model):
    """Part of a public page (an article's main column, a row of the forms table) or facts a
    page needs, kept until the content or the release changes: articles/stored_pages.py
    reads and writes these rows. Derived data, never edited and left out of backups."""

    key = models.CharField(max_length=255, unique=True)
    version = models.PositiveBigIntegerField(db_index=True)
    release = models.CharField(max_length=32)
    html = models.TextField()
    data = models.TextField(default="{}")

    def __str__(self) -> str:
        return f"{self.key} (content version {self.version})"


class ContentVersion(models.Model):
    """A single row, bumped whenever any content changes.

    Cached pages are keyed by this number, so a save in one app process makes every page
    fresh in all of them, whichever cache backend each uses. `next_change_at` is the next
    scheduled publication of any publishable page (article or form): once it passes, the
    version is bumped too, so a scheduled page appears on time without a job.
    """

    version = models.PositiveBigIntegerField(default=0)
    next_change_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="content_version_singleton")]

    def __str__(self) -> str:
        return f"content version {self.version}"

    @classmethod
    def current(cls) -> int:
        row = cls.objects.filter(pk=1).values_list("version", "next_change_at").first()
        if row is None:
            return cls.bump()
        version, next_change_at = row
        if next_change_at is not None and next_change_at <= timezone.now():
            # Only the process that claims the change re-renders the linking pages; any
            # other bumps as well, which costs nothing but a few cache misses.
            claimed = cls.objects.filter(pk=1, next_change_at=next_change_at).update(
                next_change_at=None
            )
            if claimed:
                refresh_links_to_pages_published_since(next_change_at)
            return cls.bump()
        return version

    @classmethod
    def current_fast(cls) -> int:
        """current() in one plain query: on the busiest paths (a cached page, a stored page)
        building the ORM query would cost more than running it. A missing row or a scheduled
        change whose time has come (rare) goes through current(), which handles both."""
        table = connection.ops.quote_name(cls._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version, next_change_at <= %s FROM {table} WHERE id = 1", [now])
            row = cursor.fetchone()
        if row is None or row[1]:  # row[1] is NULL (falsy) when nothing is scheduled
            return cls.current()
        return row[0]

    @classmethod
    def bump(cls) -> int:
        now = timezone.now()
        next_change_at = min(
            (
                when
                for model in publishable_models()
                if (
                    when := model._default_manager.filter(
                        status=PublishStatus.PUBLISHED, published_at__gt=now
                    ).aggregate(next=models.Min("published_at"))["next"]
                )
            ),
            default=None,
        )
        updated = cls.objects.filter(pk=1).update(
            version=models.F("version") + 1, next_change_at=next_change_at
        )
        if not updated:
            cls.objects.get_or_create(
                pk=1, defaults={"version": 1, "next_change_at": next_change_at}
            )
        cache_token.advance_now_and_on_commit()
        return cls.objects.values_list("version", flat=True).get(pk=1)


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
