"""The forms table at /forms/: filters, sorting, canonical URLs and bad input."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Topic
from comparisons.models import MagnesiumCompound
from tests.comparisons.conftest import table_slugs
from tests.factories import MagnesiumCompoundFactory, TopicFactory
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def test_a_ratings_data_is_named_as_absorption_data_not_as_evidence(client):
    """ "Good, limited evidence" read as limited evidence that the form works; and a rating
    no study had measured was called "limited" too."""
    MagnesiumCompoundFactory(name="Magnesium taurate", evidence="inferred")
    MagnesiumCompoundFactory(name="Magnesium citrate", evidence="moderate")
    html = client.get("/forms/", {"sort": "-evidence"}).content.decode()
    assert "sorted by absorption data, strongest first" in html
    assert html.index("(moderate data)") < html.index("(inferred, no direct study)")
    assert "evidence</span>" not in html


def test_table_lists_every_form_by_name_with_its_figures(client, forms):
    response = client.get("/forms/")
    html = response.content.decode()
    assert response.status_code == 200
    assert table_slugs(response) == [
        "magnesium-carbonate",
        "magnesium-citrate",
        "magnesium-glycinate",
        "magnesium-l-threonate",
        "magnesium-oxide",
        "magnesium-sulfate",
    ]
    assert "All 6 forms" in html
    assert 'href="/forms/magnesium-glycinate/"' in html
    assert "14.1%" in html and "60.3%" in html
    assert "200\u2013350 mg" in html and "144 mg" in html and "No set dose" in html


def test_table_is_usable_with_a_screen_reader(client, forms):
    html = client.get("/forms/?sort=-bioavailability").content.decode()
    assert "<caption" in html
    assert html.count('scope="col"') == 7
    assert html.count('scope="row"') == 6
    assert html.count("aria-sort=") == 1
    assert 'aria-sort="descending"' in html
    assert 'aria-label="Compare' not in html  # checkboxes have real labels
    assert html.count("Compare Magnesium") == 6
    # Heading navigation reaches the filters and the results.
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings[:2] == ["Filter and sort", "The forms"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bioavailability=low", {"magnesium-oxide", "magnesium-sulfate"}),
        ("bioavailability=high", {"magnesium-l-threonate"}),
        ("route=topical", {"magnesium-sulfate"}),
        (
            "route=oral",
            {
                "magnesium-glycinate",
                "magnesium-citrate",
                "magnesium-oxide",
                "magnesium-l-threonate",
                "magnesium-carbonate",
            },
        ),
        ("tolerance=gentle", {"magnesium-glycinate", "magnesium-l-threonate"}),
        ("tolerance=moderate", {"magnesium-citrate"}),
        ("use=sleep", {"magnesium-glycinate", "magnesium-l-threonate"}),
        ("use=constipation", {"magnesium-citrate", "magnesium-oxide"}),
        ("q=epsom", {"magnesium-sulfate"}),
        ("q=Magtein", {"magnesium-l-threonate"}),
        ("q=migraine", {"magnesium-citrate"}),
        ("q=about+magnesium+oxide", {"magnesium-oxide"}),
    ],
)
def test_each_filter_narrows_the_table(client, forms, query, expected):
    response = client.get(f"/forms/?{query}")
    assert response.status_code == 200
    assert set(table_slugs(response)) == expected


def test_a_forms_name_is_searched_for_in_names_not_in_what_others_say_of_it(client, forms):
    """Summaries that compare a form with oxide listed it under "oxide"."""
    MagnesiumCompound.objects.filter(slug="magnesium-citrate").update(
        summary="Absorbed better than oxide, and a gentle laxative."
    )
    assert set(table_slugs(client.get("/forms/?q=oxide"))) == {"magnesium-oxide"}
    # A word no form is named by is still found in what the summaries say.
    assert set(table_slugs(client.get("/forms/?q=laxative"))) == {"magnesium-citrate"}


def test_a_search_finds_the_forms_whose_side_effects_say_the_word(client, forms):
    """ "laxative" listed hydroxide and oxide, whose summaries say it, not citrate or sulfate,
    whose side effects do."""
    MagnesiumCompound.objects.filter(slug="magnesium-sulfate").update(
        side_effects="Swallowed, it is a strong laxative."
    )
    MagnesiumCompound.objects.filter(slug="magnesium-citrate").update(
        side_effects="Gentler than oxide on the gut."
    )
    assert set(table_slugs(client.get("/forms/?q=laxative"))) == {"magnesium-sulfate"}
    # A form's name is still looked for in names only.
    assert set(table_slugs(client.get("/forms/?q=oxide"))) == {"magnesium-oxide"}


def test_the_forms_table_lists_every_form_the_site_calls_a_laxative(client, starter_content):
    response = client.get("/forms/", {"q": "laxative"})
    assert set(table_slugs(response)) == {
        "magnesium-citrate",
        "magnesium-hydroxide",
        "magnesium-oxide",
        "magnesium-sulfate",
    }


def test_several_values_of_one_filter_are_alternatives(client, forms):
    response = client.get("/forms/?bioavailability=low,high")
    assert set(table_slugs(response)) == {
        "magnesium-oxide",
        "magnesium-sulfate",
        "magnesium-l-threonate",
    }


def test_different_filters_combine(client, forms):
    response = client.get("/forms/?bioavailability=low&route=oral&tolerance=laxative")
    assert table_slugs(response) == ["magnesium-oxide"]
    response = client.get("/forms/?use=cognition&tolerance=gentle")
    assert table_slugs(response) == ["magnesium-l-threonate"]


def test_bioavailability_minimum_means_that_level_or_better(client, forms):
    response = client.get("/forms/?bioavailability_min=good", follow=True)
    assert response.redirect_chain == [("/forms/?bioavailability=good,high", 302)]
    assert set(table_slugs(response)) == {
        "magnesium-glycinate",
        "magnesium-citrate",
        "magnesium-l-threonate",
    }


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("bioavailability", ["low", "low", "moderate", "good", "good", "high"]),
        ("-bioavailability", ["high", "good", "good", "moderate", "low", "low"]),
        ("tolerance", ["gentle", "gentle", "moderate", "laxative", "laxative", "laxative"]),
        ("-evidence", ["strong", "moderate", "moderate", "limited", "limited", "limited"]),
    ],
)
def test_scales_sort_by_their_order_not_the_alphabet(client, forms, sort, expected):
    field = sort.lstrip("-")
    slugs = table_slugs(client.get(f"/forms/?sort={sort}"))
    by_slug = {form.slug: form for form in MagnesiumCompound.objects.all()}
    assert [getattr(by_slug[slug], field) for slug in slugs] == expected


def test_sort_by_elemental_magnesium_both_ways(client, forms):
    ascending = table_slugs(client.get("/forms/?sort=elemental_percent"))
    assert ascending[0] == "magnesium-l-threonate" and ascending[-1] == "magnesium-oxide"
    assert table_slugs(client.get("/forms/?sort=-elemental_percent")) == ascending[::-1]


def test_sort_by_dose_puts_forms_without_a_dose_last_both_ways(client, forms):
    ascending = table_slugs(client.get("/forms/?sort=dose"))
    descending = table_slugs(client.get("/forms/?sort=-dose"))
    assert ascending[0] == "magnesium-carbonate"  # 100 mg is the lowest starting dose
    assert descending[0] == "magnesium-oxide"  # 250 mg is the highest
    assert ascending[-1] == descending[-1] == "magnesium-sulfate"


def test_sort_by_name_descending_and_by_route(client, forms):
    assert table_slugs(client.get("/forms/?sort=-name"))[0] == "magnesium-sulfate"
    assert table_slugs(client.get("/forms/?sort=-route"))[0] == "magnesium-sulfate"


def test_column_headers_link_to_sorting_and_toggle_direction(client, forms):
    html = client.get("/forms/").content.decode()
    assert 'href="/forms/?sort=bioavailability#forms-results"' in html
    assert 'href="/forms/?sort=-name#forms-results"' in html  # the current sort column reverses
    html = client.get("/forms/?sort=bioavailability").content.decode()
    assert 'href="/forms/?sort=-bioavailability#forms-results"' in html
    assert 'aria-sort="ascending"' in html


def test_filter_form_shows_the_current_choices(client, forms):
    html = client.get("/forms/?bioavailability=good,high&route=oral&q=salt&sort=-dose").content
    html = html.decode()
    assert 'value="good" id="id_bioavailability_2" checked' in html
    assert 'value="high" id="id_bioavailability_3" checked' in html
    assert 'value="low" id="id_bioavailability_0" checked' not in html
    assert 'value="oral" id="id_route_0" checked' in html
    assert 'value="salt"' in html
    assert '<option value="-dose" selected>' in html


def test_each_request_ticks_and_lists_its_own_filters_after_others_were_drawn(client, forms):
    oral = client.get("/forms/?route=oral").content.decode()
    topical = client.get("/forms/?route=topical").content.decode()
    again = client.get("/forms/?route=oral").content.decode()
    assert 'value="oral" id="id_route_0" checked' in oral
    assert 'value="topical" id="id_route_1">' in oral
    assert 'value="topical" id="id_route_1" checked' in topical
    assert 'value="oral" id="id_route_0">' in topical
    chip_oral, chip_topical = "Route: <bdi>Oral</bdi>", "Route: <bdi>Topical</bdi>"
    assert chip_oral in oral and chip_topical not in oral
    assert chip_topical in topical and chip_oral not in topical
    assert again == oral


def test_form_only_offers_topics_that_some_form_is_used_for(client, forms):
    html = client.get("/forms/").content.decode()
    assert 'value="sleep"' in html
    assert 'value="safety"' not in html


def test_each_active_filter_has_a_link_that_removes_it(client, forms):
    html = client.get("/forms/?bioavailability=good,high&tolerance=gentle&q=salt").content
    html = html.decode()
    assert (
        'href="/forms/?bioavailability=high&amp;tolerance=gentle&amp;q=salt#forms-results"' in html
    )
    assert (
        'href="/forms/?bioavailability=good&amp;tolerance=gentle&amp;q=salt#forms-results"' in html
    )
    assert 'href="/forms/?bioavailability=good,high&amp;q=salt#forms-results"' in html
    assert 'href="/forms/?bioavailability=good,high&amp;tolerance=gentle#forms-results"' in html
    assert "Clear all filters" in html


def test_clearing_filters_keeps_the_sort(client, forms):
    html = client.get("/forms/?route=oral&sort=-dose").content.decode()
    assert 'class="active-filters__clear" href="/forms/?sort=-dose#forms-results"' in html


def test_no_forms_match_shows_a_clear_empty_state(client, forms):
    response = client.get("/forms/?route=topical&tolerance=gentle")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No forms match" in html
    assert "0 of 6 forms" in html
    assert "<table" not in html


def test_a_valid_topic_no_form_uses_is_an_empty_result_not_an_error(client, forms):
    html = client.get("/forms/?use=safety").content.decode()
    assert "No forms match" in html
    assert "ignored" not in html
    assert re.search(r'value="safety" id="id_use_\d+" checked', html)


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("route=oral&bioavailability=good", "bioavailability=good&route=oral"),
        ("bioavailability=high&bioavailability=good", "bioavailability=good,high"),
        ("bioavailability=HIGH,good,good", "bioavailability=good,high"),
        ("bioavailability=low,moderate,good,high", ""),
        ("route=oral,topical", ""),
        ("q=&route=&use=&sort=", ""),
        ("sort=name", ""),
        ("q=++epsom+++salt+", "q=epsom+salt"),
        ("bioavailability_min=moderate", "bioavailability=moderate,good,high"),
        ("bioavailability_min=low", ""),
        ("bioavailability=low,high&bioavailability_min=good", "bioavailability=high"),
        ("use=sleep&use=constipation", "use=constipation,sleep"),
        # Forms ticked to compare (tests/comparisons/test_forms_table_ticks.py).
        (
            "forms=magnesium-oxide&forms=magnesium-citrate",
            "forms=magnesium-citrate,magnesium-oxide",
        ),
        ("forms=MAGNESIUM-OXIDE,magnesium-oxide", "forms=magnesium-oxide"),
        (
            "sort=-dose&forms=magnesium-oxide&route=oral",
            "route=oral&forms=magnesium-oxide&sort=-dose",
        ),
        ("forms=", ""),
    ],
)
def test_equivalent_queries_redirect_to_one_canonical_url(client, forms, query, canonical):
    response = client.get(f"/forms/?{query}")
    assert response.status_code == 302
    assert response["Location"] == "/forms/" + (f"?{canonical}" if canonical else "")


def test_the_canonical_url_is_served_and_named(client, forms):
    response = client.get("/forms/?bioavailability=good,high&route=oral")
    assert response.status_code == 200
    assert (
        '<link rel="canonical" href="http://testserver/forms/?bioavailability=good,high&amp;'
        'route=oral">' in response.content.decode()
    )


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("route=underwater", "route=underwater"),
        ("bioavailability=good,excellent", "bioavailability=excellent"),
        ("use=no-such-topic", "use=no-such-topic: not a topic on this site"),
        ("sort=colour", "sort=colour"),
        ("sort=-", "sort=-"),
        ("colour=red", "colour"),
        ("q=" + "x" * 150, "q=xxxx"),
        ("bioavailability=low&bioavailability_min=good", "bioavailability_min=good"),
        ("bioavailability_min=best", "bioavailability_min=best"),
        ("sort=-dose&sort=", "sort=-dose"),
    ],
)
def test_invalid_values_are_ignored_with_a_visible_notice(client, forms, query, shown):
    response = client.get(f"/forms/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Part of this link was ignored" in html
    assert shown in visible_text(response)
    assert ">This table without the ignored parts</a>: <code" in html


def test_invalid_values_leave_the_valid_ones_working(client, forms):
    response = client.get("/forms/?bioavailability=good,excellent&route=oral&sort=bogus")
    html = response.content.decode()
    assert set(table_slugs(response)) == {"magnesium-glycinate", "magnesium-citrate"}
    assert '<a href="http://testserver/forms/?bioavailability=good&amp;route=oral">' in html
    assert "<bdi>/forms/?bioavailability=good&amp;route=oral</bdi>" in html


def test_bad_input_changes_nothing_stored(client, forms):
    before = list(MagnesiumCompound.objects.order_by("pk").values())
    for query in ["route=%27;DROP TABLE x", "sort=name;delete", "q=%3Cscript%3E", "use=../../"]:
        assert client.get(f"/forms/?{query}").status_code == 200
    assert client.post("/forms/", {"route": "oral"}).status_code == 405
    assert list(MagnesiumCompound.objects.order_by("pk").values()) == before


def test_search_text_is_shown_escaped(client, forms):
    html = client.get("/forms/?q=%3Cscript%3Ealert(1)%3C/script%3E").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_table_page_sets_no_cookies(client, forms):
    assert not client.get("/forms/?route=oral").cookies


def test_a_rating_no_published_form_has_is_not_offered_but_a_link_may_ask_for_it(client):
    """No form was rated "high" for absorption, yet its box was there, and ticking it
    emptied the table with "No form fits all of these filters together"."""
    MagnesiumCompoundFactory(slug="mg-good", bioavailability="good", tolerance="gentle")
    MagnesiumCompoundFactory(
        slug="mg-high-draft", bioavailability="high", tolerance="laxative", status="draft"
    )
    html = client.get("/forms/").content.decode()
    assert 'name="bioavailability" value="good"' in html
    assert 'name="bioavailability" value="high"' not in html
    assert 'name="tolerance" value="laxative"' not in html
    asked = client.get("/forms/?bioavailability=high").content.decode()
    assert 'name="bioavailability" value="high" id="id_bioavailability_1" checked' in asked
    assert "No forms match" in asked


def _queries_for(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _make_forms(count: int) -> None:
    topics = [TopicFactory() for _ in range(3)]
    for index in range(count):
        MagnesiumCompoundFactory(uses=topics[: index % 3 + 1])


def test_query_count_does_not_grow_with_the_number_of_forms(client):
    _make_forms(10)
    few = _queries_for(client, "/forms/")
    _make_forms(190)
    assert MagnesiumCompound.objects.count() == 200
    assert _queries_for(client, "/forms/") == few


def test_query_count_does_not_grow_with_the_number_of_filters(client):
    _make_forms(10)
    slugs = ",".join(sorted(Topic.objects.values_list("slug", flat=True)))
    one = _queries_for(client, "/forms/?route=oral")
    filtered = _queries_for(
        client,
        f"/forms/?bioavailability=good,high&route=oral&use={slugs}&tolerance=gentle"
        "&q=magnesium+form&sort=-bioavailability",
    )
    assert filtered == one


# ---- Edits show at once (the page cache is off: the view itself runs) ----


@pytest.mark.usefixtures("no_page_cache")
def test_a_saved_form_shows_in_its_row_at_once(client):
    compound = MagnesiumCompoundFactory(name="Magnesium first name", dose_low_mg=100)
    assert "Magnesium first name" in client.get("/forms/").content.decode()
    compound.name = "Magnesium second name"
    compound.dose_low_mg = 150
    compound.save()
    html = client.get("/forms/").content.decode()
    assert "Magnesium second name" in html and "Magnesium first name" not in html
    assert "150\u2013350 mg" in html and "100\u2013350 mg" not in html  # en dash


@pytest.mark.usefixtures("no_page_cache")
def test_a_renamed_topic_shows_in_rows_and_filters_at_once(client):
    topic = TopicFactory(slug="sleep", name="Sleep")
    MagnesiumCompoundFactory(uses=[topic])
    client.get("/forms/")
    topic.name = "Sleep quality"
    topic.save()
    html = client.get("/forms/").content.decode()
    assert '<td data-label="Often taken for" class="small"><span>Sleep quality</span>' in html
    assert re.search(r'value="sleep" id="id_use_0">\s*Sleep quality</label>', html)


@pytest.mark.usefixtures("no_page_cache")
def test_a_new_form_counts_in_the_total_at_once(client):
    MagnesiumCompoundFactory()
    assert "All 1 forms" in client.get("/forms/").content.decode()
    MagnesiumCompoundFactory(route="topical")
    assert "1 of 2 forms" in client.get("/forms/?route=topical").content.decode()


# ---- Uses are what people take a form for, never a proven benefit (issue 20) ----


def test_uses_column_and_filter_say_often_taken_for(client, forms):
    html = client.get("/forms/").content.decode()
    assert '<th scope="col" aria-describedby="uses-note">Often taken for</th>' in html
    assert "<legend>Often taken for</legend>" in html
    assert "not what it is proven to do" in html
    assert 'data-label="Often taken for"' in html


def test_active_use_filter_is_named_often_taken_for(client, forms):
    html = client.get("/forms/?use=sleep").content.decode()
    assert "Remove filter </span>Often taken for: <bdi>Sleep</bdi>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/forms/",
        "/forms/?use=sleep",
        "/forms/magnesium-glycinate/",
        "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate",
    ],
)
def test_no_page_presents_a_use_as_what_a_form_is_best_for(client, forms, url):
    html = client.get(url).content.decode()
    assert "Often taken for" in html
    assert "best for" not in html.lower()


@pytest.mark.parametrize(
    "url", ["/forms/", "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate"]
)
def test_pages_listing_several_doses_say_they_are_adult_elemental_amounts(client, forms, url):
    # "200-350 mg a day" in a column reads as a dose for anyone; the upper limit is 65 mg at
    # 1-3 years and 110 mg at 4-8 (FNB 1997), and kidney disease changes everything.
    html = client.get(url).content.decode()
    assert "Typical doses are elemental magnesium a day for adults" in html
    # From 9 years the limit is the adults' 350 mg: "far lower" was true only up to 8.
    assert (
        "A child&rsquo;s upper limit for magnesium from supplements is 65&nbsp;mg a day at 1 to 3 "
        "years and 110&nbsp;mg at 4 to 8; from 9 years it is 350&nbsp;mg, as for adults" in html
    )
    assert "with kidney disease take magnesium only on a doctor&rsquo;s advice" in html


def test_table_cells_carry_no_aria_roles(client, forms):
    """The W3C checker refuses ARIA roles on the rows and cells of a table; the cards a phone
    shows are drawn by CSS over the native table."""
    html = client.get("/forms/").content.decode()
    assert not re.search(r"<(table|thead|tbody|tr|th|td)\b[^>]*\brole=", html)


def test_a_search_of_symbols_alone_is_ignored_with_a_notice(client):
    MagnesiumCompoundFactory(summary="About 14% magnesium.")
    for symbols in ("%", "_", "%%"):
        html = client.get("/forms/", {"q": symbols}).content.decode()
        assert "no letter or number to search for" in html, symbols
        assert "All 1 forms" in html, symbols


def test_the_open_data_line_says_what_gentle_and_evidence_mean(client, forms):
    """The exports carry `tolerance` "gentle" and `evidence` "inferred", public values that
    read as "proven gentle" and as an evidence grade: the line linking them says what they
    are (docs/public-surface.md)."""
    text = visible_text(client.get("/forms/"))
    assert (
        "tolerance gentle is the table's \u201cNot on NIH diarrhoea list\u201d, which does not "
        "make a form proven gentle" in text
    )
    assert (
        "evidence is how good the absorption data behind bioavailability are (inferred: no "
        "study measured the form in people), not a grade of evidence that a form helps" in text
    )
