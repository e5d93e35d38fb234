"""The calculator's medicine lines that name magnesium itself, or a medicine not on the list.

"milk of magnesia" on a medicine line is a form of magnesium (interactions.magnesium_names):
the page says so and links to this page with that line moved to the products, where it counts
towards the day's total and the upper limit. A name not on the list gets a line saying that
some antacids and laxatives hold magnesium, with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from articles.citations import Cite, PageCitations
from comparisons.calculator_lines import PRODUCTS
from interactions import lookup
from interactions.lookup import Search
from interactions.magnesium_names import (
    MagnesiumForm,
    label_salts_source,
    not_listed,
    take_magnesium,
)
from interactions.models import normalise

# The boxes of a medicine line, moved together.
MEDICINE_BOXES = ("medicine", "medicine_time")


@dataclass(frozen=True)
class MagnesiumLine:
    """A medicine line naming magnesium (a form of it, or None: no form), and the link
    adding it as a product."""

    query: str
    form: MagnesiumForm | None
    add_link: str


@dataclass
class MagnesiumAnswer:
    lines: list[MagnesiumLine] = field(default_factory=list)
    # A name is answered "not in our list": the page adds that some antacids and laxatives
    # hold magnesium, with its source.
    not_listed: bool = False
    label_salts_cites: list[Cite] = field(default_factory=list)


def as_product_link(request: HttpRequest, query: str, slug: str) -> str:
    """This page with the medicine lines naming `query` taken out (each with its time; from
    a list typed in one box, that name alone) and the form (if any) put on the first empty
    product line, or a new one after them; every other value kept. The product line opens
    in view, for its amount."""
    params = request.GET.copy()
    key = normalise(query)
    typed = params.getlist("medicine")
    names = [lookup.replaced_in(name, key, "") for name in typed]
    gone = {at for at, name in enumerate(names) if name != typed[at] and not name}
    params.setlist("medicine", names)
    for box in MEDICINE_BOXES:
        values = params.getlist(box)
        params.setlist(box, [value for at, value in enumerate(values) if at not in gone])
    lines = PRODUCTS.raw_lines(params)
    empty = next((i for i, raw in enumerate(lines) if PRODUCTS.is_blank(raw)), len(lines))
    forms = params.getlist("form")
    forms += [""] * (empty + 1 - len(forms))
    forms[empty] = slug
    params.setlist("form", forms)
    number = 1 + sum(not PRODUCTS.is_blank(raw) for raw in lines[:empty])
    return f"{request.path}?{params.urlencode()}#product-{number}"


def magnesium_answer(
    request: HttpRequest, search: Search, citations: PageCitations
) -> MagnesiumAnswer:
    """Takes the names of magnesium out of `search.unknown` (one query, only when a name is
    not on the list), and cites the line for the names still not on it (one more)."""
    answer = MagnesiumAnswer(
        [
            MagnesiumLine(query, form, as_product_link(request, query, form.slug if form else ""))
            for query, form in take_magnesium(search)
        ]
    )
    if not_listed(search):
        answer.not_listed = True
        answer.label_salts_cites = citations.cite(label_salts_source())
    return answer
