"""The apps are layered one way: each may import the ones below it, never one above.

articles (content, publishing, Markdown) is at the bottom; site_config (settings, URLs,
the page cache, search) on top. A lower app that needs something from a higher one offers
a hook the higher one registers with in its AppConfig.ready() (link kinds, for one).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["articles", "interactions", "comparisons", "evidence", "feedback", "site_config"]


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(LAYERS)


@pytest.mark.parametrize("app", [app for app in LAYERS if (ROOT / app).is_dir()])
def test_an_app_imports_no_app_above_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1 :])
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & above)
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) & above
    }
    assert not wrong, f"{app} imports apps above it: {wrong}"
