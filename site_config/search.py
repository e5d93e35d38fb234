"""Site search over articles, topics, forms, the evidence on each outcome, foods and medicines.

On PostgreSQL, search matches and ranks on a stored `search_vector` column of each table
(articles/migrations/0008 and 0012, comparisons/migrations/0004, 0008 and 0009, evidence/
migrations/0002). It is a STORED generated column: PostgreSQL computes it on every INSERT and
UPDATE, so every write path keeps it right with no code of ours (save, update() as in
`rerender_in_place`, bulk_create in the synthetic data, import, loaddata in a backup restore).
The models don't declare it, so SQLite and migration state are unaffected;
`StoredSearchVector` names it in queries. A GIN index on it answers the match, and nothing
parses a body at search time. Alternatives rejected: a model field kept up to date by save()
and signals misses update() and bulk paths; an expression index still parses every body when a
word matches most rows, and ranking always did.

The vector weights the title (or name) A, the summary B and the body D, with their word
positions; an article's or topic's section headings also count at C (articles/migrations/0014).
A row ranks by each word (where it stands, title over summary over heading over body, and how
often it is there) and by how close together the words are (`matching`). Bodies were once
stored without positions, which made ranking cheaper (about 30 instead of 50 ms for a word in
each of 10,000 synthetic articles), but then every page matching only in its body tied, and
"magnesium pregnancy" listed the safety guide, the page that answers it, last of five.

SQLite has no full-text search here, so a fallback matches every word in any field, at the
start of a word of the text ("sleep" finds "sleeping", "bed" does not find "absorbed"), a
plural or -ing ending taken off first ("migraines" finds "migraine": `word_start`), and ranks
by `weights` and by how often the row holds each word; for plain words both find much the
same rows.

Readers often type a whole question ("is magnesium oil spray better than pills"). Words that
only ask (`QUESTION_WORDS`: "is", "than", "does"...) are left out, as PostgreSQL's English
configuration leaves them out of the vectors, and so are its other stop words (`STOP_WORDS`:
"too", "after", "not"...), on SQLite too; "too much" is read as "overdose". "magnesium" is
not asked for beside other words: every page of the site holds it but a food's row and a
medicine's name. When the other words together find nothing, search looks again for pages
holding any of them, those with the most first, and says so. A word spelt two ways
("diarrhoea", "diarrhea") finds both, and a few everyday words find the pages' word for the
same thing ("kids", "children"): site_config/search_words.py.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.models import Case, Expression, F, FloatField, Q, Value, When
from django.db.models.functions import Least, Length, Lower, Replace

from articles.pagination import page_pairs
from site_config.excerpts import excerpt_in_section, excerpt_words
from site_config.search_words import (
    CHILD_AGE,
    LEFT_OUT,
    PHRASES,
    SITE_WIDE_WORDS,
    variants,
    word_start,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_KIND = 20
# A row the query names outright is its answer, so it comes first in its group and its group
# first: a form at NAMED_RANK plus its text rank ("glycinate dose": the form's page gives the
# dose), a medicine at NAMED_MEDICINE_RANK, above it ("glycinate and gabapentin" asks for the
# medicine's rule). Both are above any text match's rank (`matching`: at most 2 on PostgreSQL;
# on SQLite about 1 a word, at most MAX_WORDS of them and "magnesium"). A form named but
# not holding the other words ranks NAMED_ALONE_RANK: first of its kind, not leading the page.
NAMED_RANK = 100.0
NAMED_MEDICINE_RANK = 2 * NAMED_RANK
NAMED_ALONE_RANK = NAMED_RANK / 2
# A row whose name holds only some of the words (the Sleep hub, for "anxiety and sleep") is
# listed too, last of its kind, after the rows holding every word.
NAMED_BY_A_WORD_RANK = -NAMED_RANK
CONFIG = "english"  # the text search configuration the stored vectors use
VECTOR_COLUMN = "search_vector"
WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# On SQLite, each time a row says a word adds PER_OCCURRENCE to its rank, up to MOST_COUNTED
# times: less than a step between weights, so it orders rows whose best field is the same
# (as PostgreSQL's ranking counts a body's words).
MOST_COUNTED = 10
PER_OCCURRENCE = 0.005


@dataclass(frozen=True)
class SearchKind:
    """One kind of thing the search covers: how to query it and how to show a hit."""

    name: str
    queryset: Callable[[], models.QuerySet]  # the rows a reader may see
    weights: dict[str, str]  # field -> weight "A" (title) .. "D"
    title: str  # attribute shown as the result's title
    text: Callable[[Any], str]  # the text (HTML or plain) an excerpt is cut from
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url()
    # Instead of full-text matching: how rows match the words, and their `rank`.
    match: Callable[[models.QuerySet, list[str]], models.QuerySet] | None = None
    # The rows a query names outright (a form by its name), as a filter: they rank NAMED_RANK
    # above the rest.
    named: Callable[[str], Q] | None = None
    # The rows whose name holds a word of the query, listed without the others.
    named_by_a_word: Callable[[str], Q] | None = None
    # Where rows are matched on some of the query's words only: (query, words) -> those words.
    words: Callable[[str, list[str]], list[str]] | None = None


@dataclass
class SearchResults:
    query: str = ""
    words: list[str] = field(default_factory=list)
    groups: list[tuple[str, list[dict]]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # Each page shows up to RESULTS_PER_KIND hits of every kind; `has_next` when any kind
    # has more. No COUNT: over thousands of matches it would cost more than the page.
    page: int = 1
    has_next: bool = False
    # No page held every word, so these hold some of them.
    some_words: bool = False

    @property
    def total(self) -> int:
        return sum(len(hits) for _name, hits in self.groups)

    def page_links(self, query: str) -> dict[str, str | None]:
        """Query strings of the previous and next pages of results (see articles.pagination)."""

        def link(number: int) -> str:
            return "?" + "&".join(part for part in (query, urlencode(page_pairs(number))) if part)

        return {
            "previous": link(self.page - 1) if self.page > 1 else None,
            "next": link(self.page + 1) if self.has_next else None,
        }


def clean_query(raw: str) -> tuple[str, list[str], list[str]]:
    """Normalise a reader's query: returns (query, words, notices)."""
    notices = []
    # Invisible format characters (a zero-width space, a right-to-left mark) pasted inside
    # a word would split it in two: "g\u200blycinate" is read as "glycinate".
    query = "".join(c for c in raw if c != "\x00" and unicodedata.category(c) != "Cf").strip()
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notices.append(
            f"Your search was long, so only its first {MAX_QUERY_LENGTH} characters were used."
        )
    # "500mg" as pages write it, "500 mg"; "magnésium" as they spell it, "magnesium".
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", query.lower()) if not unicodedata.combining(c)
    )
    text = re.sub(r"(\d)(mg|mcg|g)\b", r"\1 \2", plain)
    # "1,000 mg" is one number, 1000, which finds "1,000" too (`variants`).
    text = re.sub(r"\b\d{1,3}(?:,\d{3})+\b", lambda number: number[0].replace(",", ""), text)
    for phrase, word in PHRASES.items():
        text = re.sub(rf"\b{phrase}\b", word, text)
    text = CHILD_AGE.sub("children", text)
    # Words that only ask ("what is") and single letters or digits (the "1" of "' OR 1=1")
    # would each match nearly every page: a query of nothing else searches for nothing.
    words = [word for word in re.findall(r"\w+", text) if word not in LEFT_OUT and len(word) > 1]
    words = list(dict.fromkeys(words))
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        notices.append(f"Only the first {MAX_WORDS} words were used.")
    return query, words, notices


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


class StoredSearchVector(Expression):
    """The `search_vector` column the migrations add on PostgreSQL (not a model field)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name(VECTOR_COLUMN)}", []


def _any_of(words: list[str]) -> SearchQuery:
    """Any of the words, each in any of its `variants` (other spelling, same meaning)."""
    return reduce(
        operator.or_,
        (
            # "1,000" is two words to PostgreSQL's parser, "1" and "000": one after the other.
            SearchQuery(each, search_type="phrase" if "," in each else "plain", config=CONFIG)
            for word in words
            for each in variants(word)
        ),
    )


def _all_of(words: list[str]) -> SearchQuery:
    """Every word, each in any of its variants."""
    return reduce(operator.and_, (_any_of([word]) for word in words))


def _starts_a_word(word: str) -> str:
    """A regex for the word at the start of a word of the text, as PostgreSQL matches a
    query's stem: "sleep" finds "sleeping", but "bed" does not find "absorbed", nor "too"
    "took"."""
    return rf"\b{re.escape(word)}"


def _occurrences(field_name: str, word: str) -> Expression:
    """About how many times a text field holds the word at the start of a word: each time a
    space comes before it (case ignored as the regex ignores it)."""
    text = Lower(field_name)
    spaced = Value(f" {word}")
    return (Length(text) - Length(Replace(text, spaced, Value("")))) / (len(word) + 1)


def matching(
    kind: SearchKind,
    words: list[str],
    *,
    any_word: bool = False,
    also_rank_by: tuple[str, ...] = (),
    named: Q | None = None,
    named_by_a_word: Q | None = None,
) -> models.QuerySet:
    """The rows of a kind a reader may see that hold every word (or, with `any_word`, at
    least one), each with its `rank`; not yet ordered.

    `also_rank_by` are words a row need not hold that still lift its rank where it does
    ("magnesium" in a title, see `search`). Rows in `named` rank NAMED_RANK higher where they
    hold the words. They are found without them too ("citrate side effects": the citrate
    page tells its tolerance in other words), ranked NAMED_ALONE_RANK higher, and so are rows
    in `named_by_a_word`, ranked NAMED_BY_A_WORD_RANK (`holds_words` tells them apart). A
    kind with its own `match` matches its way."""
    if kind.match:
        return kind.match(kind.queryset(), words)
    rows, holds, rank = _text_matching(kind.queryset(), kind.weights, words, any_word, also_rank_by)
    listed = [(named, NAMED_ALONE_RANK), (named_by_a_word, NAMED_BY_A_WORD_RANK)]
    listed = [(rows_named, value) for rows_named, value in listed if rows_named is not None]
    if not listed:
        return rows.filter(holds).annotate(rank=rank)
    leads = [When(holds & named, then=Value(NAMED_RANK))] if named is not None else []
    rank += Case(
        *leads,
        When(holds, then=Value(0.0)),
        *(When(rows_named, then=Value(value)) for rows_named, value in listed),
        default=Value(0.0),
    )
    found = reduce(operator.or_, (rows_named for rows_named, _value in listed), holds)
    return rows.filter(found).annotate(rank=rank)


def holds_words(rank: float) -> bool:
    """Whether a row `matching` found holds the words, by its rank: all do but a named row
    found without them."""
    return not (NAMED_ALONE_RANK <= rank < NAMED_RANK or rank < 0)


def _text_matching(
    queryset: models.QuerySet,
    weights: dict[str, str],
    words: list[str],
    any_word: bool,
    also_rank_by: tuple[str, ...],
) -> tuple[models.QuerySet, Q, Expression]:
    """The rows to match in, the condition of holding the words, and the rank."""
    if _uses_postgres():
        query = _any_of(words) if any_word else _all_of(words)
        vector = StoredSearchVector()
        ranked_words = [*words, *also_rank_by]
        # Each word by where it is (title over summary over body) and how often, and all of
        # them by how close together: PostgreSQL ranks a query of all the words by
        # closeness alone, so a word in the title and another in the body ranked 0.
        rank = SearchRank(vector, _any_of(ranked_words))
        if len(ranked_words) > 1:
            rank += SearchRank(
                vector, SearchQuery(" ".join(ranked_words), search_type="plain", config=CONFIG)
            )
        return queryset.alias(document=vector), Q(document=query), rank
    # Fallback: each word must appear in some field (or one of them must); score by the
    # best field per word, then by how often the row says it.
    score = Value(0.0, output_field=FloatField())
    holds_all = Q()
    holds_any = Q(pk__in=[])
    for word in [*words, *also_rank_by]:
        any_field = Q()
        best = []
        times = Value(0)
        for field_name, weight in weights.items():
            condition = Q()
            for each in map(word_start, variants(word)):
                condition |= Q(**{f"{field_name}__iregex": _starts_a_word(each)})
                times += _occurrences(field_name, each)
            any_field |= condition
            best.append(When(condition, then=Value(WEIGHT_VALUES[weight])))
        if word in words:  # the others rank, never filter
            holds_all &= any_field
            holds_any |= any_field
        score = score + Case(*best, default=Value(0.0), output_field=FloatField())
        score += Least(times, Value(MOST_COUNTED)) * Value(PER_OCCURRENCE)
    return queryset, holds_any if any_word else holds_all, score


def search(raw_query: str, kinds: list[SearchKind], page: int = 1) -> SearchResults:
    query, words, notices = clean_query(raw_query)
    results = SearchResults(query=query, words=words, notices=notices, page=page)
    if not words:
        return results
    # "how much magnesium in almonds": every page but a food's row says "magnesium", so
    # asking for it too would find the articles and lose the almonds.
    telling = [word for word in words if word not in SITE_WIDE_WORDS]
    required = telling or words
    # Medicines match any one word already (`medicines_named`); the other kinds, every word.
    left_out = tuple(word for word in words if word not in required)
    found = {
        kind.name: _hits(kind, words, page)
        if kind.match
        else _hits(
            kind,
            _words_for(kind, query, required),
            page,
            also_rank_by=left_out,
            named=kind.named(query) if kind.named else None,
            named_by_a_word=kind.named_by_a_word(query) if kind.named_by_a_word else None,
        )
        for kind in kinds
    }
    text_kinds = [kind for kind in kinds if not kind.match]
    ranks = (hit["rank"] for kind in text_kinds for hit in found[kind.name][0])
    if len(telling) > 1 and not any(holds_words(rank) for rank in ranks):
        # No page holds every word, so no page is plainly about the form a word names
        # ("does magnesium oil spray work": "oil" names magnesium chloride): none leads.
        found |= {
            kind.name: _hits(kind, _words_for(kind, query, telling), page, any_word=True)
            for kind in text_kinds
        }
        results.some_words = any(found[kind.name][0] for kind in text_kinds)
    for kind in kinds:
        hits, more = found[kind.name]
        if hits:
            results.groups.append((kind.name, hits))
        results.has_next |= more
    # "levothyroxine and magnesium", "glycinate dose": the page the query names comes before
    # the articles that mention it, a medicine's before a form's (a stable sort keeps the
    # other groups in their order).
    results.groups.sort(key=_named_first)
    return results


def _words_for(kind: SearchKind, query: str, words: list[str]) -> list[str]:
    """The words a kind's rows are matched on: all of them, or those its `words` keeps
    (a food is never found by the word a query names a form with: "magnesium oil")."""
    return kind.words(query, words) if kind.words else words


def _named_first(group: tuple[str, list[dict]]) -> float:
    """A group led by a row the query names outright comes first, the highest ranked of
    them first; the others keep their order."""
    top = group[1][0]["rank"]
    return -top if top >= NAMED_RANK else 0.0


def _hits(
    kind: SearchKind,
    words: list[str],
    page: int,
    *,
    any_word: bool = False,
    also_rank_by: tuple[str, ...] = (),
    **named: Q | None,
) -> tuple[list[dict], bool]:
    """One page of a kind's hits, best first, and whether it has more."""
    if not words:  # every word was left to other kinds
        return [], False
    start = (page - 1) * RESULTS_PER_KIND
    rows = matching(kind, words, any_word=any_word, also_rank_by=also_rank_by, **named)
    # One row more than a page shows, to tell whether there is a next page.
    ranked = list(rows.order_by(F("rank").desc(), kind.title)[start : start + RESULTS_PER_KIND + 1])
    hits = [_hit(kind, obj, words) for obj in ranked[:RESULTS_PER_KIND]]
    return hits, len(ranked) > RESULTS_PER_KIND


def _hit(kind: SearchKind, obj: Any, words: list[str]) -> dict:
    """A row as a result. Its link opens a long page at the section its excerpt is from,
    where the excerpt is under a heading with an id ("kidney disease stage 3": the safety
    guide's section on kidney disease); the page's top otherwise, and where its title shows
    every word, as the whole page is about them ("glycinate")."""
    title = getattr(obj, kind.title)
    shown = excerpt_in_section(kind.text(obj), excerpt_words(words, title))
    url = kind.url(obj)
    if shown.section and "#" not in url and any(word not in title.lower() for word in words):
        url = f"{url}#{quote(shown.section)}"
    return {"title": title, "url": url, "excerpt": shown.text, "rank": obj.rank}
