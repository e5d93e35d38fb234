"""The admin's CSV import and export of the forms and foods tables (django-import-export):
the pages an editor goes through, upload, preview and confirm. What a file holds and how
its rows are saved is in comparisons/resources.py; what a whole file must be, in
comparisons/import_checks.py.
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from tablib import InvalidDimensions

from comparisons import import_checks
from comparisons.import_checks import SizeLimitedImportForm
from comparisons.import_stale_rows import SaveOverFields, unchecked_notice, withheld_message

# A refused confirm names at most this many of its row errors.
ERRORS_NAMED = 5


class CsvImportExport(ImportExportMixin):
    """Import and export as CSV, with a preview of every change and row-level errors."""

    import_formats = [CSV]
    export_formats = [CSV]
    import_form_class = SizeLimitedImportForm
    # Shown on the import page, under the list of columns: how rows are matched.
    import_help = ""

    def get_export_filename(self, request, queryset, file_format) -> str:
        """Named as the admin names the table ("forms-of-magnesium-2026-12-07.csv"), not by
        the class behind it ("MagnesiumCompound-...")."""
        name = slugify(self.model._meta.verbose_name_plural)
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def export_action(self, request):
        """A filter its address carries that no query can run (`?last_reviewed__year=0`,
        refused by site_config/admin_lookups.py) leads to the export of the whole table, as
        the list leads to the whole list, saying so: never a server error."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            opts = self.model._meta
            messages.warning(
                request,
                "The export could not be filtered as its address asked, so it offers all "
                f"{opts.verbose_name_plural}. Filter the list first, then export from it.",
            )
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_export"))

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "import_help": self.import_help,
            "import_limits": import_checks.limits(),
        }

    def get_confirm_form_class(self, request):
        """The confirm step (with a change note, for pages) and the box that saves over
        rows changed in the admin since the file was exported (import_stale_rows.py)."""
        form = super().get_confirm_form_class(request)
        if issubclass(form, SaveOverFields):
            return form
        return type(form.__name__, (SaveOverFields, form), {"__module__": form.__module__})

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        data = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, SaveOverFields):
            data["save_over"] = form.tokens_saved_over()
        return data

    def import_action(self, request, **kwargs):
        return self.with_notices(super().import_action(request, **kwargs))

    def with_notices(self, response):
        """The preview's notices (columns ignored, rows matched by a key their record had
        before, rows that could not be checked for later saves) and the confirm step's box
        for rows that would undo a later save."""
        context = getattr(response, "context_data", None) or {}
        result, confirm = context.get("result"), context.get("confirm_form")
        if result is None:
            return response
        noun = self.model._meta.verbose_name_plural
        result.notices = [
            notice
            for notice in (
                getattr(result, "ignored_notice", None),
                getattr(result, "matched_notice", None),
                unchecked_notice(result, noun),
            )
            if notice
        ]
        if isinstance(confirm, SaveOverFields):
            confirm.offer_save_over(result)
        return response

    def add_data_read_fail_error_to_form(self, form, error):
        """Say what to do, where the library names a Python exception. Excel's plain "CSV"
        is not UTF-8; guessing another encoding could turn names into wrong letters. Rows
        of uneven length raise an exception with no message: the file is read again to say
        which line differs (it is at most MAX_IMPORT_BYTES, and decoded once already)."""
        if isinstance(error, UnicodeDecodeError):
            message = (
                "This file is not saved as UTF-8 text, so its letters cannot be read "
                "safely. In Excel, save it with “Save as type: CSV UTF-8 (Comma "
                "delimited)”; in LibreOffice or Numbers, choose UTF-8 when you export. "
                "Then upload it again. Nothing was imported."
            )
        elif isinstance(error, InvalidDimensions):
            file = form.cleaned_data["import_file"]
            text = b"".join(file.chunks()).decode(self.from_encoding)
            message = import_checks.uneven_columns(text)
        else:
            detail = f" ({error})" if str(error) else ""
            message = f"This file could not be read as CSV{detail}. Nothing was imported."
        form.add_error("import_file", message)

    def process_import(self, request, **kwargs):
        """The confirm step. Refused (a change note missing, say), it shows the preview and
        its counts again with the message, so the editor still sees what they confirm."""
        response = super().process_import(request, **kwargs)
        context = getattr(response, "context_data", None)
        confirm_form = (context or {}).get("confirm_form")
        refused = isinstance(response, TemplateResponse) and confirm_form is not None
        if refused and "result" not in context:
            context["result"] = self.preview_again(request, confirm_form)
        return self.with_notices(response)

    def process_result(self, result, request):
        """A confirm whose rows no longer pass (the site changed since the preview: a
        reference deleted in another tab, say) is rolled back by the library, which then
        still says "Import finished". Say that nothing was imported, and why."""
        if not (result.has_errors() or result.has_validation_errors()):
            response = super().process_result(result, request)
            if message := withheld_message(result):
                messages.warning(request, message)
            return response
        problems = [
            f"line {row.number + 1}, {field}: {error}"
            for row in result.invalid_rows
            for field, errors in row.field_specific_errors.items()
            for error in errors
        ] + [
            f"line {number + 1}: {error.error}"
            for number, errors in result.row_errors()
            for error in errors
        ]
        shown = "; ".join(problems[:ERRORS_NAMED])
        more = " (and more)" if len(problems) > ERRORS_NAMED else ""
        messages.error(
            request,
            "Nothing was imported. Since the preview, the site changed and some rows of the "
            f"file no longer pass: {shown}{more}. Upload the file again to see every row.",
        )
        info = self.model._meta.app_label, self.model._meta.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info)))

    def preview_again(self, request, confirm_form):
        """The preview of the file the confirm step names, as it would import now; None if
        that file is gone (its preview was confirmed, in another tab say)."""
        data = confirm_form.cleaned_data
        formats = self.get_import_formats()
        chosen = str(data.get("format", ""))
        if "import_file_name" not in data or not chosen.isdigit() or int(chosen) >= len(formats):
            return None
        input_format = formats[int(chosen)](encoding=self.from_encoding)
        stored = self.get_tmp_storage_class()(
            name=data["import_file_name"],
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            dataset = input_format.create_dataset(stored.read())
        except OSError:
            return None
        resource_kwargs = self.get_import_resource_kwargs(request, form=confirm_form)
        resource = self.choose_import_resource_class(confirm_form, request)(**resource_kwargs)
        return resource.import_data(dataset, dry_run=True, raise_errors=False, user=request.user)
