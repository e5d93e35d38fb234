"""The list filters the content admins share: by publication status (draft, scheduled,
published), by review date, and records citing nothing."""

from django.contrib import admin

from articles.models import PublishStatus


class PublicationStatusFilter(admin.SimpleListFilter):
    """Draft, scheduled (published, its date to come) or published: the status column's
    three words (publication_status), where the model's field has two."""

    title = "status"
    parameter_name = "status__exact"  # the address Django's own filter on the field used

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published")]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=PublishStatus.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "published":
            return queryset.published()
        return queryset


class ReviewStatusFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue for review"), ("due-soon", "Due within 30 days")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue_for_review()
        if self.value() == "due-soon":
            return queryset.review_due_within(days=30)
        return queryset


class MissingReferencesFilter(admin.SimpleListFilter):
    """Records citing nothing (`missing_references()` on the model's queryset): the admin
    refuses to save them, but deleting a reference elsewhere can leave one so."""

    title = "references"
    parameter_name = "references"
    label = "Citing nothing"

    def lookups(self, request, model_admin):
        return [("missing", self.label)]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_references()
        return queryset
