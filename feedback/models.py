"""Readers' problem reports, and the change notes editors write when they save a page."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision

from articles.models import Publishable

# What a reader may write about a page, in characters (issue 24).
TEXT_MIN = 10
TEXT_MAX = 5000
PAGE_MAX = 300
# The answers a reader had given on the page (the calculator's, the table's filters), as its
# query string: longer ones are not kept.
INPUTS_MAX = 2000
NOTE_MAX = 300

# The per-page change lists, by model; feedback/urls.py routes them. Named by label, so this
# app never imports the apps below it.
CHANGE_LIST_URLS = {
    "articles.article": "feedback:article_changes",
    "comparisons.magnesiumcompound": "feedback:form_changes",
    "interactions.medicine": "feedback:medicine_changes",
    "evidence.outcome": "feedback:evidence_changes",
}
# Records with no page of their own, shown together on one page built from all of its kind
# (the foods table, the calculator's intake tables): the URL name of that page's one list of
# changes, which takes no slug.
LISTED_TOGETHER = {
    "comparisons.food": "feedback:food_changes",
    "comparisons.intaketable": "feedback:intake_changes",
}
# Every kind of record whose notes readers see under its own name and on its list.
NOTED_KINDS = (*CHANGE_LIST_URLS, *LISTED_TOGETHER)
# Records edited on their own admin pages whose changes readers see on another page's list:
# an evidence cell's grade on its outcome's page. Each names that page as `changes_shown_on`.
NOTED_ON_ANOTHER_PAGE = ("evidence.evidencecell",)


def pages_readers_can_open(model: type[models.Model]) -> models.QuerySet:
    """The pages of a model readers can open now: the published ones, or all of a kind
    that is never a draft (an outcome's evidence)."""
    manager = model._default_manager
    return manager.published() if issubclass(model, Publishable) else manager.all()


def noted_page(obj: models.Model) -> models.Model:
    """The page a change of this record is noted on: itself, or the page it shows on."""
    return getattr(obj, "changes_shown_on", obj)


class ReportQuerySet(models.QuerySet):
    def new(self) -> Self:
        return self.filter(status=Report.Status.NEW)

    def open(self) -> Self:
        return self.filter(status__in=[Report.Status.NEW, Report.Status.ACCEPTED])

    def about(self, *pages: str) -> Self:
        return self.filter(page__in=pages)

    def from_address(self, address_hash: str, within: dt.timedelta) -> Self:
        return self.filter(address_hash=address_hash, created_at__gte=timezone.now() - within)

    def told_readers(self) -> Self:
        """Reports a change note readers see links to: the page's list of changes says a
        reader's report led to that change, so each stays Fixed (not a minor note's)."""
        return self.filter(change_notes__minor=False).distinct()


class Report(models.Model):
    """A reader's report of a problem with one page. Only editors ever see it."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        FIXED = "fixed", "Fixed"
        DECLINED = "declined", "Declined"

    page = models.CharField(max_length=PAGE_MAX, help_text="The path of the page on this site.")
    inputs = models.CharField(
        "the reader's answers on the page",
        max_length=INPUTS_MAX,
        blank=True,
        editable=False,
        help_text="The page's query string when the reader reported it (the calculator's "
        "answers, the table's filters), when they ticked the box that sends it.",
    )
    text = models.TextField("what is wrong")
    source_url = models.URLField("source link", max_length=500, blank=True)
    email = models.EmailField("email for a reply", blank=True, help_text="Never shown publicly.")
    # A salted hash of the client address, for the rate limit; the address is never stored.
    address_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["address_hash", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "accepted", "fixed", "declined"]),
                name="report_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(page__startswith="/") & ~Q(page__startswith="//"),
                name="report_page_is_a_path",
            ),
            models.CheckConstraint(
                condition=Q(
                    GreaterThanOrEqual(Length("text"), TEXT_MIN),
                    LessThanOrEqual(Length("text"), TEXT_MAX),
                ),
                name="report_text_length",
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on {self.page}"


class ChangeNoteQuerySet(models.QuerySet):
    def for_readers(self) -> Self:
        """Notes readers see: minor changes are kept for editors only."""
        return self.filter(minor=False)

    def for_object(self, obj: models.Model) -> Self:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def on_public_pages(self) -> Self:
        """Notes on pages readers can open now: published, and not deleted since."""
        condition = Q(pk__in=[])
        for label in NOTED_KINDS:
            condition |= self._of_kind(apps.get_model(label))
        return self.filter(condition)

    def of_kind(self, model: type[models.Model]) -> Self:
        """Notes on the records of one kind readers can open now (every food's)."""
        return self.filter(self._of_kind(model))

    @staticmethod
    def _of_kind(model: type[models.Model]) -> Q:
        return Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=pages_readers_can_open(model).values("pk"),
        )


class ChangeNote(models.Model):
    """What changed for readers in one saved version of a published page, and why.

    Created with the version (django-reversion's `add_meta`), whose comment is the note too.
    """

    revision = models.OneToOneField(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="change_note"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    note = models.CharField(max_length=NOTE_MAX)
    minor = models.BooleanField(default=False, help_text="Hidden from readers.")
    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_notes",
        help_text="The reader's report this change fixes.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="change_note_not_empty"),
        ]

    def __str__(self) -> str:
        return self.note

    def get_absolute_url(self) -> str:
        url = change_list_url(self.content_object)
        return f"{url}#change-{self.pk}" if url else reverse("feedback:changes")


def change_list_url(obj: models.Model | None) -> str | None:
    """The page listing every reader-facing change of this object, if it has one."""
    if obj is None:  # e.g. a note whose page has been deleted
        return None
    if name := LISTED_TOGETHER.get(obj._meta.label_lower):
        return reverse(name)  # one list for every record of its kind: /foods/changes/
    name = CHANGE_LIST_URLS.get(obj._meta.label_lower)
    return reverse(name, kwargs={"slug": obj.slug}) if name else None


def with_last_change(pages: models.QuerySet) -> models.QuerySet:
    """Pages with `last_change`: when readers were last told of a change to each (its newest
    change note for readers), else when it was published (None for a kind never a draft).
    The sitemap, the feed and the structured data give this date, as the page's header does:
    not the record's last save, which a load of the starter content or a minor fix moves."""
    kind = ContentType.objects.get_for_model(pages.model)
    newest_note = (
        ChangeNote.objects.for_readers()
        .filter(content_type=kind, object_id=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    if issubclass(pages.model, Publishable):
        return pages.annotate(last_change=Coalesce(Subquery(newest_note), "published_at"))
    return pages.annotate(last_change=Subquery(newest_note))
