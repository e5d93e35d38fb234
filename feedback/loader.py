"""Change notes for starter pages corrected after a site loaded them (`feedback/starter/`,
CONTENT_FORMAT.md).

`load_content` refreshes a starter page no editor has changed. Where the starter files hold a
note for that page that this site has not had yet, readers get it where an editor's
correction would put it: the page's list of changes, /changes/ and the feed. Each record
remembers the notes whose content it has had (`StarterRecord.notes_seen`), so a site loading
the starter content for the first time gets no notes (nothing changed for its readers), and
no site gets a note twice. This runs after the content apps (INSTALLED_APPS order), so it
sees what they did.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.contenttypes.models import ContentType

from articles.loader import StarterContentError, StarterLoader, read_toml
from articles.models import StarterRecord
from feedback.models import NOTE_MAX, NOTED_KINDS, NOTED_ON_ANOTHER_PAGE, ChangeNote, noted_page

NOTES = Path(__file__).resolve().parent / "starter" / "change_notes.toml"


def _checked(entry: dict) -> dict:
    where = f"change note for {entry.get('model')} '{entry.get('key')}'"
    if entry.get("model") not in (*NOTED_KINDS, *NOTED_ON_ANOTHER_PAGE):
        raise StarterContentError(f"{where}: readers see no list of changes for that model")
    note = str(entry.get("note", "")).strip()
    if not note or len(note) > NOTE_MAX:
        raise StarterContentError(f"{where}: a note is 1 to {NOTE_MAX} characters")
    return {**entry, "note": note}


def _note_for_readers(record, note: str) -> bool:
    page = noted_page(record)
    if not getattr(page, "is_public", True):
        return False
    ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(page), object_id=page.pk, note=note
    )
    return True


def load(loader: StarterLoader) -> None:
    for entry in map(_checked, read_toml(NOTES).get("note", [])):
        key = (entry["model"], entry["key"])
        outcome, record = loader.outcomes.get(key, (None, None))
        starter = StarterRecord.objects.filter(model=key[0], key=key[1]).first()
        digest = hashlib.sha256(entry["note"].encode()).hexdigest()[:16]
        if outcome is None or starter is None or digest in starter.notes_seen:
            continue  # an editor's record (never refreshed), or a note it has had
        if outcome == "updated" and _note_for_readers(record, entry["note"]):
            loader.counts["change notes for readers"] += 1
        starter.notes_seen = [*starter.notes_seen, digest]
        starter.save(update_fields=["notes_seen"])
