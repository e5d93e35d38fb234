"""The medicines' starter entries say what the reviews found in their sources
(tests/starter_corrections): each correction as a reader sees it on the medicine's page."""

import pytest

from tests.helpers import load_starter_content
from tests.starter_corrections import of_app, still_wrong

pytestmark = pytest.mark.django_db


def test_the_medicines_starter_entries_carry_the_reviews_corrections(client):
    load_starter_content()
    assert not still_wrong(client, of_app("interactions"))
