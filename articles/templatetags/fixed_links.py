"""`{% fixed_link kind slug words %}`: a link a template writes to a particular content page
(articles/fixed_links.py), drawn only while readers can open that page; else the words alone.

    {% fixed_link 'article' 'magnesium-in-food' 'Magnesium in food' %}
    {% fixed_link 'article' 'using-magnesium-safely' 'our safety guide' anchor='kidney-disease' %}

Only a declared link can be drawn as a link, so the warnings that name the site pages losing
a link cannot miss one."""

from django.template import Library
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.fixed_links import FixedLinksOnPage

register = Library()


@register.simple_tag(takes_context=True)
def fixed_link(context, kind: str, slug: str, words: str, anchor: str = "") -> SafeString:
    # Every page rendered with its request has one (the context processor); a template
    # rendered without one looks the page up itself.
    links = context.get("fixed_links") or FixedLinksOnPage()
    if (address := links.address(kind, slug)) is None:
        return format_html("{}", words)
    return format_html('<a href="{}{}">{}</a>', address, f"#{anchor}" if anchor else "", words)
