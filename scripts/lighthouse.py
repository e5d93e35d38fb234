"""Lighthouse 12 on the mobile preset against the pages readers land on most.

    python scripts/lighthouse.py            # or: make lighthouse

Installs Lighthouse from the committed package.json/package-lock.json (`npm ci`, into
./node_modules), builds a throwaway SQLite database with the starter content, serves the site
under gunicorn with production settings (DEBUG off, whitenoise, hashed static files) on a free
port, runs Lighthouse with Debian's Chromium (LIGHTHOUSE_RUNS times per page, 5 unless set) and
prints the four category scores per page. Full reports go to artifacts/lighthouse/. Exits 1
when a page misses a target.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

# The server start-up is the one the load test uses, so both measure the same production set-up.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench.site import ROOT, prepare_sqlite, server

CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
PAGES = [
    ("home", "/"),
    ("article", "/articles/burning-feet-and-neuropathic-pain/"),
    ("forms table", "/forms/"),
    ("calculator", "/calculator/"),
]
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "5"))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def install_lighthouse() -> None:
    """`npm ci` from the committed lock, again whenever the lock has changed since."""
    stamp = ROOT / "node_modules" / ".installed"
    lock = ROOT / "package-lock.json"
    if LIGHTHOUSE.exists() and stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    if not shutil.which("npm"):
        raise SystemExit("npm is missing: Lighthouse 12 needs Node 18.20 or newer and npm")
    npm_ci = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(npm_ci, cwd=ROOT, check=True)
    stamp.touch()


def prepare(workdir: Path) -> dict:
    return prepare_sqlite(workdir, "lighthouse")


def exists(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return False


def run_lighthouse(url: str, out: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        # The default configuration is the mobile preset: a mid-range phone on a slow 4G link.
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
        "--quiet",
    ]
    # Lighthouse now and then fails to record a trace (NO_NAVSTART, NO_FCP) on a busy machine;
    # that says nothing about the page, so such a run is tried again.
    for attempt in range(1, 4):
        done = subprocess.run(command, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROME})
        if done.returncode == 0:
            return json.loads(out.with_suffix(".report.json").read_text())
        print(f"Lighthouse failed on {url} (attempt {attempt} of 3)", file=sys.stderr)
    raise SystemExit(f"Lighthouse could not measure {url}")


def median_run(url: str, name: str, runs: int) -> dict:
    """Lighthouse's performance score moves between runs on a busy machine, so each page is
    measured several times and the run with the median performance score is reported, as
    Lighthouse's own documentation advises. The other three categories do not vary."""
    slug = name.replace(" ", "-")
    reports = []
    for run in range(1, runs + 1):
        reports.append((run, run_lighthouse(url, REPORTS / f"{slug}-run{run}")))
    reports.sort(key=lambda item: item[1]["categories"]["performance"]["score"])
    run, report = reports[len(reports) // 2]
    for suffix in (".report.json", ".report.html"):
        shutil.copyfile(REPORTS / f"{slug}-run{run}{suffix}", REPORTS / f"{slug}{suffix}")
    return report


def shortfalls(report: dict, category: str) -> list[str]:
    """The audits that cost points in a category, to say what to fix."""
    audits = report["audits"]
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            value = audit.get("displayValue", "")
            lines.append(f"{ref['id']} ({audit['score']:.2f}{', ' + value if value else ''})")
    return lines


def main() -> int:
    if not Path(CHROME).exists():
        print(f"Chromium not found at {CHROME} (apt-get install chromium)", file=sys.stderr)
        return 2
    install_lighthouse()
    REPORTS.mkdir(parents=True, exist_ok=True)
    rows, notes, failed = [], [], False
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(Path(tmp))
        with server(env, workers=2) as base:
            for name, path in PAGES:
                if not exists(base + path):
                    notes.append(f"{name}: {path} does not answer 200 yet, not measured")
                    continue
                report = median_run(base + path, name, RUNS)
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                misses = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
                failed = failed or bool(misses)
                cpu = round(report["environment"]["benchmarkIndex"])
                rows.append((name, path, scores, cpu, misses))
                for category in misses:
                    notes.append(f"{name} {category}: " + "; ".join(shortfalls(report, category)))
    print(
        f"Lighthouse {lighthouse_version()}, mobile preset, median of {RUNS} run(s) per page, "
        "gunicorn with DEBUG off"
    )
    header = (
        f"{'page':12} {'path':44} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'cpu':>5}  result"
    )
    print(header)
    print("-" * len(header))
    for name, path, scores, cpu, misses in rows:
        figures = " ".join(f"{scores[c]:5d}" for c in CATEGORIES)
        print(f"{name:12} {path:44} {figures} {cpu:5d}  {'FAIL' if misses else 'PASS'}")
    print("Targets: performance >= 95, accessibility 100, best practices 100, SEO 100")
    # Lighthouse's own measure of the host's speed while it ran; a busy machine scores low
    # and makes the performance figure pessimistic.
    print("cpu: Lighthouse's benchmark index of this machine during the median run")
    for note in notes:
        print("  -", note)
    print(f"Reports: {REPORTS.relative_to(ROOT)}/")
    print("RESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    sys.exit(main())
