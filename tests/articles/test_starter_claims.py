"""What the starter articles tell readers, held to their sources (docs/fact-check.md): each
test reads an article as a reader sees it after `load_content`."""

import datetime as dt

import pytest

import feedback.loader
from articles.loader import read_toml
from articles.models import Article
from tests.helpers import visible_text
from tests.starter_corrections import of_app, still_wrong

pytestmark = pytest.mark.usefixtures("starter_content")


def test_glycinate_guide_does_not_claim_its_gentleness_comes_from_better_absorption(client):
    # Its absorption is rated on limited evidence (no human head-to-head study), so the guide
    # may not explain its reputation for gentleness by it.
    text = visible_text(client.get("/articles/magnesium-glycinate-and-nerve-function/"))
    assert "fits with glycinate being absorbed" not in text
    assert "Whether that is because more of it is absorbed has not been measured" in text


def test_migraine_guide_shows_the_negative_trial_and_who_the_dose_is_not_for(client):
    text = visible_text(client.get("/articles/magnesium-and-migraine/"))
    # Two positive trials are not the whole picture: Pfaffenrath 1996 was stopped for no effect.
    assert "Pfaffenrath and colleagues, 1996" in text
    assert "magnesium did no better than placebo" in text
    assert "Prophylaxis of migraine" in text and "Magnesium in the prophylaxis of migraine" in text
    # The trials were in adults; the dose is above every upper limit and far above children's,
    # which from 9 years is the adults' (the twelfth review).
    assert "65 mg a day at 1 to 3 years, 110 mg at 4 to 8 and, from 9 years, the adults'" in text
    assert "pregnant or breastfeeding" in text


@pytest.mark.parametrize(
    ("slug", "claim"),
    [
        ("magnesium-glycinate-and-nerve-function", "does to GABA signalling"),
        ("how-magnesium-works-in-nerves", "rests on laboratory work"),
        ("choosing-a-form-of-magnesium", "reaches the brain better than other forms"),
    ],
)
def test_claims_resting_on_lab_or_animal_work_are_not_graded_limited(client, slug, claim):
    # On the site's scale "limited" is some human evidence (one small trial, weak studies); a
    # claim with none beyond the lab or rats is labelled as not shown in people.
    text = visible_text(client.get(f"/articles/{slug}/"))
    sentence = text[text.index(claim) :][:200]
    assert "not shown in people" in sentence.lower() or "not been shown in people" in sentence
    assert "limited" not in sentence.lower()


@pytest.mark.parametrize("url", ["/articles/signs-of-low-magnesium/", "/topics/muscle-cramps/"])
def test_cramp_mechanism_is_cited_to_a_source_that_states_it(client, url):
    # The Cochrane cramp review (Garrison 2020) tests magnesium against placebo; it was cited
    # for "muscles need magnesium to relax", which it does not say. Case 2020 states the role
    # of magnesium in moving calcium and potassium for muscle contraction.
    text = visible_text(client.get(url))
    assert "Muscles need magnesium to relax" not in text
    assert "which muscles rely on to contract" in text
    assert "The Coordination Chemistry of Bio-Relevant Ligands" in text


def test_statements_the_review_found_unsourced_read_as_corrected(client):
    # Each said more than its sources (or none) support; docs/fact-check.md has the source
    # of each new wording.
    wrong = still_wrong(client, of_app("articles"))
    assert not wrong, ", ".join(wrong)


def test_choosing_guide_does_not_label_forms_gentle_without_a_trial(client):
    # The gut-tolerance column said "Gentle" for glycinate, threonate, malate and taurate;
    # what the site can source is that the NIH does not list them among the forms most often
    # causing diarrhoea. No trial compares forms for it.
    text = visible_text(client.get("/articles/choosing-a-form-of-magnesium/"))
    assert text.count("Not on the NIH diarrhoea list") == 4
    assert "does not name the form among those most often reported to cause diarrhoea" in text
    assert "No trial has compared how often different forms upset the stomach" in text


def test_constipation_hub_gives_childrens_limits_and_no_unsourced_warning_signs(client):
    # The hub named kidney disease but not children's far lower limits, which only the forms'
    # pages gave (fnb-1997). Warning signs for constipation (how long, blood, weight loss,
    # pain) have no source on file, so the hub says it lists none rather than inventing them
    # (eighth review; the sixth left laxative warnings out for the same reason).
    text = visible_text(client.get("/topics/constipation/"))
    assert "65 mg a day at 1 to 3 years, 110 mg at 4 to 8 and, from 9 years, the adults'" in text
    assert "Dietary Reference Intakes" in text  # fnb-1997 in the hub's references
    assert "Magnesium Oxide in Constipation" in text  # mori-2021, for the water in the bowel
    assert "this page lists no warning signs" in text
    assert "blood in" not in text and "weight loss" not in text


def test_the_mechanisms_table_sends_no_one_to_a_page_that_does_not_cover_depression(client):
    # Its "Depression" row pointed to the Anxiety and stress topic, which does not mention
    # depression (the twelfth review).
    text = visible_text(client.get("/articles/how-magnesium-works-in-nerves/"))
    assert "Depression Strong data suggest a role for magnesium (not covered here)" in text
    assert "depress" not in visible_text(client.get("/topics/anxiety-stress/")).lower()


def test_the_kidney_caution_ties_the_labels_limit_to_the_ckd_stages_with_its_source(client):
    text = visible_text(client.get("/articles/using-magnesium-safely/"))
    assert "a GFR of 15 to 29 is stage 4 (G4) and below 15 is stage 5 (G5, kidney failure)" in text
    assert "KDIGO 2012 Clinical Practice Guideline" in text  # kdigo-2012 in its references


def test_the_kidney_caution_says_the_stages_and_the_label_use_different_units(client):
    # The fifteenth review: KDIGO's stages are in ml/min/1.73 m² (recommendation 1.2.3), the
    # label's limit in ml/min. The page says so beside the stages and sends the reader to their
    # doctor; it claims nothing the guideline's stored summary does not say (no conversion).
    text = visible_text(client.get("/articles/using-magnesium-safely/"))
    kidneys = text[text.index("Healthy kidneys are the body's safety valve") :]
    kidneys = kidneys[: kidneys.index("Migraine doses, pregnancy and vitamin D")]
    assert "stages are in ml/min/1.73 m², while the label gives its limit in plain" in kidneys
    assert "ask your doctor which figure the label's limit means for you" in kidneys
    assert kidneys.index("stage 5 (G5, kidney failure)") < kidneys.index("ml/min/1.73 m²")


def test_the_safety_guide_gives_the_date_of_its_latest_change_note():
    # Its list of changes says "Reviewed on 8 December 2026" (the tenth review and the
    # fifteenth), so its "Last reviewed" does not say 7 December; the next review is a year on.
    dates = [
        note["date"]
        for note in read_toml(feedback.loader.NOTES)["note"]
        if (note["model"], note["key"]) == ("articles.article", "using-magnesium-safely")
    ]
    guide = Article.objects.get(slug="using-magnesium-safely")
    assert guide.last_reviewed == max(dates) == dt.date(2026, 12, 8)
    assert guide.next_review_due == dt.date(2027, 12, 8)
