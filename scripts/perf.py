"""Load test and benchmark: start the site under gunicorn and drive it with wrk.

    python scripts/perf.py loadtest   # realistic mix, 64 connections, 30 s, an editor saving
    python scripts/perf.py bench      # the site as readers meet it, in two set-ups

`bench` (scripts/bench/run.py) measures SQLite with a local-memory cache, then PostgreSQL
with Redis (a scratch database and a Redis database of its own): cached pages and a long
tail of distinct URLs as ratios to a static file, and the server time of the first request
after an edit. `loadtest` builds a throwaway database (SQLite in a temp folder, or the one
DATABASE_URL names) and, with REDIS_URL set, caches in Redis database PERF_REDIS_DB (default
9), which it flushes. Both serve with production settings (DEBUG off) on 127.0.0.1. Figures
are measured in one run, so ratios are meaningful on a shared machine even when absolute
numbers are not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench import run, site
from bench.wrk import walk_script, wrk

MIX = [
    # (weight, path): what readers do most, plus static files the pages load.
    (20, "/"),
    (25, "/articles/burning-feet-and-neuropathic-pain/"),
    (10, "/articles/using-magnesium-safely/"),
    (10, "/articles/"),
    (15, "/forms/?bioavailability=good&route=oral&sort=-elemental_percent"),
    (5, "/forms/magnesium-glycinate/"),
    (8, "/search/?q=glycinate"),
    (7, "@static"),
]


def prepare(workdir: Path) -> dict:
    """The load test's environment: DATABASE_URL and REDIS_URL as the shell sets them (a
    temp SQLite database otherwise), Redis on a database of the run's own."""
    env = site.base_env(workdir)
    env["DATABASE_URL"] = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'perf.sqlite3'}"
    if redis_url := os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = site.with_path(redis_url, "/" + os.environ.get("PERF_REDIS_DB", "9"))
        site.flush_redis(env["REDIS_URL"])
    site.install(env)
    return env


def editor_process(env: dict, seconds: int) -> subprocess.Popen:
    """Saves an article every half second for the duration of the run, as an editor would."""
    code = f"""
import time, django
django.setup()
from articles.models import Article
end = time.monotonic() + {seconds}
article = Article.objects.get(slug="using-magnesium-safely")
saves = 0
while time.monotonic() < end:
    article.summary = article.summary.rstrip(" .") + (" ." if saves % 2 else ".")
    article.save()
    saves += 1
    time.sleep(0.5)
print(saves)
"""
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=site.ROOT, env=env, stdout=subprocess.PIPE, text=True
    )


def loadtest(args) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = prepare(workdir)
        with site.server(env, workers=args.workers) as base:
            stylesheet = site.static_path(base)
            paths = [stylesheet if p == "@static" else p for w, p in MIX for _ in range(w)]
            for path in sorted(set(paths)):
                urllib.request.urlopen(base + path).read()
            script = walk_script(workdir, "mix.lua", paths, count_5xx=True)
            editor = editor_process(env, args.seconds)
            result = wrk(base + "/", args.connections, args.seconds, script)
            saves = int(editor.communicate(timeout=60)[0].strip() or 0)
    print(f"Load test: {args.connections} connections, {args.seconds} s, {args.workers} workers,")
    print(f"mix of {len(set(paths))} paths (pages, filtered table, search, static file);")
    print(f"an editor saved content {saves} times during the run.")
    print(f"  requests/s      {result['rps']:10.1f}")
    print(f"  requests        {result['requests']:10d}")
    print(f"  p50 latency     {result['p50']:10.2f} ms")
    print(f"  p99 latency     {result['p99']:10.2f} ms")
    print(f"  socket errors   {result['errors']:10d}")
    print(f"  non-2xx/3xx     {result['non_2xx']:10d}")
    failed = result["errors"] or result["non_2xx"] or result["5xx"]
    print("RESULT:", "FAIL" if failed else "PASS (zero errors, zero 5xx)")
    return 1 if failed else 0


def setups(value: str) -> list[str]:
    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = set(chosen) - set(run.SETUPS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(run.SETUPS)}")
    return chosen


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("loadtest")
    load.add_argument("--connections", type=int, default=64)
    load.add_argument("--seconds", type=int, default=30)
    load.add_argument("--workers", type=int, default=2)
    bench = commands.add_parser("bench", description=run.__doc__.splitlines()[0])
    bench.add_argument("--setups", type=setups, default=list(run.SETUPS), help="sqlite,postgres")
    bench.add_argument("--rounds", type=int, default=3, help="rounds of runs between static runs")
    bench.add_argument("--seconds", type=int, default=2, help="length of each wrk run")
    bench.add_argument("--warmup", type=int, default=10, help="the long tail's warm-up run, s")
    bench.add_argument("--edits", type=int, default=30, help="edits timed per cold page")
    bench.add_argument(
        "--search-timing",
        action="store_true",
        help="also time search over 10,000 synthetic articles on PostgreSQL (slow)",
    )
    bench.add_argument(
        "--wagtail",
        action="store_true",
        help="also Wagtail's tutorial blog page, from a throwaway virtualenv in the temp folder",
    )
    bench.add_argument(
        "--no-weight", dest="weight", action="store_false", help="skip cold loads in Chromium"
    )
    args = parser.parse_args()
    return loadtest(args) if args.command == "loadtest" else run.bench(args)


if __name__ == "__main__":
    sys.exit(main())
