"""What site search covers: articles, forms of magnesium, topics, foods and medicines, each
as a `SearchKind` (site_config/search.py searches them), and how medicines are matched by
name, alias or kind rather than by their text."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, FloatField, Value, When
from django.urls import reverse

from articles.models import Article, Topic
from comparisons.models import Food, MagnesiumCompound
from interactions.lookup import named_outright, of_kind
from interactions.models import Medicine, normalise
from site_config.search import NAMED_RANK, SearchKind

MEDICINE_PREFIX_MIN = 3  # "cip" finds ciprofloxacin; "a" would find half the list


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
    NAMED_RANK, which puts its group first: its page is the answer to that search.
    """
    medicines = list(queryset.prefetch_related("aliases"))
    phrases = _phrases(words)
    keys = {key for key in map(normalise, words) if len(key) >= MEDICINE_PREFIX_MIN}
    named, found = set(), set()
    for medicine in medicines:
        names = [medicine.normalised_name, *(a.normalised for a in medicine.aliases.all())]
        if any(named_outright(phrase, medicine) for phrase in phrases):
            named.add(medicine.pk)
        elif any(name.startswith(key) for name in names for key in keys) or any(
            of_kind(key, medicine) for key in keys
        ):
            found.add(medicine.pk)
    return queryset.filter(pk__in=named | found).annotate(
        rank=Case(
            When(pk__in=named, then=Value(NAMED_RANK)),
            default=Value(1.0),
            output_field=FloatField(),
        )
    )


def _written_page(name: str, queryset, title: str) -> SearchKind:
    """A page with a title, a summary and a Markdown body: an article or a topic."""
    return SearchKind(
        name=name,
        queryset=queryset,
        weights={title: "A", "summary": "B", "body": "C"},
        title=title,
        text=lambda page: f"{page.summary} {page.body_html}",
    )


def site_kinds() -> list[SearchKind]:
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
            text=lambda form: (
                f"{form.summary} {form.dose_note} {form.side_effects} {form.body_html}"
            ),
        ),
        _written_page("Topics", Topic.objects.all, title="name"),
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
        ),
        SearchKind(
            name="Medicines and magnesium",
            queryset=Medicine.objects.public,
            weights={},
            title="name",
            text=lambda medicine: medicine.summary,
            match=medicines_named,
        ),
    ]
