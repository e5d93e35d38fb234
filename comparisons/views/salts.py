"""The salt table on a form's page: each salt's share of magnesium, with its sources, and what
500 mg and 1,000 mg of it hold, worked out as the calculator works them out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from articles.citations import Cite, PageCitations
from comparisons.calculator import elemental_mg, percent_text, whole
from comparisons.models import CompoundSalt, MagnesiumCompound

# The compound weights the table shows: common capsule and daily amounts.
SHOWN_AMOUNTS_MG = (500, 1000)


@dataclass(frozen=True)
class SaltFigures:
    salt: CompoundSalt
    percent: str
    amounts: list[tuple[int, int]]  # (compound mg, elemental mg)
    cites: list[Cite]
    calculator_url: str


def salt_figures(compound: MagnesiumCompound, citations: PageCitations) -> list[SaltFigures]:
    """One row per salt of a form: the table's figure first (the page says a label that
    names no salt means the first row), then the others in the order editors gave them."""
    rows = []
    for salt in sorted(compound.salts.all(), key=lambda salt: not salt.is_default):
        query = urlencode({"form": salt.choice_value})
        rows.append(
            SaltFigures(
                salt=salt,
                percent=percent_text(salt.figure),
                amounts=[
                    (mg, whole(elemental_mg(Decimal(mg), salt.figure))) for mg in SHOWN_AMOUNTS_MG
                ],
                cites=citations.cite(salt.refs.all()),
                calculator_url=f"{reverse('comparisons:calculator')}?{query}",
            )
        )
    return rows
