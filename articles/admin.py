from django import forms
from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from articles.admin_filters import NamesFirstSearch, PublicationStatusFilter, ReviewStatusFilter
from articles.editing import SafeEditingAdmin, StaleEditForm, publication_status
from articles.models import Article, Reference, Topic


class ContentAdmin(SafeEditingAdmin, MarkdownxModelAdmin):
    """Versions, stale-save protection and save-time checks, with the Markdown editor."""


@admin.register(Topic)
class TopicAdmin(NamesFirstSearch, ContentAdmin):
    list_display = ["name", "slug", "summary"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": ["name", "slug", "summary", "body"]})]


@admin.register(Reference)
class ReferenceAdmin(SafeEditingAdmin):
    # The key is what editors type to cite: say what a good one looks like.
    KEY_HELP = (
        "What you type to cite it: lower case, words joined by hyphens, usually the first "
        "author and the year, e.g. smith-2024. Cite it as [@smith-2024]. Changing it later "
        "breaks the citations that use it."
    )

    list_display = ["key", "title", "publisher", "year", "kind"]
    list_filter = ["kind"]
    search_fields = ["key", "title", "authors", "publisher", "pmid", "doi"]
    summary_field = None
    fieldsets = [
        (None, {"fields": ["key", "title", "authors", "publisher", "year", "kind"]}),
        ("Where to find it", {"fields": ["url", "pmid", "doi", "note"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "key":
            kwargs["help_text"] = self.KEY_HELP
        return super().formfield_for_dbfield(db_field, request, **kwargs)


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
