"""The comparisons starter content loads through the one rule: create what is missing,
refresh what nobody edited, never overwrite an editor's change."""

import datetime as dt
import textwrap

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.loader import StarterContentError, StarterLoader
from comparisons import loader as comparisons_loader
from comparisons.models import Comparison, CompoundSalt, Food, MagnesiumCompound, Preparation
from tests.factories import DraftMagnesiumCompoundFactory, ReferenceFactory, TopicFactory
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db

FORM = """
[[form]]
name = "Magnesium glycinate"
slug = "magnesium-glycinate"
other_names = ["magnesium bisglycinate", "chelate"]
route = "oral"
elemental_percent = 14.1
elemental_basis = "C4H8MgN2O4"
elemental_refs = ["case-2021"]
bioavailability = "good"
evidence = "limited"
evidence_note = "No head-to-head study."
bioavailability_refs = ["pardo-2021"]
tolerance = "gentle"
uses = ["sleep"]
side_effects = "Few."
dose_low_mg = 200
dose_high_mg = 350
dose_note = "Elemental."
dose_refs = ["fnb-1997"]
cautions = "Kidney disease."
summary = "Glycine-bound magnesium."
body = '''
It is 14.1% magnesium [@case-2021].
'''
"""

COMPARISON = """
slug = "topical-vs-oral"
title = "Topical vs oral magnesium"
summary = "Two routes."
columns = ["Topical", "Oral"]
intro = "Two ways in [@fnb-1997]."
outro = "Food first."

[[row]]
feature = "How it is used"
cells = ["Soaked.", "Swallowed."]

[[row]]
feature = "Forms"
cells = ["[[form:magnesium-glycinate]]", "Tablets."]
"""

SALT = """
[[salt]]
form = "magnesium-glycinate"
slug = "glycinate-as-labelled"
name = "magnesium glycinate, as labelled"
elemental_percent = 14.1
default = true
"""

PREPARATION = """
[[preparation]]
form = "magnesium-glycinate"
slug = "tablets"
name = "Tablets"
route = "oral"
use = "Swallowed."
"""


@pytest.fixture
def library():
    TopicFactory(slug="sleep", name="Sleep")
    for key in ["case-2021", "pardo-2021", "fnb-1997"]:
        ReferenceFactory(key=key)


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_forms_are_created_with_their_topics_and_sources(tmp_path, library):
    comparisons_loader.load_forms(StarterLoader(), write(tmp_path, "forms.toml", FORM))
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert glycinate.other_names_list == ["magnesium bisglycinate", "chelate"]
    assert str(glycinate.elemental_percent) == "14.10"
    assert [t.slug for t in glycinate.uses.all()] == ["sleep"]
    assert [r.key for r in glycinate.elemental_refs.all()] == ["case-2021"]
    assert [r.key for r in glycinate.bioavailability_refs.all()] == ["pardo-2021"]
    assert [r.key for r in glycinate.dose_refs.all()] == ["fnb-1997"]
    assert 'href="#ref-1"' in glycinate.body_html


def test_a_dose_of_zero_means_no_dose(tmp_path, library):
    text = FORM.replace("dose_low_mg = 200", "dose_low_mg = 0").replace(
        "dose_high_mg = 350", "dose_high_mg = 0"
    )
    comparisons_loader.load_forms(StarterLoader(), write(tmp_path, "forms.toml", text))
    glycinate = MagnesiumCompound.objects.get()
    assert glycinate.dose_low_mg is None and glycinate.dose_high_mg is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('uses = ["sleep"]', 'uses = ["sleeep"]', "sleeep"),
        ('dose_refs = ["fnb-1997"]', 'dose_refs = ["fnb-1998"]', "fnb-1998"),
        ('route = "oral"', 'route = "nasal"', "magnesium-glycinate"),
        ("elemental_percent = 14.1", "elemental_percent = 140.0", "magnesium-glycinate"),
        ('summary = "Glycine-bound magnesium."\n', "", "summary"),
        # A rule the database checks as it saves: named as Django's own check names it.
        ("dose_low_mg = 200", "dose_low_mg = 400", "from a lower to a higher number of mg"),
    ],
)
def test_bad_starter_forms_are_clear_errors(tmp_path, library, old, new, message):
    path = write(tmp_path, "forms.toml", FORM.replace(old, new))
    with pytest.raises(StarterContentError, match=message):
        comparisons_loader.load_forms(StarterLoader(), path)


def test_an_editors_change_to_a_form_is_never_overwritten(tmp_path, library):
    path = write(tmp_path, "forms.toml", FORM)
    comparisons_loader.load_forms(StarterLoader(), path)
    MagnesiumCompound.objects.filter(slug="magnesium-glycinate").update(summary="Edited.")
    path.write_text(FORM.replace("Glycine-bound magnesium.", "New starter summary."))
    loader = StarterLoader()
    comparisons_loader.load_forms(loader, path)
    assert MagnesiumCompound.objects.get().summary == "Edited."
    assert loader.counts["kept an editor's changes"] == 1


def test_an_untouched_form_follows_the_starter_file(tmp_path, library):
    path = write(tmp_path, "forms.toml", FORM)
    comparisons_loader.load_forms(StarterLoader(), path)
    path.write_text(FORM.replace("Glycine-bound magnesium.", "New starter summary."))
    comparisons_loader.load_forms(StarterLoader(), path)
    assert MagnesiumCompound.objects.get().summary == "New starter summary."


REVIEWED = 'last_reviewed = 2026-12-01\nnext_review_due = 2027-12-01\nsummary = "Glycine'


def test_review_dates_added_to_the_starter_forms_reach_forms_loaded_before_them(tmp_path, library):
    # The forms were loaded with no review date (the fifteenth review added them): an untouched
    # form gets them, and is counted as updated, so its readers get the review's change note.
    path = write(tmp_path, "forms.toml", FORM)
    comparisons_loader.load_forms(StarterLoader(), path)
    path.write_text(FORM.replace('summary = "Glycine', REVIEWED))
    loader = StarterLoader()
    comparisons_loader.load_forms(loader, path)
    assert loader.counts == {"updated": 1}
    form = MagnesiumCompound.objects.get()
    assert (form.last_reviewed, form.next_review_due) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 12, 1),
    )


def test_a_review_date_an_editor_gave_a_form_is_kept(tmp_path, library):
    path = write(tmp_path, "forms.toml", FORM)
    comparisons_loader.load_forms(StarterLoader(), path)
    MagnesiumCompound.objects.update(last_reviewed=dt.date(2026, 11, 20))
    path.write_text(FORM.replace('summary = "Glycine', REVIEWED))
    loader = StarterLoader()
    comparisons_loader.load_forms(loader, path)
    assert loader.counts == {"kept an editor's changes": 1}
    form = MagnesiumCompound.objects.get()
    assert (form.last_reviewed, form.next_review_due) == (dt.date(2026, 11, 20), None)


def test_a_starter_form_reviewed_in_the_future_stops_the_load(tmp_path, library):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    text = FORM.replace('summary = "Glycine', f'last_reviewed = {tomorrow}\nsummary = "Glycine')
    with pytest.raises(StarterContentError, match="A review cannot be dated in the future"):
        comparisons_loader.load_forms(StarterLoader(), write(tmp_path, "forms.toml", text))


def test_a_comparison_is_loaded_with_its_rows(tmp_path, library):
    comparisons_loader.load_forms(StarterLoader(), write(tmp_path, "forms.toml", FORM))
    comparisons_loader.load_comparison(StarterLoader(), write(tmp_path, "c.toml", COMPARISON))
    comparison = Comparison.objects.get(slug="topical-vs-oral")
    assert comparison.columns == ["Topical", "Oral"]
    assert [row.feature for row in comparison.rows.all()] == ["How it is used", "Forms"]
    assert "/forms/magnesium-glycinate/" in comparison.rows.last().cells_html[0]


def test_an_editors_change_to_one_row_keeps_the_whole_table(tmp_path, library):
    comparisons_loader.load_forms(StarterLoader(), write(tmp_path, "forms.toml", FORM))
    path = write(tmp_path, "c.toml", COMPARISON)
    comparisons_loader.load_comparison(StarterLoader(), path)
    row = Comparison.objects.get().rows.first()
    row.cells = ["Soaked, by an editor.", "Swallowed."]
    row.save()
    path.write_text(COMPARISON.replace("Swallowed.", "Taken by mouth."))
    loader = StarterLoader()
    comparisons_loader.load_comparison(loader, path)
    assert loader.counts["kept an editor's changes"] == 1
    assert Comparison.objects.get().rows.first().cells == ["Soaked, by an editor.", "Swallowed."]


def test_a_row_with_the_wrong_number_of_cells_is_a_clear_error(tmp_path, library):
    path = write(tmp_path, "c.toml", COMPARISON.replace('"Soaked.", "Swallowed."', '"Soaked."'))
    with pytest.raises(StarterContentError, match="1 cells for 2 columns"):
        comparisons_loader.load_comparison(StarterLoader(), path)


def test_load_content_loads_the_real_starter_files_and_is_idempotent(capsys):
    call_command("load_content")
    assert "created" in capsys.readouterr().out
    assert MagnesiumCompound.objects.count() >= 12
    assert Food.objects.count() >= 20
    topical = Comparison.objects.get(slug="topical-vs-oral")
    assert topical.rows.count() >= 5
    for compound in MagnesiumCompound.objects.all():
        # Every figure is sourced.
        assert compound.elemental_refs.exists(), compound.slug
        assert compound.bioavailability_refs.exists(), compound.slug
        assert compound.dose_refs.exists() or not compound.has_dose, compound.slug
    for slug in [
        "magnesium-glycinate",
        "magnesium-citrate",
        "magnesium-oxide",
        "magnesium-l-threonate",
        "magnesium-malate",
        "magnesium-sulfate",
        "magnesium-chloride",
        "magnesium-taurate",
    ]:
        assert MagnesiumCompound.objects.filter(slug=slug).exists(), slug
    counts = (MagnesiumCompound.objects.count(), Food.objects.count(), Comparison.objects.count())

    call_command("load_content")
    assert "unchanged" in capsys.readouterr().out
    call_command("load_content")
    output = capsys.readouterr().out
    assert "created" not in output and "updated" not in output
    assert counts == (
        MagnesiumCompound.objects.count(),
        Food.objects.count(),
        Comparison.objects.count(),
    )


def test_real_starter_pages_render(client):
    load_starter_content()
    for url in [
        "/forms/",
        "/forms/magnesium-glycinate/",
        "/compare/topical-vs-oral/",
        "/foods/",
        "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate",
    ]:
        assert client.get(url).status_code == 200, url


def test_starter_forms_are_created_published(tmp_path, library):
    comparisons_loader.load_forms(StarterLoader(), write(tmp_path, "forms.toml", FORM))
    assert MagnesiumCompound.objects.get().is_public


def test_a_starter_form_an_editor_unpublished_is_left_alone(tmp_path, library):
    path = write(tmp_path, "forms.toml", FORM)
    comparisons_loader.load_forms(StarterLoader(), path)
    MagnesiumCompound.objects.update(status=MagnesiumCompound.Status.DRAFT)
    path.write_text(FORM.replace("Glycine-bound magnesium.", "New starter summary."))
    loader = StarterLoader()
    comparisons_loader.load_forms(loader, path)
    compound = MagnesiumCompound.objects.get()
    assert compound.status == MagnesiumCompound.Status.DRAFT
    assert compound.summary == "Glycine-bound magnesium."
    assert loader.counts["kept an editor's changes"] == 1


def test_load_content_leaves_an_editors_draft_form_a_draft(tmp_path, library):
    draft = DraftMagnesiumCompoundFactory(slug="magnesium-orotate", summary="Mine.")
    call_command("load_content", verbosity=0)
    draft.refresh_from_db()
    assert draft.status == MagnesiumCompound.Status.DRAFT
    assert draft.summary == "Mine."
    assert MagnesiumCompound.objects.published().filter(slug="magnesium-glycinate").exists()


def load_glycinate(loader: StarterLoader, tmp_path) -> StarterLoader:
    """The form, then its salts and its preparations, as load_content orders them."""
    comparisons_loader.load_forms(loader, write(tmp_path, "forms.toml", FORM))
    comparisons_loader.load_salts(loader, write(tmp_path, "salts.toml", SALT))
    comparisons_loader.load_preparations(loader, write(tmp_path, "preparations.toml", PREPARATION))
    return loader


def test_a_form_an_editor_deleted_stays_deleted_with_its_salts_and_preparations(tmp_path, library):
    load_glycinate(StarterLoader(), tmp_path)
    MagnesiumCompound.objects.get().delete()
    loader = load_glycinate(StarterLoader(), tmp_path)
    assert not MagnesiumCompound.objects.exists()
    assert not CompoundSalt.objects.exists() and not Preparation.objects.exists()
    assert loader.counts == {
        "kept deleted by an editor": 1,
        "salts of a deleted form skipped": 1,
        "preparations of a deleted form skipped": 1,
    }

    again = load_glycinate(StarterLoader(recreate_deleted=True), tmp_path)
    assert again.counts == {"created": 3}
    compound = MagnesiumCompound.objects.get()
    assert (compound.salts.count(), compound.preparations.count()) == (1, 1)


@pytest.mark.parametrize(
    ("load", "name", "text"),
    [
        (comparisons_loader.load_salts, "salts.toml", SALT),
        (comparisons_loader.load_preparations, "preparations.toml", PREPARATION),
    ],
)
def test_salts_or_preparations_of_a_form_never_loaded_are_a_clear_error(
    tmp_path, library, load, name, text
):
    with pytest.raises(StarterContentError, match="unknown form 'magnesium-glycinate'"):
        load(StarterLoader(), write(tmp_path, name, text))


def test_load_content_says_what_it_left_deleted_and_recreates_it_when_asked(capsys):
    call_command("load_content")
    MagnesiumCompound.objects.get(slug="magnesium-glycinate").delete()
    capsys.readouterr()
    call_command("load_content")
    output = capsys.readouterr().out
    assert "1 kept deleted by an editor" in output
    assert "salts of a deleted form skipped" in output
    assert "preparations of a deleted form skipped" in output
    assert not MagnesiumCompound.objects.filter(slug="magnesium-glycinate").exists()

    call_command("load_content", recreate_deleted=True)
    output = capsys.readouterr().out
    assert "kept deleted" not in output and "skipped" not in output
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert glycinate.salts.exists() and glycinate.preparations.exists()
    assert glycinate.evidence_cells.exists()
