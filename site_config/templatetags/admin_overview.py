"""The admin index's "Needs attention": drafts, pages waiting for their date and pages
overdue for review, of each kind of page an editor may see, linked to the filtered list."""

from django import template
from django.urls import reverse
from django.utils import timezone

from articles.models import PublishStatus, publishable_models

register = template.Library()


@register.inclusion_tag("admin/_needs_attention.html", takes_context=True)
def needs_attention(context) -> dict:
    request = context.get("request")
    if request is None:
        return {"rows": []}
    rows = []
    for model in publishable_models():
        meta = model._meta
        if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        pages = model._default_manager
        counts = {
            "draft": pages.filter(status=PublishStatus.DRAFT).count(),
            "scheduled": pages.filter(
                status=PublishStatus.PUBLISHED, published_at__gt=timezone.now()
            ).count(),
            "overdue": pages.overdue_for_review().count(),
        }
        if any(counts.values()):
            rows.append(
                {
                    "name": meta.verbose_name_plural,
                    "url": reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
                    **counts,
                }
            )
    return {"rows": rows}
