"""An answer of /interactions/ that ignored part of its address (a name too long, with a tab
inside, more than 10 names, a parameter it does not read) is never stored in the page
cache: each made-up address would add an entry (docs/public-surface.md, "Bad input")."""

import pytest

from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meds(db):
    MedicineFactory(name="Quinolone antibiotics", slug="quinolones", aliases=["cipro"])
    MedicineFactory(name="Gabapentin", slug="gabapentin")


def second_answer(client, url: str):
    first = client.get(url)
    assert first.status_code == 200
    return client.get(url)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        (f"medicine={'a' * 120}", "A name longer than 100 characters was ignored."),
        ("medicine=cipro%09x", "A name with control characters was ignored."),
        ("&".join(f"medicine=name{i}" for i in range(11)), "only the first 10 are shown"),
        ("medicine=cipro&utm_source=x", "is not something this page understands"),
    ],
)
def test_an_answer_that_ignored_part_of_its_address_is_not_served_from_the_cache(
    client, meds, query, notice
):
    again = second_answer(client, f"/interactions/?{query}")
    assert notice in again.content.decode()
    assert again.get("X-Cache") != "hit"


def test_an_answer_that_ignored_nothing_is_still_served_from_the_cache(client, meds):
    """A name not on the list is answered, not ignored: it is cached like any other."""
    assert second_answer(client, "/interactions/?medicine=cipro")["X-Cache"] == "hit"
    assert second_answer(client, "/interactions/?medicine=zzzz")["X-Cache"] == "hit"
