"""`make bench`: the site as readers meet it (issue 21), in two set-ups in one run.

For each set-up (SQLite with a local-memory cache; PostgreSQL with Redis), on a fresh
database with the starter content and gunicorn as in production:

- the cached article and the cached table with rows, and a long tail of several hundred
  distinct URLs walked by wrk, each as a ratio of requests/s to a static file WhiteNoise
  serves, measured in rounds between runs of that file;
- cold renders: the server time of the first request for a page after an edit of it.

It is a report, not a test: it prints what it measured and which targets were missed, and
exits 0 either way (non-zero only if it could not run).
"""

from __future__ import annotations

import http.client
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from . import cold, paths, site, wagtail, weight
from .wrk import THREADS, TIMEOUT, merge, settle, walk_script, wrk

CONNECTIONS = 16
WORKERS = 2
# Targets (issue 21): ratios to the static file measured in the same run, and the median
# server time of a cold render in ms.
CACHED_MIN = {"sqlite": 0.85, "postgres": 0.75}
LONG_TAIL_MIN = 0.6
COLD_MAX_MS = {"article": 8.0, "table": 10.0}


@dataclass
class Run:
    """What one row of the table measures: a path, or a walk through many (a wrk script)."""

    name: str
    path: str
    script: Path | None = None
    target: float | None = None


@dataclass
class Row:
    name: str
    result: dict
    ratio: float | None = None
    ratios: list[float] = field(default_factory=list)
    target: float | None = None


@dataclass
class Report:
    setup: site.Setup
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cold: dict = field(default_factory=dict)
    weights: list = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    search_ms: float | None = None


STARTED = time.monotonic()


def progress(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def measure(base: str, stylesheet: str, runs: list[Run], rounds: int, seconds: int) -> list[Row]:
    """Each run between two runs of the static file, in rounds: the machine's load drifts,
    and a page should not gain or lose by it. A row's ratio is the median over the rounds
    of its requests/s against the mean of the static runs on either side; its req/s and
    p50 are over all rounds, its p99 the worst round's."""

    def one(url_path: str, script: Path | None = None) -> dict:
        result = wrk(base + url_path, CONNECTIONS, seconds, script)
        settle(base, stylesheet)
        return result

    static: list[list[dict]] = [[] for _ in range(len(runs) + 1)]
    measured: list[list[dict]] = [[] for _ in runs]
    for _round in range(rounds):
        static[0].append(one(stylesheet))
        for index, run in enumerate(runs):
            measured[index].append(one(run.path, run.script))
            static[index + 1].append(one(stylesheet))
    rows = [Row("static file (WhiteNoise)", merge([r for rs in static for r in rs]), 1.0)]
    for index, run in enumerate(runs):
        ratios = []
        for number, result in enumerate(measured[index]):
            neighbours = (static[index][number]["rps"] + static[index + 1][number]["rps"]) / 2
            ratios.append(result["rps"] / neighbours if neighbours else 0.0)
        rows.append(
            Row(run.name, merge(measured[index]), statistics.median(ratios), ratios, run.target)
        )
    return rows


def fetch(base: str, path: str) -> tuple[int, str | None]:
    """One GET, redirects not followed: the status and the X-Cache header."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Cache")
    finally:
        connection.close()


def served_from_cache(base: str, path: str) -> bool:
    """With local memory each worker has its own cache, so a few tries may be needed."""
    return any(fetch(base, path)[1] == "hit" for _ in range(6))


def walk_once(base: str, walk: list[str]) -> tuple[int, list[str]]:
    """One request per path, after the runs: how many were hits, and any not answered 200."""
    hits, wrong = 0, []
    for path in walk:
        status, cache = fetch(base, path)
        hits += cache == "hit"
        if status != 200:
            wrong.append(f"{path} answered {status}")
    return hits, wrong


def bench_setup(setup: site.Setup, key: str, workdir: Path, args) -> Report:
    report = Report(setup)
    progress(f"{setup.name}: migrate, load_content, collectstatic")
    site.install(setup.env)
    progress(f"{setup.name}: cold renders ({args.edits} edits of each page)")
    report.cold = cold.run(setup.env, args.edits)
    progress(f"{setup.name}: gunicorn under wrk")
    with site.server(setup.env, workers=WORKERS) as base:
        report.notes.append(
            f"gunicorn: {WORKERS} sync workers (gunicorn.conf.py), DEBUG off; wrk: {THREADS} "
            f"threads, {CONNECTIONS} connections, {TIMEOUT} timeout, asking for gzip; "
            f"{site.machine()}"
        )
        stylesheet = site.static_path(base)
        walk = paths.long_tail(base)
        script = walk_script(workdir, f"long-tail-{key}.lua", walk)
        cached_min = CACHED_MIN[key]
        runs = [
            Run("cached article", cold.ARTICLE_PATH, target=cached_min),
            Run(f"cached table ({cold.TABLE_PATH})", cold.TABLE_PATH, target=cached_min),
            Run(f"long tail ({len(walk)} distinct URLs)", "/", script, LONG_TAIL_MIN),
        ]
        # Warm-up: a short concurrent run reaches every worker (a sequential request tends
        # to reach the same one); the long tail gets one run of the same walk, no more.
        for run in runs[:2]:
            wrk(base + run.path, 4, 1)
            if not served_from_cache(base, run.path):
                report.misses.append(f"{run.path} is not served from the cache")
        warmup = wrk(base + "/", CONNECTIONS, args.warmup, script)
        settle(base, stylesheet)
        report.rows = measure(base, stylesheet, runs, args.rounds, args.seconds)
        report.rows.append(Row("long tail, its warm-up run", warmup))
        reached = min(warmup["requests"], len(walk))
        report.notes.append(
            f"warm-up: the article and the table 1 s each at 4 connections; the long tail "
            f"one {args.warmup} s run of the same walk, before any other request to it "
            f"({warmup['requests']} requests, reaching up to {reached} of {len(walk)} URLs)"
        )
        hits, wrong = walk_once(base, walk)
        report.notes.append(
            f"long tail, one request per URL after the runs: {hits} of {len(walk)} were "
            f"cache hits ({hits / len(walk):.0%}); "
            + (f"{len(wrong)} not answered 200" if wrong else "all answered 200")
        )
        report.misses += wrong
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(paths.kinds(walk).items()))
        report.notes.append(f"long-tail URLs: {kinds}")
        if args.weight and key == "sqlite":
            progress(f"{setup.name}: cold loads in Chromium")
            report.weights, weight_misses = weight.cold_loads(base)
            report.misses += weight_misses
    if args.search_timing and key == "postgres":
        progress(f"{setup.name}: search over the large synthetic data set")
        report.search_ms = search_timing(setup.env)
    check(report)
    return report


SEARCH_MAX_MS = 50


def search_timing(env: dict) -> float:
    """scripts/search_timing.py against a large database next to the set-up's (it creates,
    fills and drops it); its last line is the median server time in ms."""
    script = site.ROOT / "scripts" / "search_timing.py"
    done = subprocess.run(
        [site.PYTHON, str(script)], cwd=site.ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"search_timing.py failed:\n{done.stderr[-3000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def check(report: Report) -> None:
    for row in report.rows:
        errors = row.result["errors"] + row.result["non_2xx"]
        if errors:
            report.misses.append(f"{row.name}: {errors} errors")
        if row.target is not None and row.ratio < row.target:
            report.misses.append(f"{row.name}: {row.ratio:.3f} < {row.target:.2f} of static")
    for kind, result in report.cold.items():
        if kind not in COLD_MAX_MS:
            continue
        if result["median"] > COLD_MAX_MS[kind]:
            report.misses.append(
                f"cold {kind} ({result['path']}): median {result['median']:.1f} ms > "
                f"{COLD_MAX_MS[kind]:g} ms"
            )
        for problem in ("not_miss", "not_hit", "edit_not_shown"):
            if result[problem]:
                report.misses.append(f"cold {kind}: {problem.replace('_', ' ')} {result[problem]}")
    if report.search_ms is not None and report.search_ms >= SEARCH_MAX_MS:
        report.misses.append(f"search {report.search_ms:.1f} ms >= {SEARCH_MAX_MS} ms")
    report.misses = [f"{report.setup.name}: {miss}" for miss in report.misses]


def print_report(report: Report) -> None:
    print(f"\n== {report.setup.name} ==")
    print(f"cache: {report.setup.cache}")
    for note in report.notes[:2]:
        print(note)
    print_rows(report.rows)
    for note in report.notes[2:]:
        print(note)
    if report.cold:
        edits = report.cold["article"]["edits"]
        print(
            f"cold render: first request after an edit, server time in-process (test Client, "
            f"all middleware, anonymous, page cache on, DEBUG off), {edits} edits:"
        )
        print(
            f"{'':38} {'median':>7} {'p90':>7} {'max':>7} {'hit':>6} {'queries':>7} "
            f"{'save':>7}  target"
        )
        for kind, label in (("article", "article after an edit of it"), ("table", "")):
            result = report.cold[kind]
            label = label or f"{result['path']} after a form edit"
            limit = COLD_MAX_MS[kind]
            state = "met" if result["median"] <= limit else "MISSED"
            print(
                f"{label:38} {result['median']:7.2f} {result['p90']:7.2f} {result['max']:7.2f} "
                f"{result['hit_median']:6.2f} {result['queries']:7d} {result['save_median']:7.1f}"
                f"  <= {limit:g} ms {state}"
            )
        print(
            "(ms; 'hit' is the median of the request right after, served from the cache; "
            "'queries' counts one more cold request's SQL; 'save' is the median of the "
            "edit's save, not part of the target)"
        )
    if report.search_ms is not None:
        print(f"search over 10,000 synthetic articles: {report.search_ms:.1f} ms server time")
    if report.weights:
        print(
            f"cold load in Chromium (fresh profile, 360 px, as served); article budget "
            f"{weight.COLD_LOAD_MAX_KB} KB in {weight.COLD_LOAD_MAX_REQUESTS} requests:"
        )
        for path, result in report.weights:
            print(f"  {path:52} {result['requests']:3d} requests {result['kb']:7.1f} KB")


SETUPS = {"sqlite": site.sqlite_setup, "postgres": site.postgres_redis_setup}


def bench_wagtail(workdir: Path, args) -> tuple[list[Row], list[str]]:
    """Wagtail's tutorial blog page, uncached and with Django's per-site cache: for
    comparison, not a target."""
    progress("Wagtail: throwaway virtualenv and project")
    if reason := wagtail.install():
        return [], [f"Wagtail not measured: {reason}"]
    try:
        project, env = wagtail.build(workdir)
        timing = wagtail.render_time(project, env)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        return [], [f"Wagtail not measured: {error}"]
    rows = []
    for label, base in wagtail.servers(project, env):
        progress(f"Wagtail, {label}: gunicorn under wrk")
        stylesheet = wagtail.stylesheet(base)
        wrk(base + wagtail.POST_PATH, 4, 1)
        static, page = measure(
            base,
            stylesheet,
            [Run(f"Wagtail post, {label}", wagtail.POST_PATH)],
            args.rounds,
            args.seconds,
        )
        static.name = f"static file, beside {label}"
        rows += [static, page]
    notes = [
        f"Wagtail post rendered in-process (test Client, no cache, DEBUG off): median "
        f"{timing['median']:.2f} ms, p90 {timing['p90']:.2f} ms (ours after an edit: above)"
    ]
    return rows, notes


def print_rows(rows: list[Row]) -> None:
    header = f"{'':38} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'vs static':>9}"
    print(f"{header}  {'rounds':16} target")
    for row in rows:
        r = row.result
        ratio = f"{row.ratio:9.2f}" if row.ratio is not None else f"{'-':>9}"
        rounds = " ".join(f"{x:.2f}" for x in row.ratios)
        target = ""
        if row.target is not None:
            target = f">= {row.target:.2f} " + ("met" if row.ratio >= row.target else "MISSED")
        print(
            f"{row.name:38} {r['rps']:7.0f} {r['p50']:7.2f} {r['p99']:7.2f} "
            f"{r['errors'] + r['non_2xx']:6d} {ratio}  {rounds:16} {target}"
        )


def bench(args) -> int:
    reports, misses = [], []
    for key in args.setups:
        with tempfile.TemporaryDirectory(prefix=f"bench-{key}-") as tmp:
            workdir = Path(tmp)
            try:
                setup = SETUPS[key](workdir)
            except Exception as error:  # a server that is down: report it, measure the rest
                misses.append(f"{key}: not measured ({type(error).__name__}: {error})")
                progress(misses[-1])
                continue
            try:
                report = bench_setup(setup, key, workdir, args)
            finally:
                for cleanup in setup.cleanups:
                    try:
                        cleanup()
                    except Exception:
                        traceback.print_exc()
            reports.append(report)
            misses += report.misses
    wagtail_rows, wagtail_notes = [], []
    if args.wagtail:
        with tempfile.TemporaryDirectory(prefix="bench-wagtail-") as tmp:
            wagtail_rows, wagtail_notes = bench_wagtail(Path(tmp), args)
    print(
        "\nBenchmark: each row ran in rounds between runs of the static file; 'vs static' is "
        "the median over the rounds of its req/s against the static runs on either side "
        "(each round's ratio under 'rounds'); p99 is the worst round's."
    )
    for report in reports:
        print_report(report)
    if args.wagtail:
        print("\n== For comparison: Wagtail's tutorial blog page (SQLite, local memory) ==")
        print(wagtail.SUMMARY)
        print_rows(wagtail_rows)
        print(*wagtail_notes, sep="\n")
    print()
    print("Targets: all met" if not misses else "Targets missed:")
    for miss in misses:
        print("  -", miss)
    return 0
