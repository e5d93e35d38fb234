"""Loading the starter content that ships in the repository.

`StarterLoader.sync` is the one rule every app's loader goes through: create what is missing,
refresh a record only while it is exactly as the loader last wrote it, and never touch a record
an editor has changed or deleted. `StarterRecord` remembers what was last written, and
`deleted_by_editor` tells a loader which missing records it depends on an editor deleted.

This module also loads the articles app's own content from `articles/starter/`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from articles.models import (
    Article,
    Reference,
    RenderedMarkdownModel,
    StarterRecord,
    Topic,
    problems_in,
)

STARTER_DIR = Path(__file__).resolve().parent / "starter"
FRONT_MATTER = "+++"


class StarterContentError(Exception):
    """The starter files are malformed or refer to things that do not exist."""


def _canonical(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        return format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    return value


def _key_part(value: Any) -> str:
    """One field of a starter record's key: a related record by its slug (or key)."""
    if value is None:
        return "-"
    if isinstance(value, models.Model):
        return str(getattr(value, "slug", None) or getattr(value, "key", None) or value.pk)
    return str(value)


def _digest(
    fields: dict[str, Any], m2m: dict[str, list[int]], added: dict[str, Any] | None = None
) -> str:
    payload = {name: _canonical(value) for name, value in fields.items()}
    payload.update({name: sorted(pks) for name, pks in m2m.items()})
    # A field added to the starter files later is left out while empty or at the value its
    # migration gave every record, so the hash of a record loaded before it existed still
    # matches (see `sync`). `added` maps each such field to that value.
    added = added or {}
    payload = {
        name: v
        for name, v in payload.items()
        if name not in added or (v not in EMPTY and v != added[name])
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


EMPTY = (None, "", [])


def _default(model: type[models.Model], name: str) -> Any:
    """A field's model default (None for a relation, which has none)."""
    field = model._meta.get_field(name)
    return None if field.many_to_many else field.get_default()


class StarterLoader:
    def __init__(self, *, recreate_deleted: bool = False) -> None:
        self.recreate_deleted = recreate_deleted
        self.counts: Counter[str] = Counter()
        self.written: set[tuple[str, int]] = set()
        # What this load did to each starter record it may write, by (model label, key):
        # "created", "updated" or "unchanged", with the record (feedback/loader.py notes
        # the corrections it brings to readers).
        self.outcomes: dict[tuple[str, str], tuple[str, models.Model]] = {}

    def sync(
        self,
        model: type[models.Model],
        key_field: str | tuple[str, ...],
        fields: dict[str, Any],
        m2m: dict[str, list[models.Model]] | None = None,
        created_as: dict[str, Any] | None = None,
        added: Iterable[str] = (),
    ) -> models.Model | None:
        """Create or refresh one starter record; return it (None if an editor deleted it).

        `created_as` are values a new record gets (e.g. published) that are not part of its
        content: they stay out of the content hash, so records loaded before such a field
        existed still count as untouched, and a record whose value differs (an editor
        unpublished it) is the editor's and is left alone.

        `key_field` may name several fields (a foreign key among them, or None for "no
        value"): a record is then found by all of them together.

        `added` names fields or relations added to the starter files after records were
        first loaded. While one is empty, or at its model default (the value its migration
        gave every record), it stays out of the content hash, so a record loaded before it
        existed still counts as untouched, and gets the new value; once it has another
        value, an editor's change to it keeps the record the editor's, as for any field.
        """
        m2m = m2m or {}
        created_as = created_as or {}
        # Stored as the admin's form would save it (stripped), so that an editor opening a
        # starter record and saving it untouched does not change its text.
        fields = {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}
        m2m_pks = {name: [obj.pk for obj in objs] for name, objs in m2m.items()}
        key_fields = (key_field,) if isinstance(key_field, str) else key_field
        key = "/".join(_key_part(fields[name]) for name in key_fields)
        label = model._meta.label_lower
        added = {name: _canonical(_default(model, name)) for name in added}
        new_hash = _digest(fields, m2m_pks, added)
        record = StarterRecord.objects.filter(model=label, key=key).first()
        obj = model._default_manager.filter(**{name: fields[name] for name in key_fields}).first()

        if obj is None:
            if record is not None and not self.recreate_deleted:
                self.counts["kept deleted by an editor"] += 1
                return None
            obj = model(**fields, **created_as)
            self._write(obj, m2m, label, key, record, new_hash)
            self.counts["created"] += 1
            self.outcomes[(label, key)] = ("created", obj)
            return obj

        current = {name: getattr(obj, name) for name in fields}
        current_m2m = {name: list(getattr(obj, name).values_list("pk", flat=True)) for name in m2m}
        if (
            record is None
            or _digest(current, current_m2m, added) != record.content_hash
            or any(getattr(obj, name) != value for name, value in created_as.items())
        ):
            self.counts["kept an editor's changes"] += 1
            return obj
        if new_hash == record.content_hash:
            self.counts["unchanged"] += 1
            self.outcomes[(label, key)] = ("unchanged", obj)
            return obj
        for name, value in fields.items():
            setattr(obj, name, value)
        self._write(obj, m2m, label, key, record, new_hash)
        self.counts["updated"] += 1
        self.outcomes[(label, key)] = ("updated", obj)
        return obj

    def _write(self, obj, m2m, label: str, key: str, record, content_hash: str) -> None:
        # Field and uniqueness checks; body links are checked once everything is loaded,
        # because starter records link to each other.
        try:
            obj.clean_fields()
            obj.validate_unique()
        except ValidationError as error:
            raise StarterContentError(f"{label} '{key}': {error.messages}") from error
        # The database checks the constraints as it saves (Django's own check costs a query
        # and two savepoints a constraint, a third of a whole load); when it refuses,
        # Django's check says which rule the record breaks.
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as refused:
            try:
                obj.validate_constraints()
            except ValidationError as error:
                raise StarterContentError(f"{label} '{key}': {error.messages}") from refused
            raise StarterContentError(f"{label} '{key}': {refused}") from refused
        for name, related in m2m.items():
            getattr(obj, name).set(related)
        if record is None:
            StarterRecord.objects.create(model=label, key=key, content_hash=content_hash)
        else:
            record.content_hash = content_hash
            record.save(update_fields=["content_hash"])
        self.written.add((label, obj.pk))

    def summary(self) -> str:
        return ", ".join(f"{count} {what}" for what, count in sorted(self.counts.items()))


def deleted_by_editor(model: type[models.Model], missing: Iterable[str]) -> set[str]:
    """Those of the `missing` keys (starter records of `model` not in the database) that the
    loader wrote before: an editor deleted them, so they stay deleted (as `sync` keeps them)
    and the starter content that hangs on them is skipped. A missing key never loaded is a
    mistake in the starter files."""
    records = StarterRecord.objects.filter(model=model._meta.label_lower, key__in=missing)
    return set(records.values_list("key", flat=True))


def rendered_models() -> list[type[RenderedMarkdownModel]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, RenderedMarkdownModel) and not model._meta.abstract
    ]


def rerender_all(*, unpublished_ok: bool = False) -> dict[tuple[str, int], list[str]]:
    """Re-render every stored body; return the problems (broken links, unknown citations)
    by (model label, pk). With `unpublished_ok`, links to drafts and scheduled pages are
    not problems.

    Only the derived HTML fields are written, so an editor's record is not otherwise touched.
    """
    problems = {}
    for model in rendered_models():
        for obj in model._default_manager.all():
            rendered = obj.rerender_in_place()
            if found := problems_in(rendered, unpublished_ok=unpublished_ok):
                label = f"{model._meta.verbose_name} '{obj}'"
                problems[(model._meta.label_lower, obj.pk)] = [f"{label}: {p}" for p in found]
    return problems


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise StarterContentError(f"{path}: {error}") from error


def read_markdown_document(path: Path) -> tuple[dict, str]:
    """Split a Markdown file into its TOML front matter and its body."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise StarterContentError(f"{path}: must start with a {FRONT_MATTER} front matter line")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FRONT_MATTER)
    except StopIteration as error:
        raise StarterContentError(f"{path}: front matter is not closed") from error
    try:
        meta = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise StarterContentError(f"{path}: {error}") from error
    return meta, "".join(lines[end + 1 :]).strip() + "\n"


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """Starter files give dates; articles are published at 09:00 UTC on that day."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(value, dt.time(9, 0), tzinfo=dt.UTC)


def lookup(model: type[models.Model], field: str, keys: list[str], where: str) -> list:
    found = {
        getattr(obj, field): obj for obj in model._default_manager.filter(**{f"{field}__in": keys})
    }
    if missing := [key for key in keys if key not in found]:
        raise StarterContentError(f"{where}: unknown {model._meta.verbose_name} {missing}")
    return [found[key] for key in keys]


def load_references(loader: StarterLoader, path: Path) -> None:
    if not path.exists():
        return
    for entry in read_toml(path).get("reference", []):
        loader.sync(
            Reference,
            "key",
            {
                "key": entry["key"],
                "title": entry["title"],
                "authors": entry.get("authors", ""),
                "publisher": entry.get("publisher", ""),
                "year": entry.get("year") or None,
                "url": entry.get("url", ""),
                "pmid": str(entry.get("pmid", "")),
                "doi": entry.get("doi", ""),
                "kind": entry["kind"],
                "note": entry.get("note", ""),
            },
        )


def load(loader: StarterLoader) -> None:
    for entry in read_toml(STARTER_DIR / "topics.toml").get("topic", []):
        loader.sync(
            Topic,
            "slug",
            {
                "slug": entry["slug"],
                "name": entry["name"],
                "summary": entry.get("summary", ""),
                "route": entry.get("route", ""),
                "body": entry.get("body", ""),
            },
            added=["route"],
        )
    load_references(loader, STARTER_DIR / "references.toml")
    for path in sorted((STARTER_DIR / "articles").glob("*.md")):
        meta, body = read_markdown_document(path)
        where = path.name
        if stray := set(meta.get("main_for", [])) - set(meta.get("topics", [])):
            raise StarterContentError(
                f"{where}: main_for names topics not in topics {sorted(stray)}"
            )
        loader.sync(
            Article,
            "slug",
            {
                "slug": meta["slug"],
                "title": meta["title"],
                "summary": meta.get("summary", ""),
                "body": body,
                "author": meta["author"],
                "reviewer": meta.get("reviewer", ""),
                "status": Article.Status.PUBLISHED,
                "published_at": as_datetime(meta["published"]),
                "last_reviewed": meta.get("last_reviewed"),
                "next_review_due": meta.get("next_review_due"),
                "featured": meta.get("featured", False),
            },
            m2m={
                "topics": lookup(Topic, "slug", meta.get("topics", []), where),
                "main_for": lookup(Topic, "slug", meta.get("main_for", []), where),
            },
            added=["main_for", "next_review_due"],
        )
