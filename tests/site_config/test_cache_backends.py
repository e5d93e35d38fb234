"""The Redis cache backend reuses one client per connection pool, also across a fork."""

import multiprocessing
import os

import pytest

from site_config.cache_backends import RedisCache
from tests.site_config.test_page_cache import REDIS_TEST_URL, redis_available

pytestmark = pytest.mark.skipif(not redis_available(), reason="Redis is not running")


def new_cache() -> RedisCache:
    return RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": "cache-backend-tests"})


def test_every_call_goes_through_one_client():
    cache = new_cache()
    first = cache._cache.get_client()
    cache.set("answer", {"value": 42})
    assert cache.get("answer") == {"value": 42}
    assert cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first
    cache.delete("answer")


def _use_cache_in_child(cache: RedisCache, queue) -> None:
    cache.set("from-child", "child wrote this")
    connection = cache._cache.get_client().connection_pool.get_connection()
    queue.put((cache.get("from-child"), connection.pid, os.getpid()))


def test_a_forked_worker_gets_its_own_connection_and_works():
    """gunicorn forks workers from a master that may already have used the cache."""
    cache = new_cache()
    cache.set("from-parent", "parent wrote this")
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(
        target=_use_cache_in_child, args=(cache, queue)
    )
    child.start()
    child_value, connection_pid, child_pid = queue.get(timeout=10)
    child.join(timeout=10)
    assert child.exitcode == 0
    assert child_value == "child wrote this"
    assert connection_pid == child_pid != os.getpid()
    # The parent's own connection still answers, and sees what the child wrote.
    assert cache.get("from-parent") == "parent wrote this"
    assert cache.get("from-child") == "child wrote this"
    cache.delete_many(["from-parent", "from-child"])
