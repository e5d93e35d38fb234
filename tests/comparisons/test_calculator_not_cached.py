"""A calculator answer that ignored or refused part of its link (a parameter it does not
know, the reader's age given twice, a value to correct, a notice on the medicine lines) is
never stored in the page cache (docs/public-surface.md, "Bad input"); an answer that used
its whole link is, as before."""

import pytest

from tests.comparisons.calculator_helpers import calculate_query, visible_text

pytestmark = pytest.mark.django_db

GLYCINATE = "form=magnesium-glycinate&mg=500"


def second_answer(client, query: str):
    assert calculate_query(client, query).status_code == 200
    return calculate_query(client, query)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (f"{GLYCINATE}&age=40&age=50", "Given more than once: age"),
        (f"{GLYCINATE}&utm_source=x", "Part of this link was ignored"),
        ("form=magnesium-glycinate&mg=lots", "Enter the amount as a number"),
        ("form=magnesium-glycinate&mg=2.5", "If the label says 2.5 g"),
        (f"{GLYCINATE}&medicine={'a' * 120}", "A name longer than 100 characters was ignored"),
        (f"{GLYCINATE}&medicine=cipro&medicine_time=soon", "is not a time we can read"),
        (f"{GLYCINATE}&medicine_time=20:00", "a time without a medicine name was ignored"),
        ("&".join(["medicine=cipro"] * 11), "only the first 10 were looked up"),
    ],
)
def test_an_answer_that_ignored_or_refused_part_of_its_link_is_not_served_from_the_cache(
    client, medicines, query, said
):
    again = second_answer(client, query)
    assert said in visible_text(again)
    assert again.get("X-Cache") != "hit"


def test_an_answer_that_used_its_whole_link_is_served_from_the_cache(client, medicines):
    assert second_answer(client, f"{GLYCINATE}&age=40&medicine=cipro")["X-Cache"] == "hit"
    assert second_answer(client, "form=magnesium-glycinate")["X-Cache"] == "hit"
