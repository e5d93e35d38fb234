"""The parts of the layout every page draws: the links in the head (feed,
stylesheet, icon), the site header and the footer.

They depend only on the URL configuration, the static files' names, the templates and
which section of the site the page is in, never on content or on who is reading, so each
variant is rendered once per process and reused: drawing them through the template engine
on every request was a third of the cost of a page with no content of its own. DEBUG (where
templates reload as they change) renders them every time.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.template import Library
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString

register = Library()

# The header's navigation links, and the URL names (or, for articles, the app) each marks
# as the current section.
SECTION_URL_NAMES = {"forms_table", "food_list", "calculator"}


def current_section(request: HttpRequest | None) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.app_name == "articles":
        return "articles"
    return match.url_name if match.url_name in SECTION_URL_NAMES else ""


# Parts drawn once per process: key -> HTML (see draw_once).
_DRAWN: dict[tuple, SafeString] = {}
DRAWN_MAX = 2048


def draw_once(template_name: str, key: tuple, context: dict) -> SafeString:
    """render_to_string(template_name, context), kept per process. For parts that depend on
    nothing but their context (no content, no reader) and that pages ask for in a few
    variants, or a few hundred, over and over: the layout here, the forms table's filter
    form and active filters (comparisons/templatetags/tables.py). `key` must say everything
    the context does; the script prefix and URL configuration join it, as the part's links
    depend on them. At DRAWN_MAX parts the store starts again. DEBUG (where templates
    reload as they change) draws every time."""
    if settings.DEBUG:
        return render_to_string(template_name, context)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    full_key = (template_name, key, get_script_prefix(), str(urlconf))
    if (html := _DRAWN.get(full_key)) is None:
        if len(_DRAWN) >= DRAWN_MAX:
            _DRAWN.clear()
        html = _DRAWN[full_key] = render_to_string(template_name, context)
    return html


def _layout_part(template_name: str, section: str) -> SafeString:
    return draw_once(template_name, (section,), {"section": section})


@register.simple_tag
def site_head_links() -> SafeString:
    return _layout_part("includes/_head_links.html", "")


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    return _layout_part("includes/_header.html", current_section(context.get("request")))


@register.simple_tag
def site_footer() -> SafeString:
    return _layout_part("includes/_footer.html", "")


@functools.lru_cache(maxsize=256)
def _reversed_once(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name)


@register.simple_tag
def route(name: str) -> str:
    """`{% url name %}` for a route that takes no arguments, reversed once per process (and
    script prefix and URL configuration) instead of on every request: on the forms table,
    where a few such links appear, reversing them was a tenth of the page."""
    if settings.DEBUG:
        return reverse(name)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed_once(name, get_script_prefix(), str(urlconf))


@functools.lru_cache(maxsize=64)
def _static_once(path: str, prefix: str) -> str:
    return static(path)


@register.simple_tag
def asset(path: str) -> str:
    """`{% static path %}`, looked up once per process (and script prefix): finding a file's
    hashed name in the manifest costs as much as drawing a small block of the page."""
    if settings.DEBUG:
        return static(path)
    return _static_once(path, get_script_prefix())


def _forget(**kwargs) -> None:
    _DRAWN.clear()
    _reversed_once.cache_clear()
    _static_once.cache_clear()


# Tests change settings (templates, URLs) on the fly; start again whenever they do.
setting_changed.connect(_forget, dispatch_uid="layout_forget_on_setting_changed")
