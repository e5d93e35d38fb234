"""Capitals: addresses and citation keys in lower case only, and names readers see as page
titles unique whatever their capitals. Otherwise "Sleep" and "sleep" are two pages (or two
matrix columns) that look the same to a reader, and "/evidence/Sleep/" a second address.

Each rule is checked twice, as the project checks its invariants: beside the box in words
(a field validator, `UniqueInAnyCase.validate_unique`), and in the database (the
constraints below), because `create()` and `update()` skip the form's checks.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower


def lower_case_only(value: str) -> None:
    """For a slug or a citation key: capitals would give a second address (or key) that
    looks like another's."""
    if value != value.lower():
        raise ValidationError(
            "Use lower case only (“%(lower)s”, not “%(value)s”): an address or key that "
            "differs from another only in capitals would look the same to readers.",
            code="capitals",
            params={"lower": value.lower(), "value": value},
        )


def lower_case_check(field: str, name: str) -> models.CheckConstraint:
    """The database's side of `lower_case_only`. SQL's "=" tells capitals apart on SQLite
    and PostgreSQL alike."""
    return models.CheckConstraint(
        condition=Q(**{field: Lower(field)}),
        name=name,
        violation_error_message=f"Use lower case only in the {field.replace('_', ' ')}.",
    )


def unique_in_any_case(field: str, name: str) -> models.UniqueConstraint:
    """The database's side of `UniqueInAnyCase`: no two values that lower to the same."""
    return models.UniqueConstraint(
        Lower(field),
        name=name,
        violation_error_message=(
            f"Another record has this {field} in other capitals: choose a {field} that "
            "differs in its letters."
        ),
    )


class UniqueInAnyCase(models.Model):
    """A record whose `UNIQUE_IN_ANY_CASE` fields (names readers see as page titles) no
    other record of its kind has in other capitals; the refusal names that record, which
    the constraint's own message cannot. Compared with the database's LOWER, as the
    constraint (`unique_in_any_case`) compares them."""

    UNIQUE_IN_ANY_CASE: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def validate_unique(self, exclude=None) -> None:
        errors: dict = {}
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        others = type(self)._default_manager.exclude(pk=self.pk) if self.pk else None
        for name in self.UNIQUE_IN_ANY_CASE:
            value = getattr(self, name)
            if name in (exclude or ()) or name in errors or not value:
                continue
            other = (
                (others if others is not None else type(self)._default_manager.all())
                .alias(folded=Lower(name))
                .filter(folded=Lower(Value(value)))
                .first()
            )
            if other is not None:
                field = self._meta.get_field(name)
                errors[name] = [
                    ValidationError(
                        "%(kind)s “%(other)s” already has this %(field)s in other "
                        "capitals: readers could not tell the two apart. Choose a %(field)s "
                        "that differs in its letters, or edit “%(other)s” instead.",
                        code="unique_in_any_case",
                        params={
                            "kind": self._meta.verbose_name.capitalize(),
                            "other": getattr(other, name),
                            "field": field.verbose_name,
                        },
                    )
                ]
        if errors:
            raise ValidationError(errors)
