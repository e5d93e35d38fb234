"""Loading this app's starter content from `comparisons/starter/` (see CONTENT_FORMAT.md).

Everything goes through `StarterLoader.sync`, so an editor's change is never overwritten.
A comparison and its rows are one record, so a change to any row keeps the whole table.
`intake.toml` is the calculator's intake tables, likewise loaded as one record.
`salts.toml` holds each form's salts and hydrates, one record each.
`preparations.toml` holds the ways each form is sold and taken, one record each.
"""

from __future__ import annotations

from decimal import Decimal
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
from comparisons.models import (
    Comparison,
    CompoundSalt,
    Food,
    IntakeTable,
    MagnesiumCompound,
    Preparation,
    RecommendedIntake,
    UpperIntakeLimit,
)

STARTER_DIR = Path(__file__).resolve().parent / "starter"
# intake.toml holds one table; it may name itself with top-level `slug` and `title`.
INTAKE_SLUG = "magnesium-dri"
INTAKE_TITLE = "Dietary Reference Intakes for magnesium"


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
                "dose_basis": entry.get("dose_basis", MagnesiumCompound.DoseBasis.TYPICAL),
                "dose_note": entry.get("dose_note", ""),
                "cautions": entry.get("cautions", ""),
                "body": entry.get("body", "").strip() + "\n",
                "last_reviewed": entry.get("last_reviewed"),
                "next_review_due": entry.get("next_review_due"),
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
                "cautions_refs": lookup(
                    Reference, "key", entry.get("cautions_refs", []), f"{where} cautions_refs"
                ),
            },
            # Starter forms are public from the first load; an editor may unpublish one.
            created_as={"status": MagnesiumCompound.Status.PUBLISHED},
            # These came to the starter files after sites had loaded them (the fifth, sixth and
            # fifteenth reviews, docs/fact-check.md); a review date an editor gave a form is
            # the editor's, and keeps the form theirs.
            added=["dose_basis", "cautions_refs", "last_reviewed", "next_review_due"],
        )


def _salt_fields(entry: dict, where: str) -> dict:
    try:
        molar_mass = entry.get("molar_mass")
        return {
            "slug": entry["slug"],
            "name": entry["name"],
            "formula": entry.get("formula", ""),
            "magnesium_atoms": int(entry.get("magnesium_atoms", 1)),
            "molar_mass": Decimal(str(molar_mass)) if molar_mass is not None else None,
            "elemental_percent": Decimal(str(entry["elemental_percent"])),
            "note": entry.get("note", ""),
            "is_default": bool(entry.get("default", False)),
        }
    except KeyError as error:
        raise StarterContentError(f"{where}: missing {error}") from error


def load_salts(loader: StarterLoader, path: Path) -> None:
    """Each form's salts, after the forms. The file is checked whole first (one default per
    form, figures that match their formula), so a mistake in it writes nothing.

    A form an editor deleted gets no salts. Nor does a form whose figure an editor changed
    to something other than its starter default salt's: the editor's figure stands, and they
    add the salts that go with it in the admin."""
    by_form: dict[str, list[tuple[dict, list[str]]]] = {}
    for entry in read_toml(path).get("salt", []):
        where = f"{path.name} '{entry.get('slug', '?')}'"
        if "form" not in entry:
            raise StarterContentError(f"{where}: missing 'form'")
        fields = _salt_fields(entry, where)
        _check_salt(fields, where)
        by_form.setdefault(entry["form"], []).append((fields, entry.get("refs", [])))
    for form_slug, salts in by_form.items():
        if (defaults := sum(fields["is_default"] for fields, _refs in salts)) != 1:
            raise StarterContentError(
                f"{path.name} form '{form_slug}': {defaults} salts marked default, not 1"
            )
    for form_slug, salts in by_form.items():
        compound = MagnesiumCompound.objects.filter(slug=form_slug).first()
        if compound is None:
            if deleted_by_editor(MagnesiumCompound, [form_slug]):
                loader.counts["salts of a deleted form skipped"] += len(salts)
                continue
            raise StarterContentError(f"{path.name}: unknown form '{form_slug}'")
        default = next(fields for fields, _refs in salts if fields["is_default"])
        if default["elemental_percent"] != compound.elemental_percent:
            loader.counts["salts of a form whose figure an editor changed skipped"] += len(salts)
            continue
        for position, (fields, refs) in enumerate(salts):
            where = f"{path.name} '{fields['slug']}'"
            loader.sync(
                CompoundSalt,
                "slug",
                {**fields, "compound_id": compound.pk, "position": position},
                m2m={"refs": lookup(Reference, "key", refs, f"{where} refs")},
            )


def _check_salt(fields: dict, where: str) -> None:
    """A salt's fields and its figure against its formula, before anything is written."""
    salt = CompoundSalt(**fields)
    try:
        salt.clean_fields(exclude=["compound"])
        salt.clean()
    except ValidationError as error:
        raise StarterContentError(f"{where}: {'; '.join(error.messages)}") from error


def load_preparations(loader: StarterLoader, path: Path) -> None:
    """Each form's preparations, after the forms, in the file's order within each form. The
    file is checked whole first (known routes, no slug twice in a form), so a mistake in it
    writes nothing. A form an editor deleted gets none."""
    entries: list[tuple[str, dict, list[str], str]] = []
    seen: set[tuple[str, str]] = set()
    positions: dict[str, int] = {}
    for entry in read_toml(path).get("preparation", []):
        where = f"{path.name} '{entry.get('form', '?')}' '{entry.get('slug', '?')}'"
        try:
            form_slug = entry["form"]
            fields = {
                "slug": entry["slug"],
                "name": entry["name"],
                "route": entry["route"],
                "use": entry["use"],
                "tolerance": entry.get("tolerance", ""),
                "cautions": entry.get("cautions", ""),
            }
        except KeyError as error:
            raise StarterContentError(f"{where}: missing {error}") from error
        if fields["route"] not in Preparation.Route.values:
            raise StarterContentError(f"{where}: unknown route '{fields['route']}'")
        if (form_slug, fields["slug"]) in seen:
            raise StarterContentError(f"{where}: the slug appears twice for this form")
        seen.add((form_slug, fields["slug"]))
        fields["position"] = positions[form_slug] = positions.get(form_slug, -1) + 1
        entries.append((form_slug, fields, entry.get("refs", []), where))
    compounds = {c.slug: c for c in MagnesiumCompound.objects.filter(slug__in=positions)}
    missing = [slug for slug in positions if slug not in compounds]
    deleted = deleted_by_editor(MagnesiumCompound, missing)
    for form_slug, _fields, _refs, where in entries:
        if form_slug not in compounds and form_slug not in deleted:
            raise StarterContentError(f"{where}: unknown form '{form_slug}'")
    for form_slug, fields, refs, where in entries:
        compound = compounds.get(form_slug)
        if compound is None:
            loader.counts["preparations of a deleted form skipped"] += 1
            continue
        loader.sync(
            Preparation,
            ("compound", "slug"),
            {**fields, "compound": compound},
            m2m={"refs": lookup(Reference, "key", refs, f"{where} refs")},
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
    # Public from the first load, as the starter forms are; an editor may unpublish one.
    loader.sync(Comparison, "slug", fields, created_as={"status": Comparison.Status.PUBLISHED})


def _age_bounds(entry: dict) -> dict:
    # The file writes -1 for "no upper bound"; the model stores no value.
    maximum = float(entry["max_age_years"])
    return {
        "min_age_years": float(entry["min_age_years"]),
        "max_age_years": None if maximum < 0 else maximum,
    }


def _figure(value: int) -> int | None:
    # The file writes 0 for "no value set" (pregnancy in children, the UL for infants).
    return value or None


def _check_rows(model, rows: list[dict], where: str) -> None:
    """Each row's fields and constraints, and no age group twice, before anything is
    written: a bad row is a StarterContentError naming it, not a database error."""
    seen: set[str] = set()
    for row in rows:
        label = f"{where} '{row['age_group']}'"
        if row["age_group"] in seen:
            raise StarterContentError(f"{label}: the age group appears twice")
        seen.add(row["age_group"])
        instance = model(**{name: _decimal(value) for name, value in row.items()})
        try:
            instance.clean_fields(exclude=["table"])
            # Uniqueness across tables is the database's job; the table is being replaced.
            instance.validate_constraints(exclude={"table", "age_group"})
        except ValidationError as error:
            problems = [
                f"{field}: {message}" if field != "__all__" else message
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise StarterContentError(f"{label}: {'; '.join(problems)}") from error


def _decimal(value):
    return Decimal(str(value)) if isinstance(value, float) else value


def load_intake(loader: StarterLoader, path: Path) -> None:
    """The RDA/AI and upper-limit tables, written as one IntakeTable record."""
    entry = read_toml(path)
    where = path.name
    try:
        recommended = [
            {
                "age_group": row["age_group"],
                "label": row["label"],
                **_age_bounds(row),
                "male_mg": row["male_mg"],
                "female_mg": row["female_mg"],
                "pregnancy_mg": _figure(row.get("pregnancy_mg", 0)),
                "lactation_mg": _figure(row.get("lactation_mg", 0)),
                "is_ai": bool(row.get("is_ai", False)),
            }
            for row in entry.get("rda", [])
        ]
        upper_limits = [
            {
                "age_group": row["age_group"],
                "label": row["label"],
                **_age_bounds(row),
                "ul_mg": _figure(row["ul_mg"]),
            }
            for row in entry.get("ul", [])
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise StarterContentError(f"{where}: missing or malformed {error}") from error
    # Youngest first, as the table reads them back, so an untouched table compares equal.
    recommended.sort(key=lambda row: row["min_age_years"])
    upper_limits.sort(key=lambda row: row["min_age_years"])
    _check_rows(RecommendedIntake, recommended, f"{where} [[rda]]")
    _check_rows(UpperIntakeLimit, upper_limits, f"{where} [[ul]]")
    try:
        loader.sync(
            IntakeTable,
            "slug",
            {
                "slug": entry.get("slug", INTAKE_SLUG),
                "title": entry.get("title", INTAKE_TITLE),
                "recommended_data": recommended,
                "upper_limit_data": upper_limits,
            },
            m2m={
                "refs": lookup(Reference, "key", entry.get("source_keys", []), f"{where} sources")
            },
        )
    except ValidationError as error:
        # A row whose ages another table (an editor's) already covers: the save refused it.
        raise StarterContentError(f"{where}: {' '.join(error.messages)}") from error


def load(loader: StarterLoader) -> None:
    load_references(loader, STARTER_DIR / "references.toml")
    load_forms(loader, STARTER_DIR / "forms.toml")
    load_salts(loader, STARTER_DIR / "salts.toml")
    load_preparations(loader, STARTER_DIR / "preparations.toml")
    load_foods(loader, STARTER_DIR / "foods.toml")
    for path in sorted((STARTER_DIR / "comparisons").glob("*.toml")):
        load_comparison(loader, path)
    load_intake(loader, STARTER_DIR / "intake.toml")
