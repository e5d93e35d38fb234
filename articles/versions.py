"""Versions compared in words, for the admin's history (articles/editing.py): what changed
between two saved versions of a record, or between one and the current text, field by
field, each value as an editor reads it on the page."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

from django.db import models
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from reversion.models import Revision, Version


def zoned_time(value: dt.datetime) -> str:
    """A time as the admin shows it, with its zone named, as the public pages name it
    ("Jan. 15, 2027, 9 a.m. UTC"): an editor elsewhere would otherwise read it as theirs."""
    local = template_localtime(value)
    return f"{localize(local)} {local.tzname()}"


def current_values(obj: models.Model) -> dict:
    """The record's editable fields as a version stores them (django-reversion's
    `field_dict`, keyed by attname): a related record by its primary key, many-to-many
    as a list of them."""
    values = {}
    for field in obj._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created:
            continue
        if field.many_to_many:
            values[field.attname] = list(getattr(obj, field.name).values_list("pk", flat=True))
        elif field.concrete:
            values[field.attname] = getattr(obj, field.attname)
    return values


def field_changes(model: type[models.Model], before: dict, after: dict) -> list[dict]:
    """Each editable field whose value differs as an editor reads it, with its lines as a
    diff. The primary key is left out (the current values have none), and so is a value
    that reads the same: a stored version keeps times to the millisecond, the database
    may keep them to the microsecond or the second."""
    changes = []
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created:
            continue
        if field.attname not in before:
            continue
        old, new = before[field.attname], after.get(field.attname)
        if field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if old == new:
            continue
        before_lines, after_lines = readable_lines(field, old), readable_lines(field, new)
        if before_lines == after_lines:
            continue
        lines = diff_lines(difflib.unified_diff(before_lines, after_lines, lineterm=""))
        if max(len(before_lines), len(after_lines)) <= 1:
            # A one-line value (a title, a status, a date): no line numbers needed.
            lines = [line for line in lines if line["kind"] != "hunk"]
        changes.append({"label": field.verbose_name, "lines": lines})
    return changes


HUNK_RE = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def readable_lines(field, value) -> list[str]:
    """A field's stored value as an editor reads it on the page: names, not database ids;
    a choice's label, not its code; dates in the site's format."""
    if value is None or value == "":
        return []
    if field.is_relation:
        pks = value if field.many_to_many else [value]
        names = {
            item.pk: str(item) for item in field.related_model._default_manager.filter(pk__in=pks)
        }
        return [names.get(pk, f"(deleted, was number {pk})") for pk in pks]
    if field.choices:
        return [str(dict(field.flatchoices).get(value, value))]
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if isinstance(value, list):  # a JSON list: a table row's cells, one line each
        return [str(item) for item in value]
    if isinstance(value, dt.datetime):
        return [localize(template_localtime(value))]
    if isinstance(value, dt.date):
        return [localize(value)]
    return str(value).splitlines()


def diff_lines(unified: Iterable[str]) -> list[dict[str, str]]:
    """A unified diff for the template, each line with its kind. The file header goes, and
    each "@@ -10,3 +10,5 @@" becomes "Around line 10" (of the newer text)."""
    lines = []
    for line in unified:
        if line.startswith(("---", "+++")):
            continue
        if match := HUNK_RE.match(line):
            # The line in the newer text; in the older one if the newer is empty.
            number = int(match.group(2)) or int(match.group(1))
            lines.append({"kind": "hunk", "text": f"Around line {number}"})
        else:
            kind = {"+": "add", "-": "del"}.get(line[:1], "same")
            lines.append({"kind": kind, "text": line})
    mark_changed_words(lines)
    return lines


WORD_RE = re.compile(r"\s+|\w+|[^\w\s]")


def mark_changed_words(lines: list[dict[str, str]]) -> None:
    """Where lines taken out are followed by lines put in, pair them in order and give each
    its `parts`: (text, changed) runs, so a one-word edit of a long paragraph shows that word,
    not two whole paragraphs to compare by eye."""
    at = 0
    while at < len(lines):
        taken = at
        while taken < len(lines) and lines[taken]["kind"] == "del":
            taken += 1
        put = taken
        while put < len(lines) and lines[put]["kind"] == "add":
            put += 1
        for old, new in zip(lines[at:taken], lines[taken:put], strict=False):
            old["parts"], new["parts"] = _word_parts(old["text"], new["text"])
        at = max(put, at + 1)


def _word_parts(old: str, new: str) -> tuple[list, list]:
    """Each line's prefix (- or +) and then its words, the ones the other line lacks marked."""
    old_words, new_words = WORD_RE.findall(old[1:]), WORD_RE.findall(new[1:])
    old_parts, new_parts = [(old[:1], False)], [(new[:1], False)]
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_parts.append(("".join(old_words[i1:i2]), tag != "equal"))
        new_parts.append(("".join(new_words[j1:j2]), tag != "equal"))
    return _joined(old_parts), _joined(new_parts)


def _joined(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Runs of the same kind as one part; a space between two changed words is changed too,
    so "Sleep quality" to "Leg cramps" marks the two words as one."""
    parts = [part for part in parts if part[0]]
    for at in range(1, len(parts) - 1):
        if parts[at][0].isspace() and parts[at - 1][1] and parts[at + 1][1]:
            parts[at] = (parts[at][0], True)
    joined: list[tuple[str, bool]] = []
    for text, changed in parts:
        if joined and joined[-1][1] == changed:
            joined[-1] = (joined[-1][0] + text, changed)
        else:
            joined.append((text, changed))
    return joined


def restore_only_record(version_pk: int, rows: Iterable[tuple[type[models.Model], str]]) -> int:
    """Leave in the revision of the version `version_pk` only the record it is a version of
    and its inline rows; return how many other versions were moved out.

    django-reversion restores a version's whole revision. A save in the admin is one record
    with its inline rows, but `load_content` saved every starter record in one revision (as
    may any bulk save): restoring one record's starter version put back every other starter
    record, over editors' later work, and deleted inline rows added since to any of them.
    The other versions move to a revision of their own, with the same time, user and
    comment, so every record's history reads as before. `rows` are the inline models with
    the name of their foreign key to the record (`fk.attname`). Run in a transaction: the
    revision row stays locked until it ends (on PostgreSQL), so two restores from one
    revision cut it one after the other."""
    while True:
        version = Version.objects.get(pk=version_pk)
        revision = Revision.objects.select_for_update().get(pk=version.revision_id)
        if Version.objects.filter(pk=version_pk, revision=revision).exists():
            break  # not moved by another restore before the lock
    own = {version.pk}
    for model, fk_attname in rows:
        for row in Version.objects.get_for_model(model).filter(revision=revision):
            if str(row.field_dict.get(fk_attname)) == str(version.object_id):
                own.add(row.pk)
    others = revision.version_set.exclude(pk__in=own)
    if not others.exists():
        return 0
    moved_to = Revision.objects.create(
        date_created=revision.date_created, user=revision.user, comment=revision.comment
    )
    return others.update(revision=moved_to)
