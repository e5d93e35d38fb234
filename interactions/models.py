"""Medicines and magnesium: which medicines to keep apart from magnesium, and by how long.

A `Medicine` is one medicine or a class of them (tetracycline antibiotics, proton pump
inhibitors...) with the names readers know it by (`MedicineAlias`: generic and brand names),
its rule, why, how much it matters and the sources the rule rests on. The rule is one of:

- `space`: take the medicine at least `before_hours` hours before magnesium, or at least
  `after_hours` hours after it (interactions/planning.py plans a day with these);
- `avoid`: taking the two together is not recommended, and spacing them is not known to
  help;
- `ask`: a source names the interaction but no source gives a gap, so no time can be
  planned: readers are sent to a pharmacist for the spacing (high-dose zinc);
- `monitor`: the medicine changes the body's magnesium level over time, so timing does not
  help: a doctor may check the level.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from articles.models import (
    ConstraintsBesideFields,
    EditTracked,
    LinkTarget,
    PlainTextChecked,
    Publishable,
    PublishableQuerySet,
    Reference,
    lower_case_check,
    lower_case_only,
)

# The longest gap a rule may ask for: a day.
MAX_HOURS = 24


PUNCTUATION = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """How names are compared: accents and case dropped, hyphens and other punctuation read
    as spaces, runs of spaces made one, so "Lévothyroxine ", "LEVOTHYROXINE", "L-thyroxine"
    and "l thyroxine" match their own kind. interactions/migrations/0002 applied this rule
    to the names stored before it."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(PUNCTUATION.sub(" ", plain.casefold()).split())


def needs_a_letter_or_digit(name: str) -> None:
    """A name's validator: one of only punctuation or symbols ("!!!") compares as nothing
    (`normalise`), so it would clash with every other such name and no reader could search
    for it."""
    if not normalise(name):
        raise ValidationError("A name needs at least one letter or digit.", code="no_letters")


def name_error(message: str, name: str, **params) -> ValidationError:
    """A name refused, as an error on the form's name field."""
    return ValidationError(
        {"name": ValidationError(message, params={"name": name.strip(), **params})}
    )


class Rule(models.TextChoices):
    SPACE = "space", "Keep apart"
    AVOID = "avoid", "Not recommended together"
    MONITOR = "monitor", "Changes your magnesium level"
    # No invented hours: where a source names the interaction without a gap, the planner
    # suggests no time (interactions/planning.py) and the reader asks a pharmacist.
    ASK = "ask", "No gap known: ask your pharmacist"


class Severity(models.TextChoices):
    """How much it matters, in what can happen; most serious first."""

    MAJOR = "major", "Major: the medicine may not work, or levels may become unsafe"
    MODERATE = "moderate", "Moderate: less of the medicine is absorbed, or levels drift"
    MINOR = "minor", "Minor: a small effect"


class MedicineQuerySet(PublishableQuerySet):
    def with_sources(self) -> MedicineQuerySet:
        """Medicines citing at least one reference: the admin refuses to save one without,
        but deleting a reference elsewhere removes it from its medicines too."""
        cited = Medicine.references.through.objects.filter(medicine=OuterRef("pk"))
        return self.filter(Exists(cited))

    def public(self) -> MedicineQuerySet:
        """What readers see: published, and with a source for its rule."""
        return self.published().with_sources()

    def missing_references(self) -> MedicineQuerySet:
        return self.exclude(pk__in=self.with_sources().values("pk"))

    def sourced_only_by(self, reference: Reference) -> MedicineQuerySet:
        """Medicines whose rule cites this reference and no other: deleting it would take
        the rule off the site (`public()` needs a source)."""
        others = Medicine.references.through.objects.exclude(reference=reference)
        return self.filter(references=reference).exclude(pk__in=others.values("medicine_id"))

    def named(self, name: str) -> MedicineQuerySet:
        """The medicine with this name or alias, case, accents and spacing ignored."""
        key = normalise(name)
        return self.filter(Q(normalised_name=key) | Q(aliases__normalised=key)).distinct()

    def for_pages(self) -> MedicineQuerySet:
        """With their aliases and references, in three queries however many there are."""
        return self.prefetch_related("aliases", "references")


class Medicine(LinkTarget, EditTracked, ConstraintsBesideFields, Publishable):
    """A medicine, or a class of medicines, and its rule with magnesium."""

    Rule = Rule
    Severity = Severity

    name = models.CharField(
        max_length=120,
        unique=True,
        validators=[needs_a_letter_or_digit],
        help_text="What readers call it, e.g. 'Gabapentin'.",
    )
    slug = models.SlugField(
        "end of the web address", max_length=80, unique=True, validators=[lower_case_only]
    )
    # Unbounded, as compared names grow: "ß" reads "ss", and a ligature its letters (`normalise`).
    normalised_name = models.TextField(editable=False, db_index=True)
    drug_class = models.CharField(
        "class",
        max_length=120,
        help_text="The kind of medicine, e.g. 'Antibiotic' or 'Diuretic (water tablet)'.",
    )
    rule = models.CharField(max_length=10, choices=Rule, default=Rule.SPACE)
    before_hours = models.PositiveSmallIntegerField(
        "hours before magnesium",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_HOURS)],
        help_text="Keep apart: take the medicine at least this many hours before magnesium.",
    )
    after_hours = models.PositiveSmallIntegerField(
        "hours after magnesium",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_HOURS)],
        help_text="Keep apart: or at least this many hours after magnesium.",
    )
    summary = models.CharField(
        "the rule in words",
        max_length=400,
        help_text="One or two plain sentences readers act on. Where sources differ, say so; "
        "the hours above should be the longest gap any source gives.",
    )
    why = models.TextField(help_text="What happens, in plain words, and what the sources found.")
    severity = models.CharField(max_length=10, choices=Severity, default=Severity.MODERATE)
    # Quinidine: spacing keeps magnesium from blocking its absorption, but antacid doses can
    # still raise its level, so the calculator's times hold only if its prescriber agrees.
    prescriber_first = models.BooleanField(
        "ask the prescriber before starting magnesium",
        default=False,
        help_text="Tick when the rule says not to start magnesium unless the doctor who "
        "prescribes this medicine agrees (or to tell them first), because spacing the doses "
        "does not cover everything. Its page then says so, and the calculator offers its "
        "times for magnesium only on that condition, naming this medicine.",
    )
    references = models.ManyToManyField(Reference, related_name="medicines", blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Medicines are listed by this number, smallest first."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MedicineQuerySet.as_manager()

    LINK_KIND = "medicine"
    CONSTRAINT_FIELDS: ClassVar[dict[str, str]] = {
        "medicine_keeps_apart_by_some_gap": "before_hours"
    }

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=Q(rule__in=Rule.values), name="medicine_rule_valid"),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="medicine_severity_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(rule=Rule.SPACE, before_hours__isnull=False, after_hours__isnull=False)
                    | (~Q(rule=Rule.SPACE) & Q(before_hours__isnull=True, after_hours__isnull=True))
                ),
                name="medicine_hours_only_for_spacing",
                violation_error_message=(
                    "A 'keep apart' rule needs both gaps (0 if none); other rules take none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(before_hours__isnull=True)
                | Q(before_hours__lte=MAX_HOURS, after_hours__lte=MAX_HOURS),
                name="medicine_hours_within_a_day",
            ),
            # Both 0 read "Keep apart: no gap needed" for a major interaction, and the
            # calculator planned no gap around it.
            models.CheckConstraint(
                condition=~Q(rule=Rule.SPACE, before_hours=0, after_hours=0),
                name="medicine_keeps_apart_by_some_gap",
                violation_error_message=(
                    "A 'keep apart' rule needs a gap of at least 1 hour before or after "
                    "magnesium. If no source gives one, choose 'No gap known: ask your "
                    "pharmacist'."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(summary=""),
                name="medicine_has_summary",
                violation_error_message="Say the rule in plain words.",
            ),
            lower_case_check("slug", "medicine_slug_lower_case"),
        ]

    def __str__(self) -> str:
        return self.name

    def open_to_readers(self) -> bool:
        """Readers see a medicine's rule only with a source for it (`public()`)."""
        return self.is_public and self.references.exists()

    def get_absolute_url(self) -> str:
        return reverse("interactions:medicine_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs) -> None:
        self.normalised_name = normalise(self.name)
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None) -> None:
        """The unique fields, and no other medicine having this name (`check_name_is_free`)."""
        exclude = set(exclude or ())
        errors: dict = {}
        if "name" not in exclude:
            try:
                self.check_name_is_free(self.name)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
                exclude.add("name")  # the same clash, said without naming the medicine
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def check_name_is_free(self, name: str) -> None:
        """One name, one medicine: `name` (this medicine's name or one of its aliases) must
        not be a name or an alias of another medicine, compared as readers' searches compare
        them (`named()`), or what a reader gets for it would depend on the lookup's order.

        Only the other medicines' stored names count: this medicine's own are being saved
        with it, so an alias may become its name (or its name an alias) in one save.
        """
        other = Medicine.objects.named(name).exclude(pk=self.pk).first()
        if other is not None:
            raise name_error("'%(name)s' is already a name of %(other)s.", name, other=other)

    @property
    def spacing(self) -> bool:
        return self.rule == Rule.SPACE

    @property
    def name_in_sentence(self) -> str:
        """The name inside a sentence: 'Proton pump inhibitors' reads 'proton pump
        inhibitors', and 'Amphotericin B' keeps its capital B."""
        return self.name[:1].lower() + self.name[1:]

    @property
    def severity_label(self) -> str:
        return self.get_severity_display().split(":")[0]

    @property
    def severity_meaning(self) -> str:
        """How much it matters, in words that fit the rule: a medicine that changes your
        magnesium level is not absorbed any less, as the severity's own label says."""
        if self.rule == Rule.MONITOR and self.severity != Severity.MINOR:
            what = {
                Severity.MAJOR: "your magnesium level can become unsafe",
                Severity.MODERATE: "your magnesium level can change",
            }[self.severity]
            return f"{self.severity_label}: {what}"
        if self.rule == Rule.ASK and self.severity == Severity.MODERATE:
            # High-dose zinc keeps magnesium from being absorbed, not the other way round.
            return f"{self.severity_label}: less of one of the two may be absorbed"
        return self.get_severity_display()

    def check_references(self, references: Iterable[Reference]) -> None:
        """Every rule is a claim about a medicine, so it must cite where it comes from.

        Many-to-many rows are saved after the medicine itself, so no database constraint
        and no `clean()` can see them: the admin form calls this with the references being
        saved, and the starter loader with the references it is about to set.
        """
        if not list(references):
            raise ValidationError(
                {
                    "references": "A rule without a source cannot be saved: add at least one "
                    "reference (the fact sheet or product information it comes from)."
                },
                code="rule_needs_reference",
            )


class MedicineAlias(PlainTextChecked):
    """Another name readers may search for: a generic or brand name, or a spelling."""

    medicine = models.ForeignKey(Medicine, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120, validators=[needs_a_letter_or_digit])
    # Unique in the database too; validate_unique says which medicine has the name. Unbounded,
    # as the medicine's `normalised_name`.
    normalised = models.TextField(unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "other name"
        verbose_name_plural = "other names (generic and brand)"
        constraints = [
            models.CheckConstraint(condition=~Q(normalised=""), name="medicine_alias_not_blank")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalised = normalise(self.name)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        # Before the uniqueness checks that follow, which compare the normalised name.
        self.normalised = normalise(self.name)
        super().clean_fields(exclude)

    def validate_unique(self, exclude=None) -> None:
        # `normalised` is checked here whether or not a form shows it (the admin's inline
        # leaves it out, as it is not editable), so a clash is a message on the form that
        # names the medicine, never a database error.
        super().validate_unique({*(exclude or ()), "normalised"})
        if exclude and "name" in exclude:
            return
        self.normalised = normalise(self.name)
        # The medicine as it is being saved: in the admin, with the name typed in this save.
        medicine = getattr(self, "medicine", None)
        if medicine is None:
            return
        if normalise(medicine.name) == self.normalised:
            raise name_error("'%(name)s' is already this medicine's own name.", self.name)
        medicine.check_name_is_free(self.name)
        # One of this medicine's stored aliases, even one this save deletes or renames: the
        # database keeps aliases unique, and the admin writes the rows one by one.
        mine = MedicineAlias.objects.filter(medicine=medicine.pk, normalised=self.normalised)
        if mine.exclude(pk=self.pk).exists():
            raise name_error("'%(name)s' is already one of this medicine's other names.", self.name)
