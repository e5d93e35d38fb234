from django import template
from django.apps import apps
from django.urls import reverse

from feedback.models import LISTED_TOGETHER, ChangeNote, Report, change_list_url

register = template.Library()


@register.simple_tag
def latest_change(content) -> ChangeNote | None:
    """The newest reader-facing change note of a page (article or form), if any; given a
    kind's label instead (`LISTED_TOGETHER`: "comparisons.food"), of the records of that
    kind, which one page shows together (/foods/)."""
    if isinstance(content, str):
        notes = ChangeNote.objects.of_kind(apps.get_model(content))
        notes = notes.prefetch_related("content_object")
    elif content is None or getattr(content, "pk", None) is None:
        return None
    else:
        notes = ChangeNote.objects.for_object(content)
    return notes.for_readers().select_related("report").first()


@register.filter
def modified_on(structured_data: dict, latest: ChangeNote | None) -> dict:
    """A page's JSON-LD with `dateModified` from its latest change note for readers, the date
    its header gives; without one, the page keeps the date it was given (its publication)."""
    if latest is None:
        return structured_data
    return {**structured_data, "dateModified": latest.created_at.isoformat()}


@register.simple_tag
def changes_url(content) -> str | None:
    if isinstance(content, str):
        return reverse(LISTED_TOGETHER[content])
    return change_list_url(content) if content is not None else None


@register.inclusion_tag("feedback/_new_reports.html", takes_context=True)
def new_reports_notice(context) -> dict:
    """On the admin index: how many reports wait for an editor."""
    request = context.get("request")
    if request is None or not request.user.has_perm("feedback.view_report"):
        return {"count": 0}
    return {"count": Report.objects.new().count()}
