import re
from decimal import Decimal

import pytest

from tests.factories import MagnesiumCompoundFactory, ReferenceFactory, TopicFactory

ROW_SLUG = re.compile(r'id="pick-([a-z0-9-]+)"')


def table_slugs(response) -> list[str]:
    """The forms in the table, in the order a reader sees them."""
    return ROW_SLUG.findall(response.content.decode())


@pytest.fixture
def topics():
    return {
        slug: TopicFactory(slug=slug, name=name)
        for slug, name in [
            ("sleep", "Sleep"),
            ("constipation", "Constipation"),
            ("migraine", "Migraine"),
            ("topical-use", "Topical use"),
            ("cognition", "Cognition"),
            ("safety", "Safety"),
        ]
    }


@pytest.fixture
def forms(topics):
    """Six forms whose figures differ, so each filter and sort has a visible effect."""
    ref = ReferenceFactory(key="case-2020", title="Magnesium content of salts")
    specs = [
        (
            "Magnesium glycinate",
            "magnesium-glycinate",
            "oral",
            "14.1",
            "good",
            "limited",
            "gentle",
            ["sleep"],
            (200, 350),
            "bisglycinate",
        ),
        (
            "Magnesium citrate",
            "magnesium-citrate",
            "oral",
            "16.2",
            "good",
            "moderate",
            "moderate",
            ["constipation", "migraine"],
            (200, 350),
            "trimagnesium dicitrate",
        ),
        (
            "Magnesium oxide",
            "magnesium-oxide",
            "oral",
            "60.3",
            "low",
            "moderate",
            "laxative",
            ["constipation"],
            (250, 400),
            "magnesia",
        ),
        (
            "Magnesium sulfate (Epsom salt)",
            "magnesium-sulfate",
            "topical",
            "9.9",
            "low",
            "limited",
            "laxative",
            ["topical-use"],
            None,
            "Epsom salt",
        ),
        (
            "Magnesium L-threonate",
            "magnesium-l-threonate",
            "oral",
            "8.3",
            "high",
            "limited",
            "gentle",
            ["cognition", "sleep"],
            (144, 144),
            "Magtein",
        ),
        (
            "Magnesium carbonate",
            "magnesium-carbonate",
            "oral",
            "28.8",
            "moderate",
            "strong",
            "laxative",
            [],
            (100, 300),
            "",
        ),
    ]
    made = {}
    for name, slug, route, percent, bio, evidence, tolerance, uses, dose, other in specs:
        made[slug] = MagnesiumCompoundFactory(
            name=name,
            slug=slug,
            route=route,
            elemental_percent=Decimal(percent),
            bioavailability=bio,
            evidence=evidence,
            tolerance=tolerance,
            other_names=other,
            dose_low_mg=dose[0] if dose else None,
            dose_high_mg=dose[1] if dose else None,
            summary=f"About {name.lower()}.",
            uses=[topics[slug] for slug in uses],
            elemental_refs=[ref],
        )
    return made
