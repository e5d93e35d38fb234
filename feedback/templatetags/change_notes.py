from django import template

from feedback.models import ChangeNote, Report, change_list_url

register = template.Library()


@register.simple_tag
def latest_change(content) -> ChangeNote | None:
    """The newest reader-facing change note of a page (article or form), if any."""
    if content is None or getattr(content, "pk", None) is None:
        return None
    return ChangeNote.objects.for_readers().for_object(content).select_related("report").first()


@register.filter
def modified_on(structured_data: dict, latest: ChangeNote | None) -> dict:
    """A page's JSON-LD with `dateModified` from its latest change note for readers, the date
    its header gives; without one, the page keeps the date it was given (its publication)."""
    if latest is None:
        return structured_data
    return {**structured_data, "dateModified": latest.created_at.isoformat()}


@register.simple_tag
def changes_url(content) -> str | None:
    return change_list_url(content) if content is not None else None


@register.inclusion_tag("feedback/_new_reports.html", takes_context=True)
def new_reports_notice(context) -> dict:
    """On the admin index: how many reports wait for an editor."""
    request = context.get("request")
    if request is None or not request.user.has_perm("feedback.view_report"):
        return {"count": 0}
    return {"count": Report.objects.new().count()}
