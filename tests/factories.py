import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Reference, Topic
from comparisons.models import (
    Comparison,
    ComparisonRow,
    CompoundSalt,
    Food,
    IntakeTable,
    MagnesiumCompound,
    Preparation,
    RecommendedIntake,
    UpperIntakeLimit,
)


def bulk_published_articles(title: str, numbers: Iterable[int], **fields) -> list[Article]:
    """Published articles in one INSERT, without rendering or save signals, for tests that
    need hundreds of rows. `title` is formatted with each number ("Paged article {:03d}");
    the slug follows the title, and article n was published n + 1 hours ago."""
    articles = []
    for n in numbers:
        name = title.format(n)
        articles.append(
            Article(
                title=name,
                slug=slugify(name),
                summary="About magnesium.",
                body="Magnesium.",
                body_html="<p>Magnesium.</p>",
                author="Team",
                status="published",
                published_at=timezone.now() - dt.timedelta(hours=n + 1),
                **fields,
            )
        )
    return Article.objects.bulk_create(articles)


def sets_many_to_many(name: str) -> factory.PostGeneration:
    """`SomeFactory(name=[...])` sets that many-to-many field once the object is saved."""

    def set_related(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)

    return factory.PostGeneration(set_related)


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

    topics = sets_many_to_many("topics")
    main_for = sets_many_to_many("main_for")


class DraftArticleFactory(ArticleFactory):
    status = Article.Status.DRAFT
    published_at = None


class MagnesiumCompoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MagnesiumCompound
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Magnesium form {n:03d}")
    slug = factory.Sequence(lambda n: f"magnesium-form-{n:03d}")
    route = MagnesiumCompound.Route.ORAL
    summary = "A form of magnesium."
    elemental_percent = Decimal("10.0")
    elemental_basis = "Anhydrous salt."
    bioavailability = MagnesiumCompound.Bioavailability.GOOD
    evidence = MagnesiumCompound.Evidence.MODERATE
    tolerance = MagnesiumCompound.Tolerance.GENTLE
    dose_low_mg = 200
    dose_high_mg = 350
    # A published form must state its cautions (MagnesiumCompound.clean).
    cautions = factory.Sequence(lambda n: f"Not with kidney disease (form {n:03d}).")
    body = "What it is."
    status = MagnesiumCompound.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    uses = sets_many_to_many("uses")
    elemental_refs = sets_many_to_many("elemental_refs")
    bioavailability_refs = sets_many_to_many("bioavailability_refs")
    dose_refs = sets_many_to_many("dose_refs")
    cautions_refs = sets_many_to_many("cautions_refs")


class DraftMagnesiumCompoundFactory(MagnesiumCompoundFactory):
    status = MagnesiumCompound.Status.DRAFT
    published_at = None


class CompoundSaltFactory(factory.django.DjangoModelFactory):
    """A salt of a form; not its default unless asked (the default must hold the form's
    own figure: pass `is_default=True, elemental_percent=compound.elemental_percent`)."""

    class Meta:
        model = CompoundSalt
        skip_postgeneration_save = True

    compound = factory.SubFactory(MagnesiumCompoundFactory)
    slug = factory.Sequence(lambda n: f"salt-{n:03d}")
    name = factory.Sequence(lambda n: f"magnesium salt {n:03d}")
    elemental_percent = Decimal("10.0")

    refs = sets_many_to_many("refs")


class PreparationFactory(factory.django.DjangoModelFactory):
    """A way a form is taken, e.g. an oil spray."""

    class Meta:
        model = Preparation
        skip_postgeneration_save = True

    compound = factory.SubFactory(MagnesiumCompoundFactory)
    slug = factory.Sequence(lambda n: f"way-{n:03d}")
    name = factory.Sequence(lambda n: f"Way {n:03d}")
    route = Preparation.Route.ORAL
    use = "One tablet a day with food."

    refs = sets_many_to_many("refs")


class ComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comparison

    title = factory.Sequence(lambda n: f"Comparison {n}")
    slug = factory.Sequence(lambda n: f"comparison-{n}")
    summary = "Two options side by side."
    body = "An introduction."
    outro = "Closing notes."
    columns = factory.LazyFunction(lambda: ["Option A", "Option B"])
    status = Comparison.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class ComparisonRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparisonRow

    comparison = factory.SubFactory(ComparisonFactory)
    feature = factory.Sequence(lambda n: f"Feature {n}")
    order = factory.Sequence(lambda n: n)
    cells = factory.LazyFunction(lambda: ["First cell", "Second cell"])


class FoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Food
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Food {n:03d}")
    group = Food.Group.SEEDS_NUTS
    serving = "1 oz"
    mg = 42

    refs = sets_many_to_many("refs")


class IntakeTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeTable
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Intake table {n}")
    slug = factory.Sequence(lambda n: f"intake-table-{n}")

    refs = sets_many_to_many("refs")


class RecommendedIntakeFactory(factory.django.DjangoModelFactory):
    """An adult row by default: women 31-50 in the Food and Nutrition Board's table."""

    class Meta:
        model = RecommendedIntake

    table = factory.SubFactory(IntakeTableFactory)
    age_group = factory.Sequence(lambda n: f"age-group-{n}")
    label = "31 to 50 years"
    min_age_years = Decimal(31)
    max_age_years = Decimal(51)
    male_mg = 420
    female_mg = 320
    pregnancy_mg = 360
    lactation_mg = 320
    is_ai = False


class UpperIntakeLimitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UpperIntakeLimit

    table = factory.SubFactory(IntakeTableFactory)
    age_group = factory.Sequence(lambda n: f"limit-group-{n}")
    label = "9 years and older"
    min_age_years = Decimal(9)
    max_age_years = None
    ul_mg = 350


def with_sources(compound: MagnesiumCompound, reference: Reference | None = None):
    """A form whose stated figures each cite a source, as a published form's must in the
    admin and in an import (comparisons/sources_needed.py)."""
    reference = reference or ReferenceFactory()
    for name in ("elemental_refs", "bioavailability_refs", "dose_refs", "cautions_refs"):
        getattr(compound, name).add(reference)
    return compound
