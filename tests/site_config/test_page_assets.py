"""What a reader's browser must fetch for a page: one small stylesheet, a few KB of deferred
script at most, nothing from another origin, no web fonts (issue 7's page weight rules; the
transferred size of a cold load is measured by `make bench`)."""

import gzip
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import load_starter_content
from tests.starter_pages import PAGES

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


class Assets(HTMLParser):
    """The subresources a page asks the browser for."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.stylesheets: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])
        elif tag == "link" and attributes.get("rel") in {"icon", "preload", "modulepreload"}:
            self.other.append(attributes["href"])
        elif tag in {"img", "iframe", "video", "audio", "source"} and attributes.get("src"):
            self.other.append(attributes["src"])


def assets_of(client, url: str) -> Assets:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Assets()
    parser.feed(response.content.decode())
    return parser


def test_public_pages_ask_for_one_stylesheet_and_only_deferred_same_origin_scripts(client):
    load_starter_content()
    for url in PAGES:
        assets = assets_of(client, url)
        assert assets.stylesheets == ["/static/css/site.css"], url
        for script in assets.scripts:
            if script.get("type") == "application/ld+json":
                assert "src" not in script, url
                continue
            assert script["src"].startswith("/static/js/"), (url, script)
            assert "defer" in script, f"{url}: render-blocking script {script['src']}"
        for src in assets.other:
            assert src.startswith("/"), f"{url}: {src} comes from another origin"


def test_the_stylesheet_uses_system_fonts_and_fetches_nothing_else():
    css = (STATIC / "css" / "site.css").read_text()
    assert "@font-face" not in css and "@import" not in css
    assert "url(" not in css
    assert "system-ui" in css


def sent_size(path: Path) -> int:
    """The bytes a browser receives: WhiteNoise serves its compressed copy (gzip at level
    9, or smaller Brotli). Comments, which say why a rule is there, cost little here."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_the_stylesheet_and_scripts_stay_small():
    # 7 KB until the evidence matrix's cards for phones (December 2026).
    assert sent_size(STATIC / "css" / "site.css") <= 7.25 * 1024
    public_scripts = [
        p for p in (STATIC / "js").glob("*.js") if not p.name.startswith(("admin", "editor"))
    ]
    assert public_scripts
    assert sum(sent_size(p) for p in public_scripts) <= 3.5 * 1024
