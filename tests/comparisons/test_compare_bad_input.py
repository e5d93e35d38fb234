"""The compare page (/forms/compare/) under bad input: the chooser says what it ignored, as
every other page does, keeps the table's filters it can use for the way back, and an answer
that left part of its address out is never stored in the page cache (docs/public-surface.md,
"Bad input")."""

import re

import pytest

from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

COMPARE = "/forms/compare/"
TWO = "forms=magnesium-glycinate,magnesium-citrate"


def chooser_fields(response) -> list[tuple[str, str]]:
    """The table's filters the chooser sends on with the forms chosen."""
    picker = response.content.decode().split('<form class="compare-picker"', 1)[1]
    picker = picker.split("</form>", 1)[0]
    return re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', picker)


def test_the_chooser_names_what_it_ignored_and_keeps_the_filters_it_can_use(client, forms):
    response = client.get(f"{COMPARE}?bogus=zzz&grade=nonsense&route=topical")
    text = visible_text(response)
    assert response.status_code == 200
    assert "Part of this link was ignored" in text
    assert "bogus: not a parameter this page understands" in text
    assert "grade=nonsense: not a minimum grade" in text
    html = response.content.decode()
    assert '<a href="http://testserver/forms/compare/?route=topical">This page without' in html
    assert chooser_fields(response) == [("route", "topical")]
    assert "Choose two to four forms" in text


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("bioavailability=excellent", "bioavailability=excellent"),
        ("route=underwater", "route=underwater"),
        ("tolerance=fierce", "tolerance=fierce"),
        ("use=no-such-topic", "use=no-such-topic: not a topic on this site"),
        ("q=%25", "q=%: no letter or number to search for"),
        ("sort=colour", "sort=colour"),
        ("outcome=nowhere", "outcome=nowhere"),
        ("grade=strong", "grade=strong: needs an outcome"),
        ("page=2", "page: not a parameter this page understands"),
    ],
)
def test_a_chooser_that_ignored_part_of_its_link_says_so_and_is_not_stored(
    client, forms, query, shown
):
    """Every made-up query string was a new copy of the chooser in the page cache."""
    client.get(f"{COMPARE}?{query}")
    again = client.get(f"{COMPARE}?{query}")
    assert again.status_code == 200
    assert shown in visible_text(again)
    assert again.get("X-Cache") != "hit"


def test_the_choosers_own_address_is_still_stored(client, forms):
    client.get(f"{COMPARE}?route=topical")
    assert client.get(f"{COMPARE}?route=topical")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("bioavailability=GOOD&q=&sort=name", f"{COMPARE}?bioavailability=good"),
        ("q=%20sleep%20", f"{COMPARE}?q=sleep"),
        ("forms=", COMPARE),
    ],
)
def test_the_chooser_sends_filters_spelt_another_way_to_one_address(
    client, forms, query, canonical
):
    response = client.get(f"{COMPARE}?{query}")
    assert response.status_code == 302
    assert response["Location"] == canonical


def test_a_comparison_that_left_out_an_unknown_form_is_not_stored(client, forms):
    client.get(f"{COMPARE}?{TWO},no-such-form")
    again = client.get(f"{COMPARE}?{TWO},no-such-form")
    assert again.status_code == 200
    assert "We have no form called no-such-form" in visible_text(again)
    assert again.get("X-Cache") != "hit"


def test_a_refused_comparison_names_what_else_it_ignored(client, forms):
    response = client.get(f"{COMPARE}?forms=magnesium-glycinate&colour=red&sort=-dose")
    assert response.status_code == 400
    assert "colour: not a parameter this page understands" in visible_text(response)
    address = "http://testserver/forms/compare/?forms=magnesium-glycinate&amp;sort=-dose"
    assert f'<a href="{address}">This page without' in response.content.decode()
    assert chooser_fields(response) == [("sort", "-dose")]
