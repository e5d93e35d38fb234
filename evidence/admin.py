from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.admin_filters import MissingReferencesFilter
from articles.admin_numbering import NumberedLastAdmin
from articles.editing import SafeEditingAdmin, SourcedForm
from articles.stale_list_edits import StaleListEditsMixin
from evidence.models import EvidenceCell, Outcome


class EvidenceCellForm(SourcedForm):
    CHECKED_WITH = ("grade",)  # an editor may raise the grade and add its first source

    class Meta:
        model = EvidenceCell
        fields = "__all__"


@admin.register(Outcome)
class OutcomeAdmin(StaleListEditsMixin, NumberedLastAdmin, SafeEditingAdmin):
    number_step = 10
    summary_field = "description"
    list_display = ["name", "short_name", "slug", "topic", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["topic"]
    fields = ["name", "short_name", "slug", "description", "topic", "position", "cell_list"]
    readonly_fields = ["cell_list"]

    @admin.display(description="evidence cells")
    def cell_list(self, outcome: Outcome) -> str:
        """The outcome's cells at a glance, each linking to its own page to edit. Not an
        inline: an inline posts two fields a cell with every save of the outcome, and Django
        refuses a form of more than 1,000 fields (an outcome may have a cell per form); and
        its versions would follow the cells, so restoring an old outcome would put back its
        cells as they were then and delete those added since."""
        if outcome.pk is None:
            return "Add cells once the outcome is saved."
        cells = list(outcome.cells.select_related("compound").in_matrix_order())
        if not cells:
            add = reverse("admin:evidence_evidencecell_add")
            return format_html(
                'No cells yet. <a href="{}?outcome={}">Add one</a>.', add, outcome.pk
            )
        link = format_html(
            '<p><a href="{}?outcome__id__exact={}">Open these cells in the list of evidence '
            "cells</a> to filter, sort or search them.</p>",
            reverse("admin:evidence_evidencecell_changelist"),
            outcome.pk,
        )
        rows = format_html_join(
            "",
            '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:evidence_evidencecell_change", args=[cell.pk]),
                    cell.form_name,
                    cell.get_grade_display(),
                    cell.get_direction_display(),
                    cell.summary,
                )
                for cell in cells
            ),
        )
        return format_html(
            '{}<table><thead><tr><th scope="col">Form of magnesium</th><th scope="col">Grade'
            '</th><th scope="col">Direction of the effect</th><th scope="col">Summary</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            link,
            rows,
        )


class GradedCitingNothing(MissingReferencesFilter):
    label = "Graded but citing nothing"


class FormFilter(admin.RelatedFieldListFilter):
    """By form, and "magnesium in general" for the cells without one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "magnesium in general"


@admin.register(EvidenceCell)
class EvidenceCellAdmin(SafeEditingAdmin):
    form = EvidenceCellForm
    list_display = ["__str__", "grade", "direction", "human_trials", "human_reviews", "updated_at"]
    list_filter = [
        GradedCitingNothing,
        "outcome",
        "grade",
        "direction",
        ("compound", FormFilter),
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
