"""gunicorn settings for `make run`, the container and production.

Workers follow the CPU count; the access log goes to stdout, one line per request with the
request id that site_config.middleware.request_id sets (JSON when DJANGO_LOG_FORMAT=json).
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
timeout = 30
graceful_timeout = 20
keepalive = 5
# Workers are recycled now and then as a guard against slow leaks, rarely: a new worker's
# page cache (in local memory) starts empty. The app is imported once in the master and the
# workers are forked from it, so a recycled worker does not import Django again while its
# share of requests waits.
preload_app = True
max_requests = 200000
max_requests_jitter = 20000

# The longest request line gunicorn accepts (its default is 4094 bytes, answered with its own
# bare error page). Up to this, the site answers long values itself, on its own pages: a
# search or filter value is cut with a notice (docs/public-surface.md, "Bad input").
limit_request_line = 8190

accesslog = "-"
errorlog = "-"
if os.environ.get("DJANGO_LOG_FORMAT") == "json":
    access_log_format = (
        '{"time": "%(t)s", "request_id": "%({x-request-id}o)s", "method": "%(m)s", '
        '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "duration_ms": %(M)s, '
        '"bytes": "%(B)s", "remote": "%(h)s"}'
    )
else:
    access_log_format = '%(t)s %({x-request-id}o)s %(m)s %(U)s?%(q)s %(s)s %(M)sms %(B)sB "%(a)s"'
