"""What the starter evidence matrix tells readers, held to its own grade legend and sources."""

import pytest
from django.core.management import call_command

from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def test_migraine_grade_names_the_guideline_that_weighs_the_disagreeing_trials(client):
    # Two positive trials and one negative: by the legend that is "conflicting" unless a review
    # settles it. The AAN/AHS guideline (Holland 2012) does, as "probably effective", which is
    # why the grade is moderate; the cell must say so and cite it.
    call_command("load_content", verbosity=0)
    text = visible_text(client.get("/evidence/migraine/"))
    assert "'probably effective' (Level B)" in text
    assert "Evidence-based guideline update: NSAIDs and other complementary treatments" in text
