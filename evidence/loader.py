"""Loading the evidence matrix's starter content from `evidence/starter/` (CONTENT_FORMAT.md).

Everything goes through `StarterLoader.sync`, so an editor's change is never overwritten. A
cell is known by its outcome and its form together; `form = "any"` is magnesium in general.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError

from articles.loader import (
    StarterContentError,
    StarterLoader,
    deleted_by_editor,
    load_references,
    lookup,
    read_toml,
)
from articles.models import Reference, Topic
from comparisons.models import MagnesiumCompound
from evidence.models import ANY_FORM, EvidenceCell, Outcome

STARTER_DIR = Path(__file__).resolve().parent / "starter"


def load_outcomes(loader: StarterLoader, path: Path) -> None:
    for position, entry in enumerate(read_toml(path).get("outcome", []), start=1):
        where = f"{path.name} '{entry.get('slug', '?')}'"
        try:
            topic_slug = entry.get("topic", "")
            fields = {
                "slug": entry["slug"],
                "name": entry["name"],
                "short_name": entry["short_name"],
                "description": entry["description"],
                "topic": lookup(Topic, "slug", [topic_slug], f"{where} topic")[0]
                if topic_slug
                else None,
                "position": entry.get("position", position * 10),
            }
        except KeyError as error:
            raise StarterContentError(f"{where}: missing {error}") from error
        loader.sync(Outcome, "slug", fields)


def _form(slug: str, where: str) -> tuple[bool, MagnesiumCompound | None]:
    """(found, form); "any" is magnesium in general. A starter form an editor deleted is
    (False, None): its cells are skipped. Any other unknown slug is an error."""
    if slug == ANY_FORM:
        return True, None
    compound = MagnesiumCompound.objects.filter(slug=slug).first()
    if compound is not None:
        return True, compound
    if deleted_by_editor(MagnesiumCompound, [slug]):
        return False, None
    raise StarterContentError(f"{where}: unknown form of magnesium '{slug}'")


def load_cells(loader: StarterLoader, path: Path) -> None:
    for entry in read_toml(path).get("cell", []):
        where = f"{path.name} '{entry.get('outcome', '?')}' x '{entry.get('form', '?')}'"
        try:
            outcome_slug, form_slug = entry["outcome"], entry["form"]
            outcome = Outcome.objects.filter(slug=outcome_slug).first()
            if outcome is None:
                if deleted_by_editor(Outcome, [outcome_slug]):
                    continue
                raise StarterContentError(f"{where}: unknown outcome '{outcome_slug}'")
            found, compound = _form(form_slug, where)
            if not found:
                continue
            fields = {
                "outcome": outcome,
                "compound": compound,
                "grade": entry["grade"],
                "direction": entry["direction"],
                "human_trials": entry.get("human_trials", 0),
                "human_reviews": entry.get("human_reviews", 0),
                "lab_studies": entry.get("lab_studies", 0),
                "summary": entry["summary"],
            }
        except KeyError as error:
            raise StarterContentError(f"{where}: missing {error}") from error
        references = lookup(Reference, "key", entry.get("references", []), f"{where} references")
        try:
            EvidenceCell(**fields).check_references(references)
        except ValidationError as error:
            raise StarterContentError(f"{where}: {error.messages[0]}") from error
        loader.sync(EvidenceCell, ("outcome", "compound"), fields, m2m={"references": references})


def load(loader: StarterLoader) -> None:
    load_references(loader, STARTER_DIR / "references.toml")
    load_outcomes(loader, STARTER_DIR / "outcomes.toml")
    load_cells(loader, STARTER_DIR / "cells.toml")
