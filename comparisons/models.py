"""Forms of magnesium, comparison tables and foods.

A supplement form is a chemical compound, so the model is `MagnesiumCompound` (Django already
has "forms"); URLs and pages say "forms", as readers do.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from markdownx.models import MarkdownxField

from articles.models import (
    Article,
    ContentLink,
    EditTracked,
    Publishable,
    PublishableQuerySet,
    Reference,
    RenderedMarkdownModel,
    Topic,
    problems_in,
)
from articles.rendering import Rendered, render_markdown

# The US Daily Value for magnesium on food and supplement labels: 420 mg for adults and children
# aged 4 and over (FDA, 21 CFR 101.9(c)(8)(iv); quoted in the NIH ODS fact sheet,
# reference key `ods-magnesium-hp`). Older labels used 400 mg.
DAILY_VALUE_MG = 420
DAILY_VALUE_REFERENCE_KEY = "ods-magnesium-hp"


class Route(models.TextChoices):
    ORAL = "oral", "Oral"
    TOPICAL = "topical", "Topical"


class Bioavailability(models.TextChoices):
    """How much of the magnesium is absorbed, in order from least to most."""

    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    GOOD = "good", "Good"
    HIGH = "high", "High"


class Evidence(models.TextChoices):
    """How well the bioavailability rating is supported, weakest first."""

    LIMITED = "limited", "Limited"
    MODERATE = "moderate", "Moderate"
    STRONG = "strong", "Strong"


class Tolerance(models.TextChoices):
    """Digestive tolerance, gentlest first."""

    GENTLE = "gentle", "Gentle"
    MODERATE = "moderate", "Moderate"
    LAXATIVE = "laxative", "Laxative"


def choice_rank(field: str, choices: type[models.TextChoices]) -> Case:
    """An SQL expression giving a choice's position in its declared order, so that sorting
    follows the scale (low < moderate < good < high), not the alphabet."""
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
        output_field=IntegerField(),
    )


class MagnesiumCompoundQuerySet(PublishableQuerySet):
    def with_ranks(self) -> MagnesiumCompoundQuerySet:
        return self.annotate(
            bioavailability_rank=choice_rank("bioavailability", Bioavailability),
            evidence_rank=choice_rank("evidence", Evidence),
            tolerance_rank=choice_rank("tolerance", Tolerance),
        )

    def for_table(self) -> MagnesiumCompoundQuerySet:
        """What the forms table and its exports show, in a fixed number of queries."""
        return self.defer("body", "body_html", "citations").prefetch_related("uses")

    def with_sources(self) -> MagnesiumCompoundQuerySet:
        """Everything a profile or a side-by-side comparison shows, with the figures' sources."""
        return self.prefetch_related("uses", "elemental_refs", "bioavailability_refs", "dose_refs")

    def for_calculator(self) -> MagnesiumCompoundQuerySet:
        """What the calculator needs of every form: its figure and that figure's sources."""
        return (
            self.only("name", "slug", "route", "elemental_percent", "elemental_basis")
            .prefetch_related("elemental_refs")
            .order_by(Lower("name"))
        )

    def for_uses(self, slugs: list[str]) -> MagnesiumCompoundQuerySet:
        """Forms recommended for any of these topics."""
        through = MagnesiumCompound.uses.through.objects.filter(topic__slug__in=slugs)
        return self.filter(pk__in=through.values("magnesiumcompound_id"))

    def search(self, text: str) -> MagnesiumCompoundQuerySet:
        """Forms where every word appears in the name, other names, summary or uses."""
        queryset = self
        for word in text.split():
            in_uses = MagnesiumCompound.uses.through.objects.filter(topic__name__icontains=word)
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(other_names__icontains=word)
                | Q(summary__icontains=word)
                | Q(pk__in=in_uses.values("magnesiumcompound_id"))
            )
        return queryset


class MagnesiumCompound(RenderedMarkdownModel, Publishable):
    """One form of magnesium (glycinate, citrate, Epsom salt...) and the figures readers
    compare, each backed by the references that support it. Published like an article:
    readers see only `published()` forms, wherever forms are listed, linked or offered."""

    Route = Route
    Bioavailability = Bioavailability
    Evidence = Evidence
    Tolerance = Tolerance

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    other_names = models.TextField(
        blank=True, help_text="One name per line, e.g. magnesium bisglycinate."
    )
    route = models.CharField(max_length=10, choices=Route)
    summary = models.CharField(max_length=400, help_text="One or two sentences.")

    elemental_percent = models.DecimalField(
        "elemental magnesium (% by weight)",
        max_digits=5,
        decimal_places=2,
        help_text="Magnesium as a share of the compound's weight, more than 0 and at most 100.",
    )
    elemental_basis = models.TextField(
        blank=True,
        help_text="Which salt or hydrate the figure is for, with formula and molar mass.",
    )
    elemental_refs = models.ManyToManyField(
        Reference, related_name="elemental_figure_for", blank=True
    )

    bioavailability = models.CharField(max_length=10, choices=Bioavailability)
    evidence = models.CharField(
        "evidence for the bioavailability rating", max_length=10, choices=Evidence
    )
    evidence_note = models.TextField(blank=True)
    bioavailability_refs = models.ManyToManyField(
        Reference, related_name="bioavailability_figure_for", blank=True
    )

    tolerance = models.CharField("digestive tolerance", max_length=10, choices=Tolerance)
    uses = models.ManyToManyField(
        Topic, related_name="compounds", blank=True, help_text="What it is best for."
    )
    side_effects = models.TextField(blank=True)

    dose_low_mg = models.PositiveSmallIntegerField(
        "typical dose from (mg elemental/day)",
        null=True,
        blank=True,
        help_text="Leave both dose fields empty when no dose applies; say why in the dose note.",
    )
    dose_high_mg = models.PositiveSmallIntegerField(
        "typical dose to (mg elemental/day)", null=True, blank=True
    )
    dose_note = models.TextField(blank=True)
    dose_refs = models.ManyToManyField(Reference, related_name="dose_figure_for", blank=True)

    cautions = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MagnesiumCompoundQuerySet.as_manager()

    LINK_KIND: ClassVar[str | None] = "form"

    class Meta:
        ordering = ["name"]
        verbose_name = "form of magnesium"
        verbose_name_plural = "forms of magnesium"
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(elemental_percent__gt=0, elemental_percent__lte=100),
                name="compound_elemental_percent_range",
                # "%%": Django formats the message with the constraint's name.
                violation_error_message="Elemental magnesium must be over 0 and at most 100%%.",
            ),
            models.CheckConstraint(
                condition=Q(route__in=Route.values), name="compound_route_valid"
            ),
            models.CheckConstraint(
                condition=Q(bioavailability__in=Bioavailability.values),
                name="compound_bioavailability_valid",
            ),
            models.CheckConstraint(
                condition=Q(evidence__in=Evidence.values), name="compound_evidence_valid"
            ),
            models.CheckConstraint(
                condition=Q(tolerance__in=Tolerance.values), name="compound_tolerance_valid"
            ),
            models.CheckConstraint(
                # Both or neither; spelled out because a comparison with NULL is not false.
                condition=Q(dose_low_mg__isnull=True, dose_high_mg__isnull=True)
                | Q(
                    dose_low_mg__isnull=False,
                    dose_high_mg__isnull=False,
                    dose_low_mg__gt=0,
                    dose_low_mg__lte=F("dose_high_mg"),
                ),
                name="compound_dose_range",
                violation_error_message=(
                    "Give the typical dose as a range from a lower to a higher number of mg "
                    "(the same number twice for a single dose), or leave both empty."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("comparisons:form_detail", kwargs={"slug": self.slug})

    @property
    def other_names_list(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    @property
    def has_dose(self) -> bool:
        return self.dose_low_mg is not None

    @property
    def dose_range(self) -> str:
        """'200-350 mg', '144 mg', or '' when no dose applies."""
        if not self.has_dose:
            return ""
        if self.dose_low_mg == self.dose_high_mg:
            return f"{self.dose_low_mg} mg"
        return f"{self.dose_low_mg}\u2013{self.dose_high_mg} mg"

    def articles_mentioning(self):
        """Published articles whose body links here with [[form:slug]] (stored backlinks)."""
        links = ContentLink.objects.to(self.LINK_KIND, self.slug).from_model(Article)
        return Article.objects.published().filter(pk__in=links.values("source_id"))


class ComparisonQuerySet(models.QuerySet):
    def with_rows(self) -> ComparisonQuerySet:
        return self.prefetch_related("rows")


class Comparison(RenderedMarkdownModel):
    """A comparison table: feature rows against two or more option columns, with an
    introduction (`body`) and closing notes (`outro`) around it. Cells are Markdown."""

    MIN_COLUMNS = 2
    MAX_COLUMNS = 6

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
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

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("comparisons:comparison_detail", kwargs={"slug": self.slug})

    def render(self) -> Rendered:
        """Render the introduction, the closing notes and (once saved) every row, and report
        their links and citations together, so the link checks cover the whole table."""
        intro = super().render()
        outro = render_markdown(self.outro)
        self.outro_html = outro.html
        parts = [intro]
        if self.pk:
            for row in self.rows.all():
                parts += row.render()
                ComparisonRow.objects.filter(pk=row.pk).update(cells_html=row.cells_html)
        parts.append(outro)
        return _combined(parts)

    def markdown_problems(self, *, unpublished_ok: bool = False) -> list[str]:
        parts = [render_markdown(self.body), render_markdown(self.outro)]
        if self.pk:
            parts += [render_markdown(cell) for row in self.rows.all() for cell in row.cells]
        return problems_in(_combined(parts), unpublished_ok=unpublished_ok)

    def clean(self) -> None:
        # Not RenderedMarkdownModel.clean(): it would file the closing notes' and the rows'
        # problems under the introduction. Each row checks its own cells.
        models.Model.clean(self)
        errors: dict[str, list[str]] = {}
        if problems := problems_in(render_markdown(self.body)):
            errors["body"] = problems
        if problems := problems_in(render_markdown(self.outro)):
            errors["outro"] = problems
        if not isinstance(self.columns, list) or not all(
            isinstance(heading, str) and heading.strip() for heading in self.columns
        ):
            errors["columns"] = ["Give each column a heading."]
        elif not self.MIN_COLUMNS <= len(self.columns) <= self.MAX_COLUMNS:
            errors["columns"] = [
                f"A comparison has {self.MIN_COLUMNS} to {self.MAX_COLUMNS} columns."
            ]
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


class ComparisonRow(models.Model):
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
        self.cells_html = [part.html for part in rendered]
        return rendered

    def clean(self) -> None:
        super().clean()
        # Non-field errors: the admin edits the cells through one form field per column.
        if not isinstance(self.cells, list) or not all(isinstance(c, str) for c in self.cells):
            raise ValidationError("Cells must be a list of Markdown texts.")
        if problems := problems_in(_combined([render_markdown(cell) for cell in self.cells])):
            raise ValidationError(problems)


def _combined(parts: list[Rendered]) -> Rendered:
    """Several rendered fragments of one page as one result (first part's HTML; all links and
    citations, in page order)."""
    citations: list[str] = []
    for part in parts:
        citations += [key for key in part.citations if key not in citations]
    return Rendered(
        html=parts[0].html if parts else "",
        citations=citations,
        links=[link for part in parts for link in part.links],
        broken_links=[link for part in parts for link in part.broken_links],
        unpublished_links=[link for part in parts for link in part.unpublished_links],
        word_count=sum(part.word_count for part in parts),
    )


class FoodGroup(models.TextChoices):
    SEEDS_NUTS = "seeds-nuts", "Seeds and nuts"
    LEGUMES = "legumes", "Legumes"
    GRAINS = "grains", "Grains"
    VEGETABLES = "vegetables", "Vegetables"
    FRUIT = "fruit", "Fruit"
    DAIRY_SOY = "dairy-soy", "Dairy and soy"
    FISH_MEAT = "fish-meat", "Fish and meat"
    SWEETS = "sweets", "Sweets"


class FoodQuerySet(models.QuerySet):
    def in_groups(self, groups: list[str]) -> FoodQuerySet:
        return self.filter(group__in=groups)

    def with_sources(self) -> FoodQuerySet:
        return self.prefetch_related("refs")


class Food(EditTracked):
    """A food and the magnesium in one serving of it."""

    Group = FoodGroup

    name = models.CharField(max_length=120, unique=True)
    group = models.CharField(max_length=20, choices=FoodGroup)
    serving = models.CharField(max_length=60)
    mg = models.PositiveSmallIntegerField("magnesium (mg per serving)")
    refs = models.ManyToManyField(Reference, related_name="foods", blank=True)

    objects = FoodQuerySet.as_manager()

    class Meta:
        ordering = ["-mg", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__in=FoodGroup.values), name="food_group_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def percent_daily_value(self) -> int:
        """% of the 420 mg Daily Value, to the nearest whole percent."""
        share = Decimal(self.mg) * 100 / DAILY_VALUE_MG
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ---- Intake tables: the reference values the calculator compares a dose with ----


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
    slug = models.SlugField(max_length=100, unique=True)
    refs = models.ManyToManyField(
        Reference,
        related_name="intake_tables",
        blank=True,
        help_text="Where the figures in this table come from.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = IntakeTableQuerySet.as_manager()

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
                    for row in rows:
                        model(table=self, **_data_to_fields(row)).save()


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
        max_length=40, unique=True, help_text="Used in calculator links, e.g. 31-50-years."
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
        ]

    def __str__(self) -> str:
        return self.label

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

    def has_life_stage_values(self) -> bool:
        return self.pregnancy_mg is not None or self.lactation_mg is not None


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

    @property
    def is_established(self) -> bool:
        return self.ul_mg is not None
