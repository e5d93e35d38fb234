"""The starter matrix: loads, is idempotent, keeps editors' changes, and every graded cell
cites a reference; grades agree with what the articles say."""

import textwrap

import pytest
from django.core.management import call_command

from articles.loader import StarterContentError, StarterLoader
from comparisons.models import MagnesiumCompound
from evidence import loader as evidence_loader
from evidence.models import EvidenceCell, Outcome
from tests.evidence.factories import OutcomeFactory
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db

OUTCOMES = {
    "neuropathic-pain",
    "paresthesia",
    "migraine",
    "muscle-cramps",
    "sleep",
    "anxiety-stress",
    "constipation",
    "low-magnesium",
    "cognition",
}


@pytest.fixture
def loaded():
    load_starter_content()


def cell(outcome: str, form: str | None = None) -> EvidenceCell:
    return EvidenceCell.objects.get(outcome__slug=outcome, compound__slug=form)


def test_every_outcome_and_every_form_has_cells(loaded):
    from comparisons.models import MagnesiumCompound

    assert set(Outcome.objects.values_list("slug", flat=True)) == OUTCOMES
    assert all(Outcome.objects.get(slug=slug).topic is not None for slug in OUTCOMES)
    for outcome in Outcome.objects.all():
        assert outcome.cells.filter(compound__isnull=True).exists(), outcome.slug
    for compound in MagnesiumCompound.objects.all():
        assert compound.evidence_cells.exists(), compound.slug


def test_every_graded_starter_cell_cites_a_reference(loaded):
    for graded in EvidenceCell.objects.exclude(grade="none").prefetch_related("references"):
        assert graded.references.all(), str(graded)


def test_grades_agree_with_the_articles(loaded):
    # The articles say the one nerve-pain trial by mouth found no benefit (the positive ones
    # were infusions), migraine well supported at 600 mg a day of citrate forms, and
    # threonate's memory evidence mostly animal.
    assert (cell("neuropathic-pain").grade, cell("neuropathic-pain").direction) == (
        "limited",
        "no-effect",
    )
    assert cell("migraine").grade == "moderate"
    assert cell("migraine", "magnesium-citrate").grade == "moderate"
    assert cell("migraine", "magnesium-glycinate").grade == "none"
    assert cell("muscle-cramps").grade == "against"
    assert cell("cognition", "magnesium-l-threonate").grade == "limited"
    assert cell("cognition", "magnesium-l-threonate").lab_studies >= 1
    assert cell("low-magnesium", "magnesium-oxide").grade == "limited"


def test_threonate_profile_cites_the_human_trials_its_cognition_grade_rests_on(client, loaded):
    """The form's own text and its evidence section tell one story: the page cites the two
    human trials the matrix grades, rather than saying they were never checked."""
    graded = {ref.key for ref in cell("cognition", "magnesium-l-threonate").references.all()}
    assert {"liu-2016", "zhang-2022"} <= graded
    html = client.get("/forms/magnesium-l-threonate/").content.decode()
    profile = html.split("What the studies show for")[0]
    assert "MMFS-01" in html.split("References")[-1]  # liu-2016, in the page's reference list
    assert "Magtein®, Magnesium L-Threonate, -Based Formula" in html.split("References")[-1]
    assert "have not verified the human trials" not in profile
    assert 'href="/evidence/cognition/"' in profile


def test_loading_twice_changes_nothing_and_keeps_an_editors_grade(loaded):
    edited = cell("sleep")
    edited.summary = "An editor's own words."
    edited.save()
    call_command("load_content", verbosity=0)
    assert cell("sleep").summary == "An editor's own words."
    assert EvidenceCell.objects.filter(outcome__slug="sleep", compound__isnull=True).count() == 1


def test_starter_pages_of_the_matrix_open(client, loaded):
    for path in ["/evidence/", "/evidence/migraine/", "/evidence.csv", "/evidence.json"]:
        assert client.get(path).status_code == 200, path
    html = client.get("/forms/magnesium-l-threonate/").content.decode()
    assert "What the studies show for Magnesium L-threonate" in html
    html = client.get("/topics/burning-feet/").content.decode()
    assert "Evidence for burning feet and tingling (paresthesia), form by form" in html


def test_cells_of_an_outcome_or_a_form_an_editor_deleted_are_not_brought_back(loaded):
    Outcome.objects.get(slug="sleep").delete()
    MagnesiumCompound.objects.get(slug="magnesium-glycinate").delete()
    loader = StarterLoader()
    evidence_loader.load(loader)
    assert not Outcome.objects.filter(slug="sleep").exists()
    assert not EvidenceCell.objects.filter(outcome__slug="sleep").exists()
    # Nothing is created: the deleted form's cells are skipped, not an unknown-form error.
    assert set(loader.counts) == {"unchanged", "kept deleted by an editor"}
    # The outcome itself; its cells and the deleted form's are skipped without a count.
    assert loader.counts["kept deleted by an editor"] == 1


@pytest.mark.parametrize(
    ("outcome", "form", "message"),
    [
        ("unicorns", "any", "unknown outcome 'unicorns'"),
        ("sleep", "magnesium-nope", "unknown form of magnesium 'magnesium-nope'"),
    ],
)
def test_a_cell_naming_an_outcome_or_form_never_loaded_is_a_clear_error(
    db, tmp_path, outcome, form, message
):
    OutcomeFactory(slug="sleep")
    path = tmp_path / "cells.toml"
    path.write_text(
        textwrap.dedent(f"""
            [[cell]]
            outcome = "{outcome}"
            form = "{form}"
            grade = "none"
            direction = "unclear"
            summary = "Untested."
        """),
        encoding="utf-8",
    )
    with pytest.raises(StarterContentError, match=message):
        evidence_loader.load_cells(StarterLoader(), path)
    assert not EvidenceCell.objects.exists()
