"""A tick in "Minor change" hides a save's note from readers: it is refused when the save
changes a figure readers see. The highest dose of a published form was raised from 350 to
500 mg with Minor ticked, and its page showed "200-500 mg" while its list of changes said
none had been noted. Checked on the page's own boxes (`figures_changed`, from
ChangeNoteForm.clean) and on its inline rows, a form's salts and preparations
(`MinorFiguresFormSet`).
"""

from __future__ import annotations

import re

from django import forms

from articles.models import public_as_saved

# The boxes whose values readers see as figures, by kind of record. A text box counts by the
# numbers written in it: a preparation's "typical use or dose".
READER_FIGURES = {
    "comparisons.magnesiumcompound": (
        "elemental_percent",
        "bioavailability",
        "dose_low_mg",
        "dose_high_mg",
    ),
    "comparisons.compoundsalt": ("magnesium_atoms", "molar_mass", "elemental_percent"),
    "comparisons.preparation": ("use",),
    "interactions.medicine": ("before_hours", "after_hours"),
    "evidence.evidencecell": ("grade",),
}
TEXT_FIGURES = {"use"}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def figures_changed(form: forms.ModelForm) -> list[str]:
    """The labels of the boxes holding a figure readers see whose value this form changes."""
    names = READER_FIGURES.get(form._meta.model._meta.label_lower, ())
    changed = []
    for name in names:
        if name not in form.fields or name not in form.changed_data:
            continue
        if name in TEXT_FIGURES:
            before, after = form.initial.get(name) or "", form.cleaned_data.get(name) or ""
            if NUMBER.findall(str(before)) == NUMBER.findall(str(after)):
                continue  # its words changed, not its figures
        label = str(form.fields[name].label or name)
        changed.append(label[:1].lower() + label[1:])
    return changed


def minor_refused(figures: list[str]) -> str:
    return (
        f"This save changes what readers see as a figure: {'; '.join(figures)}. Its note must "
        "be shown to them: untick “Minor change” and write a change note for readers."
    )


class MinorFiguresFormSet(forms.BaseInlineFormSet):
    """Inline rows of a page readers could open (`page_readers_saw`, set by the admin) that
    stays public: "Minor change" ticked is refused when a row's figure changes, or a row with
    figures is added or deleted."""

    page_readers_saw = None

    def clean(self) -> None:
        super().clean()
        page = self.instance
        if not self.data.get("minor_change") or self.page_readers_saw is None:
            return
        if not public_as_saved(page.status, page.published_at):
            return  # taken off the site: no note is asked for
        kind = self.model._meta.verbose_name
        figures = []
        for row in self.forms:
            deleted = self.can_delete and self._should_delete_form(row)
            if deleted and row.instance.pk is None:
                continue  # a new row removed before saving
            if deleted:
                figures.append(f"{kind} “{row.instance}”, deleted")
            else:
                figures += [
                    f"the {label} of {kind} “{row.instance}”" for label in figures_changed(row)
                ]
        if figures:
            raise forms.ValidationError(minor_refused(figures), code="minor_figure")


def minor_checked(formset: type, page_readers_saw) -> type:
    """The inline formset class, checked by MinorFiguresFormSet where its rows hold figures."""
    if formset.model._meta.label_lower not in READER_FIGURES:
        return formset
    return type(
        formset.__name__,
        (MinorFiguresFormSet, formset),
        {"page_readers_saw": page_readers_saw},
    )
