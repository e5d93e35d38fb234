"""Comparison tables: feature rows against two or more options, cells in Markdown."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from markdownx.models import MarkdownxField

from articles.models import (
    PlainTextChecked,
    Publishable,
    PublishableQuerySet,
    RenderedMarkdownModel,
    UniqueInAnyCase,
    is_draft,
    lower_case_check,
    lower_case_only,
    problems_in,
    unique_in_any_case,
)
from articles.plain_text import HIDDEN, hidden_character_error, markup_error
from articles.rendering import Rendered, render_markdown


class ComparisonQuerySet(PublishableQuerySet):
    def with_rows(self) -> ComparisonQuerySet:
        return self.prefetch_related("rows")


class Comparison(UniqueInAnyCase, RenderedMarkdownModel, Publishable):
    """A comparison table: feature rows against two or more option columns, with an
    introduction (`body`) and closing notes (`outro`) around it. Cells are Markdown. Like an
    article, a new table is a draft until it is published."""

    MIN_COLUMNS = 2
    MAX_COLUMNS = 6
    # A heading is shown above its column and, on a phone, above every cell of it
    # (templates/comparisons/comparison_detail.html): a few words, with the details in the
    # rows. The starter tables' longest is 56 characters.
    MAX_HEADING = 100

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        "end of the web address", max_length=200, unique=True, validators=[lower_case_only]
    )
    summary = models.CharField(max_length=400, blank=True)
    body = MarkdownxField(
        "introduction",
        blank=True,
        help_text="Markdown shown above the table. Cite with [@key]; link with [[form:slug]].",
    )
    columns = models.JSONField(
        default=list, help_text="The option headings, left to right (one per line)."
    )
    outro = MarkdownxField("closing notes", blank=True, help_text="Markdown shown below the table.")
    outro_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComparisonQuerySet.as_manager()

    RENDERED_FIELDS = (*RenderedMarkdownModel.RENDERED_FIELDS, "outro_html")
    LINK_KIND: ClassVar[str | None] = "compare"
    UNIQUE_IN_ANY_CASE = ("title",)

    class Meta:
        ordering = ["title"]
        constraints = [
            *Publishable.Meta.constraints,
            lower_case_check("slug", "comparison_slug_lower_case"),
            unique_in_any_case("title", "comparison_title_unique_in_any_case"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("comparisons:comparison_detail", kwargs={"slug": self.slug})

    def render(self) -> Rendered:
        """Render the introduction, the closing notes and (once saved) every row, and report
        their links and citations together, so the link checks cover the whole table."""
        intro = super().render()
        outro = render_markdown(self.outro)
        if not outro.not_rendered:
            self.outro_html = outro.html
        parts = [intro]
        if self.pk:
            for row in self.rows.all():
                parts += row.render()
                ComparisonRow.objects.filter(pk=row.pk).update(cells_html=row.cells_html)
        parts.append(outro)
        return _combined(parts)

    def markdown_problems(self, *, unpublished_ok: bool = False, draft: bool = False) -> list[str]:
        parts = [render_markdown(self.body), render_markdown(self.outro)]
        if self.pk:
            parts += [render_markdown(cell) for row in self.rows.all() for cell in row.cells]
        return problems_in(_combined(parts), unpublished_ok=unpublished_ok, draft=draft)

    def clean(self) -> None:
        # Not RenderedMarkdownModel.clean(): it would file the closing notes' and the rows'
        # problems under the introduction. Each row checks its own cells.
        models.Model.clean(self)
        errors: dict[str, list[str]] = {}
        # As an article's: a table readers cannot see yet may link to pages not public yet,
        # and a draft may keep what readers would see broken (its save warns of it).
        checks = {"unpublished_ok": not self.is_public, "draft": is_draft(self)}
        if problems := problems_in(render_markdown(self.body), **checks):
            errors["body"] = problems
        if problems := problems_in(render_markdown(self.outro), **checks):
            errors["outro"] = problems
        if not isinstance(self.columns, list) or not all(
            isinstance(heading, str) and heading.strip() for heading in self.columns
        ):
            errors["columns"] = ["Give each column a heading."]
        elif not self.MIN_COLUMNS <= len(self.columns) <= self.MAX_COLUMNS:
            errors["columns"] = [
                f"A comparison has {self.MIN_COLUMNS} to {self.MAX_COLUMNS} columns."
            ]
        elif len({heading.casefold() for heading in self.columns}) < len(self.columns):
            # Cells follow their heading when the columns change (column_moves).
            errors["columns"] = ["Give each column a heading of its own."]
        else:
            problems = [heading_problem(n, h) for n, h in enumerate(self.columns, start=1)]
            if problems := [problem for problem in problems if problem]:
                errors["columns"] = problems
        if errors:
            raise ValidationError(errors)

    # The starter loader writes a comparison and its rows as one record, so that an editor's
    # change to any row counts as a change to the table and is never overwritten.
    @property
    def rows_data(self) -> list[dict]:
        """The rows as plain data: [{"feature": ..., "cells": [...]}, ...] in order."""
        if (pending := getattr(self, "_pending_rows", None)) is not None:
            return pending
        if not self.pk:
            return []
        return [{"feature": row.feature, "cells": row.cells} for row in self.rows.all()]

    @rows_data.setter
    def rows_data(self, rows: list[dict]) -> None:
        """Replace all rows with these on the next save()."""
        self._pending_rows = [
            {"feature": row["feature"], "cells": list(row["cells"])} for row in rows
        ]

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            if (rows := getattr(self, "_pending_rows", None)) is not None:
                self._pending_rows = None
                self.rows.all().delete()
                for order, row in enumerate(rows, start=1):
                    ComparisonRow(
                        comparison=self, order=order, feature=row["feature"], cells=row["cells"]
                    ).save()

    def table_rows(self) -> list[tuple[ComparisonRow, list[tuple[str, str]]]]:
        """Each row with its (column heading, rendered cell) pairs: exactly one cell per
        column, blank where a row has too few."""
        width = len(self.columns)
        return [
            (
                row,
                list(zip(self.columns, (list(row.cells_html) + [""] * width)[:width], strict=True)),
            )
            for row in self.rows.all()
        ]


class ComparisonRow(PlainTextChecked):
    """One feature of a comparison, with a Markdown cell for each column."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="rows")
    feature = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0, help_text="Rows are shown by this number.")
    cells = models.JSONField(default=list, help_text="Markdown, one per column.")
    cells_html = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.feature

    def save(self, *args, **kwargs) -> None:
        self.render()
        super().save(*args, **kwargs)

    def render(self) -> list[Rendered]:
        rendered = [render_markdown(cell) for cell in self.cells]
        # A cell stored before the brackets check keeps its HTML (RenderedMarkdownModel.render).
        before = list(self.cells_html or [])
        self.cells_html = [
            (before[at] if at < len(before) else "") if part.not_rendered else part.html
            for at, part in enumerate(rendered)
        ]
        return rendered

    def clean(self) -> None:
        super().clean()
        # Non-field errors: the admin edits the cells through one form field per column.
        if not isinstance(self.cells, list) or not all(isinstance(c, str) for c in self.cells):
            raise ValidationError("Cells must be a list of Markdown texts.")
        rendered = _combined([render_markdown(cell) for cell in self.cells])
        try:  # the table's form's copy, in the admin: as it will be saved
            checks = {
                "unpublished_ok": not self.comparison.is_public,
                "draft": is_draft(self.comparison),
            }
        except Comparison.DoesNotExist:
            checks = {}
        if problems := problems_in(rendered, **checks):
            raise ValidationError(problems)


# How much of a heading a message quotes.
QUOTED_HEADING = 40


def heading_problem(number: int, heading: str) -> str | None:
    """What is wrong with a column heading, naming it, or None. Headings are plain text, as
    a row's feature is (PlainTextChecked), and short (Comparison.MAX_HEADING)."""
    message = hidden_character_error(heading) or markup_error(heading)
    if message is None and len(heading) > Comparison.MAX_HEADING:
        message = (
            f"It is {len(heading):,} characters long; a heading may have up to "
            f"{Comparison.MAX_HEADING}. Shorten it: the details go in the rows' boxes."
        )
    if message is None:
        return None
    # Quoted without the hidden character, which would turn the message around too.
    shown = HIDDEN.sub("", heading)
    shown = shown if len(shown) <= QUOTED_HEADING else shown[: QUOTED_HEADING - 1] + "…"
    return f"Heading {number}, “{shown}”: {message}"


def column_moves(old: list[str], new: list[str]) -> list[int | None]:
    """For each new column, the old column whose cells it takes, or None for a new, empty
    column. A heading kept (whatever its capitals) keeps its cells wherever it moves; a new
    heading in the place of one that is gone takes that one's cells (renamed in place)."""
    old_keys, new_keys = [h.casefold() for h in old], [h.casefold() for h in new]
    moves: list[int | None] = [old_keys.index(h) if h in old_keys else None for h in new_keys]
    for place, source in enumerate(moves):
        if source is None and place < len(old) and old_keys[place] not in new_keys:
            moves[place] = place
    return moves


def moved_cells(cells: list[str], moves: list[int | None]) -> list[str]:
    return [cells[source] if source is not None and source < len(cells) else "" for source in moves]


def _combined(parts: list[Rendered]) -> Rendered:
    """Several rendered fragments of one page as one result (their HTML, links and citations,
    in page order), so the checks of what it shows cover every part."""
    citations: list[str] = []
    for part in parts:
        citations += [key for key in part.citations if key not in citations]
    return Rendered(
        not_rendered=next((part.not_rendered for part in parts if part.not_rendered), ""),
        malformed=[text for part in parts for text in part.malformed],
        pasted_bullets=[line for part in parts for line in part.pasted_bullets],
        html="".join(part.html for part in parts),
        citations=citations,
        links=[link for part in parts for link in part.links],
        broken_links=[link for part in parts for link in part.broken_links],
        unpublished_links=[link for part in parts for link in part.unpublished_links],
        word_count=sum(part.word_count for part in parts),
    )
