"""The calculator's GET form: what a reader may ask, and the message for each mistake.

The grammar is part of the site's public surface (docs/public-surface.md,
`/calculator/`). Product and food lines repeat: the n-th value of each of their parameters
makes up line n (comparisons/calculator_lines.py).

    form          a form's slug, e.g. magnesium-citrate, for its default salt (the one the
                  forms table's figure is for); or the form's slug, a colon and one of its
                  salts' slugs, e.g. magnesium-citrate:citrate-1-1 (the default salt's slug
                  is understood too); or `other` (also `multivitamin`) for a product whose
                  label states its magnesium but whose form is not listed. An unknown salt of
                  a known form is its own message.
    mg            compound per serving, in mg, as the label gives it: a number above 0 and at
                  most 50,000 ("1,000", "500 mg", "1 g" and "0,5 g", a comma before one or
                  two digits being a decimal point, are understood); not for `other`
    elemental_mg  magnesium per serving, in mg, if the label states it (same rules); needed
                  for `other`
    servings      servings a day: a whole number from 1 to 20; 1 when left out
    food          a food's slug (its name in lower case, words joined by hyphens)
    food_servings servings of that food a day: a number above 0 and at most 20 ("0.5" or
                  "0,5"); 1 if left out
    age           an age group of the intake table (31-50-years); also without its unit
                  (31-50) or as an age in whole years (40)
    sex           female or male
    life_stage    pregnant or lactating (women in age groups with their own values), or empty
    kidney        1 for reduced kidney function (kidney disease); left out otherwise
    medicine      a medicine the reader takes, any generic or brand name (repeatable), and
    medicine_time when they take it (HH:MM); both read by comparisons/calculator_medicines.py

With `mg`, `elemental_mg`, `food` or `food_servings` in the query the page calculates; without
any of them it only fills in the form (the form pages link here with `?form=<slug>`). A line
left wholly blank is skipped; a line with some values but not enough to compute gets a
message beside it. Values are trimmed and case does not matter. Any mistake re-shows the form
(status 200, like any form shown again) with a summary at the top and the message next to its
field, and nothing is calculated; parameters the calculator does not know are listed as
ignored. (A NUL byte never gets here: site_config's middleware refuses it with a 400.)
Choices are checked against rows loaded once per request, so no input, however odd, reaches
the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms

from comparisons.calculator import LifeStage, Sex
from comparisons.calculator_fields import (
    AgeGroupField,
    LenientChoiceField,
    YesField,
    parse_amount,
    shown,
)
from comparisons.models import RecommendedIntake

__all__ = ["GROUP_FIELDS", "CalculatorForm", "parse_amount", "shown"]

# The reader's group: asked once, whatever the number of lines.
GROUP_FIELDS = ("age", "sex", "life_stage", "kidney")


class CalculatorForm(forms.Form):
    """The reader's group (age, sex, life stage) and their kidneys; the lines are separate
    forms (comparisons/calculator_lines.py)."""

    age = AgeGroupField(
        label="Your age group",
        error_messages={
            "invalid_choice": "Choose your age group from the list (we have no "
            "age group “%(value)s”)."
        },
    )
    sex = LenientChoiceField(
        label="Sex",
        choices=[(Sex.FEMALE.value, "Female"), (Sex.MALE.value, "Male")],
        widget=forms.RadioSelect,
        aliases={"f": Sex.FEMALE.value, "m": Sex.MALE.value},
        error_messages={
            "invalid_choice": "Choose female or male (“%(value)s” is not one of them)."
        },
    )
    life_stage = LenientChoiceField(
        label="Pregnant or breastfeeding?",
        choices=[
            ("", "Neither"),
            (LifeStage.PREGNANT.value, "Pregnant"),
            (LifeStage.LACTATING.value, "Breastfeeding"),
        ],
        widget=forms.RadioSelect,
        aliases={"breastfeeding": LifeStage.LACTATING.value, "none": ""},
        error_messages={
            "invalid_choice": "Choose pregnant, breastfeeding or neither "
            "(“%(value)s” is not one of them)."
        },
    )
    kidney = YesField(
        label="My kidneys do not work fully (kidney disease or reduced kidney function)",
        help_text="Magnesium builds up when the kidneys clear less of it.",
    )

    def __init__(
        self,
        data=None,
        *,
        groups: Sequence[RecommendedIntake],
    ) -> None:
        super().__init__(data)
        self.groups = {group.age_group: group for group in groups}
        self.fields["age"].set_groups(groups)

    def clean(self) -> dict:
        cleaned = super().clean()
        self._clean_life_stage(cleaned)
        return cleaned

    def _clean_life_stage(self, cleaned: dict) -> None:
        life_stage = cleaned.get("life_stage")
        if not life_stage or "life_stage" in self.errors:
            return
        what = "pregnancy" if life_stage == LifeStage.PREGNANT else "breastfeeding"
        if cleaned.get("sex") == Sex.MALE:
            self.add_error(
                "life_stage",
                f"The {what} values are for women: choose “female” above, or “neither”.",
            )
            return
        # Pregnancy and breastfeeding imply the reader is a woman.
        cleaned["sex"] = Sex.FEMALE.value
        group = self.groups.get(cleaned.get("age") or "")
        if group is None:
            # Added up all the same: the upper limit in pregnancy and breastfeeding is the
            # one for anyone aged 9 or over; only the recommended intake waits on the age.
            return
        value = group.pregnancy_mg if life_stage == LifeStage.PREGNANT else group.lactation_mg
        if value is None:
            with_values = [
                g.label.lower()
                for g in self.groups.values()
                if (g.pregnancy_mg if life_stage == LifeStage.PREGNANT else g.lactation_mg)
            ]
            ages = (
                ", ".join(with_values[:-1]) + " and " + with_values[-1]
                if len(with_values) > 1
                else "".join(with_values) or "no age group"
            )
            self.add_error(
                "life_stage",
                f"The intake table gives separate {what} values only for {ages}; "
                f"for {group.label.lower()} choose “neither”.",
            )

    def ordered_errors(self) -> list[tuple[str, str, str]]:
        """(field name, field id, message) for the error summary, in the order of the form."""
        errors = []
        for name in GROUP_FIELDS:
            for message in self.errors.get(name, []):
                errors.append((name, self[name].auto_id or "", message))
        return errors
