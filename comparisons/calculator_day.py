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
    per_day,
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


@dataclass(frozen=True)
class ElementalReading:
    """A product line's compound amount read as the magnesium itself. Many labels give the
    magnesium in their headline figure ("Magnesium 400 mg (as citrate)"), and a reader may
    type it in the compound's box: read so, the day (or the line alone) goes over the limit
    that the page found it within."""

    product: Calculation
    day_mg: Decimal  # supplements and medicines a day, this line read as magnesium
    alone: bool  # the day was over the limit already; this line read so is over it alone

    @property
    def amount_text(self) -> str:
        return self.product.compound_text

    @property
    def product_mg(self) -> Decimal:
        return per_day(self.product.compound_mg, self.product.servings)

    @property
    def day_whole(self) -> int:
        return whole(self.day_mg)

    @property
    def product_whole(self) -> int:
        return whole(self.product_mg)


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

    def read_as_elemental(self, index: int, limit_mg: int | None) -> ElementalReading | None:
        """Product `index`'s compound amount read as its magnesium, where that would take
        the day's supplements and medicines over `limit_mg` (or, the day being over it
        already, the product alone); None otherwise, and for a line that states its magnesium,
        a multivitamin's ("Other") or a form used on the skin (a bath's grams)."""
        product = self.products[index]
        if (
            not isinstance(product, Calculation)
            or product.compound_mg is None
            or product.label_elemental_mg is not None
            or product.compound.topical
        ):
            return None
        alone = per_day(product.compound_mg, product.servings)
        day_mg = self.supplements_mg - product.per_day_mg + alone
        if above_upper_limit(day_mg, limit_mg) and not above_upper_limit(
            self.supplements_mg, limit_mg
        ):
            return ElementalReading(product, day_mg, alone=False)
        if above_upper_limit(alone, limit_mg) and not above_upper_limit(
            product.per_day_mg, limit_mg
        ):
            return ElementalReading(product, day_mg, alone=True)
        return None

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
