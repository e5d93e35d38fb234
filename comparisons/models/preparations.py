"""The ways a form of magnesium is sold and taken: its preparations.

Magnesium chloride comes as tablets, as "magnesium oil" spray and as bath flakes; Epsom salt
is a bath soak and an oral laxative. A form keeps one main `route` (the forms table's Route
column and sort, and what existing links and the open data's `route` mean); its preparations
say every way it is taken, each with its own route, typical use or dose, tolerance where it
differs from the form's, cautions and sources. `route=topical` on the forms table matches a
form with any topical preparation.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from articles.models import PlainTextChecked, Reference
from comparisons.models.compounds import MagnesiumCompound
from comparisons.models.ratings import Route


class Preparation(PlainTextChecked):
    """One way a form is sold and taken, e.g. magnesium chloride as an oil spray."""

    Route = Route

    compound = models.ForeignKey(
        MagnesiumCompound, on_delete=models.CASCADE, related_name="preparations"
    )
    slug = models.SlugField(
        "end of the web address",
        max_length=100,
        help_text="Unique within the form, e.g. oil-spray.",
    )
    name = models.CharField(
        max_length=100, help_text="As readers will see it, e.g. 'Oil spray' or 'Bath flakes'."
    )
    route = models.CharField(max_length=10, choices=Route)
    use = models.TextField(
        "typical use or dose",
        help_text="How it is used and how much, in plain words; say so when no dose is "
        "established.",
    )
    tolerance = models.TextField(
        blank=True,
        help_text="Only where it differs from the form's digestive tolerance, e.g. a spray "
        "that can sting.",
    )
    cautions = models.TextField(
        blank=True, help_text="Who should not use it this way, or should take care."
    )
    refs = models.ManyToManyField(
        Reference, related_name="preparation_of", blank=True, verbose_name="sources"
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["compound", "position", "name"]
        verbose_name = "preparation"
        constraints = [
            models.UniqueConstraint(
                fields=["compound", "slug"],
                name="preparation_unique_slug_per_compound",
                violation_error_message="This form already has a preparation with this slug.",
            ),
            models.UniqueConstraint(
                fields=["compound", "name"],
                name="preparation_unique_name_per_compound",
                violation_error_message="This form already has a preparation with this name.",
            ),
            models.CheckConstraint(
                condition=Q(route__in=Route.values), name="preparation_route_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.compound.name}: {self.name}" if self.compound_id else self.name
