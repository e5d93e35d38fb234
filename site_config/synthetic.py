"""A large synthetic data set, for measuring the site at scale: never content.

Everything it writes is labelled: titles "Synthetic article 00042", "Synthetic form 0007",
summaries that say the page is generated, a topic "Synthetic data" on every article and form,
and the author "Synthetic data generator". It writes only into an empty database (see
`generate_synthetic_data`), with bulk inserts.

Bodies are real Markdown, rendered by the site's own renderer, but only once per body
template: each article's HTML is that rendering with its own number, words, link targets and
citation keys put in place of placeholders. (Rendering 10,000 bodies one by one, each
resolving its links in the database, takes minutes; this takes seconds.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from articles import rendering
from articles.models import Article, ContentLink, ContentVersion, Reference, Topic
from comparisons.models import (
    Bioavailability,
    Evidence,
    Food,
    FoodGroup,
    MagnesiumCompound,
    Route,
    Tolerance,
)

TOPIC_NAME, TOPIC_SLUG = "Synthetic data", "synthetic-data"
AUTHOR = "Synthetic data generator"
NOT_CONTENT = "Generated test data for measuring the site at scale; not content."
BATCH = 1000
# Words the bodies mention, so searches over the set find some articles, not all or none.
VOCABULARY = [
    "sleep",
    "cramps",
    "glycinate",
    "citrate",
    "oxide",
    "threonate",
    "malate",
    "taurate",
    "chloride",
    "sulfate",
    "kidney",
    "neuropathy",
    "burning",
    "feet",
    "migraine",
    "anxiety",
    "absorption",
    "dose",
    "calcium",
    "potassium",
    "vitamin",
    "muscle",
    "nerve",
    "myelin",
    "inflammation",
    "diet",
    "spinach",
    "almonds",
    "pumpkin",
    "seeds",
    "beans",
    "bioavailability",
    "tolerance",
    "laxative",
    "topical",
    "oral",
    "epsom",
    "soak",
    "deficiency",
    "serum",
    "diabetes",
]
VARIANTS = 4
_PLACEHOLDER = re.compile(
    r"synthetic-target-(\d+)|Synthetic target (\d+)|synthetic-citekey-(\d+)"
    r"|synthetic-form-target|Synthetic form target|SYNTHNUM|SYNTHWORD([ABC])"
)


@dataclass(frozen=True)
class Sizes:
    articles: int = 10_000
    forms: int = 500
    links_per_article: int = 5
    citations_per_article: int = 3
    references: int = 1_000
    topics: int = 20
    foods: int = 200


def database_has_content() -> bool:
    return any(
        model.objects.exists() for model in (Article, Topic, Reference, MagnesiumCompound, Food)
    )


def published_fields(model: type[models.Model], when: dt.datetime) -> dict:
    """Status and date that make a row public, for the models that have them (articles,
    and forms of magnesium once they are published like articles)."""
    names = {field.name for field in model._meta.get_fields()}
    fields = {}
    if "status" in names:
        fields["status"] = "published"
    if "published_at" in names:
        fields["published_at"] = when
    return fields


@contextmanager
def _placeholder_link_targets() -> Iterator[None]:
    """Let the renderer resolve the placeholder link targets without the database."""

    def articles(slugs: set[str]) -> dict[str, rendering.LinkTarget]:
        return {
            slug: rendering.LinkTarget(
                slug.replace("-", " ").capitalize(),
                reverse("articles:article_detail", kwargs={"slug": slug}),
            )
            for slug in slugs
        }

    def forms(slugs: set[str]) -> dict[str, rendering.LinkTarget]:
        return {
            slug: rendering.LinkTarget(
                "Synthetic form target", reverse("comparisons:form_detail", kwargs={"slug": slug})
            )
            for slug in slugs
        }

    saved = dict(rendering._link_kinds)  # the registry has no public "unregister"
    rendering.register_link_kind("article", articles)
    rendering.register_link_kind("form", forms)
    try:
        yield
    finally:
        rendering._link_kinds.clear()
        rendering._link_kinds.update(saved)


def article_template(variant: int, links: int, citations: int) -> str:
    cites = "; ".join(f"@synthetic-citekey-{n}" for n in range(1, citations + 1))
    link_list = "\n".join(f"- [[article:synthetic-target-{n}]]" for n in range(1, links + 1))
    openings = [
        "This page is synthetic article SYNTHNUM.",
        "Synthetic article SYNTHNUM exists only to fill a large test database.",
        "Generated page SYNTHNUM: a stand-in for an article, with no real claims.",
        "Test page SYNTHNUM, produced by a script to measure speed at scale.",
    ]
    return f"""{openings[variant % len(openings)]} It is not content and says nothing true.

## What it mentions

It names SYNTHWORDA, SYNTHWORDB and SYNTHWORDC, so that a search finds some synthetic
pages and not others [{cites}]. See also [[form:synthetic-form-target]].

## Linked synthetic pages

{link_list}
"""


@dataclass
class _Rendered:
    body: str
    html: str
    toc_html: str
    minutes: int


def _render_templates(sizes: Sizes) -> list[_Rendered]:
    rendered = []
    with _placeholder_link_targets():
        for variant in range(VARIANTS):
            body = article_template(variant, sizes.links_per_article, sizes.citations_per_article)
            result = rendering.render_markdown(body)
            rendered.append(_Rendered(body, result.html, result.toc_html, result.reading_minutes))
    return rendered


def _fill(text: str, number: int, words: list[str], targets: list[str], keys: list[str], form: str):
    def replace(match: re.Match) -> str:
        whole = match.group(0)
        if match.group(1):
            return targets[int(match.group(1)) - 1]
        if match.group(2):
            return "Synthetic article " + targets[int(match.group(2)) - 1].rsplit("-", 1)[1]
        if match.group(3):
            return keys[int(match.group(3)) - 1]
        if whole == "synthetic-form-target":
            return form
        if whole == "Synthetic form target":
            return "Synthetic form " + form.rsplit("-", 1)[1]
        if whole == "SYNTHNUM":
            return f"{number:05d}"
        return words["ABC".index(match.group(4))]

    return _PLACEHOLDER.sub(replace, text)


def article_slug(number: int) -> str:
    return f"synthetic-article-{number:05d}"


def form_slug(number: int) -> str:
    return f"synthetic-form-{number:04d}"


def _bulk(model: type[models.Model], rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def generate(sizes: Sizes) -> dict[str, int]:
    """Write the data set; returns how many rows of each kind were written."""
    now = timezone.now()
    sizes = Sizes(**{**sizes.__dict__, "articles": max(sizes.articles, 1)})
    with transaction.atomic():
        topics = _bulk(
            Topic,
            [Topic(name=TOPIC_NAME, slug=TOPIC_SLUG, summary=NOT_CONTENT)]
            + [
                Topic(
                    name=f"Synthetic topic {n:02d}",
                    slug=f"synthetic-topic-{n:02d}",
                    summary=NOT_CONTENT,
                )
                for n in range(1, sizes.topics + 1)
            ],
        )
        references = _bulk(
            Reference,
            [
                Reference(
                    key=f"synthetic-ref-{n:05d}",
                    title=f"Synthetic reference {n:05d}",
                    publisher="Not a real source",
                    year=2000 + n % 25,
                    kind=Reference.Kind.REVIEW,
                    note=NOT_CONTENT,
                )
                for n in range(1, max(sizes.references, 1) + 1)
            ],
        )
        forms = _bulk(MagnesiumCompound, [_form(n, now) for n in range(1, sizes.forms + 1)])
        _bulk(
            MagnesiumCompound.uses.through,
            [
                MagnesiumCompound.uses.through(magnesiumcompound=form, topic=topic)
                for n, form in enumerate(forms)
                for topic in _topics_for(n, topics)
            ],
        )
        _bulk(
            MagnesiumCompound.elemental_refs.through,
            [
                MagnesiumCompound.elemental_refs.through(
                    magnesiumcompound=form, reference=references[n % len(references)]
                )
                for n, form in enumerate(forms)
            ],
        )
        articles = _articles(sizes, now, references)
        _bulk(
            Article.topics.through,
            [
                Article.topics.through(article=article, topic=topic)
                for n, article in enumerate(articles)
                for topic in _topics_for(n, topics)
            ],
        )
        links = _links(sizes, articles)
        foods = _bulk(
            Food,
            [
                Food(
                    name=f"Synthetic food {n:04d}",
                    group=FoodGroup.values[n % len(FoodGroup.values)],
                    serving="100 g (not a real food)",
                    mg=1 + n % 300,
                )
                for n in range(1, sizes.foods + 1)
            ],
        )
        ContentVersion.bump()
    return {
        "articles": len(articles),
        "forms": len(forms),
        "topics": len(topics),
        "references": len(references),
        "links": links,
        "foods": len(foods),
    }


def _topics_for(n: int, topics: list[Topic]) -> list[Topic]:
    """ "Synthetic data" and one of the numbered synthetic topics, in turn."""
    others = topics[1:]
    return [topics[0], others[n % len(others)]] if others else [topics[0]]


def _form(n: int, now: dt.datetime) -> MagnesiumCompound:
    body = f"Synthetic form {n:04d} is generated test data, not a form of magnesium."
    return MagnesiumCompound(
        name=f"Synthetic form {n:04d}",
        slug=form_slug(n),
        route=Route.values[n % 7 == 0],
        summary=NOT_CONTENT,
        elemental_percent=Decimal(5 + n % 50),
        elemental_basis="Made up.",
        bioavailability=Bioavailability.values[n % len(Bioavailability.values)],
        evidence=Evidence.values[n % len(Evidence.values)],
        tolerance=Tolerance.values[n % len(Tolerance.values)],
        dose_low_mg=100 + n % 100,
        dose_high_mg=200 + n % 100,
        body=body,
        body_html=f"<p>{body}</p>",
        **published_fields(MagnesiumCompound, now - dt.timedelta(days=1)),
    )


def _articles(sizes: Sizes, now: dt.datetime, references: list[Reference]) -> list[Article]:
    templates = _render_templates(sizes)
    forms = max(sizes.forms, 1)
    rows = []
    for n in range(1, sizes.articles + 1):
        template = templates[n % VARIANTS]
        words = [VOCABULARY[(n * k) % len(VOCABULARY)] for k in (1, 7, 13)]
        targets = [
            article_slug(1 + (n + k) % sizes.articles)
            for k in range(1, sizes.links_per_article + 1)
        ]
        keys = [
            references[(n * 3 + k) % len(references)].key
            for k in range(sizes.citations_per_article)
        ]
        form = form_slug(1 + n % forms)
        placeholders = (n, words, targets, keys, form)
        rows.append(
            Article(
                title=f"Synthetic article {n:05d}",
                slug=article_slug(n),
                summary=f"{NOT_CONTENT} About {words[0]} and {words[1]}.",
                body=_fill(template.body, *placeholders),
                body_html=_fill(template.html, *placeholders),
                toc_html=template.toc_html,
                citations=keys,
                reading_minutes=template.minutes,
                author=AUTHOR,
                last_reviewed=now.date(),
                **published_fields(Article, now - dt.timedelta(minutes=n)),
            )
        )
    return _bulk(Article, rows)


def _links(sizes: Sizes, articles: list[Article]) -> int:
    """The stored internal links of every article body: its article targets and its form."""
    source_type = ContentType.objects.get_for_model(Article)
    forms = max(sizes.forms, 1)
    written = 0
    batch = []
    for n, article in enumerate(articles, start=1):
        targets = {
            ("article", article_slug(1 + (n + k) % sizes.articles))
            for k in range(1, sizes.links_per_article + 1)
        }
        if sizes.forms:
            targets.add(("form", form_slug(1 + n % forms)))
        batch += [
            ContentLink(source_type=source_type, source_id=article.pk, kind=kind, slug=slug)
            for kind, slug in sorted(targets)
        ]
        if len(batch) >= BATCH * 5:
            written += len(_bulk(ContentLink, batch))
            batch = []
    written += len(_bulk(ContentLink, batch))
    return written
