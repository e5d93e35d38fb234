"""Factories for the evidence matrix (kept beside its tests while tests/factories.py is
being edited elsewhere; move them there on merge if preferred)."""

import factory

from evidence.models import EvidenceCell, Outcome
from tests.factories import ReferenceFactory, sets_many_to_many


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    name = factory.Sequence(lambda n: f"Outcome {n:03d}")
    short_name = factory.Sequence(lambda n: f"Out {n:03d}")
    slug = factory.Sequence(lambda n: f"outcome-{n:03d}")
    description = "What readers hope for."
    position = factory.Sequence(lambda n: n)


class EvidenceCellFactory(factory.django.DjangoModelFactory):
    """A graded cell for magnesium in general, citing one reference."""

    class Meta:
        model = EvidenceCell
        skip_postgeneration_save = True

    outcome = factory.SubFactory(OutcomeFactory)
    compound = None
    grade = EvidenceCell.Grade.MODERATE
    direction = EvidenceCell.Direction.BENEFIT
    human_trials = 2
    human_reviews = 1
    summary = "Two trials found a benefit."

    references = sets_many_to_many("references")

    @factory.post_generation
    def cite(obj, create, extracted, **kwargs):
        # A graded cell must cite something: give it a reference unless the test chose some.
        if create and not obj.references.exists() and obj.grade != EvidenceCell.Grade.NONE:
            obj.references.add(ReferenceFactory())
