"""The scales a form of magnesium is rated on, each in its order from least to most, with
what the tolerance labels mean and an SQL rank that sorts by the scale."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, IntegerField, Value, When


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
    """How well the bioavailability rating is supported, weakest first. Labels say it of the
    absorption data, never "evidence" alone, which on this site means evidence of benefit
    (the evidence matrix). "Inferred": no study measured the form's absorption in people; the
    rating follows from its class (organic salts are absorbed better than inorganic ones)."""

    INFERRED = "inferred", "Inferred, no direct study"
    LIMITED = "limited", "Limited data"
    MODERATE = "moderate", "Moderate data"
    STRONG = "strong", "Strong data"


class Tolerance(models.TextChoices):
    """How strongly our sources link a form to diarrhoea, least first. The values stay as
    they were (URLs and exports carry them); the labels say only what the sources say: no
    trial compares forms for stomach upset, so "gentle" means "not on the NIH list", not
    proven gentle (docs/fact-check.md)."""

    GENTLE = "gentle", "Not on NIH diarrhoea list"
    MODERATE = "moderate", "Loose stools at high doses"
    LAXATIVE = "laxative", "Often linked to diarrhoea"


class DoseBasis(models.TextChoices):
    """What a form's dose figure is. Most forms show the range trials of general
    supplementation use, kept within the upper limit; a form with no such figure may show its
    maker's suggested amount, which pages name as that, never as a typical dose (threonate)."""

    TYPICAL = "typical", "Typical dose"
    MAKER = "maker", "Maker's suggested amount"


# What each tolerance label means, and the references it rests on, shown beside the label
# wherever it appears (the forms table, the compare view, a form's page).
TOLERANCE_MEANINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    Tolerance.GENTLE: (
        "The NIH fact sheet does not name the form among those most often reported to cause "
        "diarrhoea. That is all it means: no trial has compared how often different forms "
        "upset the stomach.",
        ("ods-magnesium-hp",),
    ),
    Tolerance.MODERATE: (
        "The label given to citrate: in a migraine trial, 18.6% of people taking 600 mg of "
        "magnesium a day as a citrate salt reported diarrhoea, and citrate is also sold as a "
        "laxative.",
        ("peikert-1996", "wikipedia-mg-citrate"),
    ),
    Tolerance.LAXATIVE: (
        "Carbonate, chloride, gluconate and oxide are the forms the NIH fact sheet names as "
        "most often reported to cause diarrhoea; hydroxide (milk of magnesia) and sulfate "
        "(Epsom salt) are sold as laxatives.",
        ("ods-magnesium-hp", "wikipedia-mg-preparation"),
    ),
}


def choice_rank(field: str, choices: type[models.TextChoices]) -> Case:
    """An SQL expression giving a choice's position in its declared order, so that sorting
    follows the scale (low < moderate < good < high), not the alphabet."""
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
        output_field=IntegerField(),
    )
