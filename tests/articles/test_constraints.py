"""Invariants hold in the database itself, even for writes that skip form validation."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Reference
from tests.factories import ArticleFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        {"status": "archived"},
        {"status": "published", "published_at": None},
    ],
)
def test_article_constraints_refuse_bad_rows_written_with_update(change):
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(**change)


def test_article_slug_and_title_are_unique_in_the_database():
    ArticleFactory(slug="same", title="Same")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create([Article(slug="same", title="Other", author="x")])
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create([Article(slug="other", title="Same", author="x")])


@pytest.mark.parametrize(
    "change",
    [{"kind": "rumour"}, {"year": 1200}, {"year": 3000}, {"pmid": "12ab"}],
)
def test_reference_constraints_refuse_bad_rows_written_with_update(change):
    reference = ReferenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.filter(pk=reference.pk).update(**change)


def test_reference_keys_are_unique_in_the_database():
    ReferenceFactory(key="kirkland-2018")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.bulk_create([Reference(key="kirkland-2018", title="x", kind="review")])
