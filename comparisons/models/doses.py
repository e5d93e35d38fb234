"""A form's dose as pages state it: its range, its heading ("Typical dose" or "Maker's
suggested amount") and the sentence its page and its search excerpt give."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from comparisons.models.ratings import DoseBasis


class StatedDose:
    """Mixin for MagnesiumCompound, whose fields dose_low_mg, dose_high_mg and dose_basis
    these read."""

    @property
    def has_dose(self) -> bool:
        return self.dose_low_mg is not None

    @property
    def dose_range(self) -> str:
        """'200-350 mg', '144 mg', or '' when no dose applies."""
        if not self.has_dose:
            return ""
        if self.dose_low_mg == self.dose_high_mg:
            return f"{self.dose_low_mg} mg"
        return f"{self.dose_low_mg}\u2013{self.dose_high_mg} mg"

    @property
    def dose_html(self) -> SafeString:
        """The dose as the form's page states it (its search excerpt quotes it too)."""
        if not self.has_dose:
            return mark_safe("<strong>No set dose</strong>")
        return format_html("<strong>{}</strong> of elemental magnesium a day", self.dose_range)

    @property
    def dose_is_makers(self) -> bool:
        """The dose shown is the maker's suggested amount, not one established by trials."""
        return self.has_dose and self.dose_basis == DoseBasis.MAKER

    @property
    def dose_heading(self) -> str:
        """What pages call the dose: "Typical dose", or "Maker's suggested amount"."""
        return DoseBasis.MAKER.label if self.dose_is_makers else DoseBasis.TYPICAL.label
