"""Tags for the layout every page draws (base.html): which section of the site a page is in,
so the header's navigation can mark it. The head's links, the header and the footer are
plain includes, with Django's own {% url %} and {% static %}."""

from django.http import HttpRequest
from django.template import Library

register = Library()

# The header's navigation links: the apps whose every page is in a section of its own, and
# the URL names of the other apps' pages that each mark one.
SECTION_APPS = {"articles", "evidence", "interactions"}
SECTION_URL_NAMES = {"forms_table", "food_list", "calculator"}


def section_of(request: HttpRequest | None) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.app_name in SECTION_APPS:
        return match.app_name
    return match.url_name if match.url_name in SECTION_URL_NAMES else ""


@register.simple_tag(takes_context=True)
def current_section(context) -> str:
    """`{% current_section as nav_section %}`: the section of the page being drawn, or ""."""
    return section_of(context.get("request"))
