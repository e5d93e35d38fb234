"""The calculator page a reader sees: the empty form, links from the form pages, the result
with its working and sources, label checks, navigation and indexing."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import Preparation
from tests.comparisons.calculator_helpers import (
    ADULT_WOMAN,
    calculate,
    calculate_query,
    visible_text,
)
from tests.factories import MagnesiumCompoundFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

HEARD = '<span class="visually-hidden">reference </span>'


def test_without_parameters_the_page_shows_the_form_and_how_it_works(client, calculator_site):
    response = calculate(client)
    text = visible_text(response)
    assert response.status_code == 200
    assert "How it works" in text and "Your result" not in text
    assert '<option value="magnesium-glycinate">Magnesium glycinate (14.1%)</option>' in (
        response.content.decode()
    )
    assert "31 to 50 years" in text  # the intake table is shown with its source
    assert "Dietary Reference Intakes for Magnesium" in text
    assert "Kidney disease?" in text
    assert not response.cookies


def test_a_link_from_a_form_page_preselects_that_form(client, calculator_site):
    response = calculate(client, form="magnesium-glycinate")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="magnesium-glycinate" selected>' in page
    assert 'href="/forms/magnesium-glycinate/">Back to Magnesium glycinate' in page
    assert "Your result" not in visible_text(response)
    assert "There is a problem" not in page and "error-summary" not in page


def test_form_page_links_to_the_calculator_set_to_that_form(client, calculator_site):
    page = client.get("/forms/magnesium-glycinate/").content.decode()
    assert 'href="/calculator/?form=magnesium-glycinate"' in page


def test_result_for_1000_mg_glycinate_for_a_woman_31_to_50(client, calculator_site):
    response = calculate(client, form="magnesium-glycinate", mg="1000", **ADULT_WOMAN)
    text = visible_text(response)
    assert response.status_code == 200
    assert "141 mg of elemental magnesium a day" in text
    assert "1,000 mg of magnesium glycinate x 14.1% = 141 mg of magnesium per serving" in text
    assert "44% of the RDA for your group (female, 31 to 50 years: 320 mg a day)" in text
    assert "Within the upper limit of 350 mg a day" in text
    assert "Above the upper limit" not in text
    assert "Kidney disease?" in text
    # The figures' sources are in the numbered reference list, with the form's page linked.
    assert "Magnesium chelates" in text and "Dietary Reference Intakes for Magnesium" in text
    assert "An Update on Hypomagnesemia" in text
    assert 'href="/forms/magnesium-glycinate/"' in response.content.decode()


def test_two_servings_double_the_result_on_the_page(client, calculator_site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", mg="1000", servings="2", **ADULT_WOMAN)
    )
    assert "282 mg of elemental magnesium a day" in text
    assert "141 mg x 2 servings = 282 mg of magnesium a day" in text
    assert "88% of the RDA" in text


def test_reverse_case_shows_the_compound_a_label_implies(client, calculator_site):
    text = visible_text(calculate(client, form="magnesium-glycinate", elemental_mg="141"))
    assert "141 mg of elemental magnesium a day" in text
    assert "each serving holds about 1,000 mg of magnesium glycinate" in text
    assert "141 mg of magnesium / 14.1% = 1,000 mg of magnesium glycinate per serving" in text


def test_buffered_glycinate_label_is_flagged_and_explained(client, calculator_site):
    response = calculate(
        client, form="magnesium-glycinate", mg="1000", elemental_mg="200", **ADULT_WOMAN
    )
    text = visible_text(response)
    assert response.status_code == 200
    assert "This label doesn't add up for pure magnesium glycinate" in text
    assert "20% magnesium by weight" in text and "can hold only 14.1%" in text
    assert "magnesium oxide" in text and "more than 10% above" in text
    assert "200 mg of elemental magnesium a day" in text


def test_matching_label_is_not_flagged(client, calculator_site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", mg="1000", elemental_mg="141")
    )
    assert "doesn't add up" not in text and "More magnesium than we expect" not in text


def test_hydrate_forms_are_flagged_with_the_hydrate_caveat(client, calculator_site):
    # 255 mg in 1000 mg is the anhydrous chloride's 25.5%, not the hexahydrate's 12%.
    text = visible_text(calculate(client, form="magnesium-chloride", mg="1000", elemental_mg="255"))
    assert "More magnesium than we expect from magnesium chloride" in text
    assert "a drier form of the salt" in text
    assert "Anhydrous MgCl2 is 25.5%" in text  # the form's own note on its figure


def test_topical_forms_say_what_the_figure_means(client, calculator_site):
    text = visible_text(calculate(client, form="magnesium-sulfate", mg="1000"))
    assert "99 mg of elemental magnesium a day" in text
    # Skin uptake is unproven (Grober 2017), not shown to be small: the note says so, and a
    # reader weighing out Epsom salt for a foot soak is told who must not soak.
    assert "No useful amount of magnesium has been shown to pass through the skin" in text
    assert "If you have diabetes or numb feet, do not soak your feet at all" in text


def test_epsom_salt_is_said_to_be_counted_as_if_swallowed_above_the_verdict(
    client, calculator_site
):
    """2 g of Epsom salt beside a supplement read "Above the upper limit" with nothing on top
    to say a bath's salt was counted as swallowed."""
    ReferenceFactory(key="grober-2017", title="Myth or Reality")
    response = calculate_query(
        client, "form=magnesium-glycinate&mg=2000&form=magnesium-sulfate&mg=2000&sex=female"
    )
    text = visible_text(response)
    note = text.index("Product 2, magnesium sulfate (Epsom salt), is added up as if taken by")
    assert note < text.index("Above the upper limit")
    assert "Used in a bath or soak it does not count" in text
    page = response.content.decode()
    without = "/calculator/?form=magnesium-glycinate&amp;mg=2000&amp;sex=female#result"
    assert f'<a href="{without}">Your day without product 2</a>' in page
    assert f'title="Myth or Reality">{HEARD}1</a>' in page  # the soak note's source, first
    alone = visible_text(calculate(client, form="magnesium-sulfate", mg="1000"))
    assert "This is added up as if taken by mouth, as a laxative." in alone
    assert "Your day without" not in alone
    assert "added up as if" not in visible_text(
        calculate(client, form="magnesium-chloride", mg="1000")
    )


def test_a_baths_amount_of_epsom_salt_is_told_to_leave_the_soak_out(client, calculator_site):
    text = visible_text(calculate(client, form="magnesium-sulfate", mg="300000"))
    assert "More than 50 g of magnesium sulfate (Epsom salt) a serving is a bath's amount" in text
    assert "leave a bath or soak out" in text
    assert "Check the label: amounts are usually given in mg" not in text
    glycinate = visible_text(calculate(client, form="magnesium-glycinate", mg="300000"))
    assert "Check the label: amounts are usually given in mg" in glycinate
    # Chloride is taken by mouth, and its flakes go in baths too.
    Preparation.objects.create(
        compound=calculator_site["chloride"], slug="flakes", name="Flakes", route="topical"
    )
    flakes = visible_text(calculate(client, form="magnesium-chloride", mg="200000"))
    assert "More than 50 g of magnesium chloride a serving is a bath's amount" in flakes


def test_a_poorly_absorbed_form_says_the_sum_counts_what_is_swallowed(client, calculator_site):
    """400 mg of oxide read as 110% of the RDA with nothing to say how little of it is
    absorbed; the form's page cites about 4%."""
    MagnesiumCompoundFactory(
        name="Magnesium oxide",
        slug="magnesium-oxide",
        elemental_percent="60.3",
        bioavailability="low",
        evidence="moderate",
        bioavailability_refs=[ReferenceFactory(key="firoz-2001", title="Bioavailability")],
    )
    text = visible_text(calculate(client, form="magnesium-oxide", mg="400", **ADULT_WOMAN))
    assert "Magnesium oxide is rated low for absorption (moderate data)" in text
    assert "count what is swallowed, not what is absorbed" in text
    page = calculate(client, form="magnesium-oxide", mg="400").content.decode()
    assert 'title="Bioavailability"><span class="visually-hidden">reference </span>' in page
    # Epsom salt's low rating is for the skin: its own note says what its sum means.
    sulfate = calculator_site["sulfate"]
    sulfate.bioavailability = "low"
    sulfate.save()
    for form in ("magnesium-glycinate", "magnesium-sulfate"):
        assert "rated low for absorption" not in visible_text(
            calculate(client, form=form, mg="400")
        )


def test_the_number_of_queries_is_the_same_whatever_the_input(client, calculator_site):
    queries = [
        {},
        {"form": "magnesium-glycinate"},
        {"form": "magnesium-glycinate", "mg": "1000", **ADULT_WOMAN},
        {"form": "magnesium-chloride", "mg": "1000", "elemental_mg": "255", "servings": "3"},
        {"form": "magnesium-glycinate", "elemental_mg": "30", "age": "0-6-months"},
        {"form": "magnesium-glycinate", "mg": "x", "age": "zz", "servings": "0"},
    ]
    counts = []
    for params in [*queries, {"form": "nope", "mg": "x", "age": "zz", "servings": "0"}]:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            calculate(client, **params)
        counts.append(len(captured))
    *known, unknown = counts
    assert len(set(known)) == 1, counts
    # Forms, their sources, their salts and the salts' sources, the intake tables and rows,
    # the kidney caution's source, the content version, the tables' latest change note.
    assert counts[0] <= 13
    # A slug no form has now costs one query more: whether it is a form's earlier slug.
    assert unknown == counts[0] + 1 <= 14


def test_calculator_is_in_the_main_navigation_and_on_the_home_page(client, calculator_site):
    home = client.get("/").content.decode()
    assert '<a href="/calculator/">Calculator</a>' in home
    assert home.count('href="/calculator/"') >= 2
    page = calculate(client).content.decode()
    assert '<a href="/calculator/" aria-current="page">Calculator</a>' in page


def test_result_pages_are_not_indexed_but_the_empty_calculator_is(client, calculator_site):
    assert 'name="robots"' not in calculate(client).content.decode()
    page = calculate(client, form="magnesium-glycinate", mg="1000").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in page
    assert '<link rel="canonical" href="http://testserver/calculator/">' in page
