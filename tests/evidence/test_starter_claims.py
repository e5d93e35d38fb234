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
    assert (citrate["grade"], citrate["direction"]) == ("none", "unclear")
    assert "known only as a side effect" in citrate["summary"]
    oxide = next(row for row in rows if row["form"] == "magnesium-oxide")
    assert oxide["grade"] == "limited"


def test_evidence_statements_the_review_corrected_read_as_corrected(client, starter_content):
    assert not still_wrong(client, of_app("evidence"))
