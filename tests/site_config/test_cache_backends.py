"""The Redis cache backend reuses one client per connection pool, also across a fork."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

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


# Run in a fresh interpreter: forking pytest's own process, which has threads, could
# deadlock the child. This one is single-threaded, as gunicorn's master is when it forks.
FORK_SCRIPT = """
import json, os, sys
from django.conf import settings
settings.configure()
from site_config.cache_backends import RedisCache

cache = RedisCache(sys.argv[1], {"KEY_PREFIX": "cache-backend-tests"})
cache.set("from-parent", "parent wrote this")
parent_connection = cache._cache.get_client().client_id()  # Redis's id of the connection
reader, writer = os.pipe()
pid = os.fork()
if pid == 0:
    cache.set("from-child", "child wrote this")
    report = {"value": cache.get("from-child"), "connection": cache._cache.get_client().client_id()}
    os.write(writer, json.dumps(report).encode())
    os._exit(0)
os.close(writer)
child = json.loads(os.read(reader, 4096))
_, status = os.waitpid(pid, 0)
child |= {
    "parent_connection": parent_connection,
    "parent_connection_after": cache._cache.get_client().client_id(),
    "exit_status": status,
    "parent_reads": [cache.get("from-parent"), cache.get("from-child")],
}
cache.delete_many(["from-parent", "from-child"])
print(json.dumps(child))
"""


def test_a_forked_worker_gets_its_own_connection_and_works():
    """gunicorn forks workers from a master that may already have used the cache."""
    result = subprocess.run(
        [sys.executable, "-c", FORK_SCRIPT, REDIS_TEST_URL],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["exit_status"] == 0
    assert report["value"] == "child wrote this"
    assert report["connection"] != report["parent_connection"]
    assert report["parent_connection_after"] == report["parent_connection"]
    # The parent's own connection still answers, and sees what the child wrote.
    assert report["parent_reads"] == ["parent wrote this", "child wrote this"]
