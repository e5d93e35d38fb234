"""Narrowing and sorting the tables from GET parameters: what they share (base.py), the forms
table (compounds.py) and the foods table (foods.py)."""

from comparisons.filters.base import split_values
from comparisons.filters.compounds import FormsTablePage, MagnesiumCompoundFilter
from comparisons.filters.foods import FoodFilter

__all__ = ["FoodFilter", "FormsTablePage", "MagnesiumCompoundFilter", "split_values"]
