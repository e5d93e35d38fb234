"""'Did you mean ...?' for a search with a misspelt word ("glycinte", "magnisium").

A word is corrected only when no page holds it and it is close in spelling to a name the site
uses: a form's name or other names, a topic's, a medicine's or its aliases, a food's, an
article title's words, an outcome's name and description, one of the everyday words search
reads as the pages' own ("insomnia", "pregnant": site_config/search_words.py), or another word
readers bring (EVERYDAY_WORDS, CONDITIONS: "coffee", "sciatica"). A word that is one of these
is never corrected, however close to another it is: "nursing" is no misspelt "using", nor
"feeding" "feeling". Close enough to be a misspelling of it, that is: at most two letters
wrong, missing or extra ("moxifloxacin" is another medicine, not a misspelt "ofloxacin"). Of
two such names, one letter nearer counts for less than a name the site uses ten times as
often: "magnesio" is "magnesium" (two letters off, in 51 names) before "magnesia" (one letter,
in 2), as a reader is far likelier to mean the one than the other. Offered on a search that
found nothing, or only pages holding some of its words, so it costs nothing on the searches
that work.

Whether a search's words may name a medicine is site_config/medicine_caution.py's question.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from articles.models import Article, Topic
from comparisons.models import Food, MagnesiumCompound
from evidence.models import Outcome
from interactions.lookup import MAX_EDITS, edits_between
from interactions.models import Medicine, MedicineAlias
from site_config.search import MAX_WORDS, SearchKind, matching
from site_config.search_words import CONDITIONS, EVERYDAY_WORDS, PHRASES, VARIANT_WORDS

SHORTEST = 4  # shorter words have too many near neighbours to guess between
CANDIDATES = 5  # the closest names weighed, the likeliest misspelt one chosen
CLOSENESS = 0.8  # difflib's ratio: "magnisium" and "magnesium" are 0.89, "epsum" "epsom" 0.8
AS_LIKELY = 10  # a name one letter further off is as likely a meaning if this much more used


def vocabulary() -> Counter[str]:
    """The words of every name readers may be trying to spell, each with how many times
    the names use it."""
    names = [
        *Article.objects.published().values_list("title", flat=True),
        *MagnesiumCompound.objects.published().values_list("name", flat=True),
        *MagnesiumCompound.objects.published().values_list("other_names", flat=True),
        *Topic.objects.values_list("name", flat=True),
        *Food.objects.values_list("name", flat=True),
        *Medicine.objects.public().values_list("name", flat=True),
        *MedicineAlias.objects.filter(medicine__in=Medicine.objects.public()).values_list(
            "name", flat=True
        ),
        *(" ".join(each) for each in Outcome.objects.values_list("name", "description")),
        *VARIANT_WORDS,
        *EVERYDAY_WORDS,
        *CONDITIONS,
        *PHRASES,
    ]
    words = re.findall(r"[^\W\d_]+", " ".join(names).lower())
    return Counter(word for word in words if len(word) >= SHORTEST)


def corrected(query: str, words: list[str], kinds: list[SearchKind]) -> str | None:
    """The query with its misspelt words put right, or None when none are."""
    known = vocabulary()
    text_kinds = [kind for kind in kinds if not kind.match]
    fixed = _words_used(query, words)
    for word in words:
        if len(word) < SHORTEST or word in known or not word.isalpha():
            continue
        close = difflib.get_close_matches(word, known, n=CANDIDATES, cutoff=CLOSENESS)
        edits = {name: edits_between(word, name) for name in close}
        likely = {name: known[name] / AS_LIKELY**n for name, n in edits.items() if n <= MAX_EDITS}
        if likely and not any(matching(kind, [word]).exists() for kind in text_kinds):
            meant = max(likely, key=likely.get)  # the closer of two as likely
            fixed = re.sub(rf"\b{re.escape(word)}\b", meant, fixed, flags=re.IGNORECASE)
    return fixed if fixed != _words_used(query, words) else None


def _words_used(query: str, words: list[str]) -> str:
    """The query up to the last word search used: with more than MAX_WORDS words, the
    rest were not searched for, so "Did you mean" offers only the part that was."""
    if len(words) < MAX_WORDS:
        return query
    ends = [
        found.end()
        for word in words
        if (found := re.search(rf"\b{re.escape(word)}\b", query, flags=re.IGNORECASE))
    ]
    return query[: max(ends)].rstrip() if ends else query
