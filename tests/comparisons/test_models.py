"""Invariants of the comparisons models hold in the database, not only in forms."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from comparisons.models import Food, MagnesiumCompound
from tests.factories import FoodFactory, MagnesiumCompoundFactory

pytestmark = pytest.mark.django_db


def _refused(**fields) -> bool:
    try:
        with transaction.atomic():
            MagnesiumCompound.objects.create(
                **{
                    "name": "Test form",
                    "slug": "test-form",
                    "route": "oral",
                    "summary": "x",
                    "elemental_percent": Decimal("10"),
                    "bioavailability": "good",
                    "evidence": "limited",
                    "tolerance": "gentle",
                    **fields,
                }
            )
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "fields",
    [
        {"elemental_percent": Decimal("0")},
        {"elemental_percent": Decimal("-3")},
        {"elemental_percent": Decimal("100.01")},
        {"route": "nasal"},
        {"bioavailability": "excellent"},
        {"evidence": "anecdotal"},
        {"tolerance": "explosive"},
        {"dose_low_mg": 400, "dose_high_mg": 200},
        {"dose_low_mg": 200, "dose_high_mg": None},
        {"dose_low_mg": None, "dose_high_mg": 200},
        {"dose_low_mg": 0, "dose_high_mg": 100},
    ],
)
def test_database_refuses_invalid_forms(fields):
    assert _refused(**fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"elemental_percent": Decimal("100")},
        {"elemental_percent": Decimal("0.01")},
        {"dose_low_mg": None, "dose_high_mg": None},
        {"dose_low_mg": 144, "dose_high_mg": 144},
    ],
)
def test_database_accepts_edge_values(fields):
    assert not _refused(**fields)


def test_name_and_slug_are_unique():
    MagnesiumCompoundFactory(name="Magnesium x", slug="magnesium-x")
    with pytest.raises(IntegrityError), transaction.atomic():
        MagnesiumCompoundFactory(name="Magnesium x", slug="other")
    with pytest.raises(IntegrityError), transaction.atomic():
        MagnesiumCompoundFactory(name="Other", slug="magnesium-x")


def test_food_group_must_be_a_known_group():
    with pytest.raises(IntegrityError), transaction.atomic():
        FoodFactory(group="snacks")


def test_dose_range_reads_naturally():
    assert MagnesiumCompound(dose_low_mg=200, dose_high_mg=350).dose_range == "200\u2013350 mg"
    assert MagnesiumCompound(dose_low_mg=144, dose_high_mg=144).dose_range == "144 mg"
    assert MagnesiumCompound().dose_range == ""


def test_other_names_are_one_per_line():
    compound = MagnesiumCompound(other_names="bisglycinate\n\n  chelate \n")
    assert compound.other_names_list == ["bisglycinate", "chelate"]


def test_body_is_rendered_on_save_and_sanitised():
    compound = MagnesiumCompoundFactory(body="**Bold** <script>alert(1)</script>")
    assert "<strong>Bold</strong>" in compound.body_html
    assert "<script>" not in compound.body_html


def test_ranks_follow_the_scales():
    MagnesiumCompoundFactory(bioavailability="high", tolerance="laxative", evidence="strong")
    MagnesiumCompoundFactory(bioavailability="low", tolerance="gentle", evidence="inferred")
    MagnesiumCompoundFactory(bioavailability="good", tolerance="moderate", evidence="limited")
    ranked = MagnesiumCompound.objects.with_ranks().order_by("bioavailability_rank")
    assert [(c.bioavailability_rank, c.tolerance_rank, c.evidence_rank) for c in ranked] == [
        (0, 0, 0),
        (2, 1, 1),
        (3, 2, 3),
    ]


def test_food_str_and_default_order():
    FoodFactory(name="Low", mg=5)
    FoodFactory(name="High", mg=150)
    assert [str(food) for food in Food.objects.all()] == ["High", "Low"]
