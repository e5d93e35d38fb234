"""Finding medicines by what readers type: any alias, case, accents and spacing ignored.

`find(values, medicines)` matches the GET `medicine` values against medicines already loaded
with their aliases (`Medicine.objects.public().for_pages()`), so a page asking for ten names
runs no more queries than one asking for one. Bad values (blank, too long, control
characters, too many) become notices, never errors.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from interactions.models import Medicine, normalise

MAX_VALUES = 10
MAX_LENGTH = 100
CLOSE_MATCHES = 3
KIND_WORD_MIN = 3  # "hiv" names a kind; "an" would name half the list
MAX_EDITS = 2  # letters wrong, missing or extra in a misspelt name
LONG_NAME = 9  # letters: a name this long, typed with its first and last letters right, may
# be a letter further off ("ciproflaxin")
_ASIDE = re.compile(r"\(.*?\)")
_ASIDE_WORDS = re.compile(r"\((.*?)\)")
# A strength after a name ("Cipro 500", "nexium 40mg", "levothyroxine 50 mcg tablets"),
# once `normalise` has made its punctuation spaces.
_DOSE = re.compile(r"(?:\s\d\w*)+(?:\s(?:mg|mcg|g|ml|iu|units?|tablets?|capsules?))*$")
# Readers say "pill" where the labels say "tablet" ("water pills").
_EVERYDAY = {"pill": "tablet", "pills": "tablets"}
# Words a box prints after the medicine's name: the salt ("levothyroxine sodium",
# "doxycycline hyclate") and the kind of tablet, powder or liquid ("Calcium Resonium powder",
# "Kayexalate powder for oral suspension"). Not "injection": magnesium in the gut does not
# meet a medicine given into a vein, so no rule here is its. Not "magnesium": "zinc magnesium"
# is a supplement of both, not a zinc salt (the PPIs sold as magnesium salts are aliases).
_ON_THE_BOX = re.compile(
    r"(?:\s(?:sodium|potassium|hyclate|monohydrate|hydrochloride|hcl|trihydrate"
    r"|tablets?|tabs?|capsules?|caps|film coated|coated|gastro resistant|oral|usp|bp"
    r"|chewable|dispersible|effervescent|soluble|powder|granules|sachets?|for"
    r"|suspension|solution|liquid|syrup"
    r"|(?:gastro resistant|delayed|extended|modified|prolonged) release|ec|dr|er|xr|sr))+$"
)

# Between the names of a list typed in one box ("Synthroid, gabapentin", "cipro and
# omeprazole"). Not a comma before a number ("0,1 mg"), nor a slash, which stands in
# strengths ("5/50 mg", "500 mg/5 ml") and in the names of combined products.
_LIST = re.compile(r"\s*(?:;|,(?!\s*\d)|[+&]|\band\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    name: str
    medicine: Medicine


@dataclass
class Search:
    found: list[tuple[str, Medicine]] = field(default_factory=list)
    unknown: list[tuple[str, list[Suggestion]]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # The names in `unknown` that name a kind of several medicines ("antibiotics"): their
    # suggestions are the medicines of that kind, for the reader to choose theirs.
    kinds: set[str] = field(default_factory=set)

    @property
    def medicines(self) -> list[Medicine]:
        return [medicine for _query, medicine in self.found]


def names_of(medicines: list[Medicine]) -> dict[str, tuple[str, Medicine]]:
    """Every normalised name and alias -> (the name as written, its medicine)."""
    names: dict[str, tuple[str, Medicine]] = {}
    for medicine in medicines:
        names.setdefault(medicine.normalised_name, (medicine.name, medicine))
        for alias in medicine.aliases.all():
            names.setdefault(alias.normalised, (alias.name, medicine))
    return names


def keys_for(typed: str) -> list[str]:
    """The keys a name a reader typed is looked up by, in order: as typed (normalised), then
    without a strength after it, then with everyday words read as the labels' ("pill"),
    then without the words a box adds after the name ("levothyroxine sodium tablets")."""
    key = normalise(typed)
    plain = _DOSE.sub("", key)
    labels = " ".join(_EVERYDAY.get(word, word) for word in plain.split())
    bare = labels
    # "20 mg gastro-resistant capsules": the strength can stand before those words or after.
    while (shorter := _DOSE.sub("", _ON_THE_BOX.sub("", bare))) != bare:
        bare = shorter
    return list(dict.fromkeys(each for each in (key, plain, labels, bare) if each))


def look_up(typed: str, names: dict[str, tuple[str, Medicine]]) -> tuple[str, Medicine] | None:
    """The (name, medicine) a reader's name stands for in `names_of`, if any."""
    return next((names[key] for key in keys_for(typed) if key in names), None)


def _names_something(typed: str, names, medicines: list[Medicine]) -> bool:
    """Whether a name is on the list, or names a kind of medicine on it ("antibiotics")."""
    return look_up(typed, names) is not None or any(named_outright(typed, m) for m in medicines)


def _list_parts(typed: str) -> list[str]:
    return [part for part in _LIST.split(typed) if part.strip()]


def names_in(typed: str, names, medicines: list[Medicine]) -> list[str]:
    """The names a reader typed in one box: the box as a whole, or, where that is no name
    on the list but part of it is, each name of the list it holds ("Synthroid, gabapentin"
    is two medicines, each with its rule, not one name not on the list)."""
    if _names_something(typed, names, medicines):
        return [typed]
    parts = _list_parts(typed)
    if len(parts) > 1 and any(_names_something(part, names, medicines) for part in parts):
        return parts
    return [typed]


def typed_names(values: list[str], names, medicines: list[Medicine]) -> list[str]:
    """The names typed in these boxes, in order: each box's value, or each name of a list
    typed in it (`names_in`); a value `find` refuses (too long, control characters) whole,
    for its notice. Read only until there are more than MAX_VALUES, which are not shown."""
    typed: list[str] = []
    for value in values:
        value = value.strip()  # a line break or tab pasted around a name is not part of it
        typed += [value] if problem(value) else names_in(value, names, medicines)
        if len(typed) > MAX_VALUES:
            break
    return typed


def replaced_in(typed: str, key: str, new: str) -> str:
    """A box's value with the name whose `normalise`d form is `key` replaced by `new`, or
    taken out (`new` empty): the whole value, or that name of a list typed in it, the list's
    other names kept."""
    if normalise(typed) == key:
        return new
    parts = _list_parts(typed)
    if key not in {normalise(part) for part in parts}:
        return typed
    return ", ".join(each for part in parts if (each := new if normalise(part) == key else part))


def _singular(key: str) -> str:
    """'antibiotics' and 'antibiotic', 'diuretics' and 'diuretic', compared as one word."""
    return key[:-1] if len(key) > KIND_WORD_MIN and key.endswith("s") else key


def kind_of(medicine: Medicine) -> str:
    """A medicine's class as a reader would name it: 'Diuretic (water tablet)' reads
    'diuretic'."""
    return normalise(_ASIDE.sub(" ", medicine.drug_class))


def named_outright(phrase: str, medicine: Medicine) -> bool:
    """The phrase is the medicine's name, one of its aliases or its kind, a plural read as
    its singular ("antibiotics" names both antibiotic classes, "diuretic" all three
    diuretics), or the everyday words in brackets after its kind ("water tablets" for a
    "Diuretic (water tablet)", "osteoporosis" for a "Bone medicine (osteoporosis)")."""
    keys = {_singular(key) for key in keys_for(phrase)}
    names = [medicine.normalised_name, kind_of(medicine)]
    names += [normalise(aside) for aside in _ASIDE_WORDS.findall(medicine.drug_class)]
    names += [alias.normalised for alias in medicine.aliases.all()]
    return any(_singular(name) in keys for name in names)


def of_kind(word: str, medicine: Medicine) -> bool:
    """A reader's word starts the first word of the medicine's kind or a word of its
    name: readers who do not know the medicine's name know what it is for ("thyroid" for
    levothyroxine, a "thyroid hormone"; "hiv"; "antibiotic" for "quinolone antibiotics")."""
    key = _singular(normalise(word))
    if len(key) < KIND_WORD_MIN:
        return False
    # Not the words of a qualifier in brackets: "high" or "doses" does not ask about "Zinc
    # (high doses)".
    plain_name = normalise(_ASIDE.sub(" ", medicine.name))
    words = plain_name.split() + kind_of(medicine).split()[:1]
    return any(part.startswith(key) for part in words)


def edits_between(a: str, b: str) -> int:
    """How many letters must change, go or be added to turn one name into the other."""
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            )
        previous = current
    return previous[-1]


def misspelt_as(key: str, name: str) -> bool:
    """The reader may have meant this name: it is at most MAX_EDITS letters away (one more
    for a long name whose start and ending are right), or it starts with what they typed.
    Not merely alike: "moxifloxacin" is another medicine than "ofloxacin", with a rule of its
    own, and must not be offered ofloxacin's."""
    if len(key) >= KIND_WORD_MIN + 1 and name.startswith(key):
        return True
    # A misspelling keeps the first letter: "norfloxacin" is another antibiotic than
    # "ofloxacin", two letters apart. The cost: a first letter misheard ("siprofloxacin")
    # gets no suggestion, only "ask your pharmacist", which is the safer miss.
    if key[:1] != name[:1]:
        return False
    edits = edits_between(key, name)
    if edits <= MAX_EDITS:
        return True
    # One edit more only where the name's start and ending are right: "penicillin" ends
    # otherwise than "penicillamine", and "moxifloxacin" starts otherwise than "ofloxacin".
    return (
        edits == MAX_EDITS + 1
        and min(len(key), len(name)) >= LONG_NAME
        and key[:4] == name[:4]
        and key[-2:] == name[-2:]
    )


def suggestions_for(key: str, medicines: Iterable[Medicine]) -> list[Suggestion]:
    """Up to CLOSE_MATCHES medicines a name not on the list may mean, one name each: first
    those of the kind it names, then the names it may be a misspelling of, closest first."""
    medicines = list(medicines)
    of_it = [m for m in medicines if of_kind(key, m) or named_outright(key, m)]
    chosen = [Suggestion(m.name, m) for m in of_it][:CLOSE_MATCHES]
    names = names_of(medicines)
    close = difflib.get_close_matches(key, list(names), n=len(names) or 1, cutoff=0.6)
    for name in (name for name in close if misspelt_as(key, name)):
        if len(chosen) == CLOSE_MATCHES:
            break
        if all(s.medicine != names[name][1] for s in chosen):
            chosen.append(Suggestion(*names[name]))
    return chosen


def problem(value: str) -> str | None:
    if len(value) > MAX_LENGTH:
        return f"A name longer than {MAX_LENGTH} characters was ignored."
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        return "A name with control characters was ignored."
    return None


def find(values: list[str], medicines: list[Medicine]) -> Search:
    search = Search()
    names = names_of(medicines)
    # A list typed in one box is looked up name by name.
    values = typed_names(values, names, medicines)
    if len(values) > MAX_VALUES:
        search.notices.append(
            f"You asked for more than {MAX_VALUES} medicines; only the first {MAX_VALUES} "
            "are shown."
        )
    seen: set[str] = set()
    for value in values[:MAX_VALUES]:  # stripped by `typed_names`
        if said := problem(value):
            search.notices.append(said)
            continue
        if not value:
            continue  # a blank box
        key = normalise(value)
        shown = " ".join(value.split())
        # A name of symbols alone ("🧲", "%", "\ufffd" for bytes that were not UTF-8) keeps
        # nothing to match, and is a name not on the list all the same, never skipped unsaid.
        if (key or shown) in seen:
            continue
        seen.add(key or shown)
        if named := look_up(value, names):
            of_it = [named[1]]
        else:
            # "antibiotics", "water pills": the medicines of that kind; the reader chooses
            # theirs where there are several.
            of_it = [medicine for medicine in medicines if named_outright(value, medicine)]
        if len(of_it) == 1:
            if of_it[0] not in search.medicines:
                search.found.append((shown, of_it[0]))
        elif of_it:
            search.unknown.append((shown, [Suggestion(m.name, m) for m in of_it]))
            search.kinds.add(shown)
        else:
            keys = keys_for(value)
            search.unknown.append((shown, suggestions_for(keys[-1] if keys else key, medicines)))
    return search
