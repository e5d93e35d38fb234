"""The list filters the content admins share: by publication status (draft, scheduled,
published), by review date, and records citing nothing; and their search, names first."""

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.db.models import Case, IntegerField, Q, Value, When

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


class NamesFirstSearch:
    """Admin search that lists the records whose name (the first of `search_fields`) holds the
    words before those that only mention them in their text. Searching "glycinate" found every
    article naming it, newest save first, and the glycinate article could be on page two.
    A column the editor sorts by still decides the order."""

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = search_term.split()
        if not words or ORDER_VAR in request.GET:
            return queryset, may_have_duplicates
        name = self.search_fields[0]
        in_name = Q.create([(f"{name}__icontains", word) for word in words])
        rank = Case(
            When(**{f"{name}__icontains": " ".join(words)}, then=Value(2)),
            When(in_name, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        # Then the order the list had: the change list's, or the model's own where nothing
        # set one (the autocomplete boxes), and the key last, so pages neither skip nor
        # repeat a record.
        ordering = [*(queryset.query.order_by or queryset.model._meta.ordering), "pk"]
        return queryset.alias(name_rank=rank).order_by("-name_rank", *ordering), may_have_duplicates
