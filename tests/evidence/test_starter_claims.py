"""What the starter evidence matrix tells readers, held to its own grade legend and sources."""

from tests.helpers import visible_text
from tests.starter_corrections import of_app, still_wrong


def test_migraine_grade_names_the_guideline_that_weighs_the_disagreeing_trials(
    client, starter_content
):
    # Two positive trials and one negative: by the legend that is "conflicting" unless a review
    # settles it. The AAN/AHS guideline (Holland 2012) does, as "probably effective", which is
    # why the grade is moderate; the cell must say so and cite it.
    text = visible_text(client.get("/evidence/migraine/"))
    assert "'probably effective' (Level B)" in text
    assert "Evidence-based guideline update: NSAIDs and other complementary treatments" in text


def test_citrate_is_not_graded_for_constipation_on_a_side_effect(client, starter_content):
    # The only citrate study behind the cell is a migraine trial in which diarrhoea was a
    # side effect; by the legend that is no human study of citrate for constipation, so
    # "No evidence", with the side effect and the oxide trial named in the summary.
    rows = client.get("/evidence.json", {"outcome": "constipation"}).json()
    citrate = next(row for row in rows if row["form"] == "magnesium-citrate")
    assert (citrate["grade"], citrate["direction"]) == ("none", None)
    assert "known only as a side effect" in citrate["summary"]
    oxide = next(row for row in rows if row["form"] == "magnesium-oxide")
    assert oxide["grade"] == "limited"


def test_evidence_statements_the_review_corrected_read_as_corrected(client, starter_content):
    assert not still_wrong(client, of_app("evidence"))


def test_restoring_low_magnesium_is_not_a_benefit_on_studies_in_healthy_people(
    client, starter_content
):
    # The absorption comparisons (Firoz 2001, Siener 2011) were in healthy volunteers, and the
    # reviews compare absorption or keeping levels normal in healthy people: none shows a form
    # correcting low magnesium, so the direction is unclear (oxide's reasoning since the third
    # review); citrate, with two reviews and no trial of its own, is no more than limited.
    rows = client.get("/evidence.json", {"outcome": "low-magnesium"}).json()
    cells = {row["form"]: (row["grade"], row["direction"]) for row in rows}
    for form in ("oxide", "chloride", "lactate", "aspartate", "citrate"):
        assert cells[f"magnesium-{form}"] == ("limited", "unclear"), form
    # Magnesium in general rests on the same kind of data, and the review itself says its
    # finding cannot be assured for people whose levels were low (Pardo 2021; the eighth
    # review): the same rule, not "Moderate (benefit)".
    assert cells["any"] == ("limited", "unclear")
    text = visible_text(client.get("/evidence/low-magnesium/"))
    assert "cannot be assured for people whose levels were low to begin with" in text


def test_threonate_for_cognition_counts_only_its_own_trial_and_claims_no_benefit(
    client, starter_content
):
    # Two human trials were counted, one of a product that also held phosphatidylserine and
    # vitamins (Zhang 2022), and one small trial with authors from the company developing the
    # compound (Liu 2016) was read as a benefit. Only a trial of threonate alone counts, and
    # one small trial cannot settle the direction: "Limited (unclear)". A trial of threonate is
    # a trial of magnesium, so magnesium in general counts it too, not "No evidence".
    rows = client.get("/evidence.json", {"outcome": "cognition"}).json()
    cells = {row["form"]: row for row in rows}
    threonate, general = cells["magnesium-l-threonate"], cells["any"]
    assert (threonate["grade"], threonate["direction"]) == ("limited", "unclear")
    assert threonate["studies"] == {"human_trials": 1, "human_reviews": 0, "animal_or_cell": 1}
    assert (general["grade"], general["direction"]) == ("limited", "unclear")
    assert general["studies"]["human_trials"] == 1
    assert "liu-2016" in general["references"]
    text = visible_text(client.get("/evidence/cognition/"))
    assert "(benefit)" not in text
    assert "a larger trial is not counted, as its product also held other ingredients" in text


def test_forms_table_lists_no_form_with_evidence_of_benefit_for_cognition(client, starter_content):
    # /forms/?outcome=cognition&grade=limited listed threonate as a form whose own studies
    # show a benefit; with its direction unclear, none is, and the note says so.
    response = client.get("/forms/", {"outcome": "cognition", "grade": "limited"})
    text = visible_text(response)
    assert "Magnesium L-threonate" not in text.split("Forms of magnesium, filtered")[-1]
    assert "No form of magnesium in our evidence matrix has evidence of benefit" in text
    unfiltered = visible_text(client.get("/forms/?q=threonate&outcome=cognition"))
    assert "Limited: unclear" in unfiltered


def test_glycinate_for_cramps_is_graded_on_its_one_trial_and_says_pregnancy_only(
    client, starter_content
):
    # One small trial tested bisglycinate, in pregnant women (Supakatisant 2015); the cell
    # said no trial had. One trial is "limited" by the legend; the Cochrane review that
    # includes it calls the pregnancy evidence very uncertain, so the direction stays unclear,
    # and the summary beside the grade says whom the trial was in.
    rows = client.get("/evidence.json", {"outcome": "muscle-cramps"}).json()
    glycinate = next(row for row in rows if row["form"] == "magnesium-glycinate")
    assert (glycinate["grade"], glycinate["direction"]) == ("limited", "unclear")
    assert glycinate["summary"].startswith("Pregnancy only:")
    text = visible_text(client.get("/evidence/muscle-cramps/"))
    assert "Oral magnesium for relief in pregnancy-induced leg cramps" in text


def test_a_reviews_studies_are_not_counted_as_trials(client, starter_content):
    # Boyle 2017's 18 studies (some of magnesium with other ingredients) and Pardo 2021's 14
    # absorption studies are not all controlled trials, which is what a trial count means
    # (EvidenceCell.human_trials); the review is counted, its studies are named in the summary.
    for outcome, studies in (("anxiety-stress", "18 studies"), ("low-magnesium", "14 studies")):
        text = visible_text(client.get(f"/evidence/{outcome}/"))
        general = text.split("Magnesium in general", 1)[1].split("Studies counted:", 1)
        assert studies in general[0]
        assert general[1].startswith(" 1 review."), outcome


def test_a_forms_absorption_data_are_graded_as_the_matrix_grades_the_same_studies(
    client, starter_content
):
    # "Restoring low magnesium" covers how much of a form is absorbed, so a form's page must
    # not grade those studies higher than the matrix does (oxide and citrate read "moderate
    # data" against the matrix's "Limited"; Epsom salt "limited data" against "No evidence").
    matching = {"moderate": "moderate", "limited": "limited", "none": "inferred"}
    rows = client.get("/evidence.json", {"outcome": "low-magnesium"}).json()
    forms = {form["slug"]: form for form in client.get("/forms.json").json()}
    graded = {row["form"]: row["grade"] for row in rows if row["form"] in forms}
    assert set(graded) == set(forms)
    assert {slug: forms[slug]["evidence"] for slug in graded} == {
        slug: matching[grade] for slug, grade in graded.items()
    }
