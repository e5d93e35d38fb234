"""Pieces of the matrix that other apps' pages show: a form's row on its page and an
outcome's column on its topic hub. Template tags, so those views need not import this app."""

from django import template

from articles.models import Topic
from evidence.models import EvidenceCell, Outcome

register = template.Library()


@register.simple_tag
def form_evidence(compound) -> list[EvidenceCell]:
    """A form's cells, one per outcome that has one, in column order."""
    return list(EvidenceCell.objects.for_form(compound).grid().in_matrix_order())


@register.simple_tag
def topic_evidence(topic: Topic) -> list[tuple[Outcome, list[EvidenceCell]]]:
    """The outcomes of a topic, each with its public cells (magnesium in general first)."""
    outcomes = list(Outcome.objects.for_topic(topic))
    cells = EvidenceCell.objects.public().filter(outcome__in=outcomes).grid().in_matrix_order()
    by_outcome: dict[int, list[EvidenceCell]] = {outcome.pk: [] for outcome in outcomes}
    for cell in cells:
        by_outcome[cell.outcome_id].append(cell)
    return [(outcome, by_outcome[outcome.pk]) for outcome in outcomes]
