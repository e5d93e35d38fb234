"""Comments and docs that name a file of the project name one that exists: a path left
behind when a module became a package, or a test moved into its app's folder, sends a
newcomer nowhere."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".py", ".md", ".toml", ".html"}
SKIP = {".git", ".venv", "node_modules", "staticfiles", "media", "artifacts", "backups"}
NAMED = re.compile(
    r"\b(?:articles|comparisons|interactions|evidence|feedback|site_config|tests|scripts|docs"
    r"|static/css|static/js)/[A-Za-z0-9_/-]*\.(?:py|md|css|js|toml|html)\b"
)


def project_files():
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if SKIP & set(parts) or not path.is_file():
            continue
        if path.suffix in SUFFIXES or path.name in {"Makefile", "Dockerfile"}:
            yield path


def test_every_project_file_named_in_code_and_docs_exists():
    missing = set()
    for path in project_files():
        for named in NAMED.findall(path.read_text(errors="replace")):
            # A template is named by its path under templates/ ("articles/article_detail.html").
            if not (ROOT / named).exists() and not (ROOT / "templates" / named).exists():
                missing.add(f"{path.relative_to(ROOT)}: {named}")
    assert sorted(missing) == []


def test_every_command_of_the_project_is_in_the_public_surface_commands_table():
    commands = {
        path.stem
        for path in ROOT.glob("*/management/commands/*.py")
        if not path.name.startswith("_")
    }
    doc = (ROOT / "docs" / "public-surface.md").read_text()
    table = doc.split("## Commands", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"manage\.py (\w+)", table))
    assert sorted(commands - listed) == []
