"""The calculator's repeated lines: products and foods, one small form per line.

A repeated group is a set of GET parameters whose n-th values make up line n: `form`, `mg`,
`elemental_mg` and `servings` for a product; `food` and `food_servings` for a food. A value
left out at the end of a list is blank, so `?form=a&mg=500&servings=2&form=b&mg=400` is two
products, the second taking the usual one serving. Wholly blank lines (the spare lines the
form offers) are skipped; a line with some values gets its own messages. At most MAX_LINES
lines of a group are added up: more is a message, and nothing is added up, since a total
that left some out could pass under the upper limit when the reader's day does not.

Another group (a reader's medicines, say) is one more `LineGroup` with its own line form. A
group whose lines stop nothing declares `too_many_is_error=False`: it then has no message and
no error of its own, and the code that reads its lines says what the overflow means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms

from comparisons.calculator import LABEL_TOLERANCE, RICHEST_SALT, percent_text
from comparisons.calculator_fields import (
    MAX_AMOUNT_MG,
    OTHER,
    AmountField,
    FoodServingsField,
    FormChoiceField,
    LenientChoiceField,
    ServingsField,
)
from comparisons.models import CompoundSalt, Food, MagnesiumCompound, Route

MAX_LINES = 20
# The form shows at least this many product lines, and always one blank line to fill in
# while there is room for it.
MIN_PRODUCT_LINES = 2


class LineForm(forms.Form):
    """One line of a repeated group; `number` counts the lines shown, from 1."""

    def __init__(
        self, data=None, *, number: int, calculates: bool, auto_id: str, initial=None
    ) -> None:
        super().__init__(data, auto_id=auto_id, initial=initial)
        self.number = number
        self.calculates = calculates
        if number > 1:  # the first line explains each box; the others repeat it
            for line_field in self.fields.values():
                line_field.help_text = ""


class ProductLineForm(LineForm):
    form = FormChoiceField(
        label="Form of magnesium on the label",
        help_text="Some forms come as more than one salt or hydrate. If the label names one, "
        "choose it; if not, choose the form's first entry, the figure in our table. For a "
        "multivitamin, or a form not in the list, choose “Other”.",
        error_messages={
            "invalid_choice": "We have no form called “%(value)s”. Choose one from the list."
        },
    )
    mg = AmountField(
        what="amount",
        label="Amount of the compound per serving (mg)",
        help_text="The weight the label gives for the compound, e.g. “magnesium glycinate "
        "1,000 mg”. Type it as the label gives it: 500, 500 mg, 1,000 mg, 1 g, 0.5 g or 0,5 g.",
    )
    elemental_mg = AmountField(
        what="magnesium amount",
        label="Elemental magnesium per serving (mg), if the label says",
        help_text="Optional. Labels often say “providing 141 mg magnesium” or “magnesium "
        "(as glycinate) 141 mg”. In mg or g, as for the compound.",
    )
    servings = ServingsField(label="Servings a day", required=False, initial=1)

    def __init__(self, data=None, *, compounds: Iterable[MagnesiumCompound], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["form"].set_compounds(compounds)

    def chosen(self) -> tuple[MagnesiumCompound | None, CompoundSalt | None]:
        """The form and salt of a valid line; (None, None) for `other` or any other value."""
        value = self.cleaned_data.get("form", "") if self.is_bound else ""
        return self.fields["form"].options.get(value, (None, None))

    def clean(self) -> dict:
        cleaned = super().clean()
        value, mg, elemental = cleaned.get("form"), cleaned.get("mg"), cleaned.get("elemental_mg")
        amounts_read = "mg" not in self.errors and "elemental_mg" not in self.errors
        compound = self.fields["form"].options.get(value, (None, None))[0]
        if compound and Route.TOPICAL in compound.routes() and self.has_error("mg", "max_value"):
            # A bath's 300 g of Epsom salt or chloride flakes is what the reader meant, not a
            # slip in the units.
            del self.errors["mg"]
            self.add_error("mg", _bath_amount(compound.name_in_sentence))
        if value == OTHER:
            if mg is not None:
                self.add_error(
                    "mg",
                    "For a multivitamin or another product not in the list, leave the compound "
                    "amount empty: without the form we cannot tell how much of it is "
                    "magnesium. Enter the magnesium the label states instead.",
                )
            elif self.calculates and amounts_read and elemental is None:
                self.add_error(
                    "elemental_mg",
                    "For a multivitamin or another product not in the list, enter the "
                    "magnesium per serving that the label states.",
                )
            return cleaned
        if self.calculates:
            if not str(self.data.get("form", "")).strip() and "form" not in self.errors:
                self.add_error(
                    "form",
                    "Choose the form of magnesium named on the label (or “Other” for a "
                    "multivitamin).",
                )
            if amounts_read and mg is None and elemental is None:
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
        elif mg is not None and elemental is not None:
            self._refuse_more_than_any_form_holds(mg, elemental)
        return cleaned

    def _refuse_more_than_any_form_holds(self, mg: Decimal, elemental: Decimal) -> None:
        """A share of magnesium above the richest salt's (RICHEST_SALT, with the label
        tolerance) is no blend: one of the two figures is for something else (the whole
        day, two tablets) or they are swapped. Nothing is added up from it."""
        holder, most = RICHEST_SALT
        share = elemental * 100 / mg
        if share <= most * (1 + LABEL_TOLERANCE):
            return
        self.add_error(
            "elemental_mg",
            f"These two figures cannot both be right: {elemental.normalize():f} mg of "
            f"magnesium in {mg.normalize():f} mg of compound would be {percent_text(share)}% "
            f"magnesium, and no magnesium salt holds more than {percent_text(most)}% "
            f"({holder}). Check that both are for one serving (a label may give the "
            "magnesium for the whole day's dose) and that they are not swapped.",
        )


def _bath_amount(name: str) -> str:
    return (
        f"More than {MAX_AMOUNT_MG / 1000:,} g of {name} a serving is a bath's amount, not a "
        "dose by mouth. This calculator adds up what is taken by mouth: leave a bath or soak "
        "out, as no useful amount of magnesium has been shown to pass through the skin. Taken "
        "by mouth, as a laxative, enter the dose on its label."
    )


class FoodLineForm(LineForm):
    food = LenientChoiceField(
        label="Food",
        error_messages={
            "invalid_choice": "We have no food called “%(value)s” in our table. Choose one "
            "from the list."
        },
    )
    food_servings = FoodServingsField(
        required=False,
        label="Servings of this food a day",
        help_text="Optional; 1 when left empty. Halves are fine, e.g. 0.5 (or 0,5).",
    )

    def __init__(self, data=None, *, foods: Mapping[str, Food], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.foods = foods
        self.fields["food"].choices = [
            ("", "Choose…"),
            *(
                (slug, f"{food.name} ({food.serving}, {food.mg} mg)")
                for slug, food in foods.items()
            ),
        ]

    def chosen(self) -> Food | None:
        return self.foods.get(self.cleaned_data.get("food", "")) if self.is_bound else None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.calculates and not cleaned.get("food") and "food" not in self.errors:
            self.add_error("food", "Choose a food from the list, or clear this line.")
        return cleaned


@dataclass(frozen=True)
class Lines:
    """One group's lines as the page shows them: the lines given (bound, in order, blank
    ones skipped) and the spare blank lines after them. Set once, when the group is bound."""

    group: LineGroup
    given: list[LineForm] = field(default_factory=list)
    spare: list[LineForm] = field(default_factory=list)
    too_many: int = 0  # how many lines the query held, when over the limit

    @property
    def shown(self) -> list[LineForm]:
        return self.given + self.spare

    @property
    def message(self) -> str:
        """The error above the lines and in the summary, when there are too many of them."""
        if not self.too_many or not self.group.too_many_is_error:
            return ""
        return (
            f"This link has {self.too_many} {self.group.plural}; the calculator adds up at "
            f"most {self.group.max_lines} at a time, so nothing was added up (a total that "
            "left some out could look safe when it is not). The first "
            f"{self.group.max_lines} are shown below."
        )

    def is_valid(self) -> bool:
        # Every line is validated, so that each shows its messages.
        return all([line.is_valid() for line in self.given]) and not self.message

    def ordered_errors(self) -> list[tuple[str, str, str]]:
        """(field name, field id, message) for the summary, line by line; with several
        lines each message says which line it is about."""
        errors = []
        if self.message:
            errors.append((self.group.key, self.group.key + "-lines", self.message))
        several = len(self.given) > 1
        for line in self.given:
            for name in line.fields:
                for message in line.errors.get(name, []):
                    prefix = f"{self.group.title} {line.number}: " if several else ""
                    errors.append((name, line[name].auto_id or "", prefix + message))
        return errors


@dataclass(frozen=True)
class LineGroup:
    """A repeated group of GET parameters and the form for one of its lines."""

    key: str  # "product": the fieldsets' ids (product-1) and the error summary's anchor
    title: str  # "Product", before a line's number
    plural: str  # "product lines"
    form_class: type[LineForm]
    id_prefix: str  # the boxes' ids: id_p2_mg
    min_shown: int = 1
    max_lines: int = MAX_LINES
    # Values that do not fill a line on their own (the usual one serving).
    idle: Mapping[str, frozenset[str]] = field(default_factory=dict)
    plain_first_ids: bool = False  # line 1 keeps the single-line ids (id_mg)
    # More than max_lines lines is an error that stops the sum; a group whose lines stop
    # nothing (the medicines) sets False and says what the overflow means on its own.
    too_many_is_error: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.form_class.base_fields)

    def raw_lines(self, data: Mapping) -> list[dict[str, str]]:
        """The query's values, line by line; a missing value is blank."""
        lists = {
            name: data.getlist(name) if hasattr(data, "getlist") else [] for name in self.names
        }
        count = max((len(values) for values in lists.values()), default=0)
        return [
            {name: values[i] if i < len(values) else "" for name, values in lists.items()}
            for i in range(count)
        ]

    def is_blank(self, raw: Mapping[str, str]) -> bool:
        return all(self._idle(name, value) for name, value in raw.items())

    def _idle(self, name: str, value: str) -> bool:
        """Empty, or a value that fills nothing on its own, however written (1, 01, 1.0)."""
        text = value.strip().lower()
        if not text or text in self.idle.get(name, ()):
            return True
        try:
            return any(Decimal(text) == Decimal(idle) for idle in self.idle.get(name, ()))
        except InvalidOperation:
            return False

    def auto_id(self, number: int) -> str:
        if number == 1 and self.plain_first_ids:
            return "id_%s"
        return f"id_{self.id_prefix}{number}_%s"

    def bind(self, data, *, calculates: bool, at_least_one: bool = False, **kwargs) -> Lines:
        """The lines of this group in `data` (a QueryDict), each line bound to its values
        and given its position in the query (`line.position`, from 0)."""
        filled = [
            (position, raw)
            for position, raw in enumerate(self.raw_lines(data))
            if not self.is_blank(raw)
        ]
        if not filled and at_least_one:  # asked to calculate with nothing filled in
            filled = [(0, dict.fromkeys(self.names, ""))]
        lines = Lines(self, too_many=len(filled) if len(filled) > self.max_lines else 0)
        for number, (position, raw) in enumerate(filled[: self.max_lines], start=1):
            line = self.form_class(
                raw, number=number, calculates=calculates, auto_id=self.auto_id(number), **kwargs
            )
            line.position = position
            lines.given.append(line)
        count = len(lines.given)
        spare = 0 if count >= self.max_lines else max(1, self.min_shown - count)
        for number in range(count + 1, count + spare + 1):
            lines.spare.append(
                self.form_class(
                    None,
                    number=number,
                    calculates=False,
                    auto_id=self.auto_id(number),
                    # An empty page starts with one serving; spare lines start empty.
                    initial=None if number == 1 else dict.fromkeys(self.names, ""),
                    **kwargs,
                )
            )
        return lines


PRODUCTS = LineGroup(
    key="product",
    title="Product",
    plural="product lines",
    form_class=ProductLineForm,
    id_prefix="p",
    min_shown=MIN_PRODUCT_LINES,
    idle={"servings": frozenset({"1"})},
    plain_first_ids=True,
)
FOODS = LineGroup(
    key="food",
    title="Food",
    plural="food lines",
    form_class=FoodLineForm,
    id_prefix="f",
    idle={"food_servings": frozenset({"1"})},
)
