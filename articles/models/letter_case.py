"""Capitals: addresses and citation keys in lower case only, and names readers see as page
titles unique whatever their capitals. Otherwise "Sleep" and "sleep" are two pages (or two
matrix columns) that look the same to a reader, and "/evidence/Sleep/" a second address.

Each rule is checked twice, as the project checks its invariants: beside the box in words
(a field validator, `UniqueInAnyCase`), and in the database (the
constraints below), because `create()` and `update()` skip the form's checks.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


class LowerCaseCheck(models.CheckConstraint):
    """The database's side of `lower_case_only`: SQL's "=" tells capitals apart on SQLite and
    PostgreSQL alike. Checked before a save in Python, not by a query as a CheckConstraint
    is: the field's validator has said it in words already, and a CSV import of many forms
    would pay a query a row for nothing."""

    def __init__(self, *, field: str, name: str, **kwargs) -> None:
        self.field = field
        kwargs.pop("condition", None)  # a clone passes it back
        kwargs.setdefault(
            "violation_error_message",
            f"Use lower case only in the {field.replace('_', ' ')}.",
        )
        super().__init__(condition=Q(**{field: Lower(field)}), name=name, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        del kwargs["condition"]
        return path, args, {**kwargs, "field": self.field}

    def validate(self, model, instance, exclude=None, using=None) -> None:
        value = getattr(instance, self.field)
        if (exclude and self.field in exclude) or not value or value == value.lower():
            return
        raise ValidationError(self.get_violation_error_message(), code="capitals")


def lower_case_check(field: str, name: str) -> LowerCaseCheck:
    return LowerCaseCheck(field=field, name=name)


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
    other record of its kind has in other capitals (the `unique_in_any_case` constraints,
    which the model lists too). A refusal is said beside the box and names that record,
    which the constraint's own message cannot; looked up only then, so a save that passes
    costs no query more than the constraint's own check."""

    UNIQUE_IN_ANY_CASE: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            for name in self.UNIQUE_IN_ANY_CASE:
                if message := self._taken_in_other_capitals(name, errors):
                    errors.setdefault(name, []).append(message)
            raise ValidationError(errors) from None

    def _taken_in_other_capitals(self, name: str, errors: dict) -> ValidationError | None:
        """The refusal of `name`, if its constraint refused it (taken out of `errors`)."""
        constraint = next(
            c
            for c in self._meta.constraints
            if isinstance(c, models.UniqueConstraint)
            and c.contains_expressions
            and c.name.endswith(f"_{name}_unique_in_any_case")
        )
        said = constraint.get_violation_error_message()
        refusals = errors.get(NON_FIELD_ERRORS, [])
        if not any(said in refusal.messages for refusal in refusals):
            return None
        errors[NON_FIELD_ERRORS] = [r for r in refusals if said not in r.messages]
        if not errors[NON_FIELD_ERRORS]:
            del errors[NON_FIELD_ERRORS]
        other = (
            type(self)
            ._default_manager.exclude(pk=self.pk)  # a new record's pk None excludes none
            .alias(folded=Lower(name))
            .filter(folded=Lower(Value(getattr(self, name))))
            .first()
        )
        return ValidationError(
            "%(kind)s “%(other)s” already has this %(field)s in other capitals: readers "
            "could not tell the two apart. Choose a %(field)s that differs in its letters, "
            "or edit “%(other)s” instead.",
            code="unique_in_any_case",
            params={
                "kind": self._meta.verbose_name.capitalize(),
                "other": getattr(other, name) if other else getattr(self, name),
                "field": self._meta.get_field(name).verbose_name,
            },
        )
