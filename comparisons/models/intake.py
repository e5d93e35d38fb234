"""Intake tables: the reference values the calculator compares a dose with."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse

from articles.models import (
    EditTracked,
    Reference,
    lower_case_check,
    lower_case_only,
)
from comparisons.calculator import mid_sentence
from comparisons.sources_needed import check_sources


class IntakeTableQuerySet(models.QuerySet):
    def with_rows(self) -> IntakeTableQuerySet:
        """Every table with its sources and rows, in four queries whatever the table size."""
        return self.prefetch_related("refs", "recommended", "upper_limits")


class IntakeTable(EditTracked):
    """A set of dietary reference intakes for magnesium, edited and loaded as a whole: the
    RDA/AI rows by age group (`RecommendedIntake`), the upper limits for supplements
    (`UpperIntakeLimit`) and the sources of both. The starter loader writes a table and its
    rows as one record, so an editor's change to any row keeps the whole table."""

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField("end of the web address", max_length=100, unique=True)
    refs = models.ManyToManyField(
        Reference,
        related_name="intake_tables",
        blank=True,
        verbose_name="sources",
        help_text="Where the figures in this table come from.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = IntakeTableQuerySet.as_manager()

    # Readers see every table on the calculator's page as soon as it is saved.
    is_public = True
    # What readers see of a table besides its rows, all of which they see (the calculator
    # shows them and answers from them): a save that changes one of these or a row is a
    # change readers are told of, with a change note. Not the slug, which no page shows.
    FIELDS_READERS_SEE = ("title", "refs")

    # The row fields the loader reads and writes, in the starter file's units.
    RECOMMENDED_FIELDS = (
        "age_group",
        "label",
        "min_age_years",
        "max_age_years",
        "male_mg",
        "female_mg",
        "pregnancy_mg",
        "lactation_mg",
        "is_ai",
    )
    UPPER_LIMIT_FIELDS = ("age_group", "label", "min_age_years", "max_age_years", "ul_mg")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def check_references(self, references) -> None:
        """The calculator's figures cite a source: checked on the sources being saved, by
        the admin form (SourcedForm)."""
        check_sources(references, "these figures in the calculator")

    def get_absolute_url(self) -> str:
        return reverse("comparisons:calculator") + "#intake-tables"

    @property
    def recommended_data(self) -> list[dict]:
        """The RDA/AI rows as plain data, youngest first: one dict per row with the
        RECOMMENDED_FIELDS, ages as floats, empty figures as None."""
        if (pending := getattr(self, "_pending_recommended", None)) is not None:
            return pending
        return _rows_as_data(self.recommended.all() if self.pk else [], self.RECOMMENDED_FIELDS)

    @recommended_data.setter
    def recommended_data(self, rows: list[dict]) -> None:
        """Replace all RDA/AI rows with these on the next save()."""
        self._pending_recommended = [dict(row) for row in rows]

    @property
    def upper_limit_data(self) -> list[dict]:
        if (pending := getattr(self, "_pending_upper_limits", None)) is not None:
            return pending
        return _rows_as_data(self.upper_limits.all() if self.pk else [], self.UPPER_LIMIT_FIELDS)

    @upper_limit_data.setter
    def upper_limit_data(self, rows: list[dict]) -> None:
        """Replace all upper-limit rows with these on the next save()."""
        self._pending_upper_limits = [dict(row) for row in rows]

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            for attribute, manager, model in [
                ("_pending_recommended", self.recommended, RecommendedIntake),
                ("_pending_upper_limits", self.upper_limits, UpperIntakeLimit),
            ]:
                if (rows := getattr(self, attribute, None)) is not None:
                    setattr(self, attribute, None)
                    manager.all().delete()
                    for data in rows:
                        row = model(table=self, **_data_to_fields(data))
                        try:
                            row.check_other_tables()
                        except ValidationError as error:
                            # Undoes the whole save; the starter loader says which row.
                            kind = model._meta.verbose_name
                            raise ValidationError(
                                f"The {kind} “{row.label}” ({row.ages_text}): {error.message}",
                                code=error.code,
                            ) from error
                        row.save()


def kept_for_calculator(tables: list[IntakeTable]) -> list[tuple[IntakeTable, str]]:
    """Those of `tables` that may not be deleted together, each with why: the calculator
    compares a dose with the rows of every table, and deleting the only table it had left it
    no upper limit to check (and old links naming an age answered with an error). A table
    may go while another holds figures of each kind it holds."""
    chosen = {table.pk for table in tables}
    if not IntakeTable.objects.exclude(pk__in=chosen).exists():
        why = (
            "is the calculator's only intake table"
            if len(tables) == 1
            else "is selected along with every other intake table: the calculator would have "
            "none left"
        )
        return [(table, why) for table in tables]
    kinds = [("recommended intakes", RecommendedIntake), ("upper limits", UpperIntakeLimit)]
    left_without = [
        (name, model)
        for name, model in kinds
        if not model.objects.exclude(table__in=chosen).exists()
    ]
    kept = []
    for table in tables:
        sole = [name for name, model in left_without if model.objects.filter(table=table).exists()]
        if sole:
            kept.append((table, f"holds the calculator's only {' and '.join(sole)}"))
    return kept


def lock_intake_tables() -> None:
    """Hold every intake table until the transaction ends. Taken before a deletion's check
    (`kept_for_calculator`), so two editors deleting the last two tables at once are checked
    one after the other: the second sees the first's deletion and keeps its table."""
    list(IntakeTable.objects.select_for_update().order_by().values_list("pk", flat=True))


def _data_to_fields(row: dict) -> dict:
    # Through str, so 0.5 is stored as 0.5 and not as the binary float's long expansion.
    return {
        name: Decimal(str(value)) if isinstance(value, float) else value
        for name, value in row.items()
    }


def _rows_as_data(rows, fields: tuple[str, ...]) -> list[dict]:
    """Rows as JSON-friendly dicts (ages as floats), the form the starter loader compares."""
    data = []
    for row in rows:
        item = {}
        for name in fields:
            value = getattr(row, name)
            item[name] = float(value) if isinstance(value, Decimal) else value
        data.append(item)
    return data


class AgeRange(models.Model):
    """An age group of an intake table, in years; the range is half-open (min <= age < max)
    and an empty maximum means no upper bound."""

    age_group = models.SlugField(
        max_length=40,
        unique=True,
        validators=[lower_case_only],
        help_text="Used in calculator links, e.g. 31-50-years.",
    )
    label = models.CharField(max_length=80, help_text="As readers see it, e.g. 31 to 50 years.")
    min_age_years = models.DecimalField(
        "from age (years)",
        max_digits=5,
        decimal_places=2,
        help_text="Years; 0.5 is six months.",
    )
    max_age_years = models.DecimalField(
        "up to age (years)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Up to but not including this age; empty for no upper limit.",
    )

    class Meta:
        abstract = True
        ordering = ["min_age_years", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age_years__gte=0)
                & (Q(max_age_years__isnull=True) | Q(max_age_years__gt=F("min_age_years"))),
                name="%(class)s_age_range",
                violation_error_message=(
                    "The age group must start at 0 or more and end after it starts."
                ),
            ),
            lower_case_check("age_group", "%(class)s_age_group_lower_case"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        self.check_other_tables()

    def check_other_tables(self) -> None:
        """Refuse ages another intake table already gives a row of this kind for. The
        calculator reads the rows of every table together: a second table's "all ages" row
        was listed among the first's groups and its 400 mg limit taken for a woman of 31 to
        50, whose limit is 350 mg."""
        if self.min_age_years is None:
            return  # the box says what is missing
        other = self.overlapping_elsewhere().first()
        if other is not None:
            kinds = self._meta.verbose_name_plural
            raise ValidationError(
                f"These ages overlap the row “{other.label}” ({other.ages_text}) of the "
                f"intake table “{other.table}”. The calculator reads the {kinds} of every "
                "table together, so a reader of those ages would get two and might be given "
                f"the wrong one. Change the ages here, or that row in “{other.table}”.",
                code="overlaps_another_table",
            )

    def overlapping_elsewhere(self) -> models.QuerySet:
        """The rows of this kind in other tables that share an age with this one."""
        shared = Q(max_age_years__isnull=True) | Q(max_age_years__gt=self.min_age_years)
        if self.max_age_years is not None:
            shared &= Q(min_age_years__lt=self.max_age_years)
        rows = type(self)._default_manager.select_related("table").filter(shared)
        # A row of a table not saved yet has no table: every stored row is another table's.
        return rows.exclude(table_id=self.table_id) if self.table_id else rows

    @property
    def label_in_text(self) -> str:
        """The label mid-sentence: '1 to 3 years', 'birth to 12 months'."""
        return mid_sentence(self.label)

    @property
    def ages_text(self) -> str:
        """'from age 31 up to 51', 'from age 9 on'."""
        start = f"from age {self.min_age_years.normalize():f}"
        if self.max_age_years is None:
            return f"{start} on"
        return f"{start} up to {self.max_age_years.normalize():f}"

    def covers(self, other: AgeRange) -> bool:
        """Whether this age group contains all of `other`."""
        if other.min_age_years < self.min_age_years:
            return False
        if self.max_age_years is None:
            return True
        return other.max_age_years is not None and other.max_age_years <= self.max_age_years

    def includes_age(self, years: Decimal) -> bool:
        return self.min_age_years <= years and (
            self.max_age_years is None or years < self.max_age_years
        )


def _positive_or_empty(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": 0})


class RecommendedIntake(AgeRange):
    """The Recommended Dietary Allowance (or, for infants, the Adequate Intake) of magnesium
    for one age group: magnesium from all sources, food included."""

    table = models.ForeignKey(IntakeTable, on_delete=models.CASCADE, related_name="recommended")
    male_mg = models.PositiveSmallIntegerField("male (mg/day)")
    female_mg = models.PositiveSmallIntegerField("female (mg/day)")
    pregnancy_mg = models.PositiveSmallIntegerField(
        "pregnancy (mg/day)", null=True, blank=True, help_text="Empty where none is set."
    )
    lactation_mg = models.PositiveSmallIntegerField(
        "breastfeeding (mg/day)", null=True, blank=True, help_text="Empty where none is set."
    )
    is_ai = models.BooleanField(
        "adequate intake (AI)",
        default=False,
        help_text="Tick when the figures are Adequate Intakes rather than RDAs (infants).",
    )

    # Far above any recommended intake of magnesium: a figure over it is a slip of the
    # keyboard, which readers would be told to reach.
    MOST_MG = 1000

    class Meta(AgeRange.Meta):
        verbose_name = "recommended intake"
        constraints = [
            *AgeRange.Meta.constraints,
            models.CheckConstraint(
                condition=Q(male_mg__gt=0, female_mg__gt=0)
                & _positive_or_empty("pregnancy_mg")
                & _positive_or_empty("lactation_mg"),
                name="recommendedintake_mg_positive",
                violation_error_message="Intakes are more than 0 mg (leave a column empty "
                "where the table sets no value).",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        errors = {
            name: f"{value:,} mg a day is far above any recommended intake of magnesium; "
            f"figures over {self.MOST_MG:,} mg are refused. Check it against the table's source."
            for name in ("female_mg", "male_mg", "pregnancy_mg", "lactation_mg")
            if (value := getattr(self, name)) is not None and value > self.MOST_MG
        }
        if errors:
            raise ValidationError(errors)


class UpperIntakeLimit(AgeRange):
    """The Tolerable Upper Intake Level for one age group: magnesium from supplements and
    medicines only, not from food. Empty where none has been set (infants)."""

    table = models.ForeignKey(IntakeTable, on_delete=models.CASCADE, related_name="upper_limits")
    ul_mg = models.PositiveSmallIntegerField(
        "upper limit from supplements (mg/day)",
        null=True,
        blank=True,
        help_text="Empty where no upper limit has been established.",
    )

    class Meta(AgeRange.Meta):
        verbose_name = "upper intake limit"
        constraints = [
            *AgeRange.Meta.constraints,
            models.CheckConstraint(
                condition=_positive_or_empty("ul_mg"),
                name="upperintakelimit_mg_positive",
                violation_error_message="An upper limit is more than 0 mg, or empty.",
            ),
        ]

    # Far above any limit set for magnesium from supplements (350 mg a day from age 9 in the
    # table the calculator starts from): a figure over it is a slip of the keyboard, and the
    # calculator would tell readers a harmful dose is within the limit.
    MOST_MG = 1000

    def clean(self) -> None:
        super().clean()
        if self.ul_mg is not None and self.ul_mg > self.MOST_MG:
            raise ValidationError(
                {
                    "ul_mg": f"{self.ul_mg:,} mg a day is far above any upper limit set for "
                    f"magnesium from supplements; limits over {self.MOST_MG:,} mg are refused. "
                    "Check the figure against the table's source."
                }
            )

    @property
    def is_established(self) -> bool:
        return self.ul_mg is not None
