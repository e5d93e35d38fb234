"""Stale saves: a save made from a copy of a record older than the stored one is refused,
naming who saved in between and when, with the editor's own text kept in the form."""

from __future__ import annotations

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from reversion.models import Version


def last_change(obj) -> tuple[str, str, str]:
    """Who saved this object last and when, from its newest version, and the address of
    what that save changed (empty if there is no version to show)."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is None:
        return "another editor", "recently", ""
    user = version.revision.user
    who = (user.get_full_name() or user.get_username()) if user else "another editor"
    opts = obj._meta
    try:
        changes = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_version_changes", args=[obj.pk, version.pk]
        )
    except NoReverseMatch:  # a form used outside SafeEditingAdmin
        changes = ""
    return who, localize(template_localtime(version.revision.date_created)), changes


class StaleEditForm(forms.ModelForm):
    """Carries the edit token of the copy the editor opened; refuses the save if the stored
    record has been saved since (every save draws a new token)."""

    edit_token_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token_seen"].initial = str(self.instance.edit_token)
        self._normalise_line_endings()

    def _normalise_line_endings(self) -> None:
        """Browsers send a textarea's lines with CRLF endings; stored text uses LF. Without
        this, every save would count an untouched body as changed (in the history and the
        diff) and store it with different line endings."""
        if not self.is_bound:
            return
        data = self.data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if isinstance(field.widget, forms.Textarea) and isinstance(data.get(key), str):
                data[key] = data[key].replace("\r\n", "\n")
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # The admin's change view runs in a transaction: lock the row so two saves that
        # arrive together cannot both pass this check.
        current = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            # No ordering: a model ordered through a nullable relation would join it, and
            # PostgreSQL cannot lock the nullable side of an outer join.
            .order_by()
            .values_list("edit_token", flat=True)
            .first()
        )
        seen = cleaned.get("edit_token_seen")
        if current is not None and seen != str(current):
            who, when, changes = last_change(self.instance)
            # The next submit is a deliberate save over their version, after merging.
            data = self.data.copy()
            data["edit_token_seen"] = str(current)
            self.data = data
            see = "Open the History in a new tab to see their changes"
            if changes:
                see = format_html(
                    'Open <a href="{}" target="_blank">what their save changed</a> (a new tab)',
                    changes,
                )
            raise forms.ValidationError(
                format_html(
                    "{} saved a newer version of this page on {}, after you opened it. Your "
                    "text is still in the form below and nothing was overwritten. {}, merge "
                    "them into your text, then save again.",
                    who,
                    when,
                    see,
                ),
                code="stale",
            )
        return cleaned
