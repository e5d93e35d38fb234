from django import forms
from django.contrib import admin

from articles.admin_filters import (
    MissingReferencesFilter,
    PublicationStatusFilter,
    ReviewStatusFilter,
)
from articles.admin_numbering import NumberedLastAdmin
from articles.editing import (
    SafeEditingAdmin,
    SourcedForm,
)
from interactions.models import Medicine, MedicineAlias, normalise
from interactions.timeline import timeline_for


class MedicineForm(SourcedForm):
    class Meta:
        model = Medicine
        fields = "__all__"


class AliasFormSet(forms.BaseInlineFormSet):
    """Each row is checked against the stored names by the model (`MedicineAlias`
    .validate_unique, against the medicine's name as typed in this save); only the rows
    themselves can see two of them giving the same name."""

    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            if not (name := form.cleaned_data.get("name")):
                continue  # refused already, with its own message
            key = normalise(name)
            if key in seen:
                form.add_error("name", f"'{name}' is listed twice.")
            seen.add(key)


class MedicineAliasInline(admin.TabularInline):
    model = MedicineAlias
    formset = AliasFormSet
    fields = ["name"]
    extra = 3


@admin.register(Medicine)
class MedicineAdmin(NumberedLastAdmin, SafeEditingAdmin):
    number_step = 10
    form = MedicineForm
    summary_field = "summary"
    list_display = ["name", "drug_class", "rule", "before_hours", "after_hours", "severity"]
    list_filter = [
        MissingReferencesFilter,
        "rule",
        "severity",
        PublicationStatusFilter,
        ReviewStatusFilter,
    ]
    search_fields = ["name", "drug_class", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["references"]
    readonly_fields = ["updated_at", "as_readers_read_it"]
    inlines = [MedicineAliasInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "drug_class", "position"]}),
        (
            "The rule",
            {
                "fields": [
                    "rule",
                    "before_hours",
                    "after_hours",
                    "summary",
                    "why",
                    "severity",
                    "prescriber_first",
                    "references",
                    "as_readers_read_it",
                ],
                "description": "Every rule must cite at least one source (a fact sheet or the "
                "product information): it cannot be saved without one. 'Keep apart' needs "
                "both gaps in hours (0 where a source sets none); where sources differ, use "
                "the longest gap and say so. Other rules take no hours.",
            },
        ),
        (
            "Publishing and review",
            {
                "fields": [
                    "status",
                    "published_at",
                    "reviewer",
                    "last_reviewed",
                    "next_review_due",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description="as readers read it (as last saved)")
    def as_readers_read_it(self, medicine: Medicine) -> str:
        """The sentence under the picture of the day, so an editor checks which gap comes
        before the dose and which after it without opening the page."""
        timeline = timeline_for(medicine) if medicine.pk else None
        if timeline is None:
            return "No picture of the day: only a rule to keep apart has one."
        return timeline.text
