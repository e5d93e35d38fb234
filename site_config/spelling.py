"""'Did you mean ...?' for a search with a misspelt word ("glycinte", "magnisium").

A word is corrected only when no page holds it and it is close in spelling to a name the site
uses: a form's name or other names, a topic's, a medicine's or its aliases, a food's, an
article title's words, an outcome's name and description, or one of the everyday words search
reads as the pages' own ("insomnia", "pregnant": site_config/search_words.py). Close enough to
be a misspelling of it, that is: at most two letters wrong, missing or extra ("moxifloxacin" is
another medicine, not a misspelt "ofloxacin"). Of two such names, one letter nearer counts for
less than a name the site uses ten times as often: "magnesio" is "magnesium" (two letters off,
in 51 names) before "magnesia" (one letter, in 2), as a reader is far likelier to mean the one
than the other. Offered on a search that found nothing, or only pages holding some of its
words, so it costs nothing on the searches that work.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from articles.models import Article, Topic
from comparisons.models import Food, MagnesiumCompound
from evidence.models import Outcome
from interactions.lookup import MAX_EDITS, edits_between, names_of
from interactions.models import Medicine, MedicineAlias, normalise
from site_config.search import MAX_WORDS, SearchKind, matching
from site_config.search_words import CONDITIONS, SITE_WIDE_WORDS, VARIANT_WORDS

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
    ]
    words = re.findall(r"[^\W\d_]+", " ".join(names).lower())
    return Counter(word for word in words if len(word) >= SHORTEST)


# Words that ask about a medicine, whatever else the query names; and amounts' units.
MEDICINE_WORDS = frozenset(
    {"drug", "drugs", "medicine", "medicines", "medication", "medications", "pill", "pills"}
    | {"tablet", "tablets", "prescription", "antibiotic", "antibiotics"}
)
UNIT_WORDS = frozenset({"mg", "g", "mcg", "gram", "grams", "milligram", "milligrams"})


def may_name_a_medicine(words: list[str]) -> bool:
    """Whether a word of the query may be a medicine's: a word for medicines, or one that no
    name of the site's own subjects holds (a form's names, a topic's, an outcome's, an
    article's title) and that is no condition readers bring (CONDITIONS: "sciatica",
    "neuropathy"), unless it is close to a listed medicine's name. Names and those only:
    descriptions and bodies mention medicines ("pregabalin") that are not on the list."""
    names = [
        *MagnesiumCompound.objects.published().values_list("name", "other_names"),
        *Article.objects.published().values_list("title"),
        *Topic.objects.values_list("name"),
        *Outcome.objects.values_list("name"),
    ]
    subjects = _words_of(" ".join(n) for n in names)
    conditions = _condition_words()
    excused = []
    for word in words:
        if word in SITE_WIDE_WORDS or word in UNIT_WORDS or not word.isalpha():
            continue
        if word in MEDICINE_WORDS:
            return True
        if _holds(subjects, word):
            continue
        if not _holds(conditions, word):
            return True
        excused.append(word)
    return bool(excused) and _close_to_a_medicine(excused)


def _words_of(texts) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", " ".join(texts).lower()))


def _holds(known: set[str], word: str) -> bool:
    return word in known or word.rstrip("s") in known


def _condition_words() -> set[str]:
    """The words of the conditions readers bring (CONDITIONS). Not the hubs' summaries nor
    the outcomes' descriptions: an editor's "unlike gabapentin" there would take the caution
    off a medicine's name."""
    return _words_of(CONDITIONS)


def _close_to_a_medicine(words: list[str]) -> bool:
    """Whether a word is a listed medicine's name or alias misspelt, as `corrected` reads a
    misspelling (close in spelling, at most MAX_EDITS letters off): a condition's word that
    close to a medicine's name may be that name misspelt. Not "pain" for "ppi"."""
    names = list(names_of(list(Medicine.objects.public().prefetch_related("aliases"))))
    return any(
        edits_between(word, name) <= MAX_EDITS
        for word in map(normalise, words)
        if len(word) >= SHORTEST
        for name in difflib.get_close_matches(word, names, n=CANDIDATES, cutoff=CLOSENESS)
    )


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
