"""The calculator's GET form: what a reader may ask, and the message for each mistake.

The grammar is part of the site's public surface (SPEC.md, `/calculator/`):

    form          a form's slug, e.g. magnesium-citrate, for its default salt (the one the
                  forms table's figure is for); or the form's slug, a colon and one of its
                  salts' slugs, e.g. magnesium-citrate:citrate-1-1 (the default salt's slug
                  is understood too). An unknown salt of a known form is its own message.
    mg            compound per serving, in mg, as the label gives it: a number above 0 and at
                  most 50,000 ("1,000" and "500 mg" are understood)
    elemental_mg  magnesium per serving, in mg, if the label states it (same rules)
    servings      servings a day: a whole number from 1 to 20; 1 when left out
    age           an age group of the intake table (31-50-years); also without its unit
                  (31-50) or as an age in whole years (40)
    sex           female or male
    life_stage    pregnant or lactating (women in age groups with their own values), or empty

With `mg` or `elemental_mg` in the query the page calculates, and `form` plus one of the two
amounts are needed; without either it only fills in the form (the form pages link here with
`?form=<slug>`). Values are trimmed and case does not matter. Any other mistake re-shows
the form (status 200, like any form shown again) with a summary at the top and the message
next to its field, and nothing is calculated; parameters the calculator does not know are
listed as ignored. (A NUL byte never gets here: site_config's middleware refuses it with a
400.) Choices are checked against rows loaded once per request, so no input, however odd,
reaches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django import forms

from comparisons.calculator import LifeStage, Sex, percent_text
from comparisons.models import SALT_SEPARATOR, CompoundSalt, MagnesiumCompound, RecommendedIntake

MAX_AMOUNT_MG = Decimal(50_000)
MAX_SERVINGS = 20
# Ages past this are typing mistakes, not readers.
MAX_AGE_YEARS = Decimal(130)
AMOUNT_FIELDS = ("mg", "elemental_mg")
FIELD_ORDER = ("form", "mg", "elemental_mg", "servings", "age", "sex", "life_stage")
SHOWN_VALUE_LENGTH = 40
# "1,000" or "12,500.5": commas only as thousands separators ("1,5" stays an error, since it
# may mean 1.5 or 15).
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
UNIT_SUFFIX = re.compile(r"\s*(mg|milligrams?)\.?$", re.IGNORECASE)
AGE_UNITS = ("-years", "-months")


def shown(value: str) -> str:
    """A reader's value, printable and short, for quoting back in a message."""
    value = "".join(char for char in str(value) if char.isprintable()).strip()
    if len(value) > SHOWN_VALUE_LENGTH:
        return value[: SHOWN_VALUE_LENGTH - 1] + "…"
    return value


def parse_amount(raw: str) -> Decimal | None:
    """'500', '1,000', '250.5 mg' -> a Decimal; None if it is not a plain positive-looking
    number (NaN, infinity, exponents, hex and the like are not)."""
    text = UNIT_SUFFIX.sub("", raw.strip())
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
        return None


class AmountField(forms.Field):
    """Milligrams from a label: above 0, at most MAX_AMOUNT_MG, at most two decimals kept."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *, what: str, **kwargs) -> None:
        self.what = what
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values or not str(value).strip():
            return None
        amount = parse_amount(str(value))
        if amount is None:
            raise forms.ValidationError(
                f"Enter the {self.what} as a number of milligrams, such as 500 "
                f"(you entered “{shown(str(value))}”).",
                code="invalid",
            )
        if amount > MAX_AMOUNT_MG:
            raise forms.ValidationError(
                f"That is more than {MAX_AMOUNT_MG:,} mg ({MAX_AMOUNT_MG / 1000:,} g) per "
                "serving. Check the label: amounts are usually given in mg.",
                code="max_value",
            )
        # Hundredths of a milligram are plenty; anything that rounds to 0 is 0.
        amount = amount.quantize(Decimal("0.01"))
        if amount <= 0:
            raise forms.ValidationError("Enter an amount above 0 mg.", code="min_value")
        return amount


class ServingsField(forms.Field):
    """Servings a day, a whole number; left empty, 1 (and the form shows 1 again)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def bound_data(self, data, initial):
        return data if str(data or "").strip() else "1"

    def to_python(self, value) -> int:
        text = str(value or "").strip()
        if not text:
            return 1
        if not re.fullmatch(r"[+-]?\d{1,6}", text):
            raise forms.ValidationError(
                "Enter the number of servings a day as a whole number, such as 2.",
                code="invalid",
            )
        servings = int(text)
        if servings < 1:
            raise forms.ValidationError("Enter at least 1 serving a day.", code="min_value")
        if servings > MAX_SERVINGS:
            raise forms.ValidationError(
                f"Enter at most {MAX_SERVINGS} servings a day.", code="max_value"
            )
        return servings


class LenientChoiceField(forms.ChoiceField):
    """A choice whose value may be spelled in other ways (trimmed, any case, aliases);
    the form is re-shown with the canonical value selected."""

    def __init__(self, *, aliases: dict[str, str] | None = None, **kwargs) -> None:
        self.aliases = aliases or {}
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def canonical(self, value) -> str:
        text = str(value or "").strip().lower()
        return self.aliases.get(text, text)

    def to_python(self, value) -> str:
        return self.canonical(value)

    def validate(self, value) -> None:
        if value and not self.valid_value(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": shown(value)},
            )

    def bound_data(self, data, initial) -> str:
        return self.canonical(data)


class FormChoiceField(LenientChoiceField):
    """A form of magnesium and, after a colon, one of its salts; the form alone means its
    default salt. One value per product line, so that a line's form and salt stay together."""

    options: dict[str, tuple[MagnesiumCompound, CompoundSalt | None]] = {}

    def set_compounds(self, compounds: Iterable[MagnesiumCompound]) -> None:
        self.options, self.aliases = {}, {}
        choices = [("", "Choose…")]
        for compound in compounds:
            salts = list(compound.salts.all())
            default = next((salt for salt in salts if salt.is_default), None)
            self.options[compound.slug] = (compound, default)
            if default is not None:
                self.aliases[f"{compound.slug}{SALT_SEPARATOR}{default.slug}"] = compound.slug
            choices.append((compound.slug, option_label(compound, default, len(salts))))
            for salt in salts:
                if salt is not default:
                    self.options[salt.choice_value] = (compound, salt)
                    choices.append((salt.choice_value, option_label(compound, salt, len(salts))))
        self.choices = choices

    def canonical(self, value) -> str:
        text = re.sub(rf"\s*{SALT_SEPARATOR}\s*", SALT_SEPARATOR, str(value or "").strip().lower())
        return self.aliases.get(text, text)

    def valid_value(self, value) -> bool:
        return value in self.options

    def validate(self, value) -> None:
        slug, separator, salt = value.partition(SALT_SEPARATOR)
        if value and separator and slug in self.options and value not in self.options:
            compound = self.options[slug][0]
            raise forms.ValidationError(
                f"We have no salt called “{shown(salt)}” for {compound.name[:1].lower()}"
                f"{compound.name[1:]}. Choose one from the list, or the form alone for the "
                "figure in our table.",
                code="unknown_salt",
            )
        super().validate(value)


def option_label(compound: MagnesiumCompound, salt: CompoundSalt | None, salts: int) -> str:
    """'Magnesium glycinate' for a form with one salt; 'Magnesium citrate: 1:1 (11.3%)' when
    there is a choice, so that each option reads on its own."""
    if salt is None or salts < 2:
        return compound.name
    base = re.sub(r"\s*\(.*\)$", "", compound.name).lower()
    short = salt.name
    if short.lower().startswith(base):
        short = short[len(base) :].lstrip(" ,") or salt.name
    return f"{compound.name}: {short} ({percent_text(salt.figure)}%)"


class AgeGroupField(LenientChoiceField):
    """An age group of the RDA table, by its slug, its slug without the unit, or an age in
    whole years."""

    groups: list[RecommendedIntake] = []

    def set_groups(self, groups: Sequence[RecommendedIntake]) -> None:
        self.groups = list(groups)
        self.choices = [("", "Choose…"), *((g.age_group, g.label) for g in self.groups)]
        self.aliases = {
            group.age_group.removesuffix(unit): group.age_group
            for group in self.groups
            for unit in AGE_UNITS
            if group.age_group.endswith(unit)
        }

    def canonical(self, value) -> str:
        text = super().canonical(value)
        if re.fullmatch(r"\d{1,3}", text) and Decimal(text) <= MAX_AGE_YEARS:
            years = Decimal(text)
            return next((g.age_group for g in self.groups if g.includes_age(years)), text)
        return text


class CalculatorForm(forms.Form):
    form = FormChoiceField(
        label="Form of magnesium on the label",
        help_text="Some forms come as more than one salt or hydrate. If the label names one, "
        "choose it; if not, choose the form's first entry, the figure in our table.",
        error_messages={
            "invalid_choice": "We have no form called “%(value)s”. Choose one from the list."
        },
    )
    mg = AmountField(
        what="amount",
        label="Amount of the compound per serving (mg)",
        help_text="The weight the label gives for the compound, e.g. “magnesium glycinate "
        "1,000 mg”.",
    )
    elemental_mg = AmountField(
        what="magnesium amount",
        label="Elemental magnesium per serving (mg), if the label says",
        help_text="Optional. Labels often say “providing 141 mg magnesium” or “magnesium "
        "(as glycinate) 141 mg”.",
    )
    servings = ServingsField(label="Servings a day", required=False, initial=1)
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

    def __init__(
        self,
        data=None,
        *,
        compounds: Iterable[MagnesiumCompound],
        groups: Sequence[RecommendedIntake],
    ) -> None:
        super().__init__(data)
        self.compounds = {compound.slug: compound for compound in compounds}
        self.groups = {group.age_group: group for group in groups}
        self.fields["form"].set_compounds(self.compounds.values())
        self.fields["age"].set_groups(groups)

    def chosen(self, value: str) -> tuple[MagnesiumCompound | None, CompoundSalt | None]:
        """The form and salt a valid `form` value names; (None, None) for any other."""
        return self.fields["form"].options.get(value, (None, None))

    @property
    def calculates(self) -> bool:
        """Whether the reader asked for a sum (an amount is in the query), rather than
        arriving with some fields filled in."""
        return self.is_bound and any(name in self.data for name in AMOUNT_FIELDS)

    def clean(self) -> dict:
        cleaned = super().clean()
        mg, elemental = cleaned.get("mg"), cleaned.get("elemental_mg")
        if self.calculates:
            if not self.data.get("form", "").strip() and "form" not in self.errors:
                self.add_error("form", "Choose the form of magnesium named on the label.")
            if (
                "mg" not in self.errors
                and "elemental_mg" not in self.errors
                and mg is None
                and elemental is None
            ):
                self.add_error(
                    "mg",
                    "Enter the amount of the compound per serving from the label (or the "
                    "elemental magnesium below, if the label states it).",
                )
        if mg is not None and elemental is not None and elemental > mg:
            self.add_error(
                "elemental_mg",
                f"The magnesium in a serving ({elemental.normalize():f} mg) cannot weigh more "
                f"than the compound it is part of ({mg.normalize():f} mg). Check that the two "
                "figures are not swapped.",
            )
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
            if "age" not in self.errors:
                self.add_error("age", f"Choose your age group: the {what} values depend on it.")
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
        for name in FIELD_ORDER:
            for message in self.errors.get(name, []):
                errors.append((name, self[name].auto_id or "", message))
        return errors
