import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Reference, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    summary = "A topic."


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    key = factory.Sequence(lambda n: f"ref-{n}")
    title = factory.Sequence(lambda n: f"A study number {n}")
    authors = "Doe J, Roe R"
    publisher = "Journal of Tests"
    year = 2020
    url = "https://example.org/study"
    kind = Reference.Kind.REVIEW


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "What this article answers."
    body = "## First section\n\nSome text.\n\n## Second section\n\nMore text."
    author = "Editorial team"
    reviewer = "Evidence check"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    last_reviewed = dt.date(2026, 11, 1)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class DraftArticleFactory(ArticleFactory):
    status = Article.Status.DRAFT
    published_at = None
