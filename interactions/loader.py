"""Loading the medicines' starter content from `interactions/starter/` (CONTENT_FORMAT.md).

Everything goes through `StarterLoader.sync`, so an editor's change is never overwritten. A
medicine is known by its slug, an alias by its medicine and its name.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError

from articles.loader import (
    StarterContentError,
    StarterLoader,
    as_datetime,
    load_references,
    lookup,
    read_toml,
)
from articles.models import PublishStatus, Reference
from interactions.models import Medicine, MedicineAlias

STARTER_DIR = Path(__file__).resolve().parent / "starter"


def load_medicines(loader: StarterLoader, path: Path) -> None:
    for position, entry in enumerate(read_toml(path).get("medicine", []), start=1):
        where = f"{path.name} '{entry.get('slug', '?')}'"
        try:
            fields = {
                "slug": entry["slug"],
                "name": entry["name"],
                "drug_class": entry["class"],
                "rule": entry["rule"],
                "before_hours": entry.get("before_hours"),
                "after_hours": entry.get("after_hours"),
                "summary": entry["summary"],
                "why": entry["why"],
                "severity": entry["severity"],
                "prescriber_first": entry.get("prescriber_first", False),
                "position": entry.get("position", position * 10),
                "reviewer": entry.get("reviewer", ""),
                "last_reviewed": entry.get("last_reviewed"),
            }
            published = as_datetime(entry["published"])
        except KeyError as error:
            raise StarterContentError(f"{where}: missing {error}") from error
        references = lookup(Reference, "key", entry.get("references", []), f"{where} references")
        try:
            Medicine(**fields).check_references(references)
        except ValidationError as error:
            raise StarterContentError(f"{where}: {error.messages[0]}") from error
        medicine = loader.sync(
            Medicine,
            "slug",
            fields,
            m2m={"references": references},
            created_as={"status": PublishStatus.PUBLISHED, "published_at": published},
            # Medicines loaded before the field existed get it, unless an editor changed them.
            added=["prescriber_first"],
        )
        if medicine is None:  # deleted by an editor: so are its names
            continue
        for alias in entry.get("aliases", []):
            loader.sync(MedicineAlias, ("medicine", "name"), {"medicine": medicine, "name": alias})


def load(loader: StarterLoader) -> None:
    load_references(loader, STARTER_DIR / "references.toml")
    load_medicines(loader, STARTER_DIR / "medicines.toml")
