"""The admin's search-as-you-type boxes for related records (`autocomplete_fields`), made
safe against a posted value that is not a record's id.

Django draws a refused form's box again by looking up the records its posted values name
(admin/widgets.py, `AutocompleteMixin.optgroups`, still so in Django 6.1). A value that is
not an id ("abc", from a hand-edited or broken form) made that look-up raise ValueError: a
server error, where the field's own error ("Select a valid choice", or for a box of many
records "“abc” is not a valid value") was due. These boxes look up only the values the
related record's key accepts; the field still refuses the rest.

A box of many records (a ManyToManyField's, searched or not) failed the same way on a number
too large for the key's column ("99999999999999999999"): Django checks the chosen ids one by
one, then looks them all up at once, and that look-up raised OverflowError. Such a number is
refused first, with the field's own error for a value that is not an id.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class ValidIdsOnly:
    def optgroups(self, name, value, attr=None):
        related = self.field.remote_field
        opts = related.model._meta
        key = opts.get_field(getattr(related, "field_name", opts.pk.attname))
        return super().optgroups(name, [each for each in value if accepts(key, each)], attr)


def accepts(key, value) -> bool:
    """Whether `value` could be a key: a number too large for the database's column
    ("99999999999999999999") failed the look-up too, with OverflowError."""
    try:
        key.run_validators(key.to_python(value))
    except ValidationError:
        return False
    return True


class CheckedAutocompleteSelect(ValidIdsOnly, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(ValidIdsOnly, AutocompleteSelectMultiple):
    pass


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        chosen = self.prepare_value(value)
        for each in chosen if isinstance(chosen, list | tuple) else ():
            if not accepts(self.queryset.model._meta.pk, each):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": each},
                )
        return super().clean(value)


class CheckedAutocompleteAdmin:
    """Mixin for a ModelAdmin or an inline: its `autocomplete_fields` use the boxes above,
    and every box of many records the field above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
