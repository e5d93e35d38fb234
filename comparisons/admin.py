from itertools import pairwise

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.urls import reverse
from django.utils.html import format_html

from articles.admin_filters import NamesFirstSearch, PublicationStatusFilter, ReviewStatusFilter
from articles.admin_numbering import NumberedLastFormSet
from articles.autocomplete import CheckedAutocompleteAdmin
from articles.editing import SafeEditingAdmin, SourcedForm, publication_status
from articles.editor_help import publishing_fieldsets
from articles.stale_edits import StaleEditForm
from comparisons.admin_comparisons import ContentAdmin
from comparisons.figure_checks import FigureChecksAdmin
from comparisons.import_admin import CsvImportExport
from comparisons.models import (
    CompoundSalt,
    Food,
    IntakeTable,
    MagnesiumCompound,
    Preparation,
    RecommendedIntake,
    UpperIntakeLimit,
    kept_for_calculator,
    lock_intake_tables,
)
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from comparisons.sources_needed import FormSourcesForm, RowsNeedSources


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


class CompoundSaltFormSet(RowsNeedSources, NumberedLastFormSet):
    """A form's salts: if it has any, exactly one is the table's figure (the database allows
    at most one; the model checks its figure). Counted once no salt has a mistake. On a
    published form each keeps a source (RowsNeedSources)."""

    shown = "this salt's figure"
    claims = ("formula", "magnesium_atoms", "molar_mass", "elemental_percent")

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


class CompoundSaltInline(CheckedAutocompleteAdmin, admin.StackedInline):
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


class PreparationFormSet(RowsNeedSources, NumberedLastFormSet):
    shown = "this preparation's use or dose"
    claims = ("route", "use", "tolerance", "cautions")


class PreparationInline(CheckedAutocompleteAdmin, admin.StackedInline):
    """Each way the form is sold and taken (tablets, oil spray, bath flakes...), with its
    route: `route=topical` on the forms table finds a form by any of its preparations."""

    model = Preparation
    formset = PreparationFormSet
    extra = 0
    autocomplete_fields = ["refs"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [("name", "slug"), ("route", "position"), "use", "tolerance", "cautions", "refs"]


class MagnesiumCompoundForm(FormSourcesForm, StaleEditForm):
    pass


class FoodForm(SourcedForm):
    REFERENCES = "refs"


class IntakeTableForm(SourcedForm):
    REFERENCES = "refs"


@admin.register(MagnesiumCompound)
class MagnesiumCompoundAdmin(NamesFirstSearch, FigureChecksAdmin, CsvImportExport, ContentAdmin):
    form = MagnesiumCompoundForm
    resource_classes = [MagnesiumCompoundResource]
    import_help = (
        "Start from a file made with Export. Each row is matched to a form by its slug (the "
        "end of the form's address): change a form's name freely, but not its slug. A row "
        "with a slug a form had before it was changed updates that form, which keeps its "
        "slug now; a row with a new slug adds a new form, as a draft: publish it from its "
        "page. Keep the "
        "edit_token column as it is: it tells whether someone saved a form after the export."
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
        *publishing_fieldsets("form"),
    ]


@admin.register(Food)
class FoodAdmin(CsvImportExport, SafeEditingAdmin):
    form = FoodForm
    resource_classes = [FoodResource]
    import_help = (
        "Start from a file made with Export and keep its id and edit_token columns as they "
        "are: the id tells which food a row is, so you can rename a food in the file, and "
        "the edit_token whether someone saved the food after the export. For a new food, "
        "add a row and leave both empty."
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
    """The age groups of one table may not overlap or leave a gap, and the oldest runs on
    with no upper age, so every age from the youngest group's on has one row: a reader of
    an age no row holds was told no limit had been set."""

    def clean(self) -> None:
        super().clean()
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            # A row with a mistake of its own says so beside it: checked across rows once right.
            if form.errors or data.get("DELETE") or data.get("min_age_years") is None:
                continue
            rows.append(data)
        rows.sort(key=lambda row: row["min_age_years"])
        for row, following in pairwise(rows):
            end, label, next_label = (
                row.get("max_age_years"),
                row.get("label"),
                following.get("label"),
            )
            if end is None or following["min_age_years"] < end:
                raise forms.ValidationError(
                    f"The age groups “{label}” and “{next_label}” overlap. Each group runs "
                    "from its first age up to, but not including, its last: set “up to age” "
                    "of the first to the “from age” of the next."
                )
            if following["min_age_years"] > end:
                raise forms.ValidationError(
                    f"No group holds the ages between “{label}” and “{next_label}”: set "
                    f"“from age” of “{next_label}” to {end.normalize():f}, where the other "
                    "ends."
                )
        if rows and rows[-1].get("max_age_years") is not None:
            raise forms.ValidationError(
                f"No group holds the ages after “{rows[-1].get('label')}”: leave its “up to age” "
                "empty, or add a group for the older ages."
            )
        self.check_rows(rows)

    def check_rows(self, rows: list[dict]) -> None:
        """Checks of one kind of row across the table, youngest first."""


class UpperLimitFormSet(AgeRangeFormSet):
    def check_rows(self, rows: list[dict]) -> None:
        """No limit is set for babies; from the first group with one, every older group has
        one. Emptied for adults, the calculator told them no limit had been set."""
        limited = [row for row in rows if row.get("ul_mg") is not None]
        if rows and not limited:
            raise forms.ValidationError(
                "Give the upper limit for the groups that have one: with none, the calculator "
                "checks no amount against a limit."
            )
        if limited:
            older = rows[rows.index(limited[0]) :]
            unset = [row["label"] for row in older if row.get("ul_mg") is None]
            if unset:
                raise forms.ValidationError(
                    f"Give the upper limit for “{'”, “'.join(unset)}”: only the youngest "
                    "groups, up to the first with a limit, may have none set."
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
    formset = UpperLimitFormSet
    formfield_overrides = COMPACT_ROW_WIDGETS
    extra = 0
    verbose_name_plural = "Upper limits, mg a day from supplements and medicines only"
    fields = ["age_group", "label", "min_age_years", "max_age_years", "ul_mg"]


@admin.register(IntakeTable)
class IntakeTableAdmin(SafeEditingAdmin):
    """One table, edited as a whole: its sources and all its rows on one page, saved and
    versioned together. The calculator reads every row of every table."""

    form = IntakeTableForm
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

    def get_fieldsets(self, request, obj=None):
        """A table the calculator cannot do without says so at the top of its page."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not (kept := kept_for_calculator([obj])):
            return fieldsets
        name, options = fieldsets[0]
        description = format_html(
            "<p>{}</p><p><strong>This table cannot be deleted:</strong> it {}, and without "
            "it the calculator would have no figures to compare a reader's dose with. To "
            "change its figures, edit its rows below.</p>",
            options["description"],
            kept[0][1],
        )
        return [(name, {**options, "description": description}), *fieldsets[1:]]

    def get_deleted_objects(self, objs, request):
        """A table the calculator cannot do without is kept (`kept_for_calculator`), from
        its own delete page and the list's delete action: Django's page lists it as what
        stops the deletion, in words of its own (admin/comparisons/intaketable/)."""
        if request.method == "POST":
            lock_intake_tables()
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for table, why in kept_for_calculator(list(objs)):
            url = reverse("admin:comparisons_intaketable_change", args=[table.pk])
            protected.append(format_html('<a href="{}">{}</a> {}', url, table, why))
        return deleted, counts, perms_needed, protected

    def response_action(self, request, queryset, **kwargs):
        # The list's delete action checks and deletes in one transaction, as the delete
        # page does, so the lock above holds until the tables are gone.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset, **kwargs)
