"""Links written into the site's own templates to particular content pages: the home page's
questions lead to topic hubs, the foods page to the article on food, every form page to the
safety guide. Editors can take those pages off the site, as they can any page; then readers
must get the words without the link, not a link to a 404, and the editor must be told which
of the site's pages lose a link, as for the pages whose text links to it.

The pages that hold such links belong to the apps above this one, so this module only keeps
what they declare (`declare`, from their `AppConfig.ready()`: site_config/fixed_links.py):
which site page links to which content page, by link kind and slug, as `[[kind:slug]]` does.
Templates draw each link with `{% fixed_link %}` (articles/templatetags/fixed_links.py),
which looks up whether the page is public once per kind for a whole page render
(`FixedLinksOnPage`, given to every template by the `fixed_links` context processor). A
save or delete bumps the content version, so a cached page showing such a link is redrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.models import MovedPage
from articles.moved_pages import moved_to
from articles.rendering import resolve_links


@dataclass(frozen=True)
class SitePage:
    """A page of the site that is not a record (the home page, the foods page), or one kind
    of them ("every form page"), as a warning names it."""

    name: str
    # Its address, if it has one; a lazy reverse(), as the URLs load after the apps.
    address: str | Promise | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.address})" if self.address else self.name

    def link(self) -> SafeString:
        if self.address:
            return format_html('{} (<a href="{}">{}</a>)', self.name, self.address, self.address)
        return format_html("{}", self.name)


# (kind, slug) -> the site pages whose templates link to it.
_declared: dict[tuple[str, str], list[SitePage]] = {}


def declare(page: SitePage, kind: str, *slugs: str) -> None:
    """`page`'s template links to these pages of a link kind (`{% fixed_link kind slug %}`)."""
    for slug in slugs:
        pages = _declared.setdefault((kind, slug), [])
        if page not in pages:
            pages.append(page)


def declared_slugs(kind: str) -> set[str]:
    return {slug for each, slug in _declared if each == kind}


def site_pages_linking_to(targets: Iterable[tuple[str, str]]) -> list[SitePage]:
    """The site pages whose templates link to these (kind, slug) pages, each once, in the
    order they were declared."""
    found: list[SitePage] = []
    for target in targets:
        found += [page for page in _declared.get(target, []) if page not in found]
    return found


def site_pages_linking_to_records(objs: Iterable) -> list[SitePage]:
    """The site pages linking to these records, at their addresses now or at an earlier
    one: a declared page that moved is still linked there, at its new address. One query a
    kind of record with such links, for the declared addresses' moves, however many records."""
    objs = list(objs)
    targets = [(obj.LINK_KIND, obj.slug) for obj in objs]
    for kind in dict.fromkeys(obj.LINK_KIND for obj in objs):
        declared = {_address_of(kind, slug): slug for slug in declared_slugs(kind)}
        moves = MovedPage.objects.filter(old_path__in=[path for path in declared if path])
        moved_to_record = {
            (content_type, object_id): old_path
            for old_path, content_type, object_id in moves.values_list(
                "old_path", "content_type_id", "object_id"
            )
        }
        for obj in objs:
            key = (ContentType.objects.get_for_model(obj).pk, obj.pk)
            if kind == obj.LINK_KIND and (old_path := moved_to_record.get(key)):
                targets.append((kind, declared[old_path]))
    return site_pages_linking_to(targets)


def _address_of(kind: str, slug: str) -> str | None:
    """Where a page of this kind at this slug would be (a moved page's old address)."""
    for model in apps.get_models():
        if getattr(model, "LINK_KIND", None) == kind:
            return model(slug=slug).get_absolute_url()
    return None


class FixedLinksOnPage:
    """For one page render: the address of each declared page readers can open, by kind and
    slug. One query a kind the page links to, made on its first link; one more for each such
    page that is missing, in case it moved (its old address leads to it, by 301)."""

    def __init__(self) -> None:
        self._public: dict[str, dict[str, str]] = {}

    def address(self, kind: str, slug: str) -> str | None:
        if kind not in self._public:
            slugs = declared_slugs(kind)
            targets = resolve_links(kind, slugs)
            public = {slug: target.url for slug, target in targets.items() if target.public}
            for missing in slugs - set(targets):
                old = _address_of(kind, missing)
                if old and (now := moved_to(old)):
                    public[missing] = now
            self._public[kind] = public
        return self._public[kind].get(slug)


def fixed_links(request) -> dict:
    """Context processor: the declared links' targets, looked up once a page if it uses
    them (nothing is queried for a page that draws none)."""
    return {"fixed_links": FixedLinksOnPage()}
