from itertools import pairwise

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from markdownx.admin import MarkdownxModelAdmin
from markdownx.widgets import AdminMarkdownxWidget

from articles.admin_filters import NamesFirstSearch, PublicationStatusFilter, ReviewStatusFilter
from articles.admin_numbering import NumberedLastFormSet
from articles.editing import SafeEditingAdmin, publication_status
from articles.stale_edits import StaleEditForm
from comparisons.figure_checks import FigureChecksAdmin
from comparisons.import_admin import CsvImportExport
from comparisons.models import (
    Comparison,
    ComparisonRow,
    CompoundSalt,
    Food,
    IntakeTable,
    MagnesiumCompound,
    Preparation,
    RecommendedIntake,
    UpperIntakeLimit,
)
from comparisons.resources import FoodResource, MagnesiumCompoundResource


class ContentAdmin(SafeEditingAdmin, MarkdownxModelAdmin):
    """Versions, stale-save protection and save-time checks, with the Markdown editor."""


class CompoundSaltForm(forms.ModelForm):
    def validate_constraints(self) -> None:
        # One default per form is the formset's check, over all the rows being saved:
        # checked row by row against the stored rows, moving the tick would be refused.
        try:
            self.instance.validate_constraints(
                exclude=self._get_validation_exclusions() | {"compound"}
            )
        except ValidationError as error:
            self._update_errors(error)


class CompoundSaltFormSet(NumberedLastFormSet):
    """A form's salts: if it has any, exactly one is the table's figure (the database allows
    at most one; the model checks its figure). Counted once no salt has a mistake."""

    def kept_forms(self) -> list[forms.ModelForm]:
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]

    def clean(self) -> None:
        super().clean()
        kept = self.kept_forms()
        defaults = [form for form in kept if form.cleaned_data.get("is_default")]
        if kept and len(defaults) != 1 and not any(form.errors for form in kept):
            raise forms.ValidationError(
                "Tick “the table's figure” for exactly one salt: the one whose figure is "
                f"the form's elemental magnesium ({len(defaults)} ticked)."
            )

    def save(self, commit: bool = True):
        if commit:
            # Moving the tick from one salt to another: untick the old one first, so the
            # database's one-default rule holds after every single write.
            leaving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and (form in self.deleted_forms or not form.cleaned_data.get("is_default"))
            ]
            CompoundSalt.objects.filter(pk__in=leaving, is_default=True).update(is_default=False)
        return super().save(commit)


class CompoundSaltInline(admin.StackedInline):
    """Each salt with its figure, on the form's page, saved and versioned with the form."""

    model = CompoundSalt
    form = CompoundSaltForm
    formset = CompoundSaltFormSet
    extra = 0
    autocomplete_fields = ["refs"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("name", "slug"),
        ("formula", "magnesium_atoms", "molar_mass"),
        ("elemental_percent", "is_default", "position"),
        "note",
        "refs",
    ]


class PreparationInline(admin.StackedInline):
    """Each way the form is sold and taken (tablets, oil spray, bath flakes...), with its
    route: `route=topical` on the forms table finds a form by any of its preparations."""

    model = Preparation
    formset = NumberedLastFormSet
    extra = 0
    autocomplete_fields = ["refs"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [("name", "slug"), ("route", "position"), "use", "tolerance", "cautions", "refs"]


@admin.register(MagnesiumCompound)
class MagnesiumCompoundAdmin(NamesFirstSearch, FigureChecksAdmin, CsvImportExport, ContentAdmin):
    resource_classes = [MagnesiumCompoundResource]
    import_help = (
        "Start from a file made with Export. Each row is matched to a form by its slug (the "
        "end of the form's address): change a form's name freely, but not its slug. A row "
        "with a new slug adds a new form, as a draft: publish it from its page."
    )
    # VersionAdmin registers the salts with django-reversion and has every version of a form
    # follow them, so the history shows and restores a form with its salts and preparations.
    inlines = [CompoundSaltInline, PreparationInline]
    list_display = [
        "name",
        "route",
        "elemental_percent",
        "bioavailability",
        "evidence",
        "tolerance",
        publication_status,
        "published_at",
        "next_review_due",
    ]
    list_filter = [
        PublicationStatusFilter,
        ReviewStatusFilter,
        "route",
        "bioavailability",
        "evidence",
        "tolerance",
        "uses",
    ]
    search_fields = ["name", "slug", "other_names", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["uses"]
    autocomplete_fields = ["elemental_refs", "bioavailability_refs", "dose_refs", "cautions_refs"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "other_names", "route", "summary", "uses"]}),
        (
            "Elemental magnesium",
            {
                "fields": ["elemental_percent", "elemental_basis", "elemental_refs"],
                "description": "The table's figure. The salts below hold every figure a "
                "label may use; the one ticked as the table's figure must match this one.",
            },
        ),
        (
            "Absorption",
            {"fields": ["bioavailability", "evidence", "evidence_note", "bioavailability_refs"]},
        ),
        (
            "Tolerance and safety",
            {"fields": ["tolerance", "side_effects", "cautions", "cautions_refs"]},
        ),
        (
            "Typical dose",
            {
                "fields": ["dose_basis", "dose_low_mg", "dose_high_mg", "dose_note", "dose_refs"],
                "description": "Elemental magnesium per day, not the weight of the compound.",
            },
        ),
        (
            "Profile",
            {
                "fields": ["body", "updated_at"],
                "description": "Shown under the page's own “In detail” heading: start its "
                "sections with ### (not ##).",
            },
        ),
        (
            "Publishing",
            {
                "fields": ["status", "published_at"],
                "description": "Readers see a form once it is published and its date has "
                "come; a date in the future schedules it. Until then, staff can preview it "
                "with View on site.",
            },
        ),
        ("Review", {"fields": ["reviewer", "last_reviewed", "next_review_due"]}),
    ]


class LinesField(forms.CharField):
    """A list of short texts, edited one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ComparisonForm(StaleEditForm):
    columns = LinesField(
        help_text="One heading per line, left to right. After changing the columns, save "
        "and continue editing to get one box per column in every row."
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
    number_field = "order"


class ComparisonRowInline(admin.StackedInline):
    model = ComparisonRow
    formset = ComparisonRowFormSet
    extra = 0

    def _columns(self, obj: Comparison | None) -> list[str]:
        if obj is not None and obj.columns:
            return list(obj.columns)
        return ["First option", "Second option"]

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return 0 if obj is not None and obj.pk else 3

    def get_fields(self, request, obj=None) -> list[str]:
        return ["feature", "order"] + [f"cell_{i}" for i in range(len(self._columns(obj)))]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = row_form_for(self._columns(obj))
        return super().get_formset(request, obj, **kwargs)


@admin.register(Comparison)
class ComparisonAdmin(NamesFirstSearch, ContentAdmin):
    form = ComparisonForm
    inlines = [ComparisonRowInline]
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "summary", "body", "outro"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "columns"]}),
        ("Text around the table", {"fields": ["body", "outro", "updated_at"]}),
    ]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # The rows are saved after the table; render again so links found in any cell are
        # stored for the whole comparison.
        form.instance.rerender_in_place()


@admin.register(Food)
class FoodAdmin(CsvImportExport, SafeEditingAdmin):
    resource_classes = [FoodResource]
    import_help = (
        "Start from a file made with Export and keep its id column as it is: the id tells "
        "which food a row is, so you can rename a food in the file. For a new food, add a "
        "row and leave its id empty."
    )
    list_display = ["name", "group", "serving", "mg", "percent_daily_value"]
    list_filter = ["group"]
    search_fields = ["name"]
    autocomplete_fields = ["refs"]
    summary_field = None
    fieldsets = [(None, {"fields": ["name", "group", "serving", "mg", "refs"]})]

    @admin.display(description="% Daily Value")
    def percent_daily_value(self, food: Food) -> int:
        return food.percent_daily_value


class AgeRangeFormSet(forms.BaseInlineFormSet):
    """The age groups of one table may not overlap, so every age has one row."""

    def clean(self) -> None:
        super().clean()
        ranges = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("min_age_years") is None:
                continue
            ranges.append((data["min_age_years"], data.get("max_age_years"), data.get("label")))
        ranges.sort(key=lambda age_range: age_range[0])
        for (_start, end, label), (next_start, _end, next_label) in pairwise(ranges):
            if end is None or next_start < end:
                raise forms.ValidationError(
                    f"The age groups “{label}” and “{next_label}” overlap. Each group runs "
                    "from its first age up to, but not including, its last: set “up to age” "
                    "of the first to the “from age” of the next."
                )


# Nine columns must fit a laptop screen: short boxes for slugs, labels, ages and mg.
COMPACT_ROW_WIDGETS = {
    models.SlugField: {"widget": forms.TextInput(attrs={"size": 11})},
    models.CharField: {"widget": forms.TextInput(attrs={"size": 14})},
    models.DecimalField: {
        "widget": forms.NumberInput(attrs={"class": "vIntegerField", "step": "0.01"})
    },
}


class RecommendedIntakeInline(admin.TabularInline):
    model = RecommendedIntake
    formset = AgeRangeFormSet
    formfield_overrides = COMPACT_ROW_WIDGETS
    extra = 0
    verbose_name_plural = "Recommended intakes (RDA, or AI for infants), mg a day from all sources"
    fields = [
        "age_group",
        "label",
        "min_age_years",
        "max_age_years",
        "female_mg",
        "male_mg",
        "pregnancy_mg",
        "lactation_mg",
        "is_ai",
    ]


class UpperIntakeLimitInline(admin.TabularInline):
    model = UpperIntakeLimit
    formset = AgeRangeFormSet
    formfield_overrides = COMPACT_ROW_WIDGETS
    extra = 0
    verbose_name_plural = "Upper limits, mg a day from supplements and medicines only"
    fields = ["age_group", "label", "min_age_years", "max_age_years", "ul_mg"]


@admin.register(IntakeTable)
class IntakeTableAdmin(SafeEditingAdmin):
    """One table, edited as a whole: its sources and all its rows on one page, saved and
    versioned together. The calculator reads every row of every table."""

    inlines = [RecommendedIntakeInline, UpperIntakeLimitInline]
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["refs"]
    readonly_fields = ["updated_at"]
    summary_field = None
    fieldsets = [
        (
            None,
            {
                "fields": ["title", "slug", "refs", "updated_at"],
                "description": "The calculator compares a reader's dose with these figures. "
                "Ages are in years (0.5 is six months); a group runs from its first age up "
                "to, but not including, its last. Leave a figure empty where the source "
                "sets none.",
            },
        ),
    ]
