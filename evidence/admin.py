from django.contrib import admin

from articles.editing import MissingReferencesFilter, SafeEditingAdmin, SourcedForm
from evidence.models import EvidenceCell, Outcome


class EvidenceCellForm(SourcedForm):
    CHECKED_WITH = ("grade",)  # an editor may raise the grade and add its first source

    class Meta:
        model = EvidenceCell
        fields = "__all__"


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


class GradedCitingNothing(MissingReferencesFilter):
    label = "Graded but citing nothing"


@admin.register(EvidenceCell)
class EvidenceCellAdmin(SafeEditingAdmin):
    form = EvidenceCellForm
    list_display = ["__str__", "grade", "direction", "human_trials", "human_reviews", "updated_at"]
    list_filter = [
        GradedCitingNothing,
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
