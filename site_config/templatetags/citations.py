from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.citations import with_reference_titles

register = template.Library()


@register.filter
def titled_citations(html: str, references) -> SafeString:
    """Stored, sanitised HTML (a page's Markdown) with each citation number's tooltip the
    reference's title: `{{ body_html|titled_citations:references }}`, in place of `|safe`."""
    return mark_safe(with_reference_titles(html or "", references or []))
