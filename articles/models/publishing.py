"""Publishing: drafts, scheduled pages, review dates, and the content version that
makes cached pages go stale when any content changes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ClassVar, Self

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.dispatch import Signal
from django.utils import timezone
from markdownx.models import MarkdownxField

from articles.plain_text import formula_error, hidden_character_error, markup_error

# Sent by ContentVersion.bump(), inside the saving transaction: the page cache listens
# (site_config.middleware) to tell a cache shared by every app process once it commits.
content_version_bumped = Signal()

_batching: ContextVar[bool] = ContextVar("batching_content_changes", default=False)


def batching_content_changes() -> bool:
    """Whether a bulk write (batched_content_changes) is under way in this context."""
    return _batching.get()


@contextmanager
def batched_content_changes() -> Iterator[None]:
    """For bulk writes (the starter loader, restores, CSV imports): instead of refreshing
    linking pages and bumping the content version on every save, the caller re-renders once
    at the end and the version is bumped once when the block exits."""
    if _batching.get():
        yield
        return
    token = _batching.set(True)
    try:
        yield
    finally:
        _batching.reset(token)
    ContentVersion.bump()


class ConstraintsBesideFields(models.Model):
    """A database check whose message belongs beside one box (`CONSTRAINT_FIELDS`: the
    constraint's name and the field): Django reports every check above the whole form, far
    from the box to correct."""

    CONSTRAINT_FIELDS: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            fields = {
                constraint.get_violation_error_message(): self.CONSTRAINT_FIELDS[constraint.name]
                for constraint in self._meta.constraints
                if constraint.name in self.CONSTRAINT_FIELDS
            }
            errors: dict = {}
            for name, messages in error.error_dict.items():
                for message in messages:
                    text = " ".join(message.messages)
                    errors.setdefault(fields.get(text, name), []).append(message)
            raise ValidationError(errors) from None


class PlainTextChecked(models.Model):
    """A record whose texts readers see: none may hold a control or text-direction
    character, nor a plain text an HTML tag or a spreadsheet formula's start
    (articles/plain_text.py). Checked with the fields, so the admin and the CSV imports
    refuse them alike, on the box that holds one."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None) -> None:
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if (
                not isinstance(field, models.CharField | models.TextField)
                or not field.editable
                or field.name in (exclude or ())
                or field.name in errors
            ):
                continue
            text = getattr(self, field.attname) or ""
            if message := hidden_character_error(text):
                errors[field.name] = [ValidationError(message, code="hidden_character")]
            elif isinstance(field, MarkdownxField):
                continue
            elif message := markup_error(text):
                errors[field.name] = [ValidationError(message, code="markup")]
            elif message := formula_error(text):
                errors[field.name] = [ValidationError(message, code="formula")]
        if errors:
            raise ValidationError(errors)


class EditTracked(PlainTextChecked):
    """A record editors change in the admin. Every save draws a new `edit_token`, so a form
    opened from an older copy can tell that someone saved in between (articles/editing.py)."""

    edit_token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.edit_token = uuid.uuid4()
        super().save(*args, **kwargs)


class PublishStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def public_as_saved(status: str, published_at: dt.datetime | None) -> bool:
    """Whether a page saved with this status and date is public now: published with no date
    is published now (`Publishable.date_publication`), and a later date schedules it."""
    return status == PublishStatus.PUBLISHED and (
        published_at is None or published_at <= timezone.now()
    )


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


# The years a publication or review date may fall in: a typing slip ("9999", "0026") is
# refused.
FIRST_PUBLISHED, LAST_PUBLISHED = 2000, 2100


def implausible_year(when: dt.date | None) -> str | None:
    """Why a date readers see (published, last reviewed, next review due) cannot be right,
    if it cannot; the year as the admin shows it (settings.TIME_ZONE is UTC)."""
    if when is None or FIRST_PUBLISHED <= when.year <= LAST_PUBLISHED:
        return None
    return (
        f"{when.year} cannot be right: give a date between {FIRST_PUBLISHED} and {LAST_PUBLISHED}."
    )


class Publishable(models.Model):
    """A page editors publish and review: articles here; forms of magnesium and comparison
    tables in `comparisons`; medicines in `interactions`.

    Readers see it only once it is published and its publish date has come (`published()`);
    a later date schedules it, and ContentVersion makes cached pages show it on time.
    Staff can open it at its real URL before then (`visible_to()`, `is_public`).
    """

    Status = PublishStatus

    status = models.CharField(max_length=10, choices=PublishStatus, default=PublishStatus.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="With Status Published, readers see the page from this date, so a future date "
        "schedules it. A draft stays hidden whatever its date.",
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
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Before the constraint checks that follow, which require a published page's date.
        self.date_publication()
        # Every date readers see, the publish date and both review dates alike ("Last
        # reviewed 1 Jan 1000" was shown, and given as lastReviewed in structured data).
        refused = set()
        for name in ("published_at", "last_reviewed", "next_review_due"):
            if name not in (exclude or ()) and (message := implausible_year(getattr(self, name))):
                errors.setdefault(name, []).append(
                    ValidationError(message, code="publication_year")
                )
                refused.add(name)
        # Against a year refused above, the review dates' order would be a second, muddled
        # error; the future is still checked.
        problems = self.review_date_problems(
            {*(exclude or ()), *refused},
            in_order=not refused & {"last_reviewed", "next_review_due"},
        )
        for name, message in problems.items():
            errors.setdefault(name, []).append(ValidationError(message, code="review_date"))
        if errors:
            raise ValidationError(errors)

    def review_date_problems(self, exclude, *, in_order: bool = True) -> dict[str, str]:
        """Readers see "Last reviewed": never a date to come, nor (with `in_order`) a next
        review before it."""
        problems = {}
        last, due, today = self.last_reviewed, self.next_review_due, timezone.localdate()
        if last and "last_reviewed" not in exclude and last > today:
            problems["last_reviewed"] = (
                f"A review cannot be dated in the future: today is {today.day} {today:%b %Y}."
            )
        # Against a last review refused above, the order would be a second, muddled error.
        if in_order and last and due and due < last and "last_reviewed" not in problems:
            field = "next_review_due" if "next_review_due" not in exclude else "last_reviewed"
            if field not in exclude:
                problems[field] = (
                    f"The next review must come after the last one ({last.day} {last:%b %Y})."
                )
        return problems

    def date_publication(self) -> None:
        """Publishing with no date means publishing now; a page readers can already open
        keeps its date when the box is emptied. Dated now, a 6 October article moved to the
        top of the newest lists as new."""
        if self.status == PublishStatus.PUBLISHED and self.published_at is None:
            now = timezone.now()
            stored = (
                type(self)
                ._base_manager.filter(
                    pk=self.pk, status=PublishStatus.PUBLISHED, published_at__lte=now
                )
                .values_list("published_at", flat=True)
                .first()
                if self.pk
                else None
            )
            self.published_at = stored or now

    @property
    def is_public(self) -> bool:
        return (
            self.status == PublishStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def open_to_readers(self) -> bool:
        """Whether readers can open its page now: public, and whatever else its kind of
        page needs (a medicine's rule, a source)."""
        return self.is_public


def publishable_models() -> list[type[Publishable]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    ]


class ContentVersion(models.Model):
    """A single row, bumped whenever any content changes.

    A save in one app process must make cached pages stale in all of them. With a cache in
    each process's memory the page cache compares every page with this number; with a
    shared cache (Redis) it keeps a token there that the same saves change (they send
    `content_version_bumped`), and reads this row only on a miss.
    `next_change_at` is the next scheduled publication of any publishable page (article,
    form, table or medicine): cached pages expire then, and `manage.py publish_scheduled`,
    run on a timer, re-renders the pages that link to it and bumps the version. Readers'
    requests only read this row; they never write it.
    """

    version = models.PositiveBigIntegerField(default=0)
    next_change_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="content_version_singleton")]

    def __str__(self) -> str:
        return f"content version {self.version}"

    @classmethod
    def state(cls) -> tuple[int, dt.datetime | None]:
        """The version and the next scheduled change, in one read; (0, None) before any
        content was saved."""
        # The page cache reads this on every request. The table holds one row at most (a
        # check constraint), so plain "all rows" needs no filter or order: half the time.
        rows = list(cls.objects.values_list("version", "next_change_at"))
        return rows[0] if rows else (0, None)

    @classmethod
    def current(cls) -> int:
        return cls.state()[0]

    @classmethod
    def bump(cls) -> None:
        """Make every cached page stale and note the next scheduled publication. Inside
        `batched_content_changes` it waits: the block bumps once when it exits."""
        if _batching.get():
            return
        scheduled = (
            model._default_manager.scheduled().aggregate(next=Min("published_at"))["next"]
            for model in publishable_models()
        )
        next_change_at = min((when for when in scheduled if when), default=None)
        updated = cls.objects.filter(pk=1).update(
            version=F("version") + 1, next_change_at=next_change_at
        )
        if not updated:
            cls.objects.get_or_create(
                pk=1, defaults={"version": 1, "next_change_at": next_change_at}
            )
        content_version_bumped.send(sender=cls)
