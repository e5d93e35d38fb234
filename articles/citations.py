"""One numbered reference list for a page built from several sources of citations (forms,
comparison tables, the calculator, evidence and medicine pages).

The renderer numbers citations within one Markdown text. A form's page also cites the sources
of its figures, and a comparison table renders every cell on its own, so these pages number all
their citations here, in the order a reader meets them, and renumber the stored HTML to match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape

from articles.models import Reference

# A citation link as the renderer writes it: <a class="cite-ref" href="#ref-N" title="key">N</a>
_CITE_LINK = re.compile(r'<a\b(?=[^>]*\bclass="cite-ref")([^>]*)>(\d+)</a>')
_TITLE = re.compile(r'\btitle="([^"]+)"')
_HREF = re.compile(r'\bhref="#ref-\d+"')
# Heard before a citation's number, not seen: "reference 3".
SPOKEN_PREFIX = '<span class="visually-hidden">reference </span>'


def for_readers(html: str, references: Iterable[Reference]) -> str:
    """Stored HTML whose citation links read as readers need them: hovering a number shows the
    reference's title, not the key the renderer writes (which `renumber` reads), and a screen
    reader hears "reference 3", not a bare "3"."""
    titles = {reference.key: reference.title for reference in references}

    def named(match: re.Match) -> str:
        attrs, number = match.group(1), match.group(2)
        key = _TITLE.search(attrs)
        if key is not None and key.group(1) in titles:
            attrs = attrs.replace(key.group(0), f'title="{escape(titles[key.group(1)])}"', 1)
        return f"<a{attrs}>{SPOKEN_PREFIX}{number}</a>"

    return _CITE_LINK.sub(named, html)


@dataclass
class Cite:
    number: int
    reference: Reference


@dataclass
class PageCitations:
    """Numbers references by first use across everything one page shows."""

    _numbers: dict[str, int] = field(default_factory=dict)
    _references: dict[str, Reference | None] = field(default_factory=dict)

    def number(self, key: str, reference: Reference | None = None) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self._references[key] = reference
        elif reference is not None and self._references[key] is None:
            self._references[key] = reference
        return self._numbers[key]

    def cite(self, references: Iterable[Reference]) -> list[Cite]:
        """Number these references (a figure's sources) and return them for the template,
        in the order of their numbers ("3,8", not "8,3")."""
        cites = [Cite(self.number(ref.key, ref), ref) for ref in references]
        return sorted(cites, key=lambda cite: cite.number)

    def renumber(self, html: str, keys: Iterable[str] = ()) -> str:
        """Rewrite the citation numbers in rendered HTML to this page's numbers.

        `keys` are the fragment's citation keys in its own order; they are numbered first, so a
        fragment whose cited key is unknown to the database still gets a consistent number.
        """
        for key in keys:
            self.number(key)

        def replace(match: re.Match) -> str:
            attrs = match.group(1)
            title = _TITLE.search(attrs)
            if title is None:
                return match.group(0)
            number = self.number(title.group(1))
            attrs = _HREF.sub(f'href="#ref-{number}"', attrs)
            return f"<a{attrs}>{number}</a>"

        return _CITE_LINK.sub(replace, html)

    def references(self) -> list[Reference]:
        """The reference list, in number order; keys the database lacks are skipped, as on
        article pages (the editor's link check reports them)."""
        missing = [key for key, ref in self._references.items() if ref is None]
        found = {ref.key: ref for ref in Reference.objects.filter(key__in=missing)}
        listed = []
        for key in self._numbers:
            ref = self._references[key] or found.get(key)
            if ref is not None:
                listed.append(ref)
        return listed
