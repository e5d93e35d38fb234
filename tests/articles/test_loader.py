"""The starter loader: fields added to the starter files after a site was loaded, and the
starter articles' review dates."""

import datetime as dt

import pytest

from articles.loader import StarterLoader
from articles.models import Article
from tests.factories import TopicFactory
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db

FIELDS = {
    "slug": "burning-feet",
    "title": "Burning feet",
    "body": "Text.",
    "author": "Editorial team",
    "status": Article.Status.PUBLISHED,
    "published_at": dt.datetime(2026, 10, 6, 9, tzinfo=dt.UTC),
}


def load(topics, main_for=None) -> StarterLoader:
    loader = StarterLoader()
    if main_for is None:  # the loader before `main_for` existed
        loader.sync(Article, "slug", FIELDS, m2m={"topics": topics})
    else:
        m2m = {"topics": topics, "main_for": main_for}
        loader.sync(Article, "slug", FIELDS, m2m=m2m, added=["main_for"])
    return loader


def test_a_relation_added_to_the_starter_files_reaches_records_loaded_before_it():
    feet = TopicFactory()
    load([feet])
    assert load([feet], main_for=[]).counts == {"unchanged": 1}
    assert load([feet], main_for=[feet]).counts == {"updated": 1}
    assert list(Article.objects.get().main_for.all()) == [feet]
    assert load([feet], main_for=[feet]).counts == {"unchanged": 1}


def test_an_editors_choice_in_an_added_relation_is_kept():
    feet, soaks = TopicFactory(), TopicFactory()
    load([feet, soaks], main_for=[feet])
    Article.objects.get().main_for.set([soaks])
    assert load([feet, soaks], main_for=[feet]).counts == {"kept an editor's changes": 1}
    assert list(Article.objects.get().main_for.all()) == [soaks]


def test_a_review_date_added_to_the_starter_files_reaches_articles_loaded_before_it():
    StarterLoader().sync(Article, "slug", FIELDS)
    dated = {**FIELDS, "next_review_due": dt.date(2027, 12, 6)}
    loader = StarterLoader()
    loader.sync(Article, "slug", dated, added=["next_review_due"])
    assert loader.counts == {"updated": 1}
    assert Article.objects.get().next_review_due == dt.date(2027, 12, 6)


def test_every_starter_article_is_due_for_review_a_year_after_its_last_review():
    """Editors' list of pages due for review knew nothing of the starter articles."""
    load_starter_content()
    for article in Article.objects.all():
        last = article.last_reviewed
        assert article.next_review_due == last.replace(year=last.year + 1), article.slug
