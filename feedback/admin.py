"""The editors' queue of readers' reports. A report is shown as plain text only: the admin
escapes it, and its links are built with format_html, so no HTML from a report is rendered."""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportMixin

from articles.history_origin import OriginInHistoryAdmin
from articles.stale_list_edits import StaleListEditsMixin
from articles.versions import zoned_time
from feedback.change_notes import ChangeNoteAdmin, ChangeNoteForm
from feedback.delete_notes import DeleteNoteAdmin
from feedback.import_notes import ImportChangeNotes, NotedImportResource
from feedback.models import (
    CHANGE_LIST_URLS,
    NOTED_KINDS,
    NOTED_ON_ANOTHER_PAGE,
    ChangeNote,
    Report,
)
from feedback.note_editing import NoteEditForm, change_message
from feedback.pages import page_record


class ReportStatusForm(forms.ModelForm):
    """A report a change note readers see links to stays Fixed, from its page or the list:
    the page's list of changes tells readers that a reader's report led to that change. A
    minor note's link does not hold it, and a mistaken link is undone on the note's own page
    (feedback/note_editing.py). The list's actions leave such a report as it is too
    (`ReportAdmin._mark`)."""

    def clean(self) -> dict:
        cleaned = super().clean()
        status = cleaned.get("status")
        # changed_data: changed by this editor (in the list, from the value they were shown).
        if "status" not in self.changed_data or status in (None, Report.Status.FIXED):
            return cleaned
        note = self.instance.change_notes.for_readers().first() if self.instance.pk else None
        if note is not None:
            self.add_error(
                "status",
                f"This report stays Fixed: it led to the change “{note.note}” "
                f"({note.created_at:%d %b %Y}), and that page's list of changes tells readers "
                "a reader's report led to it. If it did not fix this report, open that note "
                "under Change notes and tick “Unlink the reader's report”, or hide the note "
                "from readers (“minor”); then reopen the report. Nothing was changed for this "
                "report.",
            )
        return cleaned


@admin.register(Report)
class ReportAdmin(OriginInHistoryAdmin, StaleListEditsMixin, admin.ModelAdmin):
    form = ReportStatusForm
    list_display = ["created_at", "status", "page_link", "excerpt", "has_email"]
    list_display_links = ["created_at"]
    # Not "page": its filter lists every page ever reported, thousands on a large site.
    # The search box finds a page's reports, and ?page=<path> still filters the queue.
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["text", "page"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "page_link",
        "edit_link",
        "text",
        "source_link",
        "email",
        "fixed_by",
    ]
    fields = ["status", *readonly_fields]
    actions = ["mark_accepted", "mark_declined"]

    def has_add_permission(self, request) -> bool:
        return False  # reports come from readers only

    def history_origin(self, report: Report) -> str:
        return f"Sent by a reader on {zoned_time(report.created_at)}."

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=ReportStatusForm, **kwargs)

    @admin.display(description="page", ordering="page")
    def page_link(self, report: Report) -> str:
        link = format_html('<a href="{}">{}</a>', report.page, report.page)
        if not report.inputs:
            return link
        # Written out again from its names and values when the report came in (page_inputs).
        return format_html(
            '{} (<a href="{}?{}">as the reader had it</a>)', link, report.page, report.inputs
        )

    @admin.display(description="to fix it")
    def edit_link(self, report: Report) -> str:
        """The page's own change form, where saving with this report chosen under "Fixes
        a reader's report" marks it fixed."""
        record = page_record(report.page)
        opts = record._meta if record is not None else None
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        except (AttributeError, NoReverseMatch):
            return (
                "This page is built from many records (a table, a list, the calculator), or "
                "its record has since been renamed or deleted: open what to correct from the "
                "admin's home page, then set this report's status to Fixed here."
            )
        if opts.label_lower in CHANGE_LIST_URLS:
            after = (
                "When you save the fix, choose this report under “Fixes a reader's report”: "
                "it is then marked fixed, and readers see that a report led to the change."
            )
        else:
            after = "When you have saved the fix, set this report's status to Fixed here."
        return format_html('<a href="{}">Edit “{}”</a>. {}', url, record, after)

    @admin.display(description="what is wrong")
    def excerpt(self, report: Report) -> str:
        return report.text if len(report.text) <= 120 else report.text[:119] + "…"

    @admin.display(description="email", boolean=True)
    def has_email(self, report: Report) -> bool:
        return bool(report.email)

    @admin.display(description="source link")
    def source_link(self, report: Report) -> str:
        if not report.source_url:
            return "-"
        # An http(s) address (URLField); rel keeps the other site from learning the admin URL.
        return format_html(
            '<a href="{}" rel="noopener noreferrer nofollow">{}</a>',
            report.source_url,
            report.source_url,
        )

    @admin.display(description="fixed by")
    def fixed_by(self, report: Report) -> str:
        notes = report.change_notes.all()
        if not notes:
            return "-"
        return format_html_join(
            ", ", "{} ({})", ((note.note, f"{note.created_at:%d %b %Y}") for note in notes)
        )

    # Only for editors who may change reports: the actions change them as the form does.
    @admin.action(description="Mark the selected reports accepted", permissions=["change"])
    def mark_accepted(self, request, queryset) -> None:
        self._mark(request, queryset, Report.Status.ACCEPTED)

    @admin.action(description="Mark the selected reports declined", permissions=["change"])
    def mark_declined(self, request, queryset) -> None:
        self._mark(request, queryset, Report.Status.DECLINED)

    def _mark(self, request, queryset, status: Report.Status) -> None:
        """Each report changed is saved and logged in its History, as a save from its form
        or the list is, so the list's stale-save check can name who changed it. A fixed
        report is left as it is: marking a batch accepted would quietly reopen it; so is one a
        change note readers see links to (ReportStatusForm), whatever its status."""
        label = status.label.lower()
        with transaction.atomic(using=router.db_for_write(Report)):
            # Locked, so a report marked fixed meanwhile is seen as fixed here.
            reports = list(queryset.select_for_update().order_by())
            told = set(queryset.told_readers().values_list("pk", flat=True))
            fixed = [report for report in reports if report.status == Report.Status.FIXED]
            held = [r for r in reports if r.pk in told and r.status != Report.Status.FIXED]
            changed = [
                report
                for report in reports
                if report.status not in (status, Report.Status.FIXED) and report not in held
            ]
            for report in changed:
                report.status = status
                report.save(update_fields=["status"])
                self.log_change(request, report, f"Marked {label}.")
        said = [f"{reports_count(len(changed))} marked {label}"]
        if unchanged := len(reports) - len(changed) - len(fixed) - len(held):
            said.append(f"{unchanged} already {label}")
        if fixed:
            said.append(
                f"{len(fixed)} already fixed "
                + ("was left as it is" if len(fixed) == 1 else "were left as they are")
            )
        if held:
            said.append(
                f"{reports_count(len(held))} that a change note readers see says led to a "
                "change " + ("was left as it is" if len(held) == 1 else "were left as they are")
            )
        level = messages.SUCCESS if changed else messages.WARNING
        self.message_user(request, "; ".join(said) + ".", level)


def reports_count(count: int) -> str:
    return f"{count} report" if count == 1 else f"{count} reports"


class KindOfPageFilter(admin.SimpleListFilter):
    """The kinds of page that have notes, by their names ("Articles"), not as Django's
    content types ("Articles and topics | article")."""

    title = "kind of page"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [
            (label, apps.get_model(label)._meta.verbose_name_plural.capitalize())
            for label in NOTED_KINDS
        ]

    def queryset(self, request, queryset):
        if self.value() not in NOTED_KINDS:
            return queryset
        model = apps.get_model(self.value())
        return queryset.filter(content_type=ContentType.objects.get_for_model(model))


@admin.register(ChangeNote)
class ChangeNoteListAdmin(OriginInHistoryAdmin, StaleListEditsMixin, admin.ModelAdmin):
    """Notes are written on the page's own form; here editors can review or hide one."""

    list_display = ["created_at", "page", "note", "minor", "report"]
    list_filter = ["minor", KindOfPageFilter]
    list_editable = ["minor"]
    search_fields = ["note"]
    readonly_fields = ["created_at", "page", "revision", "report"]
    form = NoteEditForm
    fields = [
        "note",
        "minor",
        "created_at",
        "page",
        "revision",
        "report",
        "note_seen",
        "minor_seen",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # hidden with "minor" instead: feedback/note_editing.py

    def history_origin(self, note: ChangeNote) -> str:
        when = zoned_time(note.created_at)
        user = note.revision.user if note.revision else None
        if user is None:  # the starter content's, or a deletion's note
            return f"Written on {when}, with a change no saved version records who made."
        return f"Written by {user} on {when}, with their save of the page."

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and obj.report_id:
            fields.insert(fields.index("report") + 1, "unlink_report")
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if report := getattr(form, "unlinked_report", None):
            self.log_change(request, report, f"Unlinked from the change note “{obj.note}”.")

    def construct_change_message(self, request, form, formsets, add=False):
        return change_message(form)

    @admin.display(description="page")
    def page(self, note: ChangeNote) -> str:
        if note.content_object is None:
            return "(deleted)"
        return format_html(
            '<a href="{}">{}</a>', note.content_object.get_absolute_url(), note.content_object
        )

    def get_queryset(self, request):
        # The page each note is about, for all the notes of the list in one query a model.
        return super().get_queryset(request).prefetch_related("content_object")


def ask_for_change_notes(model) -> None:
    """Give a page model's admin (registered by its own app, a floor below) the change note:
    its class again with ChangeNoteAdmin mixed in. Done from here, as comparisons registers
    its link kinds with the renderer, so no lower app imports this one."""
    current = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    # The page's own form (its checks, e.g. a medicine's rule needs a source) with the note.
    form = type(
        f"{current.form.__name__}WithChangeNote",
        (ChangeNoteForm, current.form),
        {"__module__": __name__},
    )
    # A deletion that takes what readers saw off a page that stays asks a note too.
    mixins, attrs = [ChangeNoteAdmin, DeleteNoteAdmin], {"__module__": __name__, "form": form}
    if issubclass(current, ImportMixin):
        # Its CSV import asks for the note too, when it changes pages readers can open.
        mixins.append(ImportChangeNotes)
        attrs["resource_classes"] = [
            type(resource.__name__, (NotedImportResource, resource), {"__module__": __name__})
            for resource in current.resource_classes
        ]
    extended = type(current.__name__, (*mixins, current), attrs)
    admin.site.register(model, extended)


# Admin modules load in INSTALLED_APPS order, so the page admins are registered by now.
for label in (*NOTED_KINDS, *NOTED_ON_ANOTHER_PAGE):
    ask_for_change_notes(apps.get_model(label))
