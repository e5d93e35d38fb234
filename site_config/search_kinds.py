"""What site search covers: articles, forms of magnesium, topics, the evidence on each outcome,
foods and medicines, each as a `SearchKind` (site_config/search.py searches them); how medicines are
matched by name, alias or kind rather than by their text; and which forms a query names outright."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, FloatField, Q, Value, When
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Topic
from comparisons.models import Food, MagnesiumCompound
from evidence.models import Outcome
from interactions.lookup import named_outright, of_kind
from interactions.models import Medicine, normalise
from site_config.search import NAMED_MEDICINE_RANK, SearchKind, clean_query
from site_config.search_words import SITE_WIDE_WORDS, variants, word_start

MEDICINE_PREFIX_MIN = 3  # "cip" finds ciprofloxacin; "a" would find half the list
MEDICINE_NAME_START = 5  # "levothyroxin" leads with levothyroxine; "iron" may start others


def _phrases(words: list[str], longest: int = 3) -> list[str]:
    """The query's words and runs of up to `longest` of them ("proton pump inhibitors")."""
    return [
        " ".join(words[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(words) - size + 1)
    ]


def medicines_named(queryset: models.QuerySet, words: list[str]) -> models.QuerySet:
    """Medicines whose name or any alias (generic or brand) starts with one of the words,
    case and accents ignored, or that a word names by its kind (`interactions.lookup`):
    readers type "cipro", "neurontin", "antibiotics" or "thyroid", and one word is enough.

    A medicine the query names outright (its name, an alias or its kind, whole) ranks
    NAMED_MEDICINE_RANK, which puts its group first: its page is the answer to that search.
    So does the only medicine whose name starts with a word of MEDICINE_NAME_START letters
    or more ("levothyroxin", typed without its last letter); not one found by its kind
    ("nerve" finds gabapentin, a nerve pain medicine, but asks about nerves).
    """
    medicines = list(queryset.prefetch_related("aliases"))
    phrases = _phrases(words)
    keys = {key for key in map(normalise, words) if len(key) >= MEDICINE_PREFIX_MIN}
    named, found, started = set(), set(), set()
    for medicine in medicines:
        names = [medicine.normalised_name, *(a.normalised for a in medicine.aliases.all())]
        if any(named_outright(phrase, medicine) for phrase in phrases):
            named.add(medicine.pk)
        elif starting := {key for key in keys for name in names if name.startswith(key)}:
            found.add(medicine.pk)
            if max(map(len, starting)) >= MEDICINE_NAME_START:
                started.add(medicine.pk)
        elif any(of_kind(key, medicine) for key in keys):
            found.add(medicine.pk)
    if not named and len(found) == 1 and found == started:
        named, found = found, set()
    return queryset.filter(pk__in=named | found).annotate(
        rank=Case(
            When(pk__in=named, then=Value(NAMED_MEDICINE_RANK)),
            default=Value(1.0),
            output_field=FloatField(),
        )
    )


@dataclass(frozen=True)
class NamedForm:
    """A published form a query names outright, the names it uses for it, and where in the
    query it first names it."""

    pk: int
    slug: str
    name: str
    names_used: tuple[str, ...]
    position: int = 0


def words_and_numbers(text: str) -> list[str]:
    """Lower-case words (hyphens kept: "l-threonate") and numbers ("1,000", "62.5", "3:2";
    "500mg" is a number and a word)."""
    return re.findall(r"\d+(?:[.,:]\d+)*|[\w-]+", text.lower())


def _plain_words(text: str) -> str:
    return " ".join(words_and_numbers(text))


def form_names(name: str, other_names: str) -> list[str]:
    """What readers call a form: its name and other names (one a line) as plain words,
    without the word "magnesium" and notes in brackets after a space ("Magnesium sulfate
    (Epsom salt)" is "sulfate", "magnesium oil (topical)" is "oil", "Mg(OH)2" stays);
    names shorter than 3 letters are left out."""
    names = []
    for each in [name, *other_names.splitlines()]:
        plain = _plain_words(re.sub(r"\s\(.*?\)|\bmagnesium\b", " ", each.lower()))
        if len(plain) >= 3:
            names.append(plain)
    return names


def forms_named(query: str) -> list[NamedForm]:
    """The published forms a query names outright, in the order it names them: "glycinate
    dose" names magnesium glycinate, "epsom salt bath" magnesium sulfate. Plain string tests:
    a regular expression for each name took 15 ms a search over the 500 forms of the
    synthetic data."""
    words = f" {_plain_words(query)} "
    found = []
    rows = MagnesiumCompound.objects.published().values_list("pk", "slug", "name", "other_names")
    for pk, slug, name, other_names in rows:
        used = tuple(each for each in form_names(name, other_names) if f" {each} " in words)
        if used:
            position = min(words.index(f" {each} ") for each in used)
            found.append(NamedForm(pk, slug, name, used, position))
    # "milk of magnesia" names magnesium hydroxide, not also the oxide ("magnesia").
    every = {each for form in found for each in form.names_used}
    return sorted(
        (
            form
            for form in found
            if any(
                not any(f" {each} " in f" {longer} " for longer in every - {each})
                for each in form.names_used
            )
        ),
        key=lambda form: form.position,
    )


def words_naming_no_form(query: str, words: list[str]) -> list[str]:
    """The words but those the query names a form with: "magnesium oil" names the oil
    (magnesium chloride), "milk of magnesia" magnesium hydroxide. A food is never a form,
    so a food holding "oil" or "milk" answers nothing a reader asking so wanted to know;
    "oil roasted peanuts" still finds the peanuts by their other words."""
    named = forms_named(query)
    naming = {
        word for form in named for name in form.names_used for word in re.findall(r"\w+", name)
    }
    return [word for word in words if word not in naming]


def _form_text(form: MagnesiumCompound) -> str:
    """What a form's excerpt is cut from: its plain fields, each said for what it is, so
    "citrate side effects" shows "Side effects: Loose stools...", then its body. Its dose
    leads with the figure its page gives ("Typical dose: 200-350 mg of elemental magnesium a
    day"), then the note: a note may quote other sources' wider ranges."""
    heading = form.dose_heading
    if "dose" not in heading.lower():  # "Dose (maker's suggested amount)": found by "dose"
        heading = f"Dose ({heading[:1].lower()}{heading[1:]})"
    labelled = [
        ("", escape(form.summary)),
        (f"{escape(heading)}: ", form.dose_html),
        ("", escape(form.dose_note)),
        ("Side effects: ", escape(form.side_effects)),
    ]
    plain = "".join(f"<p>{label}{text}</p>" for label, text in labelled if text)
    return plain + form.body_html


def _written_page(name: str, queryset, title: str, **named) -> SearchKind:
    """A page with a title, a summary and a Markdown body: an article or a topic."""
    return SearchKind(
        name=name,
        queryset=queryset,
        weights={title: "A", "summary": "B", "body": "C"},
        title=title,
        text=lambda page: f"{page.summary} {page.body_html}",
        **named,
    )


MEDICINES = "Medicines and magnesium"  # the medicines' group of results


def topics_named(query: str) -> Q:
    """The topics whose name holds every word of the query but "magnesium" ("cramps" names
    Muscle cramps, "magnesium for sleep" Sleep): the hub that gathers the pages on it leads
    the results. A word may end otherwise than the name's ("migraines": `word_start`), or be
    the pages' word for it ("insomnia" names Sleep: `variants`)."""
    return _names_holding(Topic.objects.values_list("pk", "name"), query, all)


def named_by_a_word(rows: models.QuerySet) -> Callable[[str], Q]:
    """The rows (a topic, an outcome) whose name holds a word of the query, as `topics_named`
    reads a name: "is magnesium good for anxiety and sleep" lists the Sleep hub and the
    evidence on sleep, which hold only some of the words."""
    return lambda query: _names_holding(rows.all(), query, any)


def _names_holding(rows: models.QuerySet, query: str, how: Callable) -> Q:
    """The rows (pk, then names) whose names hold `how` (all, any) of the query's words."""
    words = [word for word in clean_query(query)[1] if word not in SITE_WIDE_WORDS]
    if not words:
        return Q(pk__in=[])
    named = []
    for pk, *names in rows:
        name_words = re.findall(r"\w+", " ".join(names).lower())
        starts = {word_start(word) for word in name_words}
        if how(
            any(word_start(each) in starts or each in name_words for each in variants(word))
            for word in words
        ):
            named.append(pk)
    return Q(pk__in=named)


def site_kinds() -> list[SearchKind]:
    outcome_names = Outcome.objects.values_list("pk", "name", "short_name")
    return [
        _written_page("Articles", Article.objects.published, title="title"),
        SearchKind(
            name="Forms of magnesium",
            queryset=MagnesiumCompound.objects.published,
            # The dose note and side effects as on PostgreSQL (comparisons/migrations/0008).
            weights={
                "name": "A",
                "other_names": "A",
                "summary": "B",
                "body": "C",
                "dose_note": "D",
                "side_effects": "D",
            },
            title="name",
            text=_form_text,
            # "glycinate dose": the form's page holds the dose, with its sources.
            named=lambda query: Q(pk__in=[form.pk for form in forms_named(query)]),
        ),
        _written_page(
            "Topics",
            Topic.objects.all,
            title="name",
            named=topics_named,
            named_by_a_word=named_by_a_word(Topic.objects.values_list("pk", "name")),
        ),
        # An outcome's page grades the evidence of every form for it (evidence/migrations/0002).
        SearchKind(
            name="Evidence graded by outcome",
            queryset=Outcome.objects.all,
            weights={"name": "A", "short_name": "A", "description": "B"},
            title="name",
            text=lambda outcome: escape(outcome.description),
            named_by_a_word=named_by_a_word(outcome_names),
        ),
        SearchKind(
            name="Foods",
            queryset=Food.objects.all,
            weights={"name": "A", "serving": "C"},
            title="name",
            text=lambda food: (
                f"{food.serving}: {food.mg} mg of magnesium, "
                f"{food.percent_daily_value}% of the Daily Value"
            ),
            # At the group's chips and table (as the chips link), not the page's top: on
            # a phone the table starts a screen and more below it.
            url=lambda food: f"{reverse('comparisons:food_list')}?group={food.group}#foods-filter",
            words=words_naming_no_form,
        ),
        SearchKind(
            name=MEDICINES,
            queryset=Medicine.objects.public,
            weights={},
            title="name",
            text=lambda medicine: medicine.summary,
            match=medicines_named,
        ),
    ]
