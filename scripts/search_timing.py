"""Server-side time of site search over a large synthetic data set on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/magnesium python scripts/search_timing.py

Creates a separate database next to the one DATABASE_URL names (its name + "_large"),
migrates it, fills it with `generate_synthetic_data` (10,000 articles, 500 forms, 50,000
links), checks with EXPLAIN that article search uses its GIN index, then times the same
search function the /search/ view calls for several queries. It prints one line per query
and, last, the median time in ms (`scripts/perf.py bench --search-timing` reads that line).
The database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["glycinate", "sleep", "burning feet", "kidney", "synthetic", "magnesium nerve pain"]
RUNS = 7
# Only for this throwaway run, like the one scripts/perf.py uses.
SECRET_KEY = "search-timing-run-" + "x" * 50


def admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def build(url: str, large_url: str, articles: int) -> None:
    name = urlsplit(large_url).path.lstrip("/")
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": large_url}
    env.setdefault("DJANGO_SECRET_KEY", SECRET_KEY)
    run = [sys.executable, "manage.py"]
    subprocess.run([*run, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*run, "generate_synthetic_data", "--articles", str(articles)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,  # keep stdout for the figures
    )


def drop(url: str, large_url: str) -> None:
    name = urlsplit(large_url).path.lstrip("/")
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(large_url: str) -> float:
    os.environ["DATABASE_URL"] = large_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", SECRET_KEY)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from articles.models import Article
    from site_config.search import matching, search
    from site_config.search_kinds import site_kinds

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    kinds = site_kinds()
    article_kind = next(kind for kind in kinds if kind.name == "Articles")
    plan = matching(article_kind, ["glycinate"]).explain()
    uses_index = "article_search_vector_gin" in plan
    print(f"articles: {Article.objects.count()}; GIN index used: {'yes' if uses_index else 'NO'}")
    if not uses_index:
        print(plan)
    medians = []
    for query in QUERIES:
        search(query, kinds)  # warm
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            results = search(query, kinds)
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        medians.append(median)
        hits = f"{results.total:3d} hits"
        print(f"  {query!r:24} {hits}  median {median:6.1f} ms  max {max(times):6.1f} ms")
    overall = statistics.median(medians)
    print(f"median server time of search over {Article.objects.count()} articles (ms):")
    print(f"{overall:.1f}")
    return overall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the large database")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("search timing needs DATABASE_URL to point at PostgreSQL", file=sys.stderr)
        return 2
    parts = urlsplit(url)
    large_url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_large"))
    build(url, large_url, args.articles)
    try:
        measure(large_url)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop(url, large_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
