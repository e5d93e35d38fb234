"""The evidence matrix: what the studies say about each form of magnesium for each outcome.

An `Outcome` is something readers hope magnesium helps (migraine prevention, cramps, sleep...).
An `EvidenceCell` grades the evidence for one form (a `MagnesiumCompound`) and one outcome, or,
with no form, for "magnesium in general": class-level evidence from studies that did not
compare forms. Grades come from the studies, not from what a form is marketed for.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from articles.models import (
    EditTracked,
    LinkTarget,
    Reference,
    ReferenceKind,
    Topic,
    UniqueInAnyCase,
    lower_case_check,
    lower_case_only,
    unique_in_any_case,
)
from comparisons.models import MagnesiumCompound

# The column of the open data (and the `form` filter value) for "magnesium in general".
ANY_FORM = "any"


class Grade(models.TextChoices):
    """How strong the evidence is, strongest first; `against` means good evidence of no
    benefit, `none` that no human study of this pairing was found."""

    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    CONFLICTING = "conflicting", "Conflicting"
    NONE = "none", "No evidence"
    AGAINST = "against", "Evidence against"


# Sources that are not studies in people: a grade above "No evidence" cannot rest on them
# alone (Grade.NONE: no human study of this pairing was found).
NOT_STUDIES_IN_PEOPLE = frozenset(
    {ReferenceKind.ANIMAL, ReferenceKind.IN_VITRO, ReferenceKind.LABEL, ReferenceKind.DATABASE}
)
# More studies of one form for one outcome than any outcome has: a mistyped count.
STUDY_COUNT_LIMIT = MaxValueValidator(
    500, "More than 500 studies of one outcome? Check the count against the sources."
)
# Grades that claim something about the studies, so they must name them.
GRADES_NEEDING_REFERENCES = frozenset(Grade.values) - {Grade.NONE}


class Direction(models.TextChoices):
    BENEFIT = "benefit", "Benefit"
    NO_EFFECT = "no-effect", "No effect"
    HARM = "harm", "Harm"
    UNCLEAR = "unclear", "Unclear"


class OutcomeQuerySet(models.QuerySet):
    def for_topic(self, topic: Topic) -> OutcomeQuerySet:
        return self.filter(topic=topic)


class Outcome(UniqueInAnyCase, LinkTarget, EditTracked):
    """Something readers hope magnesium helps with: a column of the matrix."""

    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(
        max_length=40, help_text="The column heading of the matrix, e.g. 'Migraine'."
    )
    slug = models.SlugField(
        "end of the web address", max_length=80, unique=True, validators=[lower_case_only]
    )
    description = models.TextField(help_text="What the outcome means, in plain words.")
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        help_text="The topic hub that shows this outcome's column.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Columns are ordered by this number, smallest first."
    )

    objects = OutcomeQuerySet.as_manager()

    LINK_KIND = "evidence"
    # The page's title, and the matrix's column heading: "Sleep" and "SLEEP" were two columns.
    UNIQUE_IN_ANY_CASE = ("name", "short_name")

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            lower_case_check("slug", "outcome_slug_lower_case"),
            unique_in_any_case("name", "outcome_name_unique_in_any_case"),
            unique_in_any_case("short_name", "outcome_short_name_unique_in_any_case"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evidence:outcome_detail", kwargs={"slug": self.slug})

    # An outcome's page is never a draft: readers can open it as soon as it is saved.
    is_public = True


class EvidenceCellQuerySet(models.QuerySet):
    def public(self) -> EvidenceCellQuerySet:
        """Cells readers may see: magnesium in general, and forms that are published."""
        published = MagnesiumCompound.objects.published()
        return self.filter(Q(compound__isnull=True) | Q(compound__in=published.values("pk")))

    def for_outcome(self, outcome: Outcome) -> EvidenceCellQuerySet:
        return self.filter(outcome=outcome)

    def for_form(self, compound: MagnesiumCompound | None) -> EvidenceCellQuerySet:
        """One form's cells; None is the "magnesium in general" row."""
        if compound is None:
            return self.filter(compound__isnull=True)
        return self.filter(compound=compound)

    def in_matrix_order(self) -> EvidenceCellQuerySet:
        """By outcome column, then magnesium in general before the forms by name, ignoring
        case as the matrix's rows do (NULLs sort first on SQLite and last on PostgreSQL
        unless told)."""
        return self.order_by(
            "outcome__position",
            "outcome__name",
            Lower("compound__name").asc(nulls_first=True),
        )

    def missing_references(self) -> EvidenceCellQuerySet:
        """Graded cells left with no reference: the admin refuses to save one, but deleting
        a reference elsewhere removes it from its cells too. The admin lists them."""
        return self.filter(grade__in=GRADES_NEEDING_REFERENCES, references__isnull=True)

    def sourced_only_by(self, reference: Reference) -> EvidenceCellQuerySet:
        """Graded cells citing this reference and no other: deleting it would leave them
        claiming something with no source."""
        others = EvidenceCell.references.through.objects.exclude(reference=reference)
        return self.filter(grade__in=GRADES_NEEDING_REFERENCES, references=reference).exclude(
            pk__in=others.values("evidencecell_id")
        )

    def grid(self) -> EvidenceCellQuerySet:
        """What the matrix draws, in one query however many cells there are."""
        return self.select_related("outcome", "compound").only(
            "grade",
            "direction",
            "summary",
            "outcome__slug",
            "outcome__name",
            "outcome__short_name",
            "outcome__position",
            "compound__slug",
            "compound__name",
        )

    def with_references(self) -> EvidenceCellQuerySet:
        """Cells with their outcome, form and references, in three queries."""
        return self.select_related("outcome", "compound").prefetch_related("references")


class EvidenceCell(EditTracked):
    """The evidence for one form and one outcome (no form: magnesium in general)."""

    Grade = Grade
    Direction = Direction

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="cells")
    compound = models.ForeignKey(
        MagnesiumCompound,
        verbose_name="form of magnesium",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_cells",
        help_text="Leave empty for magnesium in general (studies that did not compare forms).",
    )
    grade = models.CharField(max_length=12, choices=Grade, default=Grade.NONE)
    direction = models.CharField(
        "direction of the effect", max_length=10, choices=Direction, default=Direction.UNCLEAR
    )
    human_trials = models.PositiveSmallIntegerField(
        "human trials",
        default=0,
        validators=[STUDY_COUNT_LIMIT],
        help_text="Controlled trials in people.",
    )
    human_reviews = models.PositiveSmallIntegerField(
        "reviews",
        default=0,
        validators=[STUDY_COUNT_LIMIT],
        help_text="Systematic reviews and meta-analyses of human studies.",
    )
    lab_studies = models.PositiveSmallIntegerField(
        "animal or cell studies",
        default=0,
        validators=[STUDY_COUNT_LIMIT],
        help_text="Counted apart: they do not show an effect in people.",
    )
    summary = models.CharField(
        max_length=400, help_text="One sentence in plain words: what the studies found."
    )
    references = models.ManyToManyField(Reference, related_name="evidence_cells", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EvidenceCellQuerySet.as_manager()

    class Meta:
        ordering = ["outcome__position", "outcome__name", "compound__name"]
        verbose_name = "evidence cell"
        constraints = [
            # One cell per form and outcome, and one "magnesium in general" cell per outcome:
            # a plain unique constraint would let NULL forms repeat (NULLs are distinct), and
            # `nulls_distinct=False` needs PostgreSQL 15, so two partial constraints instead.
            models.UniqueConstraint(
                fields=["outcome", "compound"],
                condition=Q(compound__isnull=False),
                name="evidence_cell_one_per_form_and_outcome",
                violation_error_message="This form already has a cell for this outcome.",
            ),
            models.UniqueConstraint(
                fields=["outcome"],
                condition=Q(compound__isnull=True),
                name="evidence_cell_one_general_per_outcome",
                violation_error_message=(
                    "This outcome already has a cell for magnesium in general."
                ),
            ),
            models.CheckConstraint(
                condition=Q(grade__in=Grade.values), name="evidence_cell_grade_valid"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="evidence_cell_direction_valid"
            ),
            models.CheckConstraint(
                condition=~Q(summary=""),
                name="evidence_cell_has_summary",
                violation_error_message="Say in one sentence what the studies found.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_name}: {self.outcome.name}"

    def get_absolute_url(self) -> str:
        return f"{self.outcome.get_absolute_url()}#{self.anchor}"

    @property
    def is_public(self) -> bool:
        """Readers see it: magnesium in general, or a form that is published."""
        return self.compound_id is None or self.compound.is_public

    @property
    def changes_shown_on(self) -> Outcome:
        """The page a change of this cell is noted on for readers: its outcome's."""
        return self.outcome

    @property
    def form_name(self) -> str:
        return self.compound.name if self.compound_id else "Magnesium in general"

    @property
    def form_slug(self) -> str:
        return self.compound.slug if self.compound_id else ANY_FORM

    @property
    def anchor(self) -> str:
        return f"cell-{self.form_slug}"

    def clean(self) -> None:
        super().clean()
        if self.grade == Grade.AGAINST and self.direction not in {
            Direction.NO_EFFECT,
            Direction.HARM,
        }:
            # Readers saw "Evidence against (benefit)".
            raise ValidationError(
                {
                    "direction": "'Evidence against' means the studies found no effect or found "
                    "harm: set the direction to 'No effect' or 'Harm', or choose another grade."
                },
                code="against_with_benefit",
            )
        if self.grade in GRADES_NEEDING_REFERENCES and not (
            self.human_trials or self.human_reviews
        ):
            # Readers saw "Strong (harm) ... No studies counted".
            raise ValidationError(
                {
                    "grade": f"A grade of '{self.get_grade_display()}' judges studies in people, "
                    "and none is counted: give the number of trials and reviews it rests on "
                    "below, or set the grade to 'No evidence'."
                },
                code="grade_without_studies",
            )

    @property
    def studies(self) -> dict[str, int]:
        return {
            "human_trials": self.human_trials,
            "human_reviews": self.human_reviews,
            "animal_or_cell": self.lab_studies,
        }

    @property
    def studies_text(self) -> str:
        """'2 trials, 1 review; 1 animal or cell study', or 'No studies counted'."""
        human = [
            f"{count} {word}{'' if count == 1 else 's'}"
            for count, word in ((self.human_trials, "trial"), (self.human_reviews, "review"))
            if count
        ]
        text = ", ".join(human)
        if self.lab_studies:
            lab = f"{self.lab_studies} animal or cell stud{'y' if self.lab_studies == 1 else 'ies'}"
            text = f"{text}; {lab}" if text else f"Only {lab}"
        return text or "No studies counted"

    def check_references(self, references: Iterable[Reference]) -> None:
        """A grade above `none` is a claim about studies, so it must cite at least one.

        Many-to-many rows are saved after the cell itself, so no database constraint and no
        `clean()` can see them: the admin form calls this with the references being saved,
        and the starter loader with the references it is about to set.
        """
        references = list(references)
        if (
            self.grade in GRADES_NEEDING_REFERENCES
            and references
            and not any(reference.kind not in NOT_STUDIES_IN_PEOPLE for reference in references)
        ):
            raise ValidationError(
                {
                    "references": (
                        f"A grade of '{self.get_grade_display()}' is about studies in people, "
                        "and these sources are animal or cell studies, labels or databases: "
                        "cite a study or review in people, or set the grade to 'No evidence' "
                        "(count the animal or cell studies in their own box)."
                    )
                },
                code="grade_needs_human_source",
            )
        if self.grade in GRADES_NEEDING_REFERENCES and not references:
            raise ValidationError(
                {
                    "references": (
                        f"A grade of '{self.get_grade_display()}' must cite the studies it "
                        "rests on: add at least one reference, or set the grade to "
                        "'No evidence'."
                    )
                },
                code="grade_needs_reference",
            )
