"""How the CSV imports (comparisons/resources.py) read a cell: a list of keys, a number as
the change form reads it, a choice. Each refusal is a row error naming the value, where the
library would name a Python exception or drop the value.
"""

from django import forms
from django.core.exceptions import ValidationError
from import_export import fields
from import_export.widgets import ManyToManyWidget, NumberWidget

LIST_SEPARATOR = "|"


class KeysWidget(ManyToManyWidget):
    """A list of keys (topics by slug, references by key). The library drops a key that
    matches nothing, so a typo would silently take a source or a use off the record: here it
    is an error naming the key."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        if not value:
            return found
        wanted = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        known = {str(key) for key in found.values_list(self.field, flat=True)}
        if unknown := [key for key in wanted if key not in known]:
            names = ", ".join(f"“{key}”" for key in unknown)
            opts = self.model._meta
            raise ValueError(
                f"No {opts.verbose_name} has the {self.field} {names}. Write the "
                f"{self.field}s of existing {opts.verbose_name_plural}, separated by "
                f"“{self.separator}”, as in an exported file."
            )
        return found


def keys_field(name: str, model, key: str) -> fields.Field:
    return fields.Field(
        attribute=name,
        column_name=name,
        widget=KeysWidget(model, field=key, separator=LIST_SEPARATOR),
    )


class CheckedAsInTheForm:
    """A number column is read as the change form reads its box, by the model field's own
    form field, not by the library's widget, which turns any number into the field's type:
    157.9 and -0.5 in a whole-number column would be saved as 157 and 0 where the form
    refuses them. The refusal is a row error naming the value and what the column takes."""

    form_field: forms.Field

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        try:
            return self.form_field.clean(text)
        except ValidationError as error:
            raise ValueError(self.refusal(text, error)) from None

    def refusal(self, text: str, error: ValidationError) -> str:
        if not any(problem.code == "invalid" for problem in error.error_list):
            return f"“{text}”: {' '.join(error.messages)}" if text else " ".join(error.messages)
        # Django's DecimalField and FloatField are subclasses of its IntegerField.
        decimals = isinstance(self.form_field, forms.DecimalField | forms.FloatField)
        if isinstance(self.form_field, forms.IntegerField) and not decimals:
            return f"“{text}” is not a whole number. Write a whole number in digits, e.g. 12."
        return f"“{text}” is not a number. Write digits, with a point for decimals, e.g. 12.5."


class ReadableChoices:
    """A choice column's refusal names the value and the values it takes, where the model
    says only "Value 'leaves' is not a valid choice"."""

    values: tuple[str, ...] = ()

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row=row, **kwargs)
        if value in (None, "") or value in self.values:
            return value
        raise ValueError(f"“{value}” is not one of {', '.join(self.values)}.")


def readable_widget(widget, model_field):
    """The library's widget for a model field, made to refuse as this module does."""
    if isinstance(widget, type) and issubclass(widget, NumberWidget):
        checked = {"form_field": model_field.formfield()}
        return type(f"Checked{widget.__name__}", (CheckedAsInTheForm, widget), checked)
    if model_field.choices and isinstance(widget, type):
        values = tuple(str(value) for value, _label in model_field.flatchoices)
        return type(f"Readable{widget.__name__}", (ReadableChoices, widget), {"values": values})
    return widget
