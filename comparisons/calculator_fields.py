"""The calculator's input fields: amounts, servings, forms and salts, age groups, foods.

Each field reads a reader's value leniently (trimmed, any case, "1,000 mg") and answers a
mistake with a message in plain words; the forms that use them are in comparisons/forms.py
(the reader's group) and comparisons/calculator_lines.py (the repeated product and food
lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms

from comparisons.calculator import percent_text
from comparisons.models import SALT_SEPARATOR, CompoundSalt, MagnesiumCompound, RecommendedIntake

MAX_AMOUNT_MG = Decimal(50_000)
MAX_SERVINGS = 20
# Ages past this are typing mistakes, not readers.
MAX_AGE_YEARS = Decimal(130)
# Servings of a food: halves and the like are fine, up to this many a day.
MAX_FOOD_SERVINGS = Decimal(20)
# The `form` value for a product whose magnesium the label states but whose form is not one
# of ours (a multivitamin, a blend); "multivitamin" is understood too.
OTHER = "other"
OTHER_ALIASES = {"multivitamin": OTHER, "multi": OTHER, "blend": OTHER}
SHOWN_VALUE_LENGTH = 40
# "1,000" or "12,500.5": a comma before three digits is a thousands separator (never after
# a lone 0).
THOUSANDS = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
# "0,5" or "12,75": a comma before one or two digits, and nothing after them, is a decimal
# point, as a phone's number pad in much of Europe types it; it cannot be a thousands
# separator, which stands before three digits. Nor after a lone 0: "0,500" is half of one.
DECIMAL_COMMA = re.compile(r"^[+-]?(\d+,\d{1,2}|0,\d+)$")
UNIT_SUFFIX = re.compile(r"\s*(mg|milligrams?)\.?$", re.IGNORECASE)
# "1 g", "2 grams": a gram is 1,000 mg (looked for only where the amount is not in mg).
GRAMS_SUFFIX = re.compile(r"\s*(g|gm|grams?)\.?$", re.IGNORECASE)
# "1.000" or "2.500": a point before three digits is a thousands separator in much of Europe.
THOUSANDS_OR_POINT = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")
AGE_UNITS = ("-years", "-months")


INVISIBLE_MARK = "\N{REPLACEMENT CHARACTER}"


def shown(value: str) -> str:
    """A reader's value, printable and short, for quoting back in a message. An invisible
    character (a right-to-left mark, a zero-width space) is shown as INVISIBLE_MARK: left
    out, "\u200f500" would be quoted as a "500" the page says is not a number."""
    value = "".join(
        char if char.isprintable() else " " if char.isspace() else INVISIBLE_MARK
        for char in str(value)
    ).strip()
    if len(value) > SHOWN_VALUE_LENGTH:
        return value[: SHOWN_VALUE_LENGTH - 1] + "…"
    return value


def you_entered(value: str) -> str:
    """ "you entered “500”", saying what INVISIBLE_MARK stands for where it is shown."""
    quoted = shown(value)
    note = f", where {INVISIBLE_MARK} is an invisible character" if INVISIBLE_MARK in quoted else ""
    return f"you entered “{quoted}”{note}"


def two_readings(raw: str) -> tuple[Decimal, int] | None:
    """ "1.000" or "2.500 mg": (1, 1000) or (2.5, 2500), the amount as a decimal number and
    as thousands written with a point, as in much of Europe; None when only one reading is
    possible (not that pattern, or the larger reading over MAX_AMOUNT_MG)."""
    text = UNIT_SUFFIX.sub("", raw.strip())
    if not THOUSANDS_OR_POINT.match(text):
        return None
    large = int(text.replace(".", ""))
    return (Decimal(text).normalize(), large) if large <= MAX_AMOUNT_MG else None


def parse_amount(raw: str) -> Decimal | None:
    """'500', '1,000', '250.5 mg', '0,5 g', '1 g' -> milligrams as a Decimal; None if it is
    not a plain positive-looking number (NaN, infinity, exponents, hex and the like are not)."""
    text, per_unit = raw.strip(), 1
    if UNIT_SUFFIX.search(text):
        text = UNIT_SUFFIX.sub("", text)
    elif GRAMS_SUFFIX.search(text):
        text, per_unit = GRAMS_SUFFIX.sub("", text), 1000
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    elif DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        return Decimal(text) * per_unit
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
        return None


# A number below this without its unit is asked about: labels give milligrams in the tens or
# more, and a smaller number is likelier grams ("1.5" for 1.5 g) than milligrams.
SMALLEST_PLAIN_MG = 10


class AmountField(forms.Field):
    """Milligrams from a label: above 0, at most MAX_AMOUNT_MG, at most two decimals kept.

    Its box opens a phone's full keyboard, not the number pad (`inputmode`), as it takes a
    unit ("500 mg", "1 g"), which its own messages may ask for."""

    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def __init__(self, *, what: str, **kwargs) -> None:
        self.what = what
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values or not str(value).strip():
            return None
        if readings := two_readings(str(value)):
            # Read as 1 mg, "1.000" would give a reassuring answer a thousand times too low.
            small, large = f"{readings[0]:f}", readings[1]
            raise forms.ValidationError(
                f"“{shown(str(value))}” could mean {small} mg or {large:,} mg, as some countries "
                f"write a thousand as 1.000. Enter {large} for {large:,} mg, or {small} for "
                f"{small} mg.",
                code="ambiguous",
            )
        amount = parse_amount(str(value))
        if amount is None:
            raise forms.ValidationError(
                f"Enter the {self.what} as a number of milligrams, such as 500 "
                f"({you_entered(str(value))}).",
                code="invalid",
            )
        unit_given = UNIT_SUFFIX.search(str(value)) or GRAMS_SUFFIX.search(str(value))
        if Decimal("0.01") <= amount < SMALLEST_PLAIN_MG and not unit_given:
            # A label's "0.5 g" typed as 0.5 gave "0 mg of magnesium", and "1.5 g" typed as
            # 1.5 gave 0 mg of glycinate's magnesium: within every limit.
            number = f"{amount.normalize():f}"
            size = "less than a milligram" if amount < 1 else "very little for a label"
            # A decimal comma is said as read: "1,5" is 1.5 here.
            read = f"“{shown(str(value))}” reads as {number} mg, " if "," in str(value) else ""
            raise forms.ValidationError(
                f"{read or f'{number} mg is '}{'which is ' if read else ''}{size}. If the label "
                f"says {number} g, enter "
                f"“{number} g” ({amount * 1000:,.0f} mg); if it says {number} mg, enter "
                f"“{number} mg”.",
                code="unit",
            )
        if amount > MAX_AMOUNT_MG:
            # Said as read, so "1,000 g" shows it was taken as a thousand grams.
            raise forms.ValidationError(
                f"“{shown(str(value))}” reads as more than {MAX_AMOUNT_MG:,} mg "
                f"({MAX_AMOUNT_MG // 1000} g) per serving, far more than any label gives. Check "
                "the label: amounts are usually given in mg.",
                code="max_value",
            )
        # Hundredths of a milligram are plenty; anything that rounds to 0 is 0. A negative
        # amount is taken as 0 first: rounding one of over 28 digits raises InvalidOperation.
        positive = amount > 0
        amount = max(amount, Decimal(0)).quantize(Decimal("0.01"))
        if amount <= 0:
            message = (
                "Enter at least 0.01 mg: amounts are kept to hundredths of a milligram."
                if positive
                else "Enter an amount above 0 mg."
            )
            raise forms.ValidationError(message, code="min_value")
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
        if re.fullmatch(r"\+?\d{7,}", text):
            raise forms.ValidationError(
                f"Enter at most {MAX_SERVINGS} servings a day.", code="max_value"
            )
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
        self.options, self.aliases = {}, dict(OTHER_ALIASES)
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
        choices.append((OTHER, "Other or a multivitamin: enter the label's magnesium"))
        self.choices = choices

    def canonical(self, value) -> str:
        text = re.sub(rf"\s*{SALT_SEPARATOR}\s*", SALT_SEPARATOR, str(value or "").strip().lower())
        return self.aliases.get(text, text)

    def valid_value(self, value) -> bool:
        return value in self.options or value == OTHER

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
    """'Magnesium glycinate (14.1%)' for a form with one salt or none, its table's figure;
    'Magnesium citrate (11.3%): 1:1' when there is a choice, so that each option reads on its
    own, its figure before the salt's name, which a phone's menu may cut short. A form
    without a figure is offered by its name alone."""
    figure = salt.figure if salt is not None else compound.elemental_percent
    if not figure:
        return compound.name
    if salt is None or salts < 2:
        return f"{compound.name} ({percent_text(figure)}%)"
    base = re.sub(r"\s*\(.*\)$", "", compound.name).lower()
    short = salt.name
    if short.lower().startswith(base):
        short = short[len(base) :].lstrip(" ,") or salt.name
    return f"{compound.name} ({percent_text(figure)}%): {short}"


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


class FoodServingsField(forms.Field):
    """Servings of a food a day: a number above 0 (halves are fine), at most
    MAX_FOOD_SERVINGS; left empty, 1. A number alone, so its box opens the number pad,
    whose decimal mark may be a comma: "0,5" is read as amounts are (`parse_amount`)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value) -> Decimal:
        text = str(value or "").strip()
        if not text:
            return Decimal(1)
        amount = parse_amount(text) if re.fullmatch(r"[\d.,+-]+", text) else None
        if amount is None:
            raise forms.ValidationError(
                f"Enter the servings of this food as a number, such as 2 or 0.5 "
                f"({you_entered(text)}).",
                code="invalid",
            )
        if amount > MAX_FOOD_SERVINGS:
            raise forms.ValidationError(
                f"Enter at most {MAX_FOOD_SERVINGS} servings of one food a day.", code="max_value"
            )
        # Hundredths (a quarter serving is 0.25), rounded half up as everywhere else; within
        # the limit, and a negative number taken as 0, as rounding one of over 28 digits raises.
        amount = max(amount, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if amount <= 0:
            raise forms.ValidationError("Enter more than 0 servings of the food.", code="min_value")
        return amount


class YesWidget(forms.CheckboxInput):
    """A checkbox that sends 1 and hands the field the raw value, so that an odd value in a
    link is a message rather than silently yes."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, check_test=lambda value: str(value).strip().lower() in YES)

    def format_value(self, value) -> str:
        return "1"

    def value_from_datadict(self, data, files, name) -> str:
        return data.get(name, "")


class YesField(forms.Field):
    """A box ticked in the form (1) or left out: `1`, `yes`, `on` and `true` mean yes; `0`,
    `no`, `off`, `false` and empty mean no; anything else is a message."""

    widget = YesWidget

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> bool:
        text = str(value if value is not None else "").strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise forms.ValidationError(
            f"Tick the box, or leave it empty (“{shown(text)}” is neither).", code="invalid"
        )


YES = frozenset({"1", "yes", "on", "true"})
NO = frozenset({"", "0", "no", "off", "false"})
