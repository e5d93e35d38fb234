"""A site loaded from the starter files as they were before the review of unsourced statements
(docs/fact-check.md) gets the corrections from `load_content`: the records are exactly as the
loader last wrote them, so it refreshes them. A record an editor changed keeps the editor's
text."""

import datetime as dt

import pytest
from django.core.management import call_command

from articles.models import Article
from comparisons.models import MagnesiumCompound
from tests.helpers import visible_text
from tests.starter_corrections import CORRECTIONS, earlier_starter_files, still_wrong

pytestmark = pytest.mark.django_db


def test_load_content_brings_the_corrections_to_a_site_loaded_before_them(client, tmp_path, capsys):
    with earlier_starter_files(tmp_path):
        call_command("load_content")
    glycinate = visible_text(client.get("/articles/magnesium-glycinate-and-nerve-function/"))
    assert "Users and clinicians widely report" in glycinate  # the site as it was
    feet = visible_text(client.get("/topics/burning-feet/"))
    assert "Start here" not in feet
    assert "Last reviewed" not in visible_text(client.get("/forms/magnesium-sulfate/"))
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
    # A field added to the starter files later (threonate's dose is the maker's) reaches the
    # record that lacked it, and leaves the others untouched ("updated" above, no editor's).
    forms = {row["slug"]: row["dose_basis"] for row in client.get("/forms.json").json()}
    assert forms["magnesium-l-threonate"] == "maker"
    assert forms["magnesium-glycinate"] == "typical"
    # The sixth review: a grade, an absorption rating, and sources the cautions lacked.
    rows = client.get("/evidence.json", {"outcome": "low-magnesium"}).json()
    assert {r["form"]: r["grade"] for r in rows}["magnesium-sulfate"] == "none"
    orotate = client.get("/forms.json", {"q": "orotate"}).json()
    assert [row["bioavailability"] for row in orotate] == ["moderate"]
    page = client.get("/forms/magnesium-glycinate/").content.decode()
    cautions = page[page.index("<strong>Cautions.</strong>") : page.index("</aside>")]
    assert 'title="Magnesium: Fact Sheet for Health Professionals"' in cautions
    # The fifteenth review: the forms' review dates, which the earlier files did not have.
    sulfate = MagnesiumCompound.objects.get(slug="magnesium-sulfate")
    assert (sulfate.last_reviewed, sulfate.next_review_due) == (
        dt.date(2026, 12, 8),
        dt.date(2027, 12, 8),
    )
    assert "Last reviewed" in visible_text(client.get("/forms/magnesium-sulfate/"))


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
