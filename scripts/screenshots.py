"""Save screenshots of every page type at phone, tablet and desktop widths for review.

    python scripts/screenshots.py http://127.0.0.1:8000 artifacts/screenshots

Drives Debian's Chromium (/usr/bin/chromium) through Playwright. Prints each file written
and any console error, failed request or sideways scrolling it saw.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WIDTHS = [360, 768, 1280]
SIDEWAYS_JS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
PAGES = {
    "home": "/",
    "articles": "/articles/",
    "article": "/articles/burning-feet-and-neuropathic-pain/",
    "topic": "/topics/burning-feet/",
    "forms-table": "/forms/?route=oral&sort=-bioavailability",
    "form": "/forms/magnesium-glycinate/",
    "compare": "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate,magnesium-oxide",
    "topical-vs-oral": "/compare/topical-vs-oral/",
    "foods": "/foods/",
    "calculator": "/calculator/?form=magnesium-glycinate&mg=1000&servings=1&age=31-50&sex=female",
    "search": "/search/?q=glycinate",
    "evidence": "/evidence/",
    "evidence-outcome": "/evidence/paresthesia/",
    "forms-outcome": "/forms/?route=topical&outcome=paresthesia&sort=-evidence_for",
    "form-preparations": "/forms/magnesium-chloride/",
    "interactions": "/interactions/",
    "interactions-search": "/interactions/?medicine=cipro&medicine=Neurontin&medicine=nexium",
    "calculator-day": (
        "/calculator/?form=magnesium-glycinate&mg=500&servings=2&form=magnesium-oxide&mg=400"
        "&food=almonds-dry-roasted&food_servings=1&age=51-plus-years&sex=female&kidney=1"
        "&medicine=cipro&medicine=levothyroxine&medicine_time=07:00"
    ),
    "not-found": "/no-such-page/",
}


def main(base: str, folder: str, only: list[str]) -> int:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    problems = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width in WIDTHS:
            for scheme in ("light", "dark") if width == 360 else ("light",):
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                page = context.new_page()
                seen: list[str] = []
                page.on("console", lambda m, seen=seen: m.type == "error" and seen.append(m.text))
                page.on("requestfailed", lambda r, seen=seen: seen.append(f"failed {r.url}"))
                for name, path in PAGES.items():
                    if only and name not in only:
                        continue
                    seen.clear()
                    page.goto(base + path)
                    target = out / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"
                    page.screenshot(path=str(target), full_page=True)
                    sideways = page.evaluate(SIDEWAYS_JS)
                    notes = seen + (["scrolls sideways"] if sideways else [])
                    problems += bool(notes)
                    print(target, "; ".join(notes))
                context.close()
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
