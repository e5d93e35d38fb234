"""Forms ticked to compare on /forms/ stay ticked while the reader filters, sorts and pages
the table (`forms`, docs/public-surface.md)."""

import re

import pytest

from tests.comparisons.conftest import table_slugs

pytestmark = pytest.mark.django_db

TICKED = "forms=magnesium-glycinate,magnesium-sulfate"


def ticked_boxes(html: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="forms" value="([\w-]+)"[^>]*checked', html)


def test_forms_ticked_before_a_filter_stay_ticked_after_it(client, forms):
    """The filter form carries the boxes: after "Show forms" the table draws them ticked, and
    a ticked form the filter leaves out is listed under the table, still ticked."""
    response = client.get(f"/forms/?route=topical&{TICKED}")
    html = response.content.decode()
    assert table_slugs(response) == ["magnesium-sulfate"]
    assert ticked_boxes(html) == ["magnesium-sulfate", "magnesium-glycinate"]
    elsewhere = html.split("Also ticked, not in this view", 1)[1]
    assert 'value="magnesium-glycinate" form="forms-filter" checked> Magnesium glycinate' in (
        elsewhere
    )
    assert "2 ticked: ready to compare." in html
    # Every box, and the compare button, belongs to the filter form.
    assert html.count('name="forms"') == html.count('name="forms" value="magnesium-') == 2
    assert html.count('form="forms-filter"') == 3
    assert 'form="forms-filter" formaction="/forms/compare/">Compare ticked forms' in html


def test_every_link_that_filters_sorts_or_clears_keeps_the_ticks(client, forms):
    html = client.get(f"/forms/?route=oral&{TICKED}&sort=-dose").content.decode()
    ticks = "forms=magnesium-glycinate,magnesium-sulfate"
    assert f'href="/forms/?route=oral&amp;{ticks}#forms-results"' in html  # sort by name
    assert f'href="/forms/?{ticks}&amp;sort=-dose#forms-results"' in html  # remove the route
    assert f'class="active-filters__clear" href="/forms/?{ticks}&amp;sort=-dose#' in html
    assert f'href="/forms/?{ticks}" data-table-link>Clear all</a>' in html
    # The ticks are no filter: no "remove" link of their own, and the open data goes without.
    assert "Ticked to compare" not in html
    assert 'href="/forms.csv?route=oral&amp;sort=-dose"' in html


def test_ticks_keep_to_pages_of_a_long_table(client, forms, monkeypatch):
    monkeypatch.setattr("comparisons.views.tables.FORMS_PER_PAGE", 2)
    html = client.get(f"/forms/?{TICKED}").content.decode()
    assert f'href="/forms/?{TICKED}&amp;page=2#forms-results"' in html
    page_two = client.get(f"/forms/?{TICKED}&page=2").content.decode()
    assert "Also ticked, not in this view" in page_two


def test_an_unknown_ticked_form_is_ignored_with_the_notice(client, forms):
    response = client.get("/forms/?forms=magnesium-glycinate,no-such-form")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<code><bdi>forms=no-such-form</bdi></code>: not a form on this site" in html
    assert '<a href="http://testserver/forms/?forms=magnesium-glycinate">' in html
    assert ticked_boxes(html) == ["magnesium-glycinate"]


def test_a_draft_form_cannot_be_ticked(client, forms):
    from tests.factories import DraftMagnesiumCompoundFactory

    DraftMagnesiumCompoundFactory(name="Magnesium secret", slug="magnesium-secret")
    html = client.get("/forms/?forms=magnesium-secret").content.decode()
    assert "<code><bdi>forms=magnesium-secret</bdi></code>: not a form on this site" in html
    assert "Magnesium secret" not in html


def test_the_open_data_does_not_take_ticks(client, forms):
    assert client.get(f"/forms.csv?{TICKED}").status_code == 400


def test_the_compare_button_sends_the_filter_form_to_the_compare_page(client, forms):
    """Without JavaScript the button submits the filter form, its filters too: the compare
    page keeps the forms in the order sent, then the filters (empty ones and the default sort
    left out), so the way back can restore them."""
    response = client.get(
        "/forms/compare/?route=topical&q=&sort=name"
        "&forms=magnesium-sulfate&forms=magnesium-glycinate"
    )
    assert response.status_code == 302
    assert response["Location"] == (
        "/forms/compare/?forms=magnesium-sulfate,magnesium-glycinate&route=topical"
    )
    assert client.get(response["Location"]).status_code == 200


def test_the_way_back_from_the_compare_page_restores_the_filters_and_the_ticks(client, forms):
    html = client.get(
        "/forms/compare/?forms=magnesium-sulfate,magnesium-glycinate&route=topical"
    ).content.decode()
    back = "/forms/?route=topical&amp;forms=magnesium-glycinate,magnesium-sulfate#forms-results"
    assert f'<a href="{back}">Back to the forms table</a>' in html


def test_the_chooser_shown_after_a_refusal_keeps_the_filters_for_the_way_back(client, forms):
    """Without JavaScript: one form ticked is refused, and the chooser it shows sends the
    table's filters and sort along with the forms ticked there, so the compare page's way
    back still restores them."""
    refused = client.get(
        "/forms/compare/?forms=magnesium-glycinate&bioavailability=good&sort=-dose"
    )
    assert refused.status_code == 400
    picker = refused.content.decode().split('<form class="compare-picker"', 1)[1]
    picker = picker.split("</form>", 1)[0]
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', picker)
    assert hidden == [("bioavailability", "good"), ("sort", "-dose")]
    sent = [*hidden, ("forms", "magnesium-glycinate"), ("forms", "magnesium-citrate")]
    response = client.get("/forms/compare/", sent, follow=True)
    back = (
        "/forms/?bioavailability=good&amp;forms=magnesium-citrate,magnesium-glycinate"
        "&amp;sort=-dose#forms-results"
    )
    assert response.status_code == 200
    assert f'<a href="{back}">Back to the forms table</a>' in response.content.decode()


def test_filters_the_table_would_ignore_are_dropped_on_the_way_to_the_compare_page(client, forms):
    response = client.get(
        "/forms/compare/?forms=magnesium-sulfate,magnesium-glycinate&route=nowhere&colour=red"
    )
    assert response.status_code == 302
    assert response["Location"] == "/forms/compare/?forms=magnesium-sulfate,magnesium-glycinate"


def test_the_pages_canonical_link_leaves_out_the_ticks(client, forms):
    """Ticks are one reader's choice: search engines are pointed at the table they narrow."""
    html = client.get(f"/forms/?route=oral&{TICKED}").content.decode()
    assert '<link rel="canonical" href="http://testserver/forms/?route=oral">' in html


def test_the_compare_pages_canonical_link_names_the_forms_compared(client, forms):
    """Its canonical link was the empty chooser's. It names the forms in the columns' order
    (which the page keeps, as the reader chose it), not the table's filters: they only
    restore the way back, as the table's own canonical link leaves out its ticks."""
    html = client.get(
        "/forms/compare/?forms=magnesium-oxide,magnesium-citrate&route=oral"
    ).content.decode()
    canonical = "http://testserver/forms/compare/?forms=magnesium-oxide,magnesium-citrate"
    assert f'<link rel="canonical" href="{canonical}">' in html
    chooser = client.get("/forms/compare/").content.decode()
    assert '<link rel="canonical" href="http://testserver/forms/compare/">' in chooser
