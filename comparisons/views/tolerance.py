"""What a digestive-tolerance label means, with its sources, for each page that shows one.

The labels only say how our sources link a form to diarrhoea (TOLERANCE_MEANINGS in
comparisons/models/compounds.py); every page that shows one says what it means and cites where
that comes from.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from articles.citations import Cite, PageCitations
from articles.models import Reference
from comparisons.models import TOLERANCE_MEANINGS, Tolerance

ToleranceSources = dict[str, list[Reference]]


@dataclass
class ToleranceNote:
    value: str
    label: str
    meaning: str
    cites: list[Cite]


def tolerance_sources(values: Iterable[str] = Tolerance.values) -> ToleranceSources:
    """The references behind each of these tolerance values, in one query."""
    wanted = set(values) & set(TOLERANCE_MEANINGS)
    keys = {key for value in wanted for key in TOLERANCE_MEANINGS[value][1]}
    found = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)}
    return {
        value: [found[key] for key in TOLERANCE_MEANINGS[value][1] if key in found]
        for value in wanted
    }


def tolerance_note(
    value: str, sources: ToleranceSources, citations: PageCitations
) -> ToleranceNote:
    """One value's label and meaning, its sources numbered on the page now."""
    meaning, _keys = TOLERANCE_MEANINGS[value]
    return ToleranceNote(
        value, Tolerance(value).label, meaning, citations.cite(sources.get(value, []))
    )


def tolerance_legend(citations: PageCitations) -> list[ToleranceNote]:
    """Every label, in scale order: the note under a table of forms."""
    sources = tolerance_sources()
    return [tolerance_note(value, sources, citations) for value in Tolerance.values]
