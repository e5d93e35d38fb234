"""The W3C Nu HTML Checker over every page type of the site: zero errors is the target.

    python scripts/html_check.py            # or: make htmlcheck

Installs the checker (npm's vnu-jar, pinned in package-lock.json; `npm ci --ignore-scripts`,
as its install script would fetch a Java runtime and Java 17 is already here), builds a
throwaway SQLite database with the starter content, serves the site under gunicorn with
production settings (DEBUG off, whitenoise, hashed static files), and fetches one URL of every
page type and state (PAGES) and every page the sitemap lists; it draws the 403 and 500
pages too. It runs vnu once over all of them and prints
each error with its page, line and column, then the warnings apart. Exits 1 on any error or
on a page that answers with another status than expected. The fetched HTML is kept in
artifacts/htmlcheck/ to look at.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

# The server start-up is the one the load test and Lighthouse use.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench.site import ROOT, prepare_sqlite, server

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
OUT = ROOT / "artifacts" / "htmlcheck"

# One URL of every page type (path, expected status), and the states readers meet in them:
# filtered, sorted, ignored input, no match, a result, bad input, errors.
PAGES = [
    ("/", 200),
    ("/articles/", 200),
    ("/articles/?topic=burning-feet", 200),
    ("/articles/burning-feet-and-neuropathic-pain/", 200),
    ("/topics/burning-feet/", 200),
    ("/forms/", 200),
    ("/forms/?route=oral&bioavailability=good&use=burning-feet&sort=-elemental_percent", 200),
    ("/forms/?route=underwater&tolerance=gentle&sort=nonsense", 200),
    ("/forms/?q=no+such+form", 200),
    ("/forms/magnesium-glycinate/", 200),
    ("/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide", 200),
    ("/forms/compare/?forms=magnesium-glycinate", 400),
    ("/compare/topical-vs-oral/", 200),
    ("/foods/", 200),
    ("/foods/?sort=-mg_per_serving", 200),
    ("/calculator/", 200),
    ("/calculator/?form=magnesium-glycinate&mg=1000&servings=1&age=31-50&sex=female", 200),
    ("/calculator/?form=magnesium-glycinate&mg=a+lot", 200),
    ("/search/", 200),
    ("/search/?q=glycinate", 200),
    ("/search/?q=zzzz", 200),
    ("/search/?q=milk+of+magnesia", 200),
    ("/forms/?route=topical&outcome=paresthesia&sort=-evidence_for", 200),
    ("/forms/?outcome=migraine&grade=moderate", 200),
    ("/forms/?outcome=no-such-outcome&grade=huge", 200),
    ("/forms/magnesium-chloride/", 200),
    ("/evidence/", 200),
    ("/evidence/?outcome=migraine,sleep&form=any,magnesium-citrate", 200),
    ("/evidence/paresthesia/", 200),
    ("/interactions/", 200),
    ("/interactions/?medicine=cipro&medicine=Neurontin&medicine=nexium", 200),
    ("/interactions/?medicine=no-such-pill", 200),
    ("/interactions/?medicine=cipro&medicine=milk+of+magnesia", 200),
    (
        "/calculator/?form=magnesium-glycinate&mg=500&servings=2&form=magnesium-oxide&mg=400"
        "&food=almonds-dry-roasted&food_servings=1&age=51-plus-years&sex=female&kidney=1",
        200,
    ),
    ("/calculator/?form=magnesium-glycinate&form=magnesium-oxide&mg=500&mg=-4&mg=9", 200),
    ("/calculator/?medicine=cipro&medicine_time=20:00&medicine=Neurontin&medicine=zzz", 200),
    ("/calculator/?medicine=cipro&medicine=milk+of+magnesia&medicine=epsom+salt", 200),
    ("/calculator/?medicine=raltegravir&form=magnesium-citrate&mg=300", 200),
    ("/changes/", 200),
    ("/foods/changes/", 200),
    ("/report/?page=/articles/", 200),
    ("/no-such-page/", 404),
]


def install_vnu() -> None:
    """`npm ci` from the committed lock, again whenever the lock has changed since."""
    stamp = ROOT / "node_modules" / ".installed"
    lock = ROOT / "package-lock.json"
    if VNU_JAR.exists() and stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    if not shutil.which("npm"):
        raise SystemExit("npm is missing: the checker is installed from package-lock.json")
    npm_ci = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(npm_ci, cwd=ROOT, check=True)
    stamp.touch()


def prepare(workdir: Path) -> dict:
    return prepare_sqlite(workdir, "htmlcheck")


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def sitemap_paths(base: str) -> list[str]:
    """The path of every page /sitemap.xml lists (it names them on its own host)."""
    status, body = fetch(base + "/sitemap.xml")
    if status != 200:
        raise SystemExit(f"/sitemap.xml answered {status}")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = []
    for loc in ET.fromstring(body).iterfind("s:url/s:loc", namespace):
        parts = urllib.parse.urlsplit(loc.text.strip())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def collect(base: str) -> tuple[dict[str, str], list[str]]:
    """Fetch every page to check into OUT; returns file name -> path, and the problems."""
    pages = dict(PAGES)
    for path in sitemap_paths(base):
        pages.setdefault(path, 200)
    problems, files = [], {}
    for number, (path, expected) in enumerate(pages.items(), start=1):
        status, body = fetch(base + path)
        if status != expected:
            problems.append(f"{path}: HTTP {status}, expected {expected}")
        name = f"{number:03d}-{re.sub(r'[^a-z0-9]+', '-', path.lower()).strip('-') or 'home'}"
        name = name[:80] + ".html"
        (OUT / name).write_bytes(body)
        files[name] = path
    return files, problems


# The error pages no GET request reaches (403 comes from a refused POST, 500 from a fault),
# drawn by Django's own views for them, as the site would draw them.
ERROR_PAGES = """
import sys
from pathlib import Path
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults
out, request = Path(sys.argv[-1]), RequestFactory().get("/articles/", HTTP_HOST="127.0.0.1")
page = defaults.permission_denied(request, PermissionDenied())
(out / "403.html").write_bytes(page.content)
(out / "500.html").write_bytes(defaults.server_error(request).content)
"""


def render_error_pages(env: dict) -> dict[str, str]:
    subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(){ERROR_PAGES}", str(OUT)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return {"403.html": "(403 page)", "500.html": "(500 page)"}


def run_vnu(files: dict[str, str]) -> list[dict]:
    """All pages in one run of the checker (its start-up is most of its time)."""
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    # Lists drawn without markers say role="list" on purpose: Safari's VoiceOver stops
    # announcing them as lists otherwise (tests/browser/test_accessibility.py). The checker
    # warns that the role is the element's own; that warning alone is left out.
    command += ["--filterpattern", ".*The “list” role is unnecessary for element “ul”.*"]
    done = subprocess.run(
        [*command, *(str(OUT / name) for name in files)],
        capture_output=True,
        text=True,
        check=True,
    )
    # vnu writes its report to stderr unless told --stdout.
    return json.loads(done.stderr)["messages"]


def report(files: dict[str, str], messages: list[dict]) -> tuple[list[str], list[str]]:
    errors, warnings = [], []
    for message in messages:
        name = urllib.parse.unquote(message.get("url", "")).rsplit("/", 1)[-1]
        where = files.get(name, name)
        line = message.get("lastLine", "?")
        column = message.get("firstColumn", message.get("lastColumn", "?"))
        text = f"{where}:{line}:{column}: {message['message']}"
        if extract := message.get("extract"):
            text += f"\n      {' '.join(extract.split())}"
        # "error" (with subType "fatal" for markup it cannot parse) and "non-document-error"
        # (the checker could not read a page) fail; "info" with subType "warning" is a warning.
        if message["type"] != "info":
            errors.append(text)
        elif message.get("subType") == "warning":
            warnings.append(text)
    return errors, warnings


def main() -> int:
    if not shutil.which("java"):
        print("java is missing: the Nu HTML Checker needs Java 17 or newer", file=sys.stderr)
        return 2
    install_vnu()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(Path(tmp))
        with server(env, workers=2, page_cache=False) as base:
            files, problems = collect(base)
        files |= render_error_pages(env)
    errors, warnings = report(files, run_vnu(files))
    print(
        f"Nu HTML Checker {vnu_version()} over {len(files)} pages "
        f"(their HTML is in {OUT.relative_to(ROOT)}/)"
    )
    for warning in warnings:
        print("warning:", warning)
    for error in errors:
        print("ERROR:", error)
    for problem in problems:
        print("ERROR:", problem)
    pages_with_errors = len({error.split(":", 1)[0] for error in errors})
    print(
        f"{len(errors)} error(s) on {pages_with_errors} page(s), {len(warnings)} warning(s), "
        f"{len(problems)} unexpected status(es)"
    )
    failed = bool(errors or problems)
    print("RESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


def vnu_version() -> str:
    package = ROOT / "node_modules" / "vnu-jar" / "package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    sys.exit(main())
