"""Magnesium in foods, per serving, against the label Daily Value."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from articles.models import (
    EditTracked,
    Reference,
)
from comparisons.models.compounds import DAILY_VALUE_MG
from comparisons.sources_needed import check_sources


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
    def with_sources(self) -> FoodQuerySet:
        return self.prefetch_related("refs")


class Food(EditTracked):
    """A food and the magnesium in one serving of it."""

    Group = FoodGroup

    name = models.CharField(max_length=120, unique=True)
    group = models.CharField(max_length=20, choices=FoodGroup)
    serving = models.CharField(max_length=60)
    # The richest foods hold a few hundred mg a serving (pumpkin seeds: 156 mg an ounce).
    mg = models.PositiveSmallIntegerField(
        "magnesium (mg per serving)",
        validators=[
            MaxValueValidator(
                1000, "More than 1,000 mg in one serving of a food? Check the figure."
            )
        ],
    )
    refs = models.ManyToManyField(
        Reference, related_name="foods", blank=True, verbose_name="sources"
    )

    objects = FoodQuerySet.as_manager()

    # Readers see every food as soon as it is saved: /foods/ lists them all.
    is_public = True
    # What readers see of a food (on /foods/, the calculator's food lines, search): a save
    # that changes one of these is a change readers are told of, with a change note.
    FIELDS_READERS_SEE = ("name", "group", "serving", "mg", "refs")

    class Meta:
        ordering = ["-mg", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__in=FoodGroup.values), name="food_group_valid"
            ),
        ]

    def check_references(self, references) -> None:
        """Readers see each food's magnesium, so it cites a source: checked on the sources
        being saved, by the admin form (SourcedForm) and the CSV import."""
        check_sources(references, "each food's magnesium")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("comparisons:food_list")

    @property
    def slug(self) -> str:
        """The calculator's `food` value: the name in lower case, words joined by hyphens
        (docs/public-surface.md)."""
        return slugify(self.name)

    def validate_unique(self, exclude=None) -> None:
        """The unique fields, and no other food sharing this one's calculator value: two
        names differing only in punctuation or case would leave the calculator one of them."""
        super().validate_unique(exclude)
        if exclude and "name" in exclude:
            return
        for other in Food.objects.exclude(pk=self.pk).only("name"):
            if other.slug == self.slug:
                raise ValidationError(
                    {
                        "name": f"'{self.name}' differs from '{other.name}' only in "
                        "punctuation or case, so the calculator could not tell them apart. "
                        "Choose a name that differs in its words."
                    }
                )

    @property
    def percent_daily_value(self) -> int:
        """% of the 420 mg Daily Value, to the nearest whole percent."""
        share = Decimal(self.mg) * 100 / DAILY_VALUE_MG
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
