"""Django's Redis cache backend, with one Redis client per connection pool.

Django's client builds a new `redis.Redis` for every cache call. Building one costs more
than the call's own work on this site: redis-py fills a case-insensitive table of about 160
response callbacks each time. A cached page does that on every request (the page cache's
MGET). A `redis.Redis` over a connection pool is safe to share between threads, and the
pool makes a fresh connection after a fork (gunicorn's workers). So one client per pool,
made on first use, behaves the same at a fraction of the cost.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(pool)) is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
