"""The arithmetic of the elemental magnesium calculator, apart from the view and the models.

Small functions on Decimals, so each rule can be checked against a hand-computed case. The
figures come from the database: each form's elemental % from the salt the reader chose (by
default the one the forms table's figure is for; comparisons/models/salts.py), the RDA/AI and
the upper limit for supplements (UL) from the intake tables (Food and Nutrition Board, 1997).
Results are whole milligrams and whole percentages; the working shown to the reader keeps
one decimal, so each line of it can be checked with a pocket calculator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol

HUNDRED = Decimal(100)
TIMES, DIVIDED = "\u00d7", "\u00f7"
# A label's elemental figure is rounded, and batches vary, so a label is only called
# impossible for its form when its magnesium share is more than 10% (relative) above the
# form's own figure: for glycinate at 14.1%, above 15.5%. Buffered "glycinate" blended with
# magnesium oxide typically works out at 18-22% (research notes, c1).
LABEL_TOLERANCE = Decimal("0.10")
# No magnesium salt sold holds more magnesium than the oxide, MgO: 24.305 / 40.304 g/mol is
# 60.3% (research notes, c1). A label that works out above it, with the tolerance, is no
# blend: one of its two figures is for something else.
RICHEST_SALT = ("magnesium oxide", Decimal("60.3"))


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class LifeStage(StrEnum):
    PREGNANT = "pregnant"
    LACTATING = "lactating"


class LabelCheck(StrEnum):
    """How a label's stated elemental magnesium compares with what its form can hold."""

    MATCHES = "matches"
    TOO_HIGH = "too-high"  # more magnesium than the stated form holds: a blend, or another salt
    LOW = "low"  # less than expected: other ingredients weighed in, or a hydrate


def whole(value: Decimal) -> int:
    """Rounded to a whole number, halves up (70.5 mg -> 71 mg)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def one_decimal(value: Decimal) -> str:
    """For the working: '141', '70.5', '1,418.4' (no trailing '.0')."""
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"
    return text.removesuffix(".0")


def percent_text(value: Decimal) -> str:
    """A stored elemental % as readers see it: Decimal('14.10') -> '14.1'."""
    return one_decimal(value)


def mid_sentence(label: str) -> str:
    """An age group's label as it reads mid-sentence: 'birth to 6 months', '31 to 50 years'.
    Only the first letter is lowered, and not where the first word is an acronym ('UK all
    ages', not 'uK all ages')."""
    if label[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def mentions_hydrates(basis: str) -> bool:
    """Whether a form's note on its figure names hydrates (chloride, sulfate, citrate...):
    then a label may use another hydrate's % and a higher figure is not proof of a blend."""
    return "hydrat" in basis.lower()


def elemental_mg(compound_mg: Decimal, elemental_percent: Decimal) -> Decimal:
    """Magnesium in an amount of compound: 1000 mg x 14.1% = 141 mg."""
    return compound_mg * elemental_percent / HUNDRED


def compound_mg_for(elemental: Decimal, elemental_percent: Decimal) -> Decimal:
    """The compound that holds this much magnesium: 141 mg / 14.1% = 1000 mg."""
    return elemental * HUNDRED / elemental_percent


def per_day(per_serving: Decimal, servings: int) -> Decimal:
    return per_serving * servings


def share_of(amount: Decimal, reference_mg: int) -> int:
    """A daily amount as a whole percentage of a reference intake: 141 / 320 -> 44."""
    return whole(amount * HUNDRED / reference_mg)


def stated_percent(compound_mg: Decimal, elemental: Decimal) -> Decimal:
    """The magnesium share a label implies: 200 mg in 1000 mg of compound is 20%."""
    return elemental * HUNDRED / compound_mg


def check_label(label_percent: Decimal, form_percent: Decimal) -> LabelCheck:
    if label_percent > form_percent * (1 + LABEL_TOLERANCE):
        return LabelCheck.TOO_HIGH
    if label_percent < form_percent * (1 - LABEL_TOLERANCE):
        return LabelCheck.LOW
    return LabelCheck.MATCHES


def above_upper_limit(supplemental_per_day: Decimal, upper_limit_mg: int | None) -> bool:
    """Whether magnesium from supplements goes over the UL; never when none is set."""
    return upper_limit_mg is not None and supplemental_per_day > upper_limit_mg


class RecommendedRow(Protocol):
    """What the calculator reads from a row of the RDA/AI table."""

    label: str
    male_mg: int
    female_mg: int
    pregnancy_mg: int | None
    lactation_mg: int | None
    is_ai: bool


class UpperLimitRow(Protocol):
    ul_mg: int | None


def recommended_mg(row: RecommendedRow, sex: str, life_stage: str) -> int | None:
    """The reader's RDA (or AI): by life stage where given, else by sex. Without a sex, only
    where both sexes have the same figure (children); otherwise None."""
    if life_stage == LifeStage.PREGNANT:
        return row.pregnancy_mg
    if life_stage == LifeStage.LACTATING:
        return row.lactation_mg
    if sex == Sex.FEMALE:
        return row.female_mg
    if sex == Sex.MALE:
        return row.male_mg
    return row.male_mg if row.male_mg == row.female_mg else None


@dataclass(frozen=True)
class Compound:
    """What the arithmetic needs to know about a form of magnesium."""

    name: str
    elemental_percent: Decimal
    has_hydrates: bool = False  # sold in more than one hydrate, each with its own %
    topical: bool = False
    # The salt the percentage is for, when known: "trimagnesium dicitrate, anhydrous".
    basis: str = ""
    formula: str = ""
    molar_mass: Decimal | None = None

    @property
    def name_in_text(self) -> str:
        """'magnesium glycinate', for use mid-sentence."""
        return self.name[:1].lower() + self.name[1:]

    @property
    def salt_word(self) -> str:
        """What a label says the magnesium is "as": 'citrate' for magnesium citrate (without
        an aside such as '(Epsom salt)'); the whole name where it does not start so."""
        head, _, rest = self.name.split(" (")[0].partition(" ")
        return rest if head.lower() == "magnesium" and rest else self.name_in_text

    @property
    def basis_text(self) -> str:
        """'trimagnesium dicitrate, anhydrous (Mg3(C6H5O7)2, 451.11 g/mol)', or ''."""
        details = [self.formula] if self.formula else []
        if self.molar_mass is not None:
            details.append(f"{self.molar_mass} g/mol")
        if not self.basis:
            return ""
        return f"{self.basis} ({', '.join(details)})" if details else self.basis


@dataclass(frozen=True)
class ReaderIntake:
    """The reference values that apply to the reader."""

    age_label: str
    is_ai: bool
    recommended_mg: int | None  # None: it depends on the sex the reader did not give
    upper_limit_mg: int | None  # None: no UL established (infants)
    who: str = ""  # whose value it is: "female, 31 to 50 years"

    @classmethod
    def for_reader(
        cls, row: RecommendedRow, upper: UpperLimitRow | None, sex: str, life_stage: str
    ) -> ReaderIntake:
        value = recommended_mg(row, sex, life_stage)
        if life_stage == LifeStage.PREGNANT:
            who = "pregnancy"
        elif life_stage == LifeStage.LACTATING:
            who = "breastfeeding"
        elif sex and row.male_mg != row.female_mg:
            who = sex
        else:
            who = ""
        return cls(
            age_label=row.label,
            is_ai=row.is_ai,
            recommended_mg=value,
            upper_limit_mg=upper.ul_mg if upper is not None else None,
            who=", ".join(part for part in (who, mid_sentence(row.label)) if part),
        )

    @property
    def age_label_in_text(self) -> str:
        return mid_sentence(self.age_label)

    @property
    def kind(self) -> str:
        """'AI' for infants (an Adequate Intake), else 'RDA'."""
        return "AI" if self.is_ai else "RDA"


class RoundedFigures:
    """Whole milligrams for the page, from a product's `per_serving_mg` and `per_day_mg`;
    the working keeps one decimal."""

    @property
    def per_serving_whole(self) -> int:
        return whole(self.per_serving_mg)

    @property
    def per_day_whole(self) -> int:
        return whole(self.per_day_mg)


@dataclass(frozen=True)
class Calculation(RoundedFigures):
    """One product's sum: a label (compound mg, elemental mg or both, per serving) and
    servings a day. The day's total (`calculator_day.DayTotal`) compares it with the intake
    values for the reader's age group and sex."""

    compound: Compound
    servings: int = 1
    compound_mg: Decimal | None = None  # per serving, as the label gives it
    label_elemental_mg: Decimal | None = None  # per serving, if the label states it

    def __post_init__(self) -> None:
        if self.compound_mg is None and self.label_elemental_mg is None:
            raise ValueError("A calculation needs the compound or the elemental amount.")

    @property
    def percent(self) -> Decimal:
        return self.compound.elemental_percent

    @property
    def from_compound_mg(self) -> Decimal | None:
        """Magnesium per serving worked out from the compound weight and the form's %."""
        if self.compound_mg is None:
            return None
        return elemental_mg(self.compound_mg, self.percent)

    @property
    def per_serving_mg(self) -> Decimal:
        """Magnesium per serving: the label's own elemental figure when it gives one (it is
        measured for that product), else the figure worked out from the compound."""
        if self.label_elemental_mg is not None:
            return self.label_elemental_mg
        return elemental_mg(self.compound_mg, self.percent)

    @property
    def per_day_mg(self) -> Decimal:
        return per_day(self.per_serving_mg, self.servings)

    @property
    def implied_compound_mg(self) -> Decimal | None:
        """The reverse case: the compound a stated elemental amount implies."""
        if self.label_elemental_mg is None or self.compound_mg is not None:
            return None
        return compound_mg_for(self.label_elemental_mg, self.percent)

    @property
    def label_percent(self) -> Decimal | None:
        if self.label_elemental_mg is None or self.compound_mg is None:
            return None
        return stated_percent(self.compound_mg, self.label_elemental_mg)

    @property
    def label_check(self) -> LabelCheck | None:
        if (label_percent := self.label_percent) is None:
            return None
        return check_label(label_percent, self.percent)

    @property
    def implied_compound_whole(self) -> int | None:
        implied = self.implied_compound_mg
        return whole(implied) if implied is not None else None

    @property
    def percent_text(self) -> str:
        return percent_text(self.percent)

    @property
    def label_percent_text(self) -> str:
        label_percent = self.label_percent
        return one_decimal(label_percent) if label_percent is not None else ""

    @property
    def label_elemental_text(self) -> str:
        elemental = self.label_elemental_mg
        return one_decimal(elemental) if elemental is not None else ""

    @property
    def compound_text(self) -> str:
        return one_decimal(self.compound_mg) if self.compound_mg is not None else ""

    @property
    def working(self) -> list[str]:
        """The sum, step by step, as the reader can redo it."""
        name = self.compound.name_in_text
        percent = percent_text(self.percent)
        steps = []
        if self.compound_mg is not None:
            salt = f" (as {self.compound.basis})" if self.compound.basis else ""
            steps.append(
                f"{one_decimal(self.compound_mg)} mg of {name}{salt} {TIMES} {percent}% = "
                f"{one_decimal(self.from_compound_mg)} mg of magnesium per serving"
            )
        if self.label_percent is not None:
            steps.append(
                f"Your label: {one_decimal(self.label_elemental_mg)} mg of magnesium in "
                f"{one_decimal(self.compound_mg)} mg of compound = "
                f"{one_decimal(self.label_percent)}% magnesium by weight"
            )
        if (implied := self.implied_compound_mg) is not None:
            steps.append(
                f"{one_decimal(self.label_elemental_mg)} mg of magnesium {DIVIDED} {percent}% = "
                f"{one_decimal(implied)} mg of {name} per serving"
            )
        if self.servings > 1:
            using = " (your label's figure)" if self.label_percent is not None else ""
            steps.append(
                f"{one_decimal(self.per_serving_mg)} mg{using} {TIMES} {self.servings} servings "
                f"= {one_decimal(self.per_day_mg)} mg of magnesium a day"
            )
        return steps
