"""A reader's whole day: several products, their food, and the totals the limits apply to.

Each product line is a `Calculation` (comparisons/calculator.py), or a `LabelProduct` when the
form is not one of ours (a multivitamin: the label's own magnesium figure). Food counts
towards the recommended intake (RDA/AI) but not towards the upper limit, which is for
magnesium from supplements and medicines only (Food and Nutrition Board, 1997). Totals add
the unrounded daily amounts and round once, so a total can differ by a milligram from the
sum of the rounded lines; the working shows one decimal, as for a single line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from comparisons.calculator import (
    DIVIDED,
    TIMES,
    Calculation,
    ReaderIntake,
    RoundedFigures,
    above_upper_limit,
    one_decimal,
    share_of,
    whole,
)


@dataclass(frozen=True)
class LabelProduct(RoundedFigures):
    """A product whose label states its magnesium but whose form we do not list, such as a
    multivitamin: the label's figure per serving is all there is to go on."""

    label_elemental_mg: Decimal
    servings: int = 1

    @property
    def per_serving_mg(self) -> Decimal:
        return self.label_elemental_mg

    @property
    def per_day_mg(self) -> Decimal:
        return self.label_elemental_mg * self.servings

    @property
    def label_elemental_text(self) -> str:
        return one_decimal(self.label_elemental_mg)

    @property
    def working(self) -> list[str]:
        per_serving = one_decimal(self.label_elemental_mg)
        if self.servings == 1:
            return [f"{per_serving} mg of magnesium per serving, as the label states"]
        return [
            f"{per_serving} mg (the label's figure) {TIMES} {self.servings} servings = "
            f"{one_decimal(self.per_day_mg)} mg of magnesium a day"
        ]


Product = Calculation | LabelProduct


@dataclass(frozen=True)
class FoodServing:
    """Servings of one food of the foods table, with its magnesium per serving."""

    name: str
    serving: str  # "1 ounce", "1/2 cup"
    mg_per_serving: int
    servings: Decimal = Decimal(1)

    @property
    def per_day_mg(self) -> Decimal:
        return self.mg_per_serving * self.servings

    @property
    def working(self) -> str:
        servings = f"{self.servings.normalize():f}"  # as entered: 0.25, 1.5, 2
        return (
            f"{self.name} ({self.serving}): {self.mg_per_serving} mg {TIMES} {servings} "
            f"serving{'' if self.servings == 1 else 's'} = {one_decimal(self.per_day_mg)} mg "
            "of magnesium"
        )


# Magnesium poisoning has been reported from laxatives and antacids giving more than this
# much magnesium a day (NIH Office of Dietary Supplements, health professional fact sheet).
POISONING_REPORTED_ABOVE_MG = 5000


@dataclass(frozen=True)
class DayTotal:
    """Everything a reader takes in a day, against the values for their group."""

    products: tuple[Product, ...] = ()
    foods: tuple[FoodServing, ...] = ()
    intake: ReaderIntake | None = None

    @property
    def supplements_mg(self) -> Decimal:
        """From supplements and medicines: what the upper limit is for."""
        return sum((product.per_day_mg for product in self.products), Decimal(0))

    @property
    def food_mg(self) -> Decimal:
        return sum((food.per_day_mg for food in self.foods), Decimal(0))

    @property
    def all_mg(self) -> Decimal:
        """From every source: what the RDA is for."""
        return self.supplements_mg + self.food_mg

    @property
    def supplements_whole(self) -> int:
        return whole(self.supplements_mg)

    @property
    def food_whole(self) -> int:
        return whole(self.food_mg)

    @property
    def all_whole(self) -> int:
        return whole(self.all_mg)

    @property
    def several(self) -> bool:
        """Whether the page shows more than one line (then each gets its own heading)."""
        return len(self.products) + len(self.foods) > 1

    @property
    def listed(self) -> bool:
        """Whether the result lists its lines one by one, each with its heading: several
        lines, or food alone. One product reads as the single-product calculator did."""
        return self.several or not self.products

    @property
    def rda_share(self) -> int | None:
        if self.intake is None or self.intake.recommended_mg is None:
            return None
        return share_of(self.all_mg, self.intake.recommended_mg)

    @property
    def upper_limit_known(self) -> bool:
        return self.intake is not None and self.intake.upper_limit_mg is not None

    @property
    def over_upper_limit(self) -> bool:
        """Supplements and medicines above the UL; food never counts towards it."""
        return self.intake is not None and above_upper_limit(
            self.supplements_mg, self.intake.upper_limit_mg
        )

    @property
    def in_poisoning_range(self) -> bool:
        """Supplements and medicines in the range where poisoning has been reported, at any
        age and whatever the limit."""
        return self.supplements_mg > POISONING_REPORTED_ABOVE_MG

    @property
    def poisoning_reported_above_mg(self) -> int:
        return POISONING_REPORTED_ABOVE_MG

    @property
    def working(self) -> list[str]:
        """How the totals follow from the lines, and the share of the RDA."""
        steps = []
        if len(self.products) > 1:
            steps.append(
                " + ".join(f"{one_decimal(p.per_day_mg)} mg" for p in self.products)
                + f" = {one_decimal(self.supplements_mg)} mg of magnesium a day from "
                "supplements and medicines"
            )
        if self.foods:
            if len(self.foods) > 1:
                steps.append(
                    " + ".join(f"{one_decimal(f.per_day_mg)} mg" for f in self.foods)
                    + f" = {one_decimal(self.food_mg)} mg of magnesium a day from food"
                )
            if self.products:
                steps.append(
                    f"{one_decimal(self.supplements_mg)} mg + {one_decimal(self.food_mg)} mg "
                    f"= {one_decimal(self.all_mg)} mg of magnesium a day from all sources"
                )
        if self.rda_share is not None:
            steps.append(
                f"{one_decimal(self.all_mg)} mg {DIVIDED} {self.intake.recommended_mg} mg = "
                f"{self.rda_share}% of your {self.intake.kind}"
            )
        return steps
