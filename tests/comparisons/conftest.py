import re
from decimal import Decimal

import pytest

from interactions.models import Medicine
from tests.comparisons.calculator_helpers import add_day_site
from tests.factories import (
    IntakeTableFactory,
    MagnesiumCompoundFactory,
    RecommendedIntakeFactory,
    ReferenceFactory,
    TopicFactory,
    UpperIntakeLimitFactory,
)
from tests.interactions.factories import MedicineFactory

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


# The Food and Nutrition Board's table (1997), as in comparisons/starter/intake.toml:
# age group, label, from age, up to age, male, female, pregnancy, lactation, adequate intake?
RDA_ROWS = [
    ("0-6-months", "Birth to 6 months", "0", "0.5", 30, 30, None, None, True),
    ("7-12-months", "7 to 12 months", "0.5", "1", 75, 75, None, None, True),
    ("1-3-years", "1 to 3 years", "1", "4", 80, 80, None, None, False),
    ("4-8-years", "4 to 8 years", "4", "9", 130, 130, None, None, False),
    ("9-13-years", "9 to 13 years", "9", "14", 240, 240, None, None, False),
    ("14-18-years", "14 to 18 years", "14", "19", 410, 360, 400, 360, False),
    ("19-30-years", "19 to 30 years", "19", "31", 400, 310, 350, 310, False),
    ("31-50-years", "31 to 50 years", "31", "51", 420, 320, 360, 320, False),
    ("51-plus-years", "51 years and older", "51", None, 420, 320, None, None, False),
]
UL_ROWS = [
    ("0-12-months", "Birth to 12 months", "0", "1", None),
    ("1-3-years", "1 to 3 years", "1", "4", 65),
    ("4-8-years", "4 to 8 years", "4", "9", 110),
    ("9-plus-years", "9 years and older", "9", None, 350),
]


@pytest.fixture
def intake_tables(db):
    table = IntakeTableFactory(
        title="Dietary Reference Intakes for magnesium",
        refs=[ReferenceFactory(key="fnb-1997", title="Dietary Reference Intakes for Magnesium")],
    )
    for slug, label, low, high, male, female, pregnancy, lactation, is_ai in RDA_ROWS:
        RecommendedIntakeFactory(
            table=table,
            age_group=slug,
            label=label,
            min_age_years=Decimal(low),
            max_age_years=Decimal(high) if high else None,
            male_mg=male,
            female_mg=female,
            pregnancy_mg=pregnancy,
            lactation_mg=lactation,
            is_ai=is_ai,
        )
    for slug, label, low, high, limit in UL_ROWS:
        UpperIntakeLimitFactory(
            table=table,
            age_group=slug,
            label=label,
            min_age_years=Decimal(low),
            max_age_years=Decimal(high) if high else None,
            ul_mg=limit,
        )
    return table


@pytest.fixture
def calculator_site(intake_tables):
    """Three forms, the intake tables and the kidney caution's source."""
    ReferenceFactory(key="van-laecke-2023", title="An Update on Hypomagnesemia")
    return {
        "glycinate": MagnesiumCompoundFactory(
            name="Magnesium glycinate",
            slug="magnesium-glycinate",
            elemental_percent=Decimal("14.1"),
            elemental_basis="Fully reacted magnesium bisglycinate, C4H8MgN2O4.",
            elemental_refs=[ReferenceFactory(key="case-2021", title="Magnesium chelates")],
        ),
        "chloride": MagnesiumCompoundFactory(
            name="Magnesium chloride",
            slug="magnesium-chloride",
            elemental_percent=Decimal("12.0"),
            elemental_basis="The hexahydrate, MgCl2·6H2O: 12.0%. Anhydrous MgCl2 is 25.5%.",
        ),
        "sulfate": MagnesiumCompoundFactory(
            name="Magnesium sulfate (Epsom salt)",
            slug="magnesium-sulfate",
            route="topical",
            elemental_percent=Decimal("9.9"),
        ),
    }


@pytest.fixture
def day_site(calculator_site):
    """The calculator's site, with the antacid and laxative forms and two foods."""
    return calculator_site | add_day_site()


@pytest.fixture
def medicines(calculator_site):
    ods = ReferenceFactory(key="ods-magnesium-hp", title="Magnesium fact sheet")
    label = ReferenceFactory(key="levothyroxine-label", title="Levothyroxine label")
    return {
        "quinolones": MedicineFactory(
            name="Quinolone antibiotics",
            slug="quinolones",
            before_hours=2,
            after_hours=6,
            summary="Take the antibiotic 2 hours before magnesium or 6 hours after it.",
            aliases=["Cipro", "ciprofloxacin", "Lévofloxacin"],
            references=[ods],
        ),
        "levothyroxine": MedicineFactory(
            name="Levothyroxine",
            slug="levothyroxine",
            before_hours=4,
            after_hours=4,
            summary="Keep levothyroxine and magnesium 4 hours apart.",
            aliases=["Synthroid"],
            references=[label],
        ),
        "raltegravir": MedicineFactory(
            name="Raltegravir",
            slug="raltegravir",
            rule=Medicine.Rule.AVOID,
            before_hours=None,
            after_hours=None,
            summary="Not recommended with magnesium antacids.",
            aliases=["Isentress"],
        ),
        "ppi": MedicineFactory(
            name="Proton pump inhibitors",
            slug="proton-pump-inhibitors",
            rule=Medicine.Rule.MONITOR,
            before_hours=None,
            after_hours=None,
            summary="Taken for a long time, they can lower your magnesium level.",
            aliases=["omeprazole", "Prilosec"],
        ),
        "long": MedicineFactory(
            name="Long-gap medicine",
            slug="long-gap",
            before_hours=12,
            after_hours=12,
            summary="Keep it 12 hours apart from magnesium.",
        ),
    }
