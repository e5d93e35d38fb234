"""The admin's CSV import and export of the forms and foods tables (django-import-export):
the pages an editor goes through, upload, preview and confirm. What a file holds and how
its rows are saved is in comparisons/resources.py; what a whole file must be, in
comparisons/import_checks.py.
"""

from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV

from comparisons import import_checks
from comparisons.import_checks import SizeLimitedImportForm


class CsvImportExport(ImportExportMixin):
    """Import and export as CSV, with a preview of every change and row-level errors."""

    import_formats = [CSV]
    export_formats = [CSV]
    import_form_class = SizeLimitedImportForm
    # Shown on the import page, under the list of columns: how rows are matched.
    import_help = ""

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "import_help": self.import_help,
            "import_limits": import_checks.limits(),
        }

    def add_data_read_fail_error_to_form(self, form, error):
        """Say what to do, where the library names a Python exception. Excel's plain "CSV"
        is not UTF-8; guessing another encoding could turn names into wrong letters."""
        if isinstance(error, UnicodeDecodeError):
            message = (
                "This file is not saved as UTF-8 text, so its letters cannot be read "
                "safely. In Excel, save it with “Save as type: CSV UTF-8 (Comma "
                "delimited)”; in LibreOffice or Numbers, choose UTF-8 when you export. "
                "Then upload it again. Nothing was imported."
            )
        else:
            message = f"This file could not be read as CSV ({error}). Nothing was imported."
        form.add_error("import_file", message)
