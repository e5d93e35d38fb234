"""Narrowing and sorting the tables from GET parameters: what they share (base.py), the forms
table (compounds.py) and the foods table (foods.py)."""

from comparisons.filters.base import Column, Ignored, split_values
from comparisons.filters.compounds import MagnesiumCompoundFilter
from comparisons.filters.foods import FoodFilter

__all__ = ["Column", "FoodFilter", "Ignored", "MagnesiumCompoundFilter", "split_values"]
