"""Topics and articles, and what the starter loader remembers of them."""

from __future__ import annotations

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from articles.models.letter_case import (
    UniqueInAnyCase,
    lower_case_check,
    lower_case_only,
    unique_in_any_case,
)
from articles.models.publishing import Publishable, PublishableQuerySet, PublishStatus
from articles.models.rendered import ContentLink, RenderedMarkdownModel
from articles.rendering import Rendered


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self) -> TopicQuerySet:
        """Topics with at least one published article; EXISTS stops at the first one, where
        a join would visit every article of every topic."""
        published = Article.objects.published().filter(topics=OuterRef("pk"))
        return self.filter(Exists(published))


class TopicRoute(models.TextChoices):
    """A way of taking magnesium a hub may be about: the values of a form's route
    (comparisons.models.Route, which this app cannot import)."""

    ORAL = "oral", "By mouth"
    TOPICAL = "topical", "On the skin"


class Topic(UniqueInAnyCase, RenderedMarkdownModel):
    Route = TopicRoute

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        "end of the web address", max_length=80, unique=True, validators=[lower_case_only]
    )
    summary = models.CharField(max_length=300, blank=True)
    route = models.CharField(
        "way of taking magnesium",
        max_length=10,
        blank=True,
        choices=TopicRoute,
        help_text="Only for a hub about one way of taking magnesium, e.g. 'On the skin' for "
        "topical use: its forms are then ranked by how well they are absorbed that way, and "
        "a form rated only for another way (chloride, rated by mouth) comes after them, "
        "unrated. Leave empty to rate each form by its own main route.",
    )

    objects = TopicQuerySet.as_manager()

    LINK_KIND = "topic"
    UNIQUE_IN_ANY_CASE = ("name",)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(route__in=["", *TopicRoute.values]), name="topic_route_valid"
            ),
            lower_case_check("slug", "topic_slug_lower_case"),
            unique_in_any_case("name", "topic_name_unique_in_any_case"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The hub composes articles and forms, so it lives in site_config.
        return reverse("topic_detail", kwargs={"slug": self.slug})

    # A topic's hub is never a draft: readers can open it as soon as it is saved.
    is_public = True


# How many of the newest topic memberships an article's related list is ranked from.
RELATED_TOPIC_POOL = 500


class ArticleQuerySet(PublishableQuerySet):
    def for_topic(self, topic: Topic) -> ArticleQuerySet:
        return self.filter(topics=topic)

    def main_first(self, topic: Topic) -> ArticleQuerySet:
        """The hub's order: the articles an editor made the main ones for `topic` first (each
        with `is_main` set), then newest first. Without it a hub opened on whatever was
        published last, e.g. the topical-vs-oral guide before the burning-feet article."""
        main = Article.main_for.through.objects.filter(article=OuterRef("pk"), topic=topic)
        return self.annotate(is_main=Exists(main)).order_by("-is_main", "-published_at", "title")


class Article(UniqueInAnyCase, RenderedMarkdownModel, Publishable):
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        "end of the web address", max_length=200, unique=True, validators=[lower_case_only]
    )
    summary = models.CharField(max_length=400, blank=True)
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    main_for = models.ManyToManyField(
        Topic,
        related_name="main_articles",
        blank=True,
        verbose_name="main article on",
        help_text=(
            "Topic hubs that list this article first, marked 'Start here', as the one that "
            "answers the topic. Choose only topics it is filed under; the hub lists the rest "
            "newest first."
        ),
    )
    author = models.CharField(max_length=120)
    updated_at = models.DateTimeField(auto_now=True)
    featured = models.BooleanField(default=False, help_text="Show on the home page.")
    toc_html = models.TextField(blank=True, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    RENDERED_FIELDS = (*RenderedMarkdownModel.RENDERED_FIELDS, "toc_html", "reading_minutes")
    LINK_KIND = "article"
    UNIQUE_IN_ANY_CASE = ("title",)

    class Meta:
        ordering = ["-published_at", "title"]
        constraints = [
            *Publishable.Meta.constraints,
            lower_case_check("slug", "article_slug_lower_case"),
            unique_in_any_case("title", "article_title_unique_in_any_case"),
        ]
        # What readers see, newest first (`published()` in this order): with 10,000 articles
        # the index list's page went from 35 ms to 8 ms, its count from 11 ms to 0.4 ms.
        indexes = [models.Index(fields=["status", "published_at"], name="article_published")]

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
        """Published articles closest to this one: a link between the two counts two points,
        each shared topic and each shared link target one; ties go to the newer article. Four
        small queries whatever the number of articles; the page cache keeps the result until
        content changes."""
        points: Counter[int] = Counter()
        topic_ids = [topic.pk for topic in self.topics.all()]
        # Only the newest memberships of this article's topics count: a broad topic on a large
        # site holds thousands of articles, and ranking them all took 180 to 270 ms of an
        # article page with 10,000 articles (`manage.py generate_synthetic_data`); with the
        # pool, about 50 ms. Older articles still count through links.
        points.update(
            Article.topics.through.objects.filter(
                topic_id__in=topic_ids,
                article__status=PublishStatus.PUBLISHED,
                article__published_at__lte=timezone.now(),
            )
            .exclude(article_id=self.pk)
            .order_by("-article__published_at", "article_id")
            .values_list("article_id", flat=True)[:RELATED_TOPIC_POOL]
        )
        article_type = ContentType.objects.get_for_model(Article)
        mine = ContentLink.objects.filter(source_type=article_type, source_id=self.pk)
        targets = set(mine.values_list("kind", "slug"))
        to_me = (self.LINK_KIND, self.slug)
        # Filtered by slug in SQL and by (kind, slug) here: an OR of one condition per link
        # took longer to build than to run.
        links = (
            ContentLink.objects.filter(
                source_type=article_type, slug__in={slug for _kind, slug in targets} | {self.slug}
            )
            .exclude(source_id=self.pk)
            .values_list("source_id", "kind", "slug")
        )
        for source_id, kind, slug in links:
            if (kind, slug) == to_me:
                points[source_id] += 2
            elif (kind, slug) in targets:
                points[source_id] += 1
        linked_slugs = [slug for kind, slug in targets if kind == self.LINK_KIND]
        candidates = list(
            Article.objects.published()
            .filter(Q(pk__in=list(points)) | Q(slug__in=linked_slugs))
            .exclude(pk=self.pk)
            .only("slug", "title", "summary", "reading_minutes", "last_reviewed", "published_at")
        )
        for article in candidates:
            article.score = points[article.pk] + (2 if article.slug in linked_slugs else 0)
        ranked = sorted(candidates, key=lambda a: (-a.score, -a.published_at.timestamp(), a.pk))
        return ranked[:limit]


class StarterRecord(models.Model):
    """What `load_content` last wrote for one starter record, so it can tell an untouched
    record (safe to refresh) from one an editor changed or deleted (never touched again)."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)
    # The starter change notes (feedback/starter/change_notes.toml) this site has had the
    # content of, by digest: a note not among them is news, if the load refreshes the record.
    notes_seen = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="starter_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.key}"
