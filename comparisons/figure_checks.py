"""After a save that changes one of a form's figures, the boxes of the same form that still
give the old one. The table, the calculator and the salt table take a new dose or percentage
at once; the sentences around them keep whatever they said ("the 200-350 mg range shown
here", "11.3% for the 1:1 salt"), and readers would see both on one page. A warning, never a
refusal: the old number may still be right where it stands (another salt's figure, a trial's
dose).

After any save, a typical dose above adults' upper limit (the calculator's intake tables
give it) is a warning too: readers take the range shown as one to follow on their own, but a
dose given under a clinician's care (migraine trials' 600 mg) may rightly be higher.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.contrib import messages

from comparisons.models import MagnesiumCompound, UpperIntakeLimit

# An adult, for the upper limit a form's typical dose is compared with (the intake tables
# give adults' limit from 19 years in the Food and Nutrition Board's groups, fnb-1997).
ADULT_AGE = Decimal(19)

# The figures of a form that its text repeats, as the editor knows them.
FORM_FIGURES = {
    "elemental_percent": "The magnesium share",
    "dose_low_mg": "The lowest typical dose",
    "dose_high_mg": "The highest typical dose",
}
SALT_FIGURES = {"elemental_percent": "magnesium share"}


def _written(value) -> str:
    """A figure as a writer would type it: 16.20 is "16.2", 350 is "350"."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _holds(text: str, figure: str) -> bool:
    """The text gives the figure as a number of its own: "350 mg", not "1,350" or "3500"."""
    return bool(re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text or ""))


def _boxes(compound: MagnesiumCompound) -> list[tuple[str, str]]:
    """Every text box of the form and of its salts and preparations: (where, text)."""
    boxes = [
        (str(compound._meta.get_field(name).verbose_name).capitalize(), getattr(compound, name))
        for name in (
            "summary",
            "elemental_basis",
            "evidence_note",
            "dose_note",
            "side_effects",
            "cautions",
            "body",
        )
    ]
    for salt in compound.salts.all():
        boxes.append((f"Salt “{salt.name}”, note", salt.note))
    for preparation in compound.preparations.all():
        for name in ("use", "tolerance", "cautions"):
            label = preparation._meta.get_field(name).verbose_name
            boxes.append(
                (f"Way it is taken “{preparation.name}”, {label}", getattr(preparation, name))
            )
    return boxes


def _warning(what: str, old, new, where: list[str]) -> str:
    return (
        f"{what} changed from {_written(old)} to {_written(new)}, but {_written(old)} still "
        f"appears in: {'; '.join(where)}. Check that the words there still agree."
    )


def stale_figures(compound: MagnesiumCompound, form: forms.ModelForm, formsets: list) -> list[str]:
    """Warnings for the figures this save changed whose old value the form's text still
    gives."""
    changes = [
        (label, form.initial.get(name), getattr(compound, name))
        for name, label in FORM_FIGURES.items()
        if name in form.changed_data
    ]
    for formset in formsets:
        if formset.model._meta.model_name != "compoundsalt":
            continue
        for salt_form in formset.forms:
            if salt_form.instance.pk is None or salt_form in formset.deleted_forms:
                continue
            for name, label in SALT_FIGURES.items():
                if name in salt_form.changed_data:
                    changes.append(
                        (
                            f"The {label} of “{salt_form.instance.name}”",
                            salt_form.initial.get(name),
                            getattr(salt_form.instance, name),
                        )
                    )
    changes = [(what, old, new) for what, old, new in changes if old not in (None, "", 0)]
    if not changes:
        return []
    boxes = _boxes(compound)
    warnings = []
    for what, old, new in changes:
        where = [box for box, text in boxes if _holds(text, _written(old))]
        if where:
            warnings.append(_warning(what, old, new, where))
    return warnings


def dose_above_upper_limit(compound: MagnesiumCompound) -> str | None:
    """A warning when the form's highest typical dose passes the upper limit for adults."""
    high = compound.dose_high_mg
    limit = (
        UpperIntakeLimit.objects.filter(min_age_years__lte=ADULT_AGE, ul_mg__isnull=False)
        .exclude(max_age_years__lte=ADULT_AGE)
        .order_by("-min_age_years")
        .first()
    )
    if high is None or limit is None or high <= limit.ul_mg:
        return None
    return (
        f"The highest typical dose, {high} mg a day, is above the upper limit for adults: "
        f"{limit.ul_mg} mg a day from supplements and medicines (the intake table "
        f"“{limit.table}”, {limit.label_in_text}). Readers take the range shown as one to "
        "follow on their own: keep it within the limit, or, for a dose to take only under a "
        "clinician's care, say so in the dose note."
    )


class FigureChecksAdmin:
    """A form's admin: after each save, the warnings of `stale_figures` and
    `dose_above_upper_limit`."""

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        for warning in stale_figures(form.instance, form, formsets):
            messages.warning(request, warning)
        if warning := dose_above_upper_limit(form.instance):
            messages.warning(request, warning)
