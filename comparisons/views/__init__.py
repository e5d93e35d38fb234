"""The comparisons app's views; urls.py routes to the names re-exported here."""

from comparisons.views.calculator import calculator
from comparisons.views.exports import forms_csv, forms_json
from comparisons.views.pages import compare_forms, comparison_detail, form_detail
from comparisons.views.tables import food_list, forms_table

__all__ = [
    "calculator",
    "compare_forms",
    "comparison_detail",
    "food_list",
    "form_detail",
    "forms_csv",
    "forms_json",
    "forms_table",
]
