"""Cold loads in Chromium: what a first-time reader's browser fetches for a page, in
requests and KB as served (compressed, headers included), with the article budget of
issue 7."""

from __future__ import annotations

import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for screenshots.py

# An article page on a cold load (issue 7): this much at most, compressed as served.
COLD_LOAD_MAX_KB = 50
COLD_LOAD_MAX_REQUESTS = 5


def published_article_paths(base: str) -> list[str]:
    """Every published article, from the sitemap (which lists only public pages)."""
    xml = urllib.request.urlopen(base + "/sitemap.xml").read().decode()
    urls = re.findall(r"<loc>([^<]+)</loc>", xml)
    paths = {urllib.parse.urlsplit(url).path for url in urls}
    return sorted(path for path in paths if re.fullmatch(r"/articles/[^/]+/", path))


def cold_load(browser, base: str, path: str) -> dict:
    """Open a page in a fresh browser profile, as a first-time reader does: nothing cached.
    Bytes are what crossed the wire (compressed, headers included), from Chromium's own
    network log."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    network.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    network.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(base + path, wait_until="networkidle")
    context.close()
    origin = urllib.parse.urlsplit(base).netloc
    return {
        "requests": len(urls),
        "kb": sum(sizes.values()) / 1024,
        "elsewhere": sorted(
            {u for u in urls.values() if urllib.parse.urlsplit(u).netloc != origin}
        ),
    }


def cold_loads(base: str) -> tuple[list[tuple[str, dict]], list[str]]:
    """Cold loads of the home page, the forms table and every published article; the
    article budget is checked for each article."""
    try:
        from playwright.sync_api import sync_playwright
        from screenshots import CHROMIUM, FLAGS
    except ImportError as error:
        return [], [f"page weight not measured: {error}"]
    if not Path(CHROMIUM).exists():
        return [], [f"page weight not measured: {CHROMIUM} is missing (apt-get install chromium)"]
    articles = published_article_paths(base)
    rows, failures = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for path in ["/", "/forms/", *articles]:
            result = cold_load(browser, base, path)
            rows.append((path, result))
            if result["elsewhere"]:
                failures.append(f"{path} requests other origins: {result['elsewhere']}")
            if path in articles and result["kb"] > COLD_LOAD_MAX_KB:
                failures.append(f"{path} cold load {result['kb']:.1f} KB > {COLD_LOAD_MAX_KB} KB")
            if path in articles and result["requests"] > COLD_LOAD_MAX_REQUESTS:
                failures.append(
                    f"{path} cold load {result['requests']} requests > {COLD_LOAD_MAX_REQUESTS}"
                )
        browser.close()
    return rows, failures
