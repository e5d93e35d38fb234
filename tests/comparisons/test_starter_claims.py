"""What the starter forms, preparations and comparison table tell readers, held to their sources
(docs/fact-check.md): each test reads a page as a reader sees it after `load_content`."""

import pytest
from django.core.management import call_command

from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def starter():
    call_command("load_content", verbosity=0)


def test_topical_vs_oral_table_states_the_kidney_risk_the_way_its_source_does(client):
    # Van Laecke 2023: overload occurs "almost uniformly" in severe kidney failure exposed to
    # magnesium. That is not the same as overload occurring almost only then: very large
    # laxative or antacid doses have caused it with healthy kidneys too (ODS), as the safety
    # guide says.
    text = visible_text(client.get("/compare/topical-vs-oral/"))
    assert "almost only when failing kidneys" not in text
    assert "in severe kidney failure, magnesium supplements, laxatives or antacids almost" in text
