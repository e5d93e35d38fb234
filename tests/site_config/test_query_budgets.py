"""Every public page runs the same number of SQL queries with 10 related rows as with 500.

A page that queried once per row or per link would grow with the content; these tests grow
every relation a page shows (articles, their topics, references, citations and internal
links; forms and their uses and sources; foods; comparison rows) and compare the counts.
The page cache is off, so the views themselves run, and Markdown must not be rendered
during a request: pages show the HTML stored at save time.
"""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import rendering
from articles.models import (
    Article,
    ContentLink,
    Reference,
    Topic,
    batched_content_changes,
)
from articles.rendering import render_markdown
from comparisons.models import Comparison, ComparisonRow, Food, MagnesiumCompound
from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    IntakeTableFactory,
    MagnesiumCompoundFactory,
    RecommendedIntakeFactory,
    ReferenceFactory,
    TopicFactory,
    UpperIntakeLimitFactory,
    bulk_published_articles,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SMALL, LARGE = 10, 500
# However much content there is, no public page needs more queries than this.
MAX_QUERIES = 25

PAGES = [
    "/",
    "/articles/",
    "/articles/?topic=hub",
    "/articles/main-article/",
    "/topics/hub/",
    "/forms/",
    "/forms/?bioavailability=good&route=oral&use=hub&sort=-elemental_percent",
    "/forms/main-form/",
    "/forms/compare/?forms=main-form,second-form",
    "/foods/",
    "/search/?q=magnesium",
    "/calculator/",
    "/calculator/?form=main-form&mg=500",
    "/sitemap.xml",
    "/feed/",
    "/compare/main-comparison/",
]


def _published() -> dict:
    # Forms are published like articles once they have a status; both take these fields.
    names = {field.name for field in MagnesiumCompound._meta.get_fields()}
    when = timezone.now() - dt.timedelta(days=2)
    return {"status": "published", "published_at": when} if "status" in names else {}


class Site:
    """A page of each kind, and `grow(n)` to give each of them n more related rows."""

    def __init__(self) -> None:
        self.hub = TopicFactory(name="Hub topic", slug="hub")
        self.refs = [ReferenceFactory()]
        self.main_form = MagnesiumCompoundFactory(
            name="Magnesium main form", slug="main-form", uses=[self.hub], elemental_refs=self.refs
        )
        MagnesiumCompoundFactory(name="Magnesium second form", slug="second-form", uses=[self.hub])
        self.main = ArticleFactory(
            title="Main magnesium article", slug="main-article", topics=[self.hub], featured=True
        )
        self.comparison = ComparisonFactory(slug="main-comparison")
        table = IntakeTableFactory(refs=self.refs)
        RecommendedIntakeFactory(table=table)
        UpperIntakeLimitFactory(table=table)
        self.size = 0

    def grow(self, n: int) -> None:
        start = self.size
        numbers = range(start, start + n)
        self.size += n
        topics = Topic.objects.bulk_create(
            Topic(name=f"Extra topic {i}", slug=f"extra-topic-{i}") for i in numbers
        )
        refs = Reference.objects.bulk_create(
            Reference(key=f"extra-ref-{i}", title=f"Study {i}", kind="review") for i in numbers
        )
        articles = bulk_published_articles("Magnesium article {}", numbers, featured=True)
        Article.topics.through.objects.bulk_create(
            [Article.topics.through(article=a, topic=self.hub) for a in articles]
            + [
                Article.topics.through(article=a, topic=t)
                for a, t in zip(articles, topics, strict=True)
            ]
        )
        article_type = ContentType.objects.get_for_model(Article)
        ContentLink.objects.bulk_create(
            ContentLink(source_type=article_type, source_id=a.pk, kind=kind, slug=slug)
            for a in articles
            for kind, slug in [("article", "main-article"), ("form", "main-form")]
        )
        forms = MagnesiumCompound.objects.bulk_create(
            MagnesiumCompound(
                name=f"Magnesium extra form {i}",
                slug=f"magnesium-extra-form-{i}",
                route="oral",
                summary="A form.",
                elemental_percent=10,
                bioavailability="good",
                evidence="moderate",
                tolerance="gentle",
                **_published(),
            )
            for i in numbers
        )
        uses = MagnesiumCompound.uses.through
        uses.objects.bulk_create(
            [uses(magnesiumcompound=f, topic=self.hub) for f in forms]
            + [uses(magnesiumcompound=self.main_form, topic=t) for t in topics]
        )
        for relation in ("elemental_refs", "bioavailability_refs", "dose_refs"):
            getattr(self.main_form, relation).add(*refs)
        foods = Food.objects.bulk_create(
            Food(name=f"Magnesium food {i}", group="legumes", serving="1 cup", mg=i % 300 + 1)
            for i in numbers
        )
        Food.refs.through.objects.bulk_create(
            Food.refs.through(food=food, reference=ref)
            for food, ref in zip(foods, refs, strict=True)
        )
        ComparisonRow.objects.bulk_create(
            ComparisonRow(
                comparison=self.comparison,
                feature=f"Feature {i}",
                order=i,
                cells=["a", "b"],
                cells_html=["<p>a</p>", "<p>b</p>"],
            )
            for i in numbers
        )
        # The main article and form cite every reference and link to every new article, and
        # the main article is filed under every topic: saved once, rendered once (batched, so
        # the pages linking to them are not re-rendered on each save).
        self.main.topics.add(*topics)
        with batched_content_changes():
            self._save_bodies()

    def _save_bodies(self) -> None:
        links = " ".join(f"[[article:{a.slug}]]" for a in Article.objects.all()[: self.size])
        cites = "".join(f" [@{key}]" for key in Reference.objects.values_list("key", flat=True))
        self.main.body = f"## Sources\n\nMagnesium{cites}.\n\n## Links\n\n{links}"
        self.main.save()
        self.main_form.body = f"Magnesium{cites}. {links}"
        self.main_form.save()
        # Not save(): it would re-render every row, which this test does not need.
        body = f"Intro{cites}."
        Comparison.objects.filter(pk=self.comparison.pk).update(
            body=body, body_html=render_markdown(body).html
        )


def count_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), [query["sql"] for query in queries.captured_queries]


def test_every_page_runs_the_same_queries_with_10_or_500_related_rows(client):
    """One data set for all pages (building it is the slow part); every page is checked and
    all that grew are reported together. The page cache is off here (`no_page_cache`), so each
    page is rendered in full, as on the first request after a content change."""
    site = Site()
    site.grow(SMALL)
    for url in PAGES:
        client.get(url)  # warm per-process caches (content types, sites) out of the count
    small = {url: count_queries(client, url)[0] for url in PAGES}
    site.grow(LARGE - SMALL)
    problems = []
    for url, budget in small.items():
        large, sql = count_queries(client, url)
        if large != budget or large > MAX_QUERIES:
            problems.append(f"{url}: {budget} queries with {SMALL} rows, {large} with {LARGE}")
            problems += sql
    assert not problems, "\n".join(problems)


def test_no_page_renders_markdown_during_a_request(client, monkeypatch):
    Site().grow(SMALL)

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr(rendering, "render_markdown", refuse)
    monkeypatch.setattr(rendering.markdown, "Markdown", refuse)
    for url in PAGES:
        assert client.get(url).status_code == 200, url
