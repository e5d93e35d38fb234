"""Safe editing in the admin, shared by every content admin of both apps.

- Every save is a version (django-reversion) with who and when; editors can list versions,
  compare one with the current text, restore it, and recover deleted items.
- A save made from a stale copy is refused, naming who saved in between and when; the
  editor's own text stays in the form so nothing is lost (articles/stale_edits.py).
- A save that would take a page readers can open off the site asks first, with a box to
  tick (articles/going_off_site.py).
- A search box for related records posted something that is not a record is refused on
  its field, not a server error (articles/autocomplete.py).
- Save-time checks: broken internal links and unknown citation keys block the save (the
  model's clean(), problems_in), and so does what readers would see broken (an image with
  no real description or that their browsers will not load, a link to an address that
  leads to "Page not found", a pasted list: articles/readers_problems.py), but on a draft,
  which may keep it until it is published: its save warns of it in the same words. A
  missing summary is a warning.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from markdownx.models import MarkdownxField
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.admin_boxes import WordedBoxesAdmin
from articles.autocomplete import CheckedAutocompleteAdmin
from articles.deleted_links import counted_apart, link_names, renamed
from articles.deleted_rows import KeepsDeletedRowsAdmin
from articles.deleted_while_editing import DeletedWhileEditingAdmin
from articles.dropped_markup import dropped_warning
from articles.editor_help import SLUG_HELP, OneLineTextarea, markdown_help
from articles.going_off_site import OffSiteCheckAdmin, readers_can_open
from articles.image_uses import use_of
from articles.linked_pages import (
    link_shown,
    page_link,
    pages_linking_to_records,
    pages_unlinked_by,
    redraw_if_changed,
    stored_link_state,
    unlinked_by_delete,
    unlinked_by_save,
)
from articles.models import MovedPage, Publishable, PublishStatus, is_draft
from articles.own_saves import EditorOnFormAdmin
from articles.readers_problems import readers_problems
from articles.relinking import records_losing_link
from articles.rendering import render_markdown
from articles.restoring import RestoringAdmin, saved
from articles.stale_deletes import StaleDeleteAdmin
from articles.stale_edits import StaleEditForm, rows_set_back
from articles.version_views import VersionDiffAdmin
from articles.versions import restore_only_record, zoned_time


def markdown_warnings(markdown: str, *, draft: bool) -> list[str]:
    """The save's warnings about one Markdown text that is not a page's own box (a comparison
    table's cell), as `SafeEditingAdmin.save_warnings` gives them for those: Markdown readers
    will not see, and on a draft, which may keep it, what readers would see broken (a
    published page's save refuses it)."""
    warnings = [dropped] if (dropped := dropped_warning(markdown)) else []
    if draft:
        warnings += readers_problems(render_markdown(markdown), unpublished_ok=True)
    return warnings


def is_scheduled(obj) -> bool:
    """Published with a date still to come: readers cannot open it yet."""
    return (
        isinstance(obj, Publishable) and obj.status == PublishStatus.PUBLISHED and not obj.is_public
    )


@admin.display(description="status", ordering="status")
def publication_status(obj) -> str:
    """The status column of a list: a page waiting for its publish date says so, rather
    than "Published" while readers still get a 404."""
    return "Scheduled" if is_scheduled(obj) else obj.get_status_display()


# How many lines of one list a delete confirmation shows (SafeEditingAdmin).
DELETE_LIST_LIMIT = 30


def shorten_nested(items: list, limit: int) -> list:
    """A nested list as Django's `unordered_list` shows it (each sub-list belongs to the item
    before it), with at most `limit` items a level and a line counting the rest."""
    shortened, shown, left_out = [], 0, 0
    for item in items:
        if isinstance(item, list):
            if shown <= limit and shortened:
                shortened.append(shorten_nested(item, limit))
            continue
        shown += 1
        if shown <= limit:
            shortened.append(item)
        else:
            left_out += 1
    if left_out:
        shortened.append(f"… and {left_out:,} more (the summary above counts them all)")
    return shortened


class SafeEditingAdmin(
    WordedBoxesAdmin,
    EditorOnFormAdmin,
    CheckedAutocompleteAdmin,
    DeletedWhileEditingAdmin,
    KeepsDeletedRowsAdmin,
    OffSiteCheckAdmin,
    RestoringAdmin,
    StaleDeleteAdmin,
    VersionDiffAdmin,
    VersionAdmin,
):
    form = StaleEditForm
    object_history_template = "admin/safe_editing/object_history.html"
    revision_form_template = "admin/safe_editing/revision_form.html"
    summary_field: str | None = "summary"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Room for long one-line texts, which Django gives a 20em box: a title a box as
        wide as the body, a summary or note of 300 characters or more a few rows. Plain
        text fields only: URL, slug and e-mail fields keep their own widgets. A Markdown
        box says how to cite, link and add a figure."""
        if isinstance(db_field, MarkdownxField):
            kwargs.setdefault("help_text", markdown_help())
        if isinstance(db_field, models.SlugField) and not db_field.help_text:
            kwargs.setdefault("help_text", SLUG_HELP)
        if type(db_field) is models.CharField and not db_field.choices:
            if (db_field.max_length or 0) >= 300:
                kwargs.setdefault(
                    "widget", OneLineTextarea(attrs={"rows": 5, "class": "vLargeTextField"})
                )
            elif (db_field.max_length or 0) >= 200:
                kwargs.setdefault("widget", forms.TextInput(attrs={"class": "vTextField wide"}))
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # A browser cuts a pasted text at `maxlength` without a word: the save says
            # instead how long it may be, with the whole text still in the box.
            field.widget.attrs.pop("maxlength", None)
        return field

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        first_fields = list(fieldsets[0][1]["fields"])
        if "edit_token_seen" not in first_fields:
            first_fields.append("edit_token_seen")
        return [(fieldsets[0][0], {**fieldsets[0][1], "fields": first_fields}), *fieldsets[1:]]

    def render_change_form(self, request, context, *args, **kwargs):
        """Names each box to correct, linked, under the error note (admin/change_form.html):
        the one error of a long page may be screens below the top. On a stale save, adds
        the inline rows' boxes that saving over would set back to those the box names."""
        inlines = context.get("inline_admin_formsets", [])
        if (admin_form := context.get("adminform")) and getattr(
            admin_form.form, "stale_version", None
        ):
            admin_form.form.replaced_by_save_over += rows_set_back(
                admin_form.form, [inline.formset for inline in inlines]
            )
        if admin_form and admin_form.form.is_bound:
            context["errors_to_correct"] = [
                (field.id_for_label, field.label)
                for field in admin_form.form.visible_fields()
                if field.errors
            ] + [
                (f"{inline.formset.prefix}-group", inline.opts.verbose_name_plural)
                for inline in inlines
                if inline.formset.total_error_count()
            ]
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        before = stored_link_state(obj)
        super().save_model(request, obj, form, change)
        for warning in [*self.save_warnings(obj), unlinked_by_save(obj, before)]:
            if warning:
                messages.warning(request, warning)
        if is_scheduled(obj):
            # The zone named, as on the page's own banner: an editor elsewhere would
            # otherwise read the time as theirs.
            when = zoned_time(obj.published_at)
            messages.info(
                request,
                f"Scheduled: readers will see this page from {when}; until then only "
                "editors can open it (View on site).",
            )
        elif not change and isinstance(obj, Publishable) and obj.is_public:
            # Its date said in words: a date typed for another day (a past one publishes
            # at once) shows here, not first on the site.
            when = timezone.localtime(obj.published_at)
            messages.info(
                request,
                f"Published: readers can open this page now, dated {when.day} {when:%B %Y}.",
            )

    def redrawing_linking_pages(self, request, pk, view):
        """django-reversion writes a restored or recovered version under the model's save,
        which redraws the pages linking to a page whose title or address it changed: do it
        here, comparing what a link to it showed before with what it shows now."""
        before = link_shown(self.model, pk)
        stored = self.model._default_manager.filter(pk=pk).first() if before else None
        old_url = stored.get_absolute_url() if stored else None
        response = view()
        if saved(request, response):
            redraw_if_changed(self.model, before, link_shown(self.model, pk))
            # save_model saw the stored record already restored: warn from here instead.
            restored = self.model._default_manager.filter(pk=pk).first()
            if restored and old_url and restored.get_absolute_url() != old_url:
                MovedPage.record(restored, old_url)  # as a save that changes the slug does
            was = (before[0], before[1].public) if before and before[1] else None
            if restored and (warning := unlinked_by_save(restored, was)):
                messages.warning(request, warning)
        return response

    def restoring_one_record(self, request, version, permitted: bool, view):
        """Show, restore or recover `version` as only its record and inline rows, its
        revision cut down to them first (articles/versions.py: `restore_only_record`), in one
        transaction with the view: a restore only looked at, or refused, changes nothing."""
        if version.content_type_id != ContentType.objects.get_for_model(self.model).pk:
            raise Http404("That version is of another kind of record.")
        with transaction.atomic():
            if permitted:
                restore_only_record(version.pk, self.inline_rows(request))
            response = view()
            if not saved(request, response):
                transaction.set_rollback(True)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        request.page_before_save = None  # a deleted record: readers open nothing
        return self.restoring_one_record(
            request,
            version,
            self.has_add_permission(request),
            lambda: self.redrawing_linking_pages(
                request,
                version.object_id,
                lambda: super(SafeEditingAdmin, self).recover_view(
                    request, version_id, extra_context
                ),
            ),
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """An older version, in the form, to restore. A version that was not public would
        take a page readers can open off the site: say so before the editor saves it."""
        if request.method == "GET" and (warning := self.restore_warning(object_id, version_id)):
            messages.warning(request, warning)
        obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        version = Version.objects.filter(pk=version_id).select_related("revision__user").first()
        context = {
            "title": f"Restore an earlier version of {obj}" if obj else "Restore a version",
            "restoring": version,
            "page_is_public": readers_can_open(obj),
            **(extra_context or {}),
        }
        request.page_before_save = obj  # as readers see it, before the restore writes

        def view():
            return self.redrawing_linking_pages(
                request,
                unquote(object_id),
                lambda: super(SafeEditingAdmin, self).revision_view(
                    request, object_id, version_id, context
                ),
            )

        if version is None or version.object_id != unquote(object_id):
            return view()  # django-reversion's own 404
        permitted = self.has_change_permission(request, obj)
        return self.restoring_one_record(request, version, permitted, view)

    def restore_warning(self, object_id: str, version_id: int) -> str | None:
        obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        version = Version.objects.get_for_object(obj).filter(pk=version_id).first() if obj else None
        if not (isinstance(obj, Publishable) and obj.is_public and version):
            return None
        old = self.model(
            **{name: version.field_dict.get(name) for name in ("status", "published_at")}
        )
        if old.is_public:
            return None
        if old.status != PublishStatus.PUBLISHED:
            return (
                f"This version's status is {old.get_status_display()}: saving it as it stands "
                "takes the page off the site. To keep it on the site, set Status to Published "
                "before you save."
            )
        return (
            "This version was scheduled for a later date: saving it as it stands hides the page "
            "from readers until then. To keep it on the site, set the publication date to now "
            "or earlier before you save."
        )

    def save_warnings(self, obj) -> list[str]:
        warnings = []
        if (
            isinstance(obj, Publishable)
            and obj.status == PublishStatus.DRAFT
            and obj.published_at
            and obj.published_at > timezone.now()
        ):
            warnings.append(
                "Saved as a draft: readers will not see it on its publication date. To schedule "
                "it for that date, set Status to Published and save again."
            )
        if self.summary_field and not getattr(obj, self.summary_field, "").strip():
            warnings.append("This page has no summary: readers and search engines see it first.")
        boxes = [field for field in obj._meta.fields if isinstance(field, MarkdownxField)]
        for field in boxes:
            # Named where a page has more than one box of Markdown (a table's introduction
            # and closing notes).
            named = f"{field.verbose_name.capitalize()}: " if len(boxes) > 1 else ""
            markdown = getattr(obj, field.name) or ""
            warnings += [named + w for w in markdown_warnings(markdown, draft=is_draft(obj))]
        return warnings

    def delete_model(self, request, obj):
        pages = pages_unlinked_by(obj)
        super().delete_model(request, obj)
        if warning := unlinked_by_delete(obj, pages):
            messages.warning(request, warning)

    def delete_queryset(self, request, queryset):
        linked = [(obj, pages_unlinked_by(obj)) for obj in queryset]
        super().delete_queryset(request, queryset)
        for obj, pages in linked:
            if warning := unlinked_by_delete(obj, pages):
                messages.warning(request, warning)

    def get_deleted_objects(self, objs, request):
        """Django lists every record a deletion takes with it, one line each: a topic that
        ten thousand articles are filed under made a page of ten thousand "Article-topic
        relationship" lines (700 KB). Each list keeps its first lines and counts the rest;
        the summary above it still counts every kind, link tables of one name apart."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        deleted = renamed(deleted, link_names(objs))
        model_count = counted_apart(model_count, objs)
        # The published pages linking to them, which would show their names as plain text
        # (templates/admin/_linked_from.html, on the delete page and the bulk one).
        links = [page_link(page) for page in pages_linking_to_records(objs)]
        request.linked_from = shorten_nested(links, DELETE_LIST_LIMIT)
        # The records that stay, their link to it emptied (an outcome's topic): Django's
        # page lists only what it deletes. A Recover links them again (articles/relinking.py).
        losing = [use_of(record).link() for record in records_losing_link(objs)]
        request.losing_link = shorten_nested(losing, DELETE_LIST_LIMIT)
        return shorten_nested(deleted, DELETE_LIST_LIMIT), model_count, perms_needed, protected


class SourcedForm(StaleEditForm):
    """The form of a record whose claim needs sources: the model's `check_references()`
    runs on the references being saved, not the stored ones (many-to-many rows are written
    after the record, so the model cannot check them itself), and an editor may add the
    first source in the same save. `CHECKED_WITH` names the fields the check reads, and
    `REFERENCES` the one holding the sources."""

    CHECKED_WITH: tuple[str, ...] = ()
    REFERENCES = "references"

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.REFERENCES in cleaned and all(name in cleaned for name in self.CHECKED_WITH):
            for name in self.CHECKED_WITH:
                setattr(self.instance, name, cleaned[name])
            try:
                self.instance.check_references(cleaned[self.REFERENCES])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned
