from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join
from markdownx.admin import MarkdownxModelAdmin
from reversion.models import Version

from articles.admin_filters import NamesFirstSearch, PublicationStatusFilter, ReviewStatusFilter
from articles.editing import SafeEditingAdmin, publication_status
from articles.history_origin import OriginInHistoryAdmin
from articles.image_uses import (
    UNSAVED_TEXT_DAYS,
    deletable_by,
    in_saved_versions,
    kept_for_uploaders_text,
    maybe_in_unsaved_text,
    shown_on,
)
from articles.models import Article, Reference, Topic, UploadedImage, image_markdown
from articles.reference_uses import published_pages_citing, reference_uses, uses_of
from articles.stale_edits import StaleEditForm
from articles.versions import zoned_time


class ContentAdmin(SafeEditingAdmin, MarkdownxModelAdmin):
    """Versions, stale-save protection and save-time checks, with the Markdown editor."""


@admin.register(Topic)
class TopicAdmin(NamesFirstSearch, ContentAdmin):
    list_display = ["name", "slug", "summary"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": ["name", "slug", "summary", "route", "body"]})]


class ReferenceForm(StaleEditForm):
    # The model says what a year may be, in words (Reference.clean_fields), not "greater than
    # or equal to 0".
    year = forms.IntegerField(required=False)

    def clean_key(self):
        """A key published pages cite stays: renamed, their citations would name nothing,
        or the next reference in their lists."""
        key = self.cleaned_data["key"]
        stored = Reference.objects.filter(pk=self.instance.pk).first()
        if stored is None:
            return key
        # A restore has written the old version's key already: the latest saved key counts.
        keys = {stored.key}
        if latest := Version.objects.get_for_object(stored).first():
            keys.add(latest.field_dict["key"])
        for cited in sorted(keys - {key}):
            if pages := published_pages_citing(Reference(key=cited)):
                names = ", ".join(f"“{page}”" for page in pages[:5])
                more = f" and {len(pages) - 5} more" if len(pages) > 5 else ""
                raise forms.ValidationError(
                    f"Published pages cite this reference as [@{cited}]: {names}{more}. "
                    "Change their citations first; the key stays as it is until none does."
                )
        return key


@admin.register(Reference)
class ReferenceAdmin(SafeEditingAdmin):
    form = ReferenceForm
    # The key is what editors type to cite: say what a good one looks like.
    KEY_HELP = (
        "What you type to cite it: lower case, words joined by hyphens, usually the first "
        "author and the year, e.g. smith-2024. Cite it as [@smith-2024]. It cannot be "
        "changed while published pages cite it."
    )

    list_display = ["key", "title", "publisher", "year", "kind"]
    list_filter = ["kind"]
    search_fields = ["key", "title", "authors", "publisher", "pmid", "doi"]
    summary_field = None
    fieldsets = [
        (None, {"fields": ["key", "title", "authors", "publisher", "year", "kind"]}),
        ("Where to find it", {"fields": ["url", "pmid", "doi", "note"]}),
        ("Where readers see it cited", {"fields": ["cited_in"]}),
    ]
    readonly_fields = ["cited_in"]

    @admin.display(description="cited in")
    def cited_in(self, reference: Reference):
        """The published pages citing it, and the grades and rules it alone holds up."""
        uses = uses_of(reference) if reference.pk else []
        if not uses:
            return "No published page cites it yet."
        lines = ((relation.removeprefix("is ").capitalize(), use.link()) for relation, use in uses)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} {}</li>", lines))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "key":
            kwargs["help_text"] = self.KEY_HELP
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_deleted_objects(self, objs, request):
        """A reference published pages cite, or that is the only source of a grade or a
        rule readers see, is kept: Django's page lists each use as what stops the deletion,
        as it does for an image a page shows."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for reference in objs:
            protected += reference_uses(reference)
        return deleted, counts, perms_needed, protected


class ArticleForm(StaleEditForm):
    def clean(self):
        cleaned = super().clean()
        topics, main_for = cleaned.get("topics"), cleaned.get("main_for")
        if topics is not None and main_for and (outside := set(main_for) - set(topics)):
            names = ", ".join(sorted(topic.name for topic in outside))
            self.add_error(
                "main_for",
                f"File the article under {names} in Topics too, or take "
                f"{'it' if len(outside) == 1 else 'them'} out of this list: a hub lists only "
                "the articles filed under it.",
            )
        return cleaned


@admin.register(Article)
class ArticleAdmin(NamesFirstSearch, ContentAdmin):
    form = ArticleForm
    list_display = [
        "title",
        publication_status,
        "published_at",
        "last_reviewed",
        "next_review_due",
        "featured",
    ]
    list_filter = [PublicationStatusFilter, ReviewStatusFilter, "featured", "topics"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    date_hierarchy = "published_at"
    readonly_fields = ["updated_at", "reading_minutes"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topics", "main_for", "body"]}),
        (
            "Publishing",
            {
                "fields": ["status", "published_at", "featured", "updated_at"],
                "description": "A publish date in the future schedules the article.",
            },
        ),
        ("Review", {"fields": ["author", "reviewer", "last_reviewed", "next_review_due"]}),
        (
            "Reading time (worked out on save)",
            {"fields": ["reading_minutes"], "classes": ["collapse"]},
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A short list of topics to tick, read at a glance beside Topics.
        if db_field.name == "main_for":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(UploadedImage)
class UploadedImageAdmin(OriginInHistoryAdmin, admin.ModelAdmin):
    """The images added through the Markdown editor: where each is shown, its Markdown to
    use it again, and deletion of those no page and no saved version shows."""

    list_display = ["thumbnail", "name", "uploaded_at", "uploaded_by", "size"]
    list_display_links = ["thumbnail", "name"]
    list_select_related = ["uploaded_by"]
    fields = ["picture", "markdown", "size", "uploaded_at", "uploaded_by", "where_shown"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # an image is added where it is used: "Add an image" in a Markdown box

    def history_origin(self, image: UploadedImage) -> str:
        when = zoned_time(image.uploaded_at)
        if image.uploaded_by is None:  # copied in by hand (record_uploads), or its user gone
            return f"Recorded on {when}; who uploaded it is not known."
        return f"Uploaded by {image.uploaded_by} on {when}, from a Markdown box."

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a file is replaced by uploading another, never edited

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        """Who uploaded it: Django links the name to the user's admin page, which an editor
        who may not see users answered with 403; they see the name alone."""
        if self._can_open_users(request):
            return list(self.fields)
        return ["uploader" if name == "uploaded_by" else name for name in self.fields]

    def get_fields(self, request, obj=None) -> list[str]:
        return self.get_readonly_fields(request, obj)

    def _can_open_users(self, request) -> bool:
        try:
            users = self.admin_site.get_model_admin(get_user_model())
        except NotRegistered:
            return False
        return users.has_view_or_change_permission(request)

    @admin.display(description="Uploaded by")
    def uploader(self, image: UploadedImage) -> str:
        return str(image.uploaded_by) if image.uploaded_by else self.get_empty_value_display()

    @admin.display(description="Image")
    def thumbnail(self, image: UploadedImage):
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', image.url)

    @admin.display(description="File", ordering="file")
    def name(self, image: UploadedImage) -> str:
        return str(image)

    @admin.display(description="Image")
    def picture(self, image: UploadedImage):
        return format_html('<img src="{}" alt="" class="uploaded-image">', image.url)

    @admin.display(description="Markdown to show it on a page")
    def markdown(self, image: UploadedImage) -> str:
        return image_markdown(image.url)

    @admin.display(description="Size")
    def size(self, image: UploadedImage) -> str:
        return f"{image.width} by {image.height} pixels" if image.width else "Not recorded"

    @staticmethod
    def _kept_by(image: UploadedImage) -> list:
        return shown_on(image) + in_saved_versions(image)

    @admin.display(description="Shown on")
    def where_shown(self, image: UploadedImage):
        uses = self._kept_by(image)
        if not uses:
            return f"No page and no saved version shows it: {deletable_by(image)}."
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((use.link(),) for use in uses))
        )

    def get_deleted_objects(self, objs, request):
        """An image a page or a saved version shows is kept: Django's page lists each as
        what stops the deletion, as it does another editor's recent upload, which may be in
        text they have not saved. One's own upload no page ever showed is deleted once
        confirmed; the page names those recent enough to be in text not saved yet
        (request.unsaved_text_images, templates/admin/_unsaved_text.html)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            uses = self._kept_by(image)
            if (theirs := kept_for_uploaders_text(image, request.user)) is not None:
                uses.append(theirs)
            protected += [format_html("{} is shown on {}", image, use.link()) for use in uses]
        request.unsaved_text_images = [line for line in map(maybe_in_unsaved_text, objs) if line]
        request.unsaved_text_days = UNSAVED_TEXT_DAYS
        return deleted, counts, perms_needed, protected
