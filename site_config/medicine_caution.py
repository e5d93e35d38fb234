"""Whether a search may be about a medicine the site does not list, so that search shows the
pharmacist caution beside what it found ("If it is not on our list of medicines..., that does
not make it safe to take with magnesium: ask your pharmacist"; site_config/views.py).

Shown on every search, readers learn to skip it; missed on a medicine's name, a reader may
take a page that never mentions their medicine for a sign that it is safe. So each word of
the query is weighed, the safer way when unsure:

1. A word for medicines ("pills", "antibiotics": MEDICINE_WORDS) asks about one.
2. So does a word with the ending of a medicine's generic name (MEDICINE_ENDINGS:
   "pregabalin", "duloxetine", "amlodipine"), or that search reads as such a name ("lyrica"
   finds "pregabalin": site_config/search_words.py), even where the pages use it: the
   articles mention medicines that are not on the list.
3. An everyday word readers bring (EVERYDAY_WORDS: "pregnant", "coffee", "seniors") or a
   condition (CONDITIONS: "sciatica", "ckd") is not a medicine's name, unless it is a listed
   medicine's name or alias with a letter or two wrong.
4. Nor is a word of the name of one of the site's own subjects: a published form's names, an
   article's title, a topic's or an outcome's name ("glycinate", "cramps", "migraine").
5. Any other word may be a medicine's name ("ozempic", "tylenol"), even one the pages'
   text uses: the articles mention medicines that are not on the list and whose names
   have no telling ending ("capsaicin cream", and any an editor adds), so the text of
   bodies and summaries never makes a word ordinary.

The subjects' names are read only for the words the lists leave, in one query a kind.
"""

from __future__ import annotations

import difflib
import re

from articles.models import Article, Topic
from comparisons.models import MagnesiumCompound
from evidence.models import Outcome
from interactions.lookup import MAX_EDITS, edits_between, names_of
from interactions.models import Medicine, normalise
from site_config.search_words import CONDITIONS, EVERYDAY_WORDS, SITE_WIDE_WORDS, variants
from site_config.spelling import CANDIDATES, CLOSENESS, SHORTEST

# Words that ask about a medicine, whatever else the query names; and amounts' units.
# fmt: off
MEDICINE_WORDS = frozenset({
    "drug", "drugs", "medicine", "medicines", "medication", "medications", "pill", "pills",
    "tablet", "tablets", "prescription", "prescriptions", "antibiotic", "antibiotics",
    "antidepressant", "antidepressants", "painkiller", "painkillers", "antacid", "antacids",
    "statin", "statins", "steroid", "steroids", "opioid", "opioids", "blocker", "blockers",
    "thinner", "thinners", "antihistamine", "antihistamines", "contraceptive", "contraceptives",
    "insulin", "chemotherapy", "chemo",
})
# fmt: on
UNIT_WORDS = frozenset({"mg", "g", "mcg", "gram", "grams", "milligram", "milligrams"})

# Endings of medicines' generic names: stems from the WHO's "The use of stems in the
# selection of International Nonproprietary Names (INN) for pharmaceutical substances"
# (2018), for the kinds of medicine readers of a site on magnesium and the nerves are most
# likely to take, and "-pentin" (gabapentin) beside "-gabalin" (pregabalin). No everyday
# English word ends so, with at least PREFIX letters before the ending ("april" is no
# "-pril" medicine; "lisinopril" is).
# fmt: off
MEDICINE_ENDINGS = (
    # Nerve pain, mood and sleep.
    "gabalin", "pentin", "oxetine", "triptyline", "pramine", "azepam", "zolam", "pidem",
    # Stomach, gut and nausea.
    "prazole", "tidine", "setron",
    # Infections.
    "oxacin", "cycline", "mycin", "cillin", "conazole", "vir",
    # Heart, blood pressure, water tablets, blood thinners, cholesterol.
    "pril", "sartan", "olol", "dipine", "statin", "semide", "thiazide", "parin", "xaban",
    "gatran",
    # Diabetes, bones, migraine, pain, asthma.
    "glutide", "gliflozin", "gliptin", "formin", "dronate", "triptan", "profen", "fenac",
    "coxib", "adol", "caine", "lukast",
    # Cancer and the immune system.
    "mab", "nib", "platin",
)
# fmt: on
PREFIX = 2


def may_name_a_medicine(words: list[str]) -> bool:
    """Whether a word of the query may be a medicine's name or ask about one (see the
    module's docstring)."""
    left = []
    for word in words:
        if word in SITE_WIDE_WORDS or word in UNIT_WORDS or not word.isalpha():
            continue
        if asks_about_medicines([word]) or any(map(has_medicine_ending, variants(word))):
            return True
        left.append(word)
    everyday_words = EVERYDAY_WORDS | _words_of(CONDITIONS)
    everyday = [word for word in left if _holds(everyday_words, word)]
    unknown = [word for word in left if word not in everyday]
    if unknown:
        subjects = subject_words()
        if not all(_holds(subjects, word) for word in unknown):
            return True
    return bool(everyday) and _close_to_a_medicine(everyday)


def subject_words() -> set[str]:
    """The words of the names of the site's own subjects: its published forms (and their
    other names), articles' titles, topics and outcomes. Names only: see rule 5."""
    names = [
        *MagnesiumCompound.objects.published().values_list("name", "other_names"),
        *Article.objects.published().values_list("title"),
        *Topic.objects.values_list("name"),
        *Outcome.objects.values_list("name", "short_name"),
    ]
    return _words_of(" ".join(name) for name in names)


def asks_about_medicines(words: list[str]) -> bool:
    """Whether a word is a word for medicines ("antibiotics", "pills"): the listed medicines
    search finds for it are some of those it asks about, not all."""
    return any(word in MEDICINE_WORDS for word in words)


def has_medicine_ending(word: str) -> bool:
    """Whether the word, or its singular, ends as a medicine's generic name does."""
    return any(
        each.endswith(ending) and len(each) >= len(ending) + PREFIX
        for each in {word, word.removesuffix("s")}
        for ending in MEDICINE_ENDINGS
    )


def _words_of(texts) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", " ".join(texts).lower()))


def _holds(known: set[str], word: str) -> bool:
    return word in known or word.rstrip("s") in known


def _close_to_a_medicine(words: list[str]) -> bool:
    """Whether a word is a listed medicine's name or alias misspelt, as site_config/
    spelling.py reads a misspelling (close in spelling, at most MAX_EDITS letters off): an
    everyday word that close to a medicine's name may be that name misspelt. Not "pain" for
    "ppi"."""
    names = list(names_of(list(Medicine.objects.public().prefetch_related("aliases"))))
    return any(
        edits_between(word, name) <= MAX_EDITS
        for word in map(normalise, words)
        if len(word) >= SHORTEST
        for name in difflib.get_close_matches(word, names, n=CANDIDATES, cutoff=CLOSENESS)
    )
