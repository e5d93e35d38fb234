"""Factories for medicines (kept beside their tests, as tests/evidence/factories.py is)."""

import datetime as dt

import factory
from django.utils import timezone

from interactions.models import Medicine, MedicineAlias
from tests.factories import ReferenceFactory, sets_many_to_many


class MedicineFactory(factory.django.DjangoModelFactory):
    """A published 'keep apart' medicine citing one reference."""

    class Meta:
        model = Medicine
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Medicine {n:03d}")
    slug = factory.Sequence(lambda n: f"medicine-{n:03d}")
    drug_class = "Antibiotic"
    rule = Medicine.Rule.SPACE
    before_hours = 2
    after_hours = 4
    summary = "Keep it apart from magnesium."
    why = "Magnesium binds it."
    severity = Medicine.Severity.MODERATE
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    references = sets_many_to_many("references")

    @factory.post_generation
    def cite(obj, create, extracted, **kwargs):
        # A rule must cite something: give it a reference unless the test chose some.
        if create and not obj.references.exists() and extracted is not False:
            obj.references.add(ReferenceFactory())

    @factory.post_generation
    def aliases(obj, create, extracted, **kwargs):
        """`MedicineFactory(aliases=["Cipro", ...])`."""
        if create and extracted:
            for name in extracted:
                MedicineAlias.objects.create(medicine=obj, name=name)
