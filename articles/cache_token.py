"""The content version as a cache shared by every app process sees it.

The ContentVersion row is the source of truth. A shared cache (Redis) also holds a token
that every bump moves on atomically (INCR), so the page cache can check a stored page
against it in the same round trip that fetches the page, with no database query. A
process-local cache (local memory, one per gunicorn worker) cannot see another process's
bump, so there the page cache reads the row instead.
"""

import logging
import secrets

from django.core.cache import BaseCache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

logger = logging.getLogger(__name__)

TOKEN_KEY = "content-version-token"


def is_shared(cache: BaseCache) -> bool:
    return not isinstance(cache, LocMemCache | DummyCache)


def seed(cache: BaseCache) -> int:
    """Start a missing token (new, flushed or evicted) at a random number, so that pages
    stored under an earlier token cannot match it by chance. `add` is atomic: when several
    processes race, all of them end up with the one value that won."""
    cache.add(TOKEN_KEY, secrets.randbits(62), timeout=None)
    token = cache.get(TOKEN_KEY)
    if token is None:  # evicted again at once, or a backend that dropped the write
        raise ValueError("the content version token could not be stored")
    return token


def advance(cache: BaseCache | None = None) -> None:
    """Make every page stored in a shared cache stale, in all processes at once."""
    cache = cache or caches["default"]
    if not is_shared(cache):
        return
    try:
        try:
            cache.incr(TOKEN_KEY)
        except ValueError:  # no token yet: a fresh random one is as good as a bump
            seed(cache)
    except Exception:  # a cache outage must not fail the save that caused the bump
        logger.warning("could not advance the content version token", exc_info=True)


def advance_now_and_on_commit() -> None:
    """At once, for this process (and tests, which never commit), and again when the bump's
    transaction commits: a reader that took the first new token while the change was still
    uncommitted may have stored a page without it, and the second one makes that page stale."""
    advance()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(advance)
