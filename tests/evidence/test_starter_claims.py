"""What the starter evidence matrix tells readers, held to its own grade legend and sources."""

from tests.helpers import visible_text


def test_migraine_grade_names_the_guideline_that_weighs_the_disagreeing_trials(
    client, starter_content
):
    # Two positive trials and one negative: by the legend that is "conflicting" unless a review
    # settles it. The AAN/AHS guideline (Holland 2012) does, as "probably effective", which is
    # why the grade is moderate; the cell must say so and cite it.
    text = visible_text(client.get("/evidence/migraine/"))
    assert "'probably effective' (Level B)" in text
    assert "Evidence-based guideline update: NSAIDs and other complementary treatments" in text
