"""Pieces of the matrix that other apps' pages show: a form's row on its page, the rows of
the forms compared side by side, and an outcome's column on its topic hub. Template tags, so
those views need not import this app."""

from django import template
from django.db.models import Q

from articles.models import Topic
from evidence.models import EvidenceCell, Outcome

register = template.Library()

IN_GENERAL = "Magnesium in general"  # the heading of the cells whatever the form


@register.simple_tag
def form_evidence(compound) -> list[EvidenceCell]:
    """A form's cells, one per outcome that has one, in column order."""
    return list(EvidenceCell.objects.for_form(compound).grid().in_matrix_order())


@register.simple_tag
def compared_evidence(compounds) -> list[tuple[Outcome, list[tuple[str, EvidenceCell | None]]]]:
    """For the forms compared: each outcome graded for any of them, with its cells (named
    for their column) for magnesium in general and then each form, in the order given; None
    where not graded. One query."""
    compounds = list(compounds)
    cells = (
        EvidenceCell.objects.filter(Q(compound__isnull=True) | Q(compound__in=compounds))
        .grid()
        .in_matrix_order()
    )
    by_outcome: dict[int, tuple[Outcome, dict[int | None, EvidenceCell]]] = {}
    for cell in cells:
        by_outcome.setdefault(cell.outcome_id, (cell.outcome, {}))[1][cell.compound_id] = cell
    columns = [(IN_GENERAL, None), *((compound.name, compound.pk) for compound in compounds)]
    return [
        (outcome, [(name, row.get(pk)) for name, pk in columns])
        for outcome, row in by_outcome.values()
        if any(compound.pk in row for compound in compounds)
    ]


@register.simple_tag
def topic_evidence(topic: Topic) -> list[tuple[Outcome, list[EvidenceCell]]]:
    """The outcomes of a topic, each with its public cells (magnesium in general first)."""
    outcomes = list(Outcome.objects.for_topic(topic))
    cells = EvidenceCell.objects.public().filter(outcome__in=outcomes).grid().in_matrix_order()
    by_outcome: dict[int, list[EvidenceCell]] = {outcome.pk: [] for outcome in outcomes}
    for cell in cells:
        by_outcome[cell.outcome_id].append(cell)
    return [(outcome, by_outcome[outcome.pk]) for outcome in outcomes]
