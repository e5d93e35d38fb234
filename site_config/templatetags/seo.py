from urllib.parse import urlsplit, urlunsplit

from django import template
from django.core.exceptions import DisallowedHost

from articles.structured_data import to_script_json

register = template.Library()


@register.filter
def ld_json(data: dict) -> str:
    """Render a dict as JSON that is safe inside a JSON-LD script element."""
    return to_script_json(data)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str = "") -> str:
    """The page's full URL. A request whose Host header is not ours gets the path alone:
    its 400 page renders this tag too, and must not fail on the same header again."""
    request = context["request"]
    try:
        return request.build_absolute_uri(path or request.path)
    except DisallowedHost:
        return path or request.path


@register.filter
def address_path(url: str) -> str:
    """A full address without its scheme and host ("/forms/?route=oral"): what a reader reads
    and copies beside a link, shorter than the address itself."""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path or "/", parts.query, ""))
