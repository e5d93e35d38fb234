from django.contrib import admin
from django.core.exceptions import ValidationError

from articles.editing import SafeEditingAdmin, StaleEditForm
from evidence.models import EvidenceCell, Outcome


class EvidenceCellForm(StaleEditForm):
    class Meta:
        model = EvidenceCell
        fields = "__all__"

    def clean(self) -> dict:
        cleaned = super().clean()
        # The references being saved, not the stored ones: an editor may raise the grade
        # and add its first reference in the same save.
        if "grade" in cleaned and "references" in cleaned:
            self.instance.grade = cleaned["grade"]
            try:
                self.instance.check_references(cleaned["references"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class EvidenceCellInline(admin.TabularInline):
    """The outcome's cells at a glance; each opens in its own page to edit."""

    model = EvidenceCell
    fields = ["compound", "grade", "direction", "summary"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Outcome)
class OutcomeAdmin(SafeEditingAdmin):
    summary_field = "description"
    list_display = ["name", "short_name", "slug", "topic", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["topic"]
    fields = ["name", "short_name", "slug", "description", "topic", "position"]
    inlines = [EvidenceCellInline]


class MissingReferencesFilter(admin.SimpleListFilter):
    title = "references"
    parameter_name = "references"

    def lookups(self, request, model_admin):
        return [("missing", "Graded but citing nothing")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_references()
        return queryset


@admin.register(EvidenceCell)
class EvidenceCellAdmin(SafeEditingAdmin):
    form = EvidenceCellForm
    list_display = ["__str__", "grade", "direction", "human_trials", "human_reviews", "updated_at"]
    list_filter = [
        MissingReferencesFilter,
        "outcome",
        "grade",
        "direction",
        ("compound", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["outcome", "compound"]
    search_fields = ["summary", "outcome__name", "compound__name"]
    autocomplete_fields = ["outcome", "compound", "references"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["outcome", "compound"]}),
        (
            "What the studies show",
            {
                "fields": ["grade", "direction", "summary", "references"],
                "description": "Grade the studies, not the marketing. Any grade above 'No "
                "evidence' must cite at least one reference. Where only studies of magnesium "
                "in general or of animals exist, say so in the summary and grade this form "
                "'No evidence'.",
            },
        ),
        (
            "Studies counted",
            {"fields": ["human_trials", "human_reviews", "lab_studies", "updated_at"]},
        ),
    ]
