"""Loading this app's starter content from `comparisons/starter/` (see CONTENT_FORMAT.md).

Everything goes through `StarterLoader.sync`, so an editor's change is never overwritten.
A comparison and its rows are one record, so a change to any row keeps the whole table.
`intake.toml` belongs to the calculator and is loaded with it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from articles.loader import StarterContentError, StarterLoader, load_references, lookup, read_toml
from articles.models import Reference, Topic
from comparisons.models import Comparison, Food, MagnesiumCompound

STARTER_DIR = Path(__file__).resolve().parent / "starter"


def _dose(value: int) -> int | None:
    # The starter files write 0 for "no dose applies"; the model stores no value.
    return value or None


def load_forms(loader: StarterLoader, path: Path) -> None:
    for entry in read_toml(path).get("form", []):
        where = f"{path.name} '{entry.get('slug', '?')}'"
        try:
            fields = {
                "slug": entry["slug"],
                "name": entry["name"],
                "other_names": "\n".join(entry.get("other_names", [])),
                "route": entry["route"],
                "summary": entry["summary"],
                "elemental_percent": Decimal(str(entry["elemental_percent"])),
                "elemental_basis": entry.get("elemental_basis", ""),
                "bioavailability": entry["bioavailability"],
                "evidence": entry["evidence"],
                "evidence_note": entry.get("evidence_note", ""),
                "tolerance": entry["tolerance"],
                "side_effects": entry.get("side_effects", ""),
                "dose_low_mg": _dose(entry.get("dose_low_mg", 0)),
                "dose_high_mg": _dose(entry.get("dose_high_mg", 0)),
                "dose_note": entry.get("dose_note", ""),
                "cautions": entry.get("cautions", ""),
                "body": entry.get("body", "").strip() + "\n",
            }
        except KeyError as error:
            raise StarterContentError(f"{where}: missing {error}") from error
        loader.sync(
            MagnesiumCompound,
            "slug",
            fields,
            m2m={
                "uses": lookup(Topic, "slug", entry.get("uses", []), f"{where} uses"),
                "elemental_refs": lookup(
                    Reference, "key", entry.get("elemental_refs", []), f"{where} elemental_refs"
                ),
                "bioavailability_refs": lookup(
                    Reference,
                    "key",
                    entry.get("bioavailability_refs", []),
                    f"{where} bioavailability_refs",
                ),
                "dose_refs": lookup(
                    Reference, "key", entry.get("dose_refs", []), f"{where} dose_refs"
                ),
            },
        )


def load_foods(loader: StarterLoader, path: Path) -> None:
    for entry in read_toml(path).get("food", []):
        where = f"{path.name} '{entry.get('name', '?')}'"
        try:
            fields = {
                "name": entry["name"],
                "group": entry["group"],
                "serving": entry["serving"],
                "mg": entry["mg"],
            }
        except KeyError as error:
            raise StarterContentError(f"{where}: missing {error}") from error
        loader.sync(
            Food,
            "name",
            fields,
            m2m={"refs": lookup(Reference, "key", entry.get("refs", []), f"{where} refs")},
        )


def load_comparison(loader: StarterLoader, path: Path) -> None:
    entry = read_toml(path)
    columns = entry.get("columns", [])
    rows = entry.get("row", [])
    for number, row in enumerate(rows, start=1):
        if len(row.get("cells", [])) != len(columns):
            raise StarterContentError(
                f"{path.name} row {number} ('{row.get('feature', '?')}'): "
                f"{len(row.get('cells', []))} cells for {len(columns)} columns"
            )
    try:
        fields = {
            "slug": entry["slug"],
            "title": entry["title"],
            "summary": entry.get("summary", ""),
            "body": entry.get("intro", ""),
            "outro": entry.get("outro", ""),
            "columns": columns,
            "rows_data": [{"feature": row["feature"], "cells": row["cells"]} for row in rows],
        }
    except KeyError as error:
        raise StarterContentError(f"{path.name}: missing {error}") from error
    loader.sync(Comparison, "slug", fields)


def load(loader: StarterLoader) -> None:
    load_references(loader, STARTER_DIR / "references.toml")
    load_forms(loader, STARTER_DIR / "forms.toml")
    load_foods(loader, STARTER_DIR / "foods.toml")
    for path in sorted((STARTER_DIR / "comparisons").glob("*.toml")):
        load_comparison(loader, path)
