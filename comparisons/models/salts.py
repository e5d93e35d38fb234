"""The salts and hydrates a form of magnesium is sold as, each with its own magnesium share.

"Magnesium citrate" on a label may be trimagnesium dicitrate (anhydrous, 16.2% magnesium, or
the nonahydrate, about 11.9%) or the 1:1 salt (11.3%); chloride is sold as the hexahydrate
(12.0%) but the anhydrous salt is 25.5%. One label, one number: each figure is stored once
here, with its salt, formula, molar mass and sources, and every page (the form's page, the
calculator, the articles' examples) works from it. The default salt is the one the forms
table's figure (`MagnesiumCompound.elemental_percent`) is for, so the two must agree.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from articles.models import PlainTextChecked, Reference, lower_case_check, lower_case_only
from comparisons.models.compounds import MagnesiumCompound

# Standard atomic weight of magnesium (IUPAC, conventional value), as in the research notes
# (c1): elemental % = 24.305 x magnesium atoms / molar mass.
MAGNESIUM_ATOMIC_WEIGHT = Decimal("24.305")
# A stated figure may differ from the formula by this much (percentage points): sources
# round, and some list a figure computed from slightly different molar masses (aspartate:
# listed as 8.5%, 8.4% by direct arithmetic).
FORMULA_TOLERANCE = Decimal("0.1")
# Separates a form's slug from a salt's in calculator links: ?form=magnesium-citrate:citrate-1-1
SALT_SEPARATOR = ":"


def percent_from_formula(magnesium_atoms: int, molar_mass: Decimal) -> Decimal:
    """Magnesium's share of a salt's weight, to one decimal: 3 x 24.305 / 451.11 -> 16.2."""
    share = MAGNESIUM_ATOMIC_WEIGHT * magnesium_atoms * 100 / molar_mass
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class CompoundSaltQuerySet(models.QuerySet):
    def with_sources(self) -> CompoundSaltQuerySet:
        return self.prefetch_related("refs")


class CompoundSalt(PlainTextChecked):
    """One salt or hydrate of a form of magnesium, or one stated basis for its figure (a
    maker's own figure), with the share of its weight that is magnesium."""

    compound = models.ForeignKey(MagnesiumCompound, on_delete=models.CASCADE, related_name="salts")
    slug = models.SlugField(
        "end of the web address",
        max_length=60,
        unique=True,
        validators=[lower_case_only],
        help_text="Short and unique across all forms, e.g. citrate-1-1. Calculator links use "
        "it after the form's slug: ?form=magnesium-citrate:citrate-1-1.",
    )
    name = models.CharField(
        max_length=120, help_text="As readers will see it, e.g. trimagnesium dicitrate, anhydrous."
    )
    formula = models.CharField(max_length=60, blank=True, help_text="e.g. Mg3(C6H5O7)2.")
    magnesium_atoms = models.PositiveSmallIntegerField(
        "magnesium atoms per formula unit", default=1, validators=[MinValueValidator(1)]
    )
    molar_mass = models.DecimalField(
        "molar mass (g/mol)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Leave empty for a figure that comes from a maker or an assay, not a formula.",
    )
    elemental_percent = models.DecimalField(
        "elemental magnesium (% by weight)",
        max_digits=5,
        decimal_places=2,
        help_text="More than 0 and at most 100. With a molar mass, it must match "
        "24.305 x magnesium atoms / molar mass to within 0.1.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="One short sentence.")
    refs = models.ManyToManyField(
        Reference, related_name="salt_figure_for", blank=True, verbose_name="sources"
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    is_default = models.BooleanField(
        "the table's figure",
        default=False,
        help_text="The salt the form's elemental magnesium figure is for (one per form). "
        "The calculator uses it when a reader does not choose a salt.",
    )

    objects = CompoundSaltQuerySet.as_manager()

    class Meta:
        ordering = ["compound", "position", "name"]
        verbose_name = "salt or hydrate"
        verbose_name_plural = "salts and hydrates"
        constraints = [
            models.UniqueConstraint(
                fields=["compound"],
                condition=Q(is_default=True),
                name="salt_one_default_per_compound",
                violation_error_message="A form can have only one salt marked as the table's "
                "figure.",
            ),
            models.CheckConstraint(
                condition=Q(elemental_percent__gt=0, elemental_percent__lte=100),
                name="salt_elemental_percent_range",
                violation_error_message="Elemental magnesium must be over 0 and at most 100%%.",
            ),
            models.CheckConstraint(
                condition=Q(molar_mass__isnull=True) | Q(molar_mass__gt=0),
                name="salt_molar_mass_positive",
                violation_error_message="A molar mass must be more than 0 g/mol, or left empty.",
            ),
            models.CheckConstraint(
                condition=Q(magnesium_atoms__gte=1),
                name="salt_magnesium_atoms_positive",
                violation_error_message="A salt has at least one magnesium atom per formula unit.",
            ),
            # Calculator links name it: ?form=magnesium-citrate:citrate-1-1.
            lower_case_check("slug", "salt_slug_lower_case"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def choice_value(self) -> str:
        """The calculator's `form` value for this salt: the form's slug for the default."""
        if self.is_default:
            return self.compound.slug
        return f"{self.compound.slug}{SALT_SEPARATOR}{self.slug}"

    @property
    def figure(self) -> Decimal:
        """The share every page works with: for the default salt, the forms table's own
        figure (kept equal to the salt's by the admin and the loader)."""
        return self.compound.elemental_percent if self.is_default else self.elemental_percent

    @property
    def formula_percent(self) -> Decimal | None:
        if self.molar_mass is None or self.molar_mass <= 0 or not self.magnesium_atoms:
            return None
        return percent_from_formula(self.magnesium_atoms, self.molar_mass)

    def clean(self) -> None:
        super().clean()
        errors = {}
        formula = self.formula_percent
        if (
            formula is not None
            and self.elemental_percent is not None
            and abs(self.elemental_percent - formula) > FORMULA_TOLERANCE
        ):
            errors["elemental_percent"] = (
                f"{self.magnesium_atoms} x 24.305 / {self.molar_mass} gives {formula}%, not "
                f"{self.elemental_percent.normalize():f}%. Check the molar mass, the number of "
                "magnesium atoms and the figure."
            )
        # Unset before the inline's form attaches it (RelatedObjectDoesNotExist is an
        # AttributeError).
        compound = getattr(self, "compound", None)
        if (
            self.is_default
            and compound is not None
            and self.elemental_percent is not None
            and compound.elemental_percent is not None
            and self.elemental_percent != compound.elemental_percent
        ):
            errors["is_default"] = (
                f"The table's figure for {compound.name} is "
                f"{compound.elemental_percent.normalize():f}%, but this salt is "
                f"{self.elemental_percent.normalize():f}%. The salt marked as the table's "
                "figure must hold the same figure: change one of them, or mark another salt."
            )
        if errors:
            raise ValidationError(errors)
