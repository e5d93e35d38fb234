"""The medicines' starter entries say what the reviews found in their sources
(tests/starter_corrections): each correction as a reader sees it on the medicine's page."""

import pytest

from tests.helpers import load_starter_content, visible_text
from tests.starter_corrections import of_app, still_wrong

pytestmark = pytest.mark.django_db


def test_the_medicines_starter_entries_carry_the_reviews_corrections(client):
    load_starter_content()
    assert not still_wrong(client, of_app("interactions"))


def test_levothyroxine_cites_the_labels_gap_for_antacids(client):
    # The fourteenth review: the 4 hours are the gap the US label's information for patients
    # sets for antacids (the FDA's 2008 summary of it), which the entry and the safety guide's
    # row now cite; no label names magnesium supplements.
    load_starter_content()
    fda = "safety labeling changes approved by FDA, April 2008"
    for url in ("/interactions/levothyroxine/", "/articles/using-magnesium-safely/"):
        page = client.get(url).content.decode()
        assert fda in page, url
    text = visible_text(client.get("/interactions/levothyroxine/"))
    assert "No label gives a gap for magnesium itself" not in text
    assert "No label names magnesium supplements" in text
