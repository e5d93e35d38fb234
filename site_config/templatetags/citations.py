from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.citations import for_readers

register = template.Library()


@register.filter
def titled_citations(html: str, references) -> SafeString:
    """Stored, sanitised HTML (a page's Markdown) with each citation number's tooltip the
    reference's title and its spoken name "reference N":
    `{{ body_html|titled_citations:references }}`, in place of `|safe`."""
    return mark_safe(for_readers(html or "", references or []))
