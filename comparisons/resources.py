"""CSV import and export of the forms and foods tables in the admin (django-import-export).

An import is previewed first (what will be created, changed or left alone, with row-level
errors) and runs in one transaction: a file with any invalid row changes nothing. Each
imported row is saved through the model, so Markdown is rendered, links are checked and a
version is kept, like a save in the change form. The work a save does for the whole site
waits for the end of the file (batched_content_changes): the pages linking to the imported
rows are drawn again, each once, and the page cache is refreshed once.

A cell is read as comparisons/import_widgets.py says (a figure as the change form reads
it), a file's columns by the names comparisons/import_columns.py knows, and a row that would
undo a save made in the admin after the export is held back as
comparisons/import_stale_rows.py says.
"""

from contextlib import nullcontext

import reversion
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from import_export import fields, resources
from import_export.widgets import ManyToManyWidget

from articles.models import (
    Reference,
    Topic,
    batched_content_changes,
    pages_linking_refreshed_once,
)
from comparisons.import_checks import (
    FileRefused,
    RowKey,
    line,
    missing_columns,
    repeated_record,
    too_many_rows,
)
from comparisons.import_columns import ignored_notice, read_columns
from comparisons.import_preview import PlainDiff
from comparisons.import_stale_rows import ChangedSinceExport, token_field
from comparisons.import_widgets import keys_field, readable_widget
from comparisons.models import CompoundSalt, Food, MagnesiumCompound
from comparisons.moved_forms import moved_forms
from comparisons.sources_needed import FORM_SOURCES, check_form_sources


class VersionedResource(ChangedSinceExport, resources.ModelResource):
    def get_diff_class(self):
        return PlainDiff

    @classmethod
    def widget_from_django_field(cls, f, default=None):
        widget = super().widget_from_django_field(f, **({"default": default} if default else {}))
        return readable_widget(widget, f)

    def filter_export(self, queryset, **kwargs):
        # Each list column (a form's sources and uses, a food's sources) is read for the
        # whole table at once, not once a row: the library pages through a prefetched
        # queryset rather than iterating it.
        lists = [
            field.attribute
            for field in self.get_export_fields()
            if isinstance(field.widget, ManyToManyWidget)
        ]
        return super().filter_export(queryset, **kwargs).prefetch_related(*lists)

    def column_names(self) -> dict[str, list[str]]:
        """Each column of the file from Export, with the other names it goes by: the
        Export page's label ("Mg") and the change form's ("Magnesium (mg per serving)")."""
        names = {}
        for field in self.get_export_fields():
            model_field = self.model_field(field.attribute)
            label = getattr(model_field, "verbose_name", "")
            names[field.column_name] = [field.column_name.replace("_", " ").title(), label]
        return names

    def get_user_visible_fields(self):
        """The columns the import and export pages list: the file's, as `column_names`
        reads them, edit_token included, which the import reads to find later saves but
        never writes (so it is no import field: ChangedSinceExport)."""
        return self.get_export_fields()

    def model_field(self, attribute: str | None):
        try:
            return self._meta.model._meta.get_field(attribute or "")
        except FieldDoesNotExist:
            return None

    def import_data(self, dataset, dry_run=False, **kwargs):
        # Read each column by the table's name for it; ignored ones are named in the preview.
        columns = read_columns(dataset.headers or [], self.column_names())
        first_line = list(dataset.headers or [])
        if dataset.headers:
            dataset.headers = columns.headers
        matched_notice = self.match_rows(dataset)
        if refusal := columns.clash or self.refusal(dataset, first_line):
            # Refused as a whole before any row is read: the library would go on to import
            # every row after an error in before_import.
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            self.handle_import_error(result, FileRefused(refusal), kwargs.get("raise_errors"))
            result.ignored_columns = []
            return result
        with transaction.atomic():
            with batched_content_changes(), self.linking_pages_redrawn(dataset, dry_run):
                result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            # The admin only offers "confirm" for a clean preview; this makes the rule hold
            # for any caller: a file with an invalid row writes none of its rows. A preview
            # also takes back the content version's one bump, made as the batch ended.
            if dry_run or result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        result.ignored_columns = columns.ignored
        result.ignored_notice = ignored_notice(columns.ignored, list(self.column_names()))
        result.matched_notice = matched_notice
        return result

    def match_rows(self, dataset) -> str | None:
        """Before any row is read: put in the file the keys its records have now, where a
        row names one by a key it had before, and say so for the preview."""
        return None

    def refusal(self, dataset, first_line: list) -> str | None:
        """Why the whole file is refused (import_checks.py), if it is."""
        key_columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        wanted = ", ".join(self.column_names())
        return (
            too_many_rows(len(dataset))
            or missing_columns(dataset.headers or [], key_columns, wanted, first_line)
            or repeated_record(self.row_keys(dataset), self._meta.model._meta.verbose_name)
        )

    def row_keys(self, dataset) -> list[RowKey | None]:
        """The record each row is for: by default, the value of its one key column."""
        [name] = self.get_import_id_fields()
        column = self.fields[name].column_name
        keys = []
        for value in dataset[column]:
            value = str(value or "").strip()
            keys.append(RowKey(value, f"the {column} “{value}”") if value else None)
        return keys

    def linking_pages_redrawn(self, dataset, dry_run: bool):
        """Pages show a link's title and address as they were when rendered: after the
        rows are written, draw again the pages linking to those rows that show differently
        (LinkTarget.save does it save by save outside a batch)."""
        kind = getattr(self._meta.model, "LINK_KIND", None)
        if dry_run or not kind or "slug" not in (dataset.headers or []):
            return nullcontext()
        slugs = {str(slug).strip() for slug in dataset["slug"] if slug}
        return pages_linking_refreshed_once(kind, slugs)

    def import_instance(self, instance, row, **kwargs):
        # The library reads the list columns only when it saves them, after the row has
        # passed validation: check them here, so a bad key is a row error like any other.
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(ValidationError(str(error)))
        if errors:
            raise ValidationError(errors)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        # For the preview: the row's line in the file (the column names are line 1) and,
        # for a changed row, the columns that change (their cells mark text taken out or
        # put in; text from the file is escaped, so only the marks read "<del>", "<ins>").
        row_result.line = kwargs["row_number"] + 1
        cells = (row_result.diff or []) if row_result.is_update() else []
        row_result.changed_columns = [
            header
            for header, cell in zip(self.get_diff_headers(), cells, strict=False)
            if "<del>" in cell or "<ins>" in cell
        ]

    def import_row(self, row, instance_loader, **kwargs):
        if kwargs.get("dry_run"):
            # A preview is rolled back: a version made for it would be thrown away.
            return super().import_row(row, instance_loader, **kwargs)
        # Each row is a version of its own, added once the row and its lists are saved:
        # added on every save and list change (manage_manually=False), a form with four
        # lists would be serialised five times.
        with reversion.create_revision(manage_manually=True):
            reversion.set_comment("Imported from a CSV file")
            if (user := kwargs.get("user")) is not None:
                reversion.set_user(user)
            return super().import_row(row, instance_loader, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if reversion.is_active():
            reversion.add_to_revision(instance)


class MagnesiumCompoundResource(VersionedResource):
    edit_token = token_field()
    uses = keys_field("uses", Topic, "slug")
    elemental_refs = keys_field("elemental_refs", Reference, "key")
    bioavailability_refs = keys_field("bioavailability_refs", Reference, "key")
    dose_refs = keys_field("dose_refs", Reference, "key")
    cautions_refs = keys_field("cautions_refs", Reference, "key")

    class Meta:
        model = MagnesiumCompound
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "other_names",
            "route",
            "summary",
            "elemental_percent",
            "elemental_basis",
            "elemental_refs",
            "bioavailability",
            "evidence",
            "evidence_note",
            "bioavailability_refs",
            "tolerance",
            "uses",
            "side_effects",
            "dose_low_mg",
            "dose_high_mg",
            "dose_note",
            "dose_refs",
            "cautions",
            # A file without it (exported before it was added) leaves the sources alone.
            "cautions_refs",
            "body",
            # What the import checks for saves made after the export (import_stale_rows.py).
            "edit_token",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def match_rows(self, dataset) -> str | None:
        """A row whose slug a form had before an editor changed it (the file was exported
        before the change) is for that form: read with the form's slug now, which stays,
        rather than added as a new draft under the old slug."""
        if "slug" not in (dataset.headers or []):
            return None
        slugs = [str(slug or "").strip() for slug in dataset["slug"]]
        current = set(
            MagnesiumCompound.objects.filter(slug__in=slugs).values_list("slug", flat=True)
        )
        now = moved_forms(set(slugs) - current - {""}, among=MagnesiumCompound.objects.all())
        column, moved = dataset.headers.index("slug"), []
        for index, slug in enumerate(slugs):
            if slug in now:
                cells = list(dataset[index])
                cells[column] = now[slug]
                dataset[index] = cells
                moved.append(f"line {line(index)}, “{slug}” (now “{now[slug]}”)")
        if not moved:
            return None
        rows = "This row names" if len(moved) == 1 else "These rows name"
        they = "it updates" if len(moved) == 1 else "they update"
        return (
            f"{rows} a form by a slug it had before an editor changed it, so {they} that "
            f"form, which keeps its slug now: {'; '.join(moved)}."
        )

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        check_form_sources(
            instance,
            {
                field.attribute: field.clean(row, **kwargs)
                for field in self.get_import_fields()
                if field.attribute in FORM_SOURCES and field.column_name in row
            },
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """A form's figure is its default salt's (comparisons/models/salts.py): a file may
        change it only together with that salt, in the form's change page."""
        errors = dict(import_validation_errors or {})
        default = (
            CompoundSalt.objects.filter(compound_id=instance.pk, is_default=True).first()
            if instance.pk
            else None
        )
        if default is not None and default.elemental_percent != instance.elemental_percent:
            errors.setdefault("elemental_percent", []).append(
                f"{instance.name}'s figure is that of its salt “{default.name}” "
                f"({default.elemental_percent.normalize():f}%). To change it, edit the salts "
                "on the form's page."
            )
        super().validate_instance(instance, errors or None, validate_unique)


class FoodResource(VersionedResource):
    """Foods, named by `name` as readers see them. The `id` column (exported last) is what
    finds a row's food, so renaming a food in the file renames it; a row without an id (a
    food added to the file, or a file made by hand) is found by its name, or is a new food.
    The id itself is never written: a food keeps the id the database gave it."""

    id = fields.Field(attribute="id", column_name="id", readonly=True)
    refs = keys_field("refs", Reference, "key")
    edit_token = token_field()

    class Meta:
        model = Food
        import_id_fields = ["name"]
        fields = ["name", "group", "serving", "mg", "refs", "id", "edit_token"]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def row_keys(self, dataset) -> list[RowKey | None]:
        """A row with an id is for that food; one without, for the food of its name if
        there is one (as get_instance finds it), else for a new food of that name."""
        names = [str(name or "").strip() for name in dataset["name"]]
        ids = [str(key or "").strip() for key in dataset["id"]] if "id" in dataset.headers else []
        ids += [""] * (len(names) - len(ids))
        unnamed = {name for name, key in zip(names, ids, strict=True) if not key}
        found = dict(Food.objects.filter(name__in=unnamed).values_list("name", "pk"))
        keys = []
        for name, key in zip(names, ids, strict=True):
            if key:
                pk = int(key) if key.isascii() and key.isdigit() else key
                keys.append(RowKey(pk, f"the id “{key}”"))
            elif name:
                keys.append(RowKey(found.get(name, ("new", name)), f"the name “{name}” and no id"))
            else:
                keys.append(None)
        return keys

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # A file without the column keeps a food's sources; a new food has none to keep.
        if "refs" in row:
            refs = self.fields["refs"].clean(row, **kwargs)
        else:
            refs = instance.refs.all() if instance.pk else []
        instance.check_references(refs)

    def get_instance(self, instance_loader, row):
        key = str(row.get("id") or "").strip()
        if not key:
            return super().get_instance(instance_loader, row)
        food = Food.objects.filter(pk=int(key)).first() if key.isascii() and key.isdigit() else None
        if food is None:
            raise ValidationError(
                {
                    "id": f"No food has the id “{key}” (it may have been deleted). To add "
                    "this row as a new food, leave its id empty."
                }
            )
        return food
