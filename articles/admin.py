from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from articles.models import Article, Reference, Topic


@admin.register(Topic)
class TopicAdmin(MarkdownxModelAdmin):
    list_display = ["name", "slug", "summary"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "publisher", "year", "kind"]
    list_filter = ["kind"]
    search_fields = ["key", "title", "authors", "publisher", "pmid", "doi"]


@admin.register(Article)
class ArticleAdmin(MarkdownxModelAdmin):
    list_display = ["title", "status", "published_at", "last_reviewed", "featured"]
    list_filter = ["status", "featured", "topics"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    date_hierarchy = "published_at"
    readonly_fields = ["updated_at", "reading_minutes"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topics", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "featured", "updated_at"]}),
        ("Authorship and review", {"fields": ["author", "reviewer", "last_reviewed"]}),
        ("Derived", {"fields": ["reading_minutes"], "classes": ["collapse"]}),
    ]
