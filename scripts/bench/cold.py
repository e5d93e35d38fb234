"""Cold renders: the server time of the first request for a page after an edit.

An editor saves an article (or a form of magnesium); the next reader of that page meets a
page the cache no longer holds. This times that request in-process, through Django's test
Client (every middleware, an anonymous reader, the page cache on), in a process configured
like production (DEBUG off, the set-up's database and cache). Each edit changes the
article's summary (or the form's) and saves it through the ORM, as the admin does; every
response timed must be a cache miss, and the next request for the page a hit.

Run by scripts/bench/run.py as `python scripts/bench/cold.py EDITS` with the set-up's
environment; prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ARTICLE = "burning-feet-and-neuropathic-pain"
ARTICLE_PATH = f"/articles/{ARTICLE}/"
# An oral form, so it is one of the rows of /forms/?route=oral.
COMPOUND = "magnesium-glycinate"
TABLE_PATH = "/forms/?route=oral"
# Unmeasured edits first: the first requests of a process import and compile what a
# gunicorn worker has ready before it serves (gunicorn.conf.py preloads the app).
WARMUP_EDITS = 3


def run(env: dict, edits: int) -> dict:
    """Cold renders in a subprocess with the set-up's environment."""
    output = subprocess.run(
        [sys.executable, str(Path(__file__)), str(edits)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    if output.returncode:
        raise RuntimeError(f"cold renders failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _quantile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_after_edits(client, path: str, edit, edits: int) -> dict:
    """Edit, then time the next request for `path`; then one more request, a hit. The
    save is timed too, for the report: it is what an editor waits for."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cold, warm, saves, not_miss, not_hit, missing = [], [], [], [], [], []
    for number in range(WARMUP_EDITS + edits + 1):
        started = time.perf_counter()
        marker = edit(number)
        elapsed_save = (time.perf_counter() - started) * 1000
        last = number == WARMUP_EDITS + edits
        if last:  # counted, not timed: capturing queries slows them down
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            break
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        again = client.get(path)
        elapsed_hit = (time.perf_counter() - started) * 1000
        if number < WARMUP_EDITS:
            continue
        cold.append(elapsed)
        warm.append(elapsed_hit)
        saves.append(elapsed_save)
        if response.status_code != 200 or response.headers.get("X-Cache") != "miss":
            not_miss.append(f"{response.status_code} X-Cache {response.headers.get('X-Cache')}")
        if marker and marker not in response.content.decode():
            missing.append(marker)
        if again.headers.get("X-Cache") != "hit":
            not_hit.append(str(again.headers.get("X-Cache")))
    return {
        "path": path,
        "edits": len(cold),
        "median": statistics.median(cold),
        "p90": _quantile(cold, 0.9),
        "max": max(cold),
        "hit_median": statistics.median(warm),
        "save_median": statistics.median(saves),
        "queries": len(queries),
        "not_miss": not_miss,
        "not_hit": not_hit,
        "edit_not_shown": missing,
    }


def main(edits: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from articles.models import Article
    from comparisons.models import MagnesiumCompound

    assert not settings.DEBUG, "cold renders are measured with DEBUG off"
    client = Client(HTTP_HOST="localhost")  # a host ALLOWED_HOSTS accepts
    article = Article.objects.get(slug=ARTICLE)
    compound = MagnesiumCompound.objects.get(slug=COMPOUND)
    article_summary, compound_summary = article.summary, compound.summary

    def edit_article(number: int) -> str:
        marker = f"Bench edit {number}."
        article.summary = f"{article_summary.rstrip()} {marker}"
        article.save()
        return marker

    def edit_compound(number: int) -> str:
        # The table's rows do not show a form's summary; the X-Cache header tells the miss.
        compound.summary = f"{compound_summary.rstrip()} Bench edit {number}."
        compound.save()
        return ""

    result = {
        "article": time_after_edits(client, ARTICLE_PATH, edit_article, edits),
        "table": time_after_edits(client, TABLE_PATH, edit_compound, edits),
        "settings": {
            "debug": settings.DEBUG,
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
            "pid": os.getpid(),
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]))
