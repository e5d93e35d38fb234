"""The starter loader's rule for fields added to the starter files after a site was loaded."""

import datetime as dt

import pytest

from articles.loader import StarterLoader
from articles.models import Article
from tests.factories import TopicFactory

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
