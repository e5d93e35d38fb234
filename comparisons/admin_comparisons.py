"""The comparison tables' admin: a table's headings, and its rows with one Markdown box per
column. Cells are stored by position, so when the headings change, each row's cells follow
their heading (`column_moves`); a change that would drop a column still holding text is
refused, naming the rows, so nothing an editor wrote is lost. Also `ContentAdmin`, the
Markdown-editing admin the forms' admin shares."""

import re

from django import forms
from django.contrib import admin, messages
from markdownx.admin import MarkdownxModelAdmin
from markdownx.widgets import AdminMarkdownxWidget

from articles.admin_filters import NamesFirstSearch, PublicationStatusFilter, ReviewStatusFilter
from articles.admin_numbering import NumberedLastFormSet
from articles.editing import SafeEditingAdmin, markdown_warnings, publication_status
from articles.editor_help import publishing_fieldsets
from articles.models import PublishStatus, is_draft
from articles.stale_edits import StaleEditForm
from comparisons.models import Comparison, ComparisonRow
from comparisons.models.tables import column_moves, moved_cells


class ContentAdmin(SafeEditingAdmin, MarkdownxModelAdmin):
    """Versions, stale-save protection and save-time checks, with the Markdown editor."""


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def typed_lines(text: str) -> list[str]:
    """The lines typed in a box, trimmed, blank ones left out. Split at line breaks only:
    str.splitlines() also splits at a line separator, a vertical tab and other characters
    the plain-text checks refuse (articles/plain_text.py), so they split a heading in two
    unseen instead of being named."""
    return [line.strip() for line in LINE_BREAK.split(text or "") if line.strip()]


class LinesField(forms.CharField):
    """A list of short texts, edited one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return typed_lines(value)


class ComparisonForm(StaleEditForm):
    columns = LinesField(
        help_text="One heading per line, left to right. Each row's boxes follow their "
        "heading when you reorder or rename headings; to take a heading out, first empty its "
        "boxes. After changing the columns, save and continue editing to get one box per "
        "column in every row."
    )

    class Meta:
        model = Comparison
        fields = "__all__"


class ComparisonRowForm(forms.ModelForm):
    """A row with one Markdown box per column (cell_0, cell_1, ...), stored as `cells`."""

    class Meta:
        model = ComparisonRow
        fields = ["feature", "order"]

    def cell_names(self) -> list[str]:
        return sorted(
            (name for name in self.fields if name.startswith("cell_")),
            key=lambda name: int(name.removeprefix("cell_")),
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cells = list(self.instance.cells or [])
        for index, name in enumerate(self.cell_names()):
            if index < len(cells):
                self.initial.setdefault(name, cells[index])

    def clean(self) -> dict:
        cleaned = super().clean()
        self.instance.cells = [cleaned.get(name, "") for name in self.cell_names()]
        return cleaned


def row_form_for(columns: list[str]) -> type[ComparisonRowForm]:
    cells = {
        f"cell_{index}": forms.CharField(
            label=heading, required=False, widget=AdminMarkdownxWidget(attrs={"rows": 4})
        )
        for index, heading in enumerate(columns)
    }
    return type("ComparisonRowForm", (ComparisonRowForm,), cells)


class ComparisonRowFormSet(NumberedLastFormSet):
    """The rows, drawn with a box per heading as the table was when the page opened. If the
    headings were changed in the same save, the cells are moved to follow them
    (`ComparisonAdmin.save_related`), and a heading taken out while a row still has text
    under it refuses the save."""

    number_field = "order"

    def clean(self) -> None:
        super().clean()
        self.instance.column_moves = None
        if self.instance.status == PublishStatus.PUBLISHED and not self.kept_rows():
            raise forms.ValidationError(
                "A table with no rows cannot be published or scheduled: readers would see "
                "an empty table. Nothing was saved. Add a row below, or set Status to Draft "
                "to save the table without rows for now."
            )
        stored = Comparison.objects.filter(pk=self.instance.pk).values_list("columns", flat=True)
        old, new = (stored.first() or []), list(self.instance.columns or [])
        if not old or old == new:
            return
        moves = column_moves(old, new)
        dropped = [place for place in range(len(old)) if place not in moves]
        for place in dropped:
            holding = [
                form.cleaned_data.get("feature") or "a new row"
                for form in self.forms
                if getattr(form, "cleaned_data", None)
                and not form.cleaned_data.get("DELETE")
                and str(form.cleaned_data.get(f"cell_{place}", "")).strip()
            ]
            if holding:
                rows = ", ".join(f"“{feature}”" for feature in holding)
                raise forms.ValidationError(
                    f"The column “{old[place]}” would be taken out, but it still "
                    f"has text in {rows}. Nothing was saved. Empty those boxes first, or keep "
                    "the heading (you can rename it in the same place)."
                )
        self.instance.column_moves = moves

    def kept_rows(self) -> list[forms.Form]:
        """The rows the table will have once saved: those stored or filled in (a blank
        extra row is not saved), less those ticked for deletion."""
        stored = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < stored or form.has_changed()) and not self._should_delete_form(form)
        ]


class ComparisonRowInline(admin.StackedInline):
    model = ComparisonRow
    formset = ComparisonRowFormSet
    extra = 0

    def _columns(self, obj: Comparison | None) -> list[str]:
        """The headings as stored: the admin builds the rows' forms before it reads the
        posted headings into `obj`, and draws them after, so a refused save that added a
        heading asked each row for a box it did not have (a server error)."""
        if obj is not None and obj.pk:
            stored = Comparison.objects.filter(pk=obj.pk).values_list("columns", flat=True)
            if columns := stored.first():
                return list(columns)
        return ["First option", "Second option"]

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return 0 if obj is not None and obj.pk else 3

    def get_fields(self, request, obj=None) -> list[str]:
        return ["feature", "order"] + [f"cell_{i}" for i in range(len(self._columns(obj)))]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = row_form_for(self._columns(obj))
        return super().get_formset(request, obj, **kwargs)

    @staticmethod
    def sent_box_label(name: str, data) -> str | None:
        """A cell's box by its column, for the texts an editor sent to a table deleted
        meanwhile (articles/deleted_while_editing.py): the headings as sent, if it has one."""
        if not name.startswith("cell_") or not name.removeprefix("cell_").isdigit():
            return None
        index = int(name.removeprefix("cell_"))
        headings = typed_lines(data.get("columns", ""))
        return f"column “{headings[index]}”" if index < len(headings) else f"column {index + 1}"


@admin.register(Comparison)
class ComparisonAdmin(NamesFirstSearch, ContentAdmin):
    form = ComparisonForm
    inlines = [ComparisonRowInline]
    list_display = ["title", "slug", publication_status, "published_at", "updated_at"]
    list_filter = [PublicationStatusFilter, ReviewStatusFilter]
    search_fields = ["title", "summary", "body", "outro"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "columns"]}),
        ("Text around the table", {"fields": ["body", "outro", "updated_at"]}),
        *publishing_fieldsets("table"),
    ]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # The rows were saved in the old order of the columns: move each cell under its
        # heading (ComparisonRowFormSet checked that no text is left without one).
        if moves := getattr(form.instance, "column_moves", None):
            for row in ComparisonRow.objects.filter(comparison=form.instance):
                row.cells = moved_cells(row.cells, moves)
                row.save()
        # The rows are saved after the table; render again so links found in any cell are
        # stored for the whole comparison.
        form.instance.rerender_in_place()
        # The page's own texts were checked in save_model, before the rows were saved.
        draft = is_draft(form.instance)
        for row, cells in form.instance.table_rows():
            for (heading, _html), markdown in zip(cells, row.cells, strict=False):
                for warning in markdown_warnings(markdown, draft=draft):
                    messages.warning(request, f"Row “{row.feature}”, column “{heading}”: {warning}")
