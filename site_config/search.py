"""Site search over articles, topics, forms and foods.

On PostgreSQL each kind is ranked with full-text search, weighting title over summary over
body, and backed by a GIN index on the same expression (see the articles migrations). SQLite
has no full-text search here, so a fallback matches every word in any field and ranks by the
same weights; for plain words both give the same results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.urls import reverse
from django.utils.html import strip_tags

from articles.models import Article, Topic
from articles.pagination import page_pairs
from comparisons.models import Food, MagnesiumCompound

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_KIND = 20
CONFIG = "english"
WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


@dataclass(frozen=True)
class SearchKind:
    """One kind of thing the search covers: how to query it and how to show a hit."""

    name: str
    queryset: Callable[[], models.QuerySet]  # the rows a reader may see
    weights: dict[str, str]  # field -> weight "A" (title) .. "D"
    title: str  # attribute shown as the result's title
    text: Callable[[Any], str]  # the text (HTML or plain) an excerpt is cut from
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url()


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
    query = raw.replace("\x00", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notices.append(
            f"Your search was long, so only its first {MAX_QUERY_LENGTH} characters were used."
        )
    words = re.findall(r"\w+", query.lower())
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        notices.append(f"Only the first {MAX_WORDS} words were used.")
    return query, words, notices


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_vector(weights: dict[str, str]) -> SearchVector:
    """The weighted vector; migrations index exactly this expression."""
    vector = None
    for field_name, weight in weights.items():
        part = SearchVector(field_name, weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    return vector


def _ranked(queryset: models.QuerySet, weights: dict[str, str], words: list[str]):
    if _uses_postgres():
        query = SearchQuery(" ".join(words), search_type="plain", config=CONFIG)
        # Match on the whole indexed vector (the GIN index answers it), but rank by the
        # short title and summary fields only: ranking by the body parses every matching
        # body again on each search, seconds for a common word over 10,000 articles
        # (scripts/search_timing.py). Body-only matches rank below, ordered by title.
        ranked_by = {name: weight for name, weight in weights.items() if weight in "AB"}
        return (
            queryset.alias(document=search_vector(weights))
            .filter(document=query)
            .annotate(rank=SearchRank(search_vector(ranked_by or weights), query))
        )
    # Fallback: every word must appear in some field; score by the best field per word.
    score = Value(0.0, output_field=FloatField())
    for word in words:
        any_field = Q()
        best = []
        for field_name, weight in weights.items():
            condition = Q(**{f"{field_name}__icontains": word})
            any_field |= condition
            best.append(When(condition, then=Value(WEIGHT_VALUES[weight])))
        queryset = queryset.filter(any_field)
        score = score + Case(*best, default=Value(0.0), output_field=FloatField())
    return queryset.annotate(rank=score)


def excerpt(text: str, words: list[str], width: int = 220) -> str:
    """A plain-text window around the first matching word."""
    plain = re.sub(r"\s+", " ", strip_tags(text or "")).strip()
    lowered = plain.lower()
    positions = [lowered.find(word) for word in words if lowered.find(word) >= 0]
    if not positions:
        return plain[:width] + ("…" if len(plain) > width else "")
    start = max(0, min(positions) - width // 3)
    snippet = plain[start : start + width]
    return ("…" if start else "") + snippet + ("…" if start + width < len(plain) else "")


def search(raw_query: str, kinds: list[SearchKind], page: int = 1) -> SearchResults:
    query, words, notices = clean_query(raw_query)
    results = SearchResults(query=query, words=words, notices=notices, page=page)
    if not words:
        return results
    start = (page - 1) * RESULTS_PER_KIND
    for kind in kinds:
        # One row more than a page shows, to tell whether there is a next page.
        ranked = list(
            _ranked(kind.queryset(), kind.weights, words).order_by(F("rank").desc(), kind.title)[
                start : start + RESULTS_PER_KIND + 1
            ]
        )
        if len(ranked) > RESULTS_PER_KIND:
            results.has_next = True
            ranked = ranked[:RESULTS_PER_KIND]
        hits = [
            {
                "title": getattr(obj, kind.title),
                "url": kind.url(obj),
                "excerpt": excerpt(kind.text(obj), words),
                "rank": obj.rank,
            }
            for obj in ranked
        ]
        if hits:
            results.groups.append((kind.name, hits))
    return results


def site_kinds() -> list[SearchKind]:
    return [
        SearchKind(
            name="Articles",
            queryset=Article.objects.published,
            weights={"title": "A", "summary": "B", "body": "C"},
            title="title",
            text=lambda article: f"{article.summary} {article.body_html}",
        ),
        SearchKind(
            name="Forms of magnesium",
            queryset=MagnesiumCompound.objects.published,
            weights={"name": "A", "other_names": "A", "summary": "B", "body": "C"},
            title="name",
            text=lambda form: f"{form.summary} {form.body_html}",
        ),
        SearchKind(
            name="Topics",
            queryset=Topic.objects.all,
            weights={"name": "A", "summary": "B", "body": "C"},
            title="name",
            text=lambda topic: f"{topic.summary} {topic.body_html}",
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
            url=lambda food: f"{reverse('comparisons:food_list')}?group={food.group}",
        ),
    ]
