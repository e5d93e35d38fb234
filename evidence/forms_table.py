"""The evidence matrix in the forms table: `/forms/?outcome=migraine` adds a column with each
form's grade for that outcome, sortable (`sort=-evidence_for`, strongest first), and
`grade=<minimum>` keeps forms graded at least that well. Registered with the forms table's
extension hook (comparisons/filters/extensions.py) from EvidenceConfig.ready(), since
`comparisons` must not import this app.

The column answers "how good is the evidence that this form helps?". Grades rank, for "at
least" and for sorting: strong > moderate > limited > conflicting > none > against. A cell
whose studies found no effect (or harm) ranks with `against`, whatever its grade: a
"limited" cell of no effect is limited evidence that the form does not help. One whose
studies could not tell (direction unclear) ranks no higher than `conflicting`: they show no
benefit, nor that there is none. Either way the cell names its direction. A minimum may
be `strong`, `moderate` or `limited` only, and keeps only cells of benefit: `conflicting`,
`none` and `against` say the studies do not show a benefit, so "at least" one of them is
not a useful question. A form with no cell for the outcome reads "Not graded", sorts last
either way, and is left out by any minimum. The exports gain an `evidence_for` column (the
grade, empty or null when not graded) when `outcome` is given.
"""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.http import QueryDict
from django.urls import reverse

from comparisons.filters.base import Column, Ignored, SingleChoiceFilter
from comparisons.filters.compounds import BY_NAME
from comparisons.filters.extensions import (
    ExtraCell,
    ExtraColumn,
    FormsTableExtension,
    TableNote,
)
from evidence.models import Direction, EvidenceCell, Grade, Outcome
from evidence.templatetags.evidence import IN_GENERAL

SORT_NAME = "evidence_for"
# Weakest to strongest; the sort's ascending order.
GRADE_ORDER = (
    Grade.AGAINST,
    Grade.NONE,
    Grade.CONFLICTING,
    Grade.LIMITED,
    Grade.MODERATE,
    Grade.STRONG,
)
GRADE_RANK = {grade.value: rank for rank, grade in enumerate(GRADE_ORDER)}
MINIMUM_GRADES = (Grade.STRONG, Grade.MODERATE, Grade.LIMITED)
NOT_GRADED = "Not graded"
# What a link that keeps only the evidence filters keeps: those, the order and the ticks.
EVIDENCE_ONLY = ("outcome", "grade", "sort", "forms")


class OutcomeFilter(SingleChoiceFilter):
    """`outcome`: which outcome's grades the table shows. It narrows nothing by itself; the
    grade is annotated before the filters apply (OutcomeEvidence.annotate)."""

    def __init__(self, names: dict[str, str], **kwargs) -> None:
        # One name for each outcome, as its page and the matrix's menu give it ("Neuropathic
        # pain"), in the menu, the filter in use and the column's heading alike: a short
        # heading ("Nerve pain") beside the chip "Neuropathic pain" read as two outcomes.
        self.outcomes = names  # slug: name, in column order
        super().__init__(
            choices=[("", "None"), *names.items()],
            label="Show the evidence for",
            help_text="Adds a column with each form's grade from the evidence matrix.",
            unknown_reason="not an outcome in the evidence matrix",
            method=lambda queryset, name, value: queryset,
            **kwargs,
        )


# Cells whose studies found no benefit rank as evidence against a benefit; those that could
# not tell rank with studies that disagree.
NOT_A_BENEFIT = (Direction.NO_EFFECT, Direction.HARM)
UNCLEAR_AT_MOST = Grade.CONFLICTING


def _at_least(queryset: QuerySet, name: str, value: str) -> QuerySet:
    return queryset.filter(
        evidence_for_rank__gte=GRADE_RANK[value], evidence_for_direction=Direction.BENEFIT
    )


def _grade(compound) -> str:
    return getattr(compound, "evidence_for", None) or ""


class OutcomeEvidence(FormsTableExtension):
    def filters(self, data: QueryDict) -> dict:
        return {
            "outcome": OutcomeFilter(dict(Outcome.objects.values_list("slug", "name"))),
            "grade": SingleChoiceFilter(
                choices=[("", "Any")] + [(g.value, g.label) for g in MINIMUM_GRADES],
                label="Evidence of benefit at least",
                help_text="For the outcome above: the forms whose own studies show a "
                "benefit graded this well or better.",
                unknown_reason="not a minimum grade; choose strong, moderate or limited",
                method=_at_least,
            ),
        }

    def sort_columns(self, data: QueryDict) -> tuple[Column, ...]:
        # Always in the sort menu (the menu is not redrawn when the script swaps the
        # results); without an outcome, prune() ignores it with the notice.
        return (
            Column(
                SORT_NAME,
                None,
                "Evidence of benefit, weakest first",
                "Evidence of benefit, strongest first",
                (F("evidence_for_rank"), BY_NAME),
            ),
        )

    def prune(self, values: dict, fields: dict) -> list[Ignored]:
        """Without an outcome, a minimum grade and the evidence sort mean nothing: drop them."""
        if values.get("outcome"):
            return []
        dropped = []
        if grade := values.get("grade"):
            dropped.append(
                Ignored(
                    "grade",
                    grade,
                    "needs an outcome to grade forms for",
                    "Not applied: choose an outcome in \u201cShow the evidence for\u201d "
                    "first, as a grade is always for one outcome.",
                )
            )
            values["grade"] = ""
        sort = values.get("sort", "")
        if sort.removeprefix("-") == SORT_NAME:
            dropped.append(
                Ignored(
                    "sort",
                    sort,
                    "needs an outcome to sort by",
                    "Sorted by name instead: choose an outcome in \u201cShow the evidence "
                    "for\u201d first to sort by its evidence.",
                )
            )
            values["sort"] = fields["sort"].default
        return dropped

    def annotate(self, queryset: QuerySet, table) -> QuerySet:
        slug = table.values.get("outcome")
        if not slug:
            return queryset
        cell = EvidenceCell.objects.filter(compound=OuterRef("pk"), outcome__slug=slug)
        rank = Case(
            When(direction__in=NOT_A_BENEFIT, then=Value(GRADE_RANK[Grade.AGAINST])),
            When(
                direction=Direction.UNCLEAR,
                grade__in=GRADE_ORDER[GRADE_RANK[UNCLEAR_AT_MOST] + 1 :],
                then=Value(GRADE_RANK[UNCLEAR_AT_MOST]),
            ),
            *(When(grade=grade, then=Value(rank)) for grade, rank in GRADE_RANK.items()),
            output_field=IntegerField(),
        )
        return queryset.annotate(
            evidence_for=Subquery(cell.values("grade")[:1]),
            evidence_for_direction=Subquery(cell.values("direction")[:1]),
            evidence_for_rank=Subquery(cell.annotate(rank=rank).values("rank")[:1]),
        )

    def columns(self, table) -> list[ExtraColumn]:
        slug = table.values.get("outcome")
        if not slug:
            return []
        outcome_url = reverse("evidence:outcome_detail", kwargs={"slug": slug})
        labels = dict(Grade.choices)

        def cell(compound) -> ExtraCell:
            grade = _grade(compound)
            if not grade:
                # Not a grade, so not drawn as one: "No evidence" is a finding (no study
                # found), this is a pairing nobody assessed. The note above says so.
                return ExtraCell(NOT_GRADED, "", "muted")
            text = labels[grade]
            # As the matrix does, but a benefit goes without saying (the column is evidence
            # of benefit), and "No evidence" has no direction.
            direction = compound.evidence_for_direction
            if direction != Direction.BENEFIT and grade != Grade.NONE:
                text = f"{text}: {Direction(direction).label.lower()}"
            return ExtraCell(text, f"{outcome_url}#cell-{compound.slug}", f"grade grade--{grade}")

        heading = f"Evidence: {table.filters['outcome'].outcomes[slug]}"
        return [ExtraColumn(SORT_NAME, heading, cell)]

    def export_fields(self, table) -> dict:
        if not table.values.get("outcome"):
            return {}
        return {SORT_NAME: lambda compound: _grade(compound) or None}

    def notes(self, table, count: int) -> list[TableNote]:
        """With an outcome chosen: what magnesium in general is graded for it (the table
        lists forms only, and a reader otherwise misses the overall verdict), what the
        column's labels mean, and, when a minimum grade leaves no form, why."""
        slug = table.values.get("outcome")
        if not slug:
            return []
        grade = table.values.get("grade", "")
        empty = count == 0 and bool(grade)
        context = {
            "outcome": table.filters["outcome"].outcomes[slug],
            "outcome_url": reverse("evidence:outcome_detail", kwargs={"slug": slug}),
            "in_general": IN_GENERAL,
            "general": EvidenceCell.objects.for_form(None)
            .filter(outcome__slug=slug)
            .select_related("outcome__topic")
            .first(),
            "empty": empty,
            "not_graded": NOT_GRADED,
        }
        if empty:
            # No row left: is it the grade alone, or the grade with the reader's other
            # filters? Only the first means no form of magnesium has such evidence.
            graded = _at_least(self.annotate(table.queryset, table), "grade", grade)
            context.update(
                grade=Grade(grade).label,
                others_left_out=graded.exists(),
                without_grade=table.query_without("grade"),
                only_evidence=table.canonical_query(
                    {k: v for k, v in table.values.items() if k in EVIDENCE_ONLY}
                ),
            )
        return [TableNote("evidence/_forms_table_note.html", context, explains_empty=empty)]
