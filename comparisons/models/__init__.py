"""The comparisons app's models, one module per concern; every name is importable from here."""

from comparisons.models.compounds import (
    DAILY_VALUE_MG,
    DAILY_VALUE_REFERENCE_KEY,
    MagnesiumCompound,
    MagnesiumCompoundQuerySet,
)
from comparisons.models.foods import Food, FoodGroup, FoodQuerySet
from comparisons.models.intake import (
    AgeRange,
    IntakeTable,
    IntakeTableQuerySet,
    RecommendedIntake,
    UpperIntakeLimit,
    kept_for_calculator,
    lock_intake_tables,
)
from comparisons.models.preparations import Preparation
from comparisons.models.ratings import (
    TOLERANCE_MEANINGS,
    Bioavailability,
    DoseBasis,
    Evidence,
    Route,
    Tolerance,
    choice_rank,
)
from comparisons.models.salts import (
    MAGNESIUM_ATOMIC_WEIGHT,
    SALT_SEPARATOR,
    CompoundSalt,
    CompoundSaltQuerySet,
    percent_from_formula,
)
from comparisons.models.tables import Comparison, ComparisonQuerySet, ComparisonRow

__all__ = [
    "DAILY_VALUE_MG",
    "DAILY_VALUE_REFERENCE_KEY",
    "MAGNESIUM_ATOMIC_WEIGHT",
    "SALT_SEPARATOR",
    "TOLERANCE_MEANINGS",
    "AgeRange",
    "Bioavailability",
    "Comparison",
    "ComparisonQuerySet",
    "ComparisonRow",
    "CompoundSalt",
    "CompoundSaltQuerySet",
    "DoseBasis",
    "Evidence",
    "Food",
    "FoodGroup",
    "FoodQuerySet",
    "IntakeTable",
    "IntakeTableQuerySet",
    "MagnesiumCompound",
    "MagnesiumCompoundQuerySet",
    "Preparation",
    "RecommendedIntake",
    "Route",
    "Tolerance",
    "UpperIntakeLimit",
    "choice_rank",
    "kept_for_calculator",
    "lock_intake_tables",
    "percent_from_formula",
]
