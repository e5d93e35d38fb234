"""The words site search treats apart from the rest: words that only ask or judge, the other
words PostgreSQL leaves out, the word every page holds, words spelt two ways and words readers
use for what the pages call otherwise (see site_config/search.py)."""

import re

# Words that only ask the question; searched for, each would match nearly every page. "does
# magnesium help sleep" asked the evidence on sleep to say "help".
# fmt: off
QUESTION_WORDS = frozenset({
    "a", "about", "an", "and", "any", "are", "as", "at", "be", "by", "can", "could", "do",
    "does", "for", "from", "help", "helpful", "helps", "how", "i", "if", "in", "into", "is",
    "it", "its", "many", "me", "much", "my", "of", "on", "or", "should", "than", "that", "the",
    "their", "there", "these", "this", "to", "versus", "vs", "was", "what", "when", "which",
    "while", "who", "why", "will", "with", "would", "you", "your",
})
# fmt: on
# Words that only weigh the answer up ("is oxide any good", "best magnesium for sleep",
# "is a soak worth it"): no page about oxide need say "good", and the oxide page did not.
JUDGING_WORDS = frozenset({"actually", "best", "better", "good", "really", "worth"})
# The rest of the words PostgreSQL's English configuration leaves out of its vectors (its
# stop words): a search whose only word to find was one of them found nothing there ("too much
# magnesium"), while SQLite matched it inside other words ("took"). Left out on both.
# fmt: off
STOP_WORDS = frozenset({
    "above", "after", "again", "against", "all", "am", "because", "been", "before", "being",
    "below", "between", "both", "but", "did", "doing", "don", "down", "during", "each", "few",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "itself", "just", "more", "most", "myself", "no", "nor", "not", "now",
    "off", "once", "only", "other", "our", "ours", "ourselves", "out", "over", "own", "s",
    "same", "she", "so", "some", "such", "t", "theirs", "them", "themselves", "then", "they",
    "those", "through", "too", "under", "until", "up", "very", "we", "were", "where", "whom",
    "yours", "yourself", "yourselves",
})
# fmt: on
# Every word a query's words are cleared of.
LEFT_OUT = QUESTION_WORDS | JUDGING_WORDS | STOP_WORDS
# Phrases of such words that ask about something the pages name: read as that word.
PHRASES = {
    "too much": "overdose",
    # The everyday name for a sudden cramp in the leg.
    "charley horse": "cramp",
    "charley horses": "cramp",
    "charlie horse": "cramp",
    # The pages write "breastfeeding", as one word. "lactation" means the same, and is read
    # as it rather than searched for, as PostgreSQL stems it as it stems "lactate", a form's
    # name. A nursing home is where older adults live.
    "breast feeding": "breastfeeding",
    "breast-feeding": "breastfeeding",
    "breast fed": "breastfeeding",
    "breast-fed": "breastfeeding",
    "lactation": "breastfeeding",
    "nursing homes": "elderly",
    "nursing home": "elderly",
}
# A child's age ("10 year old", "a 4-year-old"), read as "children": the pages give the
# limits by age under that word (the safety guide's upper limits: 1 to 3, 4 to 8, and 9 years
# and over). Under 18 only: a "70 year old" is no child.
CHILD_AGE = re.compile(r"\b(?:[1-9]|1[0-7])[ -](?:years?|yrs?)[ -]old\b")
# On every page of the site: no help in telling pages apart (see search.py's docstring).
SITE_WIDE_WORDS = frozenset({"magnesium"})
# A diet of plants ("vegan", "plant based"): no page says so, and the foods table has no
# filter for it, but its groups of plant foods are one (site_config/views.py, `plant_foods`).
PLANT_DIET_WORDS = frozenset({"vegan", "vegans", "vegetarian", "vegetarians", "plant", "plants"})

# Conditions and symptoms readers bring to a site on magnesium and the nerves, which the
# pages may not name: a search for one is about the condition, never a medicine's name ("If
# “sciatica” is a medicine..." read a nerve condition as one: site_config/spelling.py). The
# site's own hubs and outcomes name more, in their names and descriptions.
# fmt: off
CONDITIONS = (
    "sciatica", "sciatic nerve", "pinched nerve", "nerve damage", "nerve pain",
    "neuralgia", "trigeminal neuralgia", "postherpetic neuralgia", "neuritis", "neuropathy",
    "polyneuropathy", "radiculopathy", "shingles", "fibromyalgia", "carpal tunnel syndrome",
    "restless legs syndrome", "bell's palsy", "multiple sclerosis", "parkinson's disease",
    "epilepsy", "seizures", "tremor", "tinnitus", "vertigo", "dizziness", "headache",
    "brain fog", "panic attacks", "adhd", "menopause", "hot flashes", "hot flushes",
    "period pain", "high blood pressure",
    "back pain", "chronic pain", "chronic fatigue", "diabetes", "diabetic", "muscle spasm",
    "twitching",
    "numbness", "tingling", "pins and needles", "weakness", "palpitations", "arthritis",
    "anaemia", "anemia", "chronic kidney disease", "ckd", "insomnia",
    "peripheral neuropathy",
)
# Conditions that are pain from a nerve: where no page names one, the nearest the site has is
# its hub on nerve pain in general, NERVE_PAIN_TOPIC, whose pages say nothing of the
# condition itself (nor that magnesium helps it).
NERVE_PAIN = frozenset({
    "sciatica", "sciatic nerve", "radiculopathy", "neuralgia", "trigeminal neuralgia",
    "postherpetic neuralgia",
})
# fmt: on
NERVE_PAIN_TOPIC = "neuropathic-pain"


def condition_named(words: list[str]) -> str | None:
    """The condition a query's words name, the longest ("trigeminal neuralgia", not
    "neuralgia"; "Parkinson's disease" for the words "parkinson disease")."""
    text = f" {' '.join(words)} "
    return max((c for c in CONDITIONS if f" {_plain(c)} " in text), key=len, default=None)


def _plain(text: str) -> str:
    """A phrase as clean_query's words read it: letters and digits, no single letters."""
    return " ".join(word for word in re.findall(r"\w+", text.lower()) if len(word) > 1)


# Everyday words readers bring beside the site's subjects: who is asking, when and how they
# take it, with what, what they worry about. The pages may not use them ("coffee",
# "seniors"), and none names a medicine: a search for one is not about a medicine (so no
# "If “coffee” is a medicine...": site_config/medicine_caution.py), and one is never
# "corrected" into a name the site uses ("nursing" is no misspelt "using":
# site_config/spelling.py). Words the pages use need not be here: the pages tell those.
# fmt: off
EVERYDAY_WORDS = frozenset({
    # Who is asking.
    "pregnant", "pregnancy", "breastfeeding", "breast", "feeding", "nursing", "lactation",
    "baby", "babies", "infant", "infants", "toddler", "toddlers", "kid", "kids", "child",
    "children", "teen", "teens", "teenager", "teenagers", "elderly", "senior", "seniors",
    "older", "adult", "adults", "woman", "women", "man", "men", "athlete", "athletes",
    "vegan", "vegetarian", "plant", "based", "age", "aged", "ages", "year", "years", "yr",
    "yrs", "old", "month", "months",
    # The kidneys.
    "kidney", "kidneys", "renal", "dialysis", "haemodialysis", "hemodialysis", "failure",
    "disease", "stones", "stage", "stages", "type", "egfr", "gfr",
    # When and how it is taken.
    "time", "times", "timing", "night", "nights", "nighttime", "morning", "mornings",
    "evening", "evenings", "bedtime", "bed", "day", "days", "daily", "week", "weeks", "long",
    "often", "empty", "stomach", "meal", "meals", "food", "foods", "take", "taking", "dose",
    "doses", "dosage", "amount", "start", "stop", "stopping", "every", "per", "fast",
    "absorb", "absorbed", "absorption", "dissolve", "elemental", "limit", "limits",
    # With what: drinks, exercise and foods.
    "coffee", "tea", "caffeine", "alcohol", "wine", "beer", "water", "milk", "juice", "diet",
    "exercise", "workout", "sport", "sports", "sweat", "running", "recovery", "weight",
    "loss", "nut", "nuts", "seed", "seeds", "almond", "cashew", "peanut", "spinach", "bean",
    "beans", "banana", "avocado", "chocolate", "fruit", "vegetables", "grains", "fish", "meat",
    # What it does and what it is like.
    "side", "effects", "benefits", "risks", "risk", "safe", "safety", "dangerous",
    "symptoms", "signs", "deficiency", "level", "levels", "test", "blood", "sugar", "colour",
    "color", "taste", "smell", "powder", "gummies", "gummy", "liquid", "drink", "spray",
    "bath", "cream", "soak", "soaking", "lotion", "chelate", "chelated", "cause", "causes",
    "work", "happen", "make", "makes", "problem", "relief", "high", "sleepy", "upset",
    "diarrhoea", "diarrhea", "overdose", "toxicity", "miss",
    # Where it is felt, and how: the words readers with nerve symptoms bring.
    "numb", "foot", "feet", "toe", "toes", "leg", "legs", "hand", "hands", "finger", "fingers",
    "arm", "arms", "pain", "painful", "ache", "aches", "sore", "burning", "tired", "skin",
    "eye", "eyes", "eyelid", "heart",
})
# fmt: on

# British and American spellings of words the site's pages use. Readers type either, and a
# page may use either (the site writes British English, but sources and labels quoted from
# the US say "diarrhea" and "sulfate"): a word finds its other spelling too. Plain words,
# not stems: PostgreSQL stems each one as it stems the pages.
# fmt: off
_BRITISH_AMERICAN = (
    ("anaemia", "anemia"), ("anaesthetic", "anesthetic"), ("apnoea", "apnea"),
    ("behaviour", "behavior"), ("centre", "center"), ("colour", "color"),
    ("diarrhoea", "diarrhea"), ("fibre", "fiber"), ("haemodialysis", "hemodialysis"),
    ("ischaemia", "ischemia"), ("litre", "liter"), ("litres", "liters"),
    ("oedema", "edema"), ("oesophagus", "esophagus"), ("oestrogen", "estrogen"),
    ("paediatric", "pediatric"), ("sulphate", "sulfate"), ("tumour", "tumor"),
)
# Blood-level words ("hypermagnesaemia", "hypokalemia"): the British "-aemia" is the American
# "-emia", whatever comes before it (`variants`).
_AEMIA, _EMIA = "aemia", "emia"
# fmt: on
# Digits up to which a number has no thousands separator: the pages write "1,000 mg", and a
# search for "1000 mg" (or "1,000 mg", read as 1000: site_config/search.py) finds it.
THOUSANDS = 3
# Everyday words readers type for what the pages call otherwise: "magnesium for kids" found
# nothing, as the pages say "children"; "pregnant" and "pregnancy" stem apart, so "magnesium
# while pregnant" missed the three pages that only say "pregnancy". Each word finds the
# others of its group. Only words close enough that a page holding one answers a reader who
# typed another, and whose stems find nothing else ("lactation" stems as "lactate" does, a
# form's name, so it is read as "breastfeeding" instead: PHRASES). "elderly" finds the phrase
# "older adults", not "older": an older study is no older reader.
# fmt: off
_SAME_MEANING = (
    ("kids", "children", "child"),
    ("pregnant", "pregnancy"),
    ("renal", "kidney"),
    ("pill", "pills", "tablet", "tablets"),
    ("arrhythmia", "heartbeat"),
    ("overdose", "toxicity"),
    ("insomnia", "sleep"),
    ("medication", "medicine"),
    ("dosage", "dose"),
    ("elderly", "seniors", "senior", "older adults"),
    ("breastfeeding", "nursing"),
    # The pages say "dialysis"; readers on it may name the kind.
    ("dialysis", "haemodialysis", "hemodialysis"),
    ("paediatric", "pediatric", "children"),
    ("anxious", "anxiety"),
    # A brand readers know better than the medicine's name, which the pages use.
    ("lyrica", "pregabalin"),
)
# fmt: on
# A word in more than one group ("paediatric") finds the others of each.
_OTHERS: dict[str, tuple[str, ...]] = {}
for _group in (*_BRITISH_AMERICAN, *_SAME_MEANING):
    for _word in _group:
        _OTHERS[_word] = tuple(
            dict.fromkeys((*_OTHERS.get(_word, ()), *(w for w in _group if w != _word)))
        )
# Words search reads in another spelling or as the pages' own word: known words, so a
# misspelling of one is put right (site_config/spelling.py).
VARIANT_WORDS = frozenset(_OTHERS)


def variants(word: str) -> tuple[str, ...]:
    """The word, its other spelling ("diarrhea" is also "diarrhoea", "hypomagnesemia"
    "hypomagnesaemia", "1000" "1,000", as the pages write amounts) and the words the pages
    may use for it instead ("kids": "children", "child")."""
    others = _OTHERS.get(word, ())
    if word.isdigit() and len(word) > THOUSANDS and not word.startswith("0"):
        others = (f"{int(word):,}",)
    elif not others and word.endswith(_AEMIA):
        others = (word.removesuffix(_AEMIA) + _EMIA,)
    elif not others and word.endswith(_EMIA):
        others = (word.removesuffix(_EMIA) + _AEMIA,)
    return (word, *others)


# Endings the SQLite fallback takes off a word before looking for it at the start of the
# pages' words, as PostgreSQL's stemming does: "migraines" finds "migraine", "neuropathies"
# "neuropathy", "twitching" "twitches". What is left keeps SHORTEST_START letters, so "kids"
# is not read as "kid", which starts "kidney".
_ENDINGS = (("ies", "y"), ("ing", ""), ("s", ""))
_NOT_PLURAL = ("ss", "us", "is")
SHORTEST_START = 4


def word_start(word: str) -> str:
    """The start of the word that the pages' words are matched on (see _ENDINGS)."""
    if " " in word or word.endswith(_NOT_PLURAL):
        return word
    for ending, instead in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_START:
            return word[: -len(ending)] + instead
    return word
