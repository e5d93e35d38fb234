"""Names typed as a medicine that are magnesium itself, and the line for names not on the list.

"milk of magnesia", "magnesium oxide" or "Epsom salt" typed where a medicine goes is no
unknown medicine: it is a form of magnesium, counted towards the day's total and the upper
limit, and kept apart from the medicines on the list as any magnesium. Forms belong to
`comparisons`, above this app, so `comparisons` registers how to find them by name
(`register_magnesium_finder`, in its AppConfig.ready()), as it registers its link kinds.

A name that is neither may still be an antacid or laxative with magnesium in it: the answer
"not in our list" says to look on its label for a magnesium salt (`LABEL_SALTS_SOURCE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from articles.models import Reference
from interactions.lookup import Search, keys_for

# The NIH ODS fact sheet: some laxatives and antacids contain magnesium (research/facts.md c6,
# c8). The line names the salts of the site's own forms sold as antacids and laxatives
# (hydroxide, oxide, carbonate), each with its sources on its page, and no brand: formulas
# differ by country, and we have no source for them.
LABEL_SALTS_SOURCE = "ods-magnesium-hp"
# Magnesium named with no form ("magnesium", "Magnesium 400 mg tablets"): magnesium itself too,
# answered with the same line, but the calculator must ask its form, which sets how much of
# each milligram on the label is magnesium.
NO_FORM = frozenset({"magnesium", "magnesium supplement", "magnesium supplements", "mg"})


def calculator_link(slug: str = "", medicines: Iterable[str] = ()) -> str:
    """The calculator with the form `slug` (none: the reader picks it) on its first product
    line, for its amount, and the `medicines` found, to plan the day around."""
    query = urlencode(
        [*(("medicine", name) for name in medicines), *([("form", slug)] if slug else [])]
    )
    return f"{reverse('comparisons:calculator')}?{query}#product-1"


@dataclass(frozen=True)
class MagnesiumForm:
    """A published form of magnesium, as a page links to it."""

    name: str  # "Magnesium hydroxide"
    slug: str  # the calculator's `form`
    url: str  # its page

    def add_link(self) -> str:
        """The calculator with this form on its first product line (`calculator_link`)."""
        return calculator_link(self.slug)


# The names given -> the form each of them names, for those that name one.
Finder = Callable[[list[str]], dict[str, MagnesiumForm]]
_finders: list[Finder] = []


def register_magnesium_finder(finder: Finder) -> None:
    """An app above this one says how to find forms of magnesium by a name readers type."""
    if finder not in _finders:
        _finders.append(finder)


def magnesium_named(names: list[str]) -> dict[str, MagnesiumForm]:
    """Each of the names that is a form of magnesium, with its form; no query without names."""
    found: dict[str, MagnesiumForm] = {}
    if names:
        for finder in _finders:
            found = finder(names) | found
    return found


def magnesium_in(names: list[str]) -> dict[str, MagnesiumForm | None]:
    """Each of the names that is magnesium, with its form (None: no form named, `NO_FORM`);
    one query, none without names."""
    found: dict[str, MagnesiumForm | None] = {
        name: None for name in names if NO_FORM.intersection(keys_for(name))
    }
    return found | magnesium_named([name for name in names if name not in found])


def take_magnesium(search: Search) -> list[tuple[str, MagnesiumForm | None]]:
    """Take out of `search.unknown` the names that are magnesium, and return them with their
    forms (None: magnesium with no form, `NO_FORM`). Only names not on the list are looked
    up, all at once: no query when every name was found, and the same queries for one
    unknown name as for ten."""
    names = [query for query, _suggestions in search.unknown if query not in search.kinds]
    forms = magnesium_in(names)
    search.unknown = [(query, s) for query, s in search.unknown if query not in forms]
    return [(query, forms[query]) for query in names if query in forms]


def not_listed(search: Search) -> bool:
    """Whether a name the reader gave is answered "not in our list" (not a kind of several)."""
    return any(query not in search.kinds for query, _suggestions in search.unknown)


def label_salts_source() -> list[Reference]:
    """The source of the line on magnesium in antacids and laxatives (one query); none if an
    editor has removed it, and the line is shown without its number."""
    return list(Reference.objects.filter(key=LABEL_SALTS_SOURCE))
