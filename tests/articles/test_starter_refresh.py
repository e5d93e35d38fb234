"""A site loaded from the starter files as they were before the review of unsourced statements
(docs/fact-check.md) gets the corrections from `load_content`: the records are exactly as the
loader last wrote them, so it refreshes them. A record an editor changed keeps the editor's
text."""

import re
import shutil
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.management import call_command

import articles.loader
import comparisons.loader
import evidence.loader
from articles.models import Article
from tests.helpers import visible_text
from tests.starter_corrections import CELLS, CORRECTIONS, still_wrong

pytestmark = pytest.mark.django_db

# What the review changed besides the wording in CORRECTIONS: the citrate cell's grade, and
# the hubs' main articles (`main_for`, which the earlier files did not have).
EARLIER_GRADE = (
    CELLS,
    'grade = "none"\ndirection = "unclear"\nsummary = "We found no trial of citrate',
    'grade = "limited"\ndirection = "benefit"\nhuman_trials = 1\n'
    'summary = "We found no trial of citrate',
)


@contextmanager
def earlier_starter_files(tmp_path: Path):
    """The starter files of the articles, the forms and the evidence matrix with the
    corrections undone."""
    copies = {}
    with ExitStack() as stack:
        for module in (articles.loader, comparisons.loader, evidence.loader):
            app = module.__name__.split(".")[0]
            copies[app] = tmp_path / app
            shutil.copytree(module.STARTER_DIR, copies[app])
            stack.enter_context(patch.object(module, "STARTER_DIR", copies[app]))

        def copy_of(file: str) -> Path:
            app, _starter, rest = file.split("/", 2)
            return copies[app] / rest

        undo = [(c.file, c.after, c.before) for c in CORRECTIONS if c.after]
        for file, now, before in [EARLIER_GRADE, *undo]:
            path = copy_of(file)
            text = path.read_text()
            assert text.count(now) == 1, now
            path.write_text(text.replace(now, before))
        for path in (copies["articles"] / "articles").glob("*.md"):
            path.write_text(re.sub(r"^main_for = .*\n", "", path.read_text(), flags=re.M))
        yield


def test_load_content_brings_the_corrections_to_a_site_loaded_before_them(client, tmp_path, capsys):
    with earlier_starter_files(tmp_path):
        call_command("load_content")
    glycinate = visible_text(client.get("/articles/magnesium-glycinate-and-nerve-function/"))
    assert "Users and clinicians widely report" in glycinate  # the site as it was
    feet = visible_text(client.get("/topics/burning-feet/"))
    assert "Start here" not in feet
    capsys.readouterr()

    call_command("load_content")

    output = capsys.readouterr().out
    assert "updated" in output and "kept an editor's changes" not in output
    wrong = still_wrong(client, CORRECTIONS)
    assert not wrong, ", ".join(wrong)
    feet = visible_text(client.get("/topics/burning-feet/"))
    assert feet.index("Burning feet and neuropathic pain") < feet.index("Topical or oral")
    assert "Burning feet and neuropathic pain: can magnesium help? Start here" in feet
    rows = client.get("/evidence.json", {"outcome": "constipation"}).json()
    assert {r["form"]: r["grade"] for r in rows}["magnesium-citrate"] == "none"


def test_load_content_keeps_an_editors_version_of_a_corrected_article(client, tmp_path, capsys):
    with earlier_starter_files(tmp_path):
        call_command("load_content")
    Article.objects.filter(slug="magnesium-glycinate-and-nerve-function").update(
        summary="An editor's own summary."
    )
    capsys.readouterr()

    call_command("load_content")

    assert "1 kept an editor's changes" in capsys.readouterr().out
    text = visible_text(client.get("/articles/magnesium-glycinate-and-nerve-function/"))
    assert "An editor's own summary." in text
    assert "Users and clinicians widely report" in text
