from django import template

from articles.structured_data import to_script_json

register = template.Library()


@register.filter
def ld_json(data: dict) -> str:
    """Render a dict as JSON that is safe inside a JSON-LD script element."""
    return to_script_json(data)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str = "") -> str:
    request = context["request"]
    return request.build_absolute_uri(path or request.path)
