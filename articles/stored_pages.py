"""Parts of public pages kept rendered between content changes.

Markdown is rendered when content is saved; this takes the same idea one step further for
the busiest pages: an article's main column (all its template draws inside <main>), each
row of the forms table and the facts the table needs (comparisons/views.py, filters.py).
Each part is rendered once and kept in a StoredPage row, stamped with the content version
it was rendered under and a fingerprint of the release (the site's templates and code). A
request uses the row only while both still match:

- any content save, in any app process, bumps the version (articles/signals.py), and so
  does a scheduled publication once its time comes (ContentVersion.current);
- a deploy that changes any template or any of the apps' code changes the fingerprint.

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
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from articles.models import ContentVersion, StoredPage

logger = logging.getLogger(__name__)


# What a stored page is drawn from, besides the content: the site's templates, and the code
# that builds their context (views, model methods, the Markdown renderer).
RELEASE_FOLDERS = ["templates", "articles", "comparisons", "site_config"]
RELEASE_SUFFIXES = {".html", ".py"}


@functools.cache
def release_fingerprint() -> str:
    """A digest of every template and source file of the site, read once per process."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder in RELEASE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Stamp:
    version: int
    release: str


def current_stamp() -> Stamp:
    return Stamp(ContentVersion.current(), release_fingerprint())


@dataclass(frozen=True)
class Page:
    html: SafeString
    data: dict


def _scoped(key: str) -> str:
    """The key as stored: links in a stored part include the script prefix it was drawn
    under, so a site mounted under another prefix keeps its own."""
    prefix = get_script_prefix()
    return key if prefix == "/" else f"{prefix}{key}"


def load_many(keys: list[str], stamp: Stamp) -> dict[str, Page]:
    """The stored pages (or parts of pages, such as table rows) under these keys that were
    rendered under this stamp, by key; keys with none are left out."""
    if not keys:
        return {}
    scoped = {_scoped(key): key for key in keys}
    # Plain SQL: this runs on every request for the page, and building the ORM query would
    # cost several times what running it does.
    table, key_column = map(connection.ops.quote_name, [StoredPage._meta.db_table, "key"])
    placeholders = ", ".join(["%s"] * len(scoped))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key_column}, html, data FROM {table} "
            f"WHERE {key_column} IN ({placeholders}) AND version = %s AND release = %s",
            [*scoped, stamp.version, stamp.release],
        )
        return _pages(scoped, cursor.fetchall())


def load_current(keys: list[str]) -> tuple[Stamp, dict[str, Page]]:
    """current_stamp(), and the pages under these keys stored under it (as load_many gives
    them), in one query: a page that needs both saves a round trip to the database on
    every request. A missing version row or a scheduled change whose time has come goes the
    long way, through ContentVersion.current()."""
    scoped = {_scoped(key): key for key in keys}
    release = release_fingerprint()
    qn = connection.ops.quote_name
    versions, table, key_column = (
        qn(ContentVersion._meta.db_table),
        qn(StoredPage._meta.db_table),
        qn("key"),
    )
    placeholders = ", ".join(["%s"] * len(scoped))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.version, v.next_change_at <= %s, p.{key_column}, p.html, p.data "
            f"FROM {versions} v LEFT JOIN {table} p ON p.{key_column} IN ({placeholders}) "
            "AND p.version = v.version AND p.release = %s WHERE v.id = 1",
            [now, *scoped, release],
        )
        rows = cursor.fetchall()
    if not rows or rows[0][1]:  # rows[0][1] is NULL (falsy) when nothing is scheduled
        stamp = current_stamp()
        return stamp, load_many(keys, stamp)
    stamp = Stamp(rows[0][0], release)
    return stamp, _pages(scoped, [row[2:] for row in rows if row[2] is not None])


def _pages(scoped: dict[str, str], rows: list[tuple[str, str, str]]) -> dict[str, Page]:
    # The HTML came from one of the site's own templates, which escaped it when it was
    # rendered; it is stored and returned exactly as that render produced it.
    return {scoped[key]: Page(mark_safe(html), json.loads(data)) for key, html, data in rows}


def store(key: str, stamp: Stamp, html: str, data: dict) -> None:
    """Keep a freshly rendered page under this key (see store_many)."""
    store_many({key: Page(html, data)}, stamp)


def store_many(pages: dict[str, Page], stamp: Stamp) -> None:
    """Keep freshly rendered pages under their keys. A failure (say, SQLite busy with another
    writer) is logged and ignored: the pages were rendered and are served either way, and
    the next request tries again."""
    try:
        with transaction.atomic():
            StoredPage.objects.bulk_create(
                [
                    StoredPage(
                        key=_scoped(key),
                        version=stamp.version,
                        release=stamp.release,
                        html=page.html,
                        data=json.dumps(page.data),
                    )
                    for key, page in pages.items()
                ],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["version", "release", "html", "data"],
            )
            # Rows from older versions can never be used again (the version only grows).
            table = connection.ops.quote_name(StoredPage._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE version < %s", [stamp.version])
    except DatabaseError:
        logger.warning("could not store the rendered pages %s", ", ".join(pages), exc_info=True)
