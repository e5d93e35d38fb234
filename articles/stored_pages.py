"""Public pages kept as rendered HTML between content changes.

Markdown is rendered when content is saved; this takes the same idea one step further for
the busiest pages. A page's main column (all its template draws inside <main>) is rendered
by its template once and kept in a StoredPage row, stamped with the content version it was
rendered under and a fingerprint of the site's templates. A request uses the row only while
both still match:

- any content save, in any app process, bumps the version (articles/signals.py), and so
  does a scheduled publication once its time comes (ContentVersion.current);
- a deploy that changes any template changes the fingerprint.

Either way the next request renders the page afresh and stores it. Nothing has to know
which pages a change affects, so no page can outlive the content it shows. This is not the
page cache: that keeps whole responses, for anonymous readers only, in the cache backend;
this keeps part of a page in the database, for everyone, and a request still builds the
layout, the head and the headers around it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils.safestring import SafeString, mark_safe

from articles.models import ContentVersion, StoredPage

logger = logging.getLogger(__name__)


@functools.cache
def templates_fingerprint() -> str:
    """A digest of every template file of the site, read once per process."""
    digest = hashlib.sha256()
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Stamp:
    version: int
    templates: str


def current_stamp() -> Stamp:
    return Stamp(ContentVersion.current_fast(), templates_fingerprint())


@dataclass(frozen=True)
class Page:
    html: SafeString
    data: dict


def load(key: str, stamp: Stamp) -> Page | None:
    """The stored page under this key, if it was rendered under this stamp."""
    # Plain SQL: this runs on every request for the page, and building the ORM query would
    # cost several times what running it does.
    table, key_column = map(connection.ops.quote_name, [StoredPage._meta.db_table, "key"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT html, data FROM {table} "
            f"WHERE {key_column} = %s AND version = %s AND templates = %s",
            [key, stamp.version, stamp.templates],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    html, data = row
    # The HTML came from one of the site's own templates, which escaped it when it was
    # rendered; it is stored and returned exactly as that render produced it.
    return Page(mark_safe(html), json.loads(data))


def store(key: str, stamp: Stamp, html: str, data: dict) -> None:
    """Keep a freshly rendered page under this key. A failure (say, SQLite busy with another
    writer) is logged and ignored: the page was rendered and is served either way, and the
    next request tries again."""
    try:
        with transaction.atomic():
            StoredPage.objects.bulk_create(
                [
                    StoredPage(
                        key=key,
                        version=stamp.version,
                        templates=stamp.templates,
                        html=html,
                        data=json.dumps(data),
                    )
                ],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["version", "templates", "html", "data"],
            )
            # Rows from older versions can never be used again (the version only grows).
            table = connection.ops.quote_name(StoredPage._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE version < %s", [stamp.version])
    except DatabaseError:
        logger.warning("could not store the rendered page %s", key, exc_info=True)
