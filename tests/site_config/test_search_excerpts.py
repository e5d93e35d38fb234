"""The excerpt under each search result: plain text, centred on the words searched for."""

import pytest

from site_config.excerpts import excerpt
from tests.factories import ArticleFactory
from tests.helpers import load_starter_content, visible_text

pytestmark = pytest.mark.django_db


def test_search_shows_an_excerpt_around_the_match(client):
    ArticleFactory(title="Safety", body="Intro text. " * 40 + "The kidneys clear magnesium.")
    html = client.get("/search/", {"q": "kidneys"}).content.decode()
    assert "The kidneys clear magnesium." in html


def test_excerpt_strips_html_and_centres_on_the_word():
    text = "<p>" + "filler " * 100 + "<strong>target</strong> word</p>"
    snippet = excerpt(text, ["target"])
    assert "target word" in snippet
    assert "<" not in snippet
    assert snippet.startswith("…")


def test_excerpt_shows_entities_as_the_characters_they_stand_for():
    html = '<p><a href="/x" title="a > b">Fish</a> &amp; chips &lt;3</p>'
    assert excerpt(html, ["fish"]) == "Fish & chips <3"


def test_excerpt_keeps_headings_and_table_cells_apart_and_leaves_out_citation_numbers():
    html = (
        "<h2>Signs</h2><table><tr><td>Cramps</td><td>Tight calves</td>"
        '<td>Often other causes <sup class="cite"><a href="#ref-5">5</a></sup></td></tr>'
        "<tr><td>Tingling</td></tr></table><p>A sentence ends.</p><p>Next one.</p>"
    )
    assert excerpt(html, ["cramps"]) == (
        "Signs · Cramps · Tight calves · Often other causes · Tingling · A sentence ends. Next one."
    )


def test_excerpt_leaves_no_space_before_punctuation_where_a_citation_was():
    html = '<p>Use 200 mg a day <sup class="cite"><a href="#ref-1">1</a></sup>; no more.</p>'
    assert excerpt(html, ["day"]) == "Use 200 mg a day; no more."


def test_excerpt_is_cut_between_words():
    text = "<p>" + " ".join(f"word{n}" for n in range(200)) + " target " + "tail " * 100 + "</p>"
    snippet = excerpt(text, ["target"])
    assert snippet.startswith("…word") and snippet.endswith(" tail…")
    assert "target" in snippet


def test_excerpt_shows_the_place_holding_the_most_of_the_words():
    """ "citrate side effects": not the first "citrate", in a table of salts, but where the
    page speaks of citrate's side effects."""
    text = (
        "<p>Citrate 16.2%, oxide 60%.</p>"
        + "<p>Other salts and their weights.</p>" * 20
        + "<p>Side effects of citrate: loose stools.</p>"
    )
    assert excerpt(text, ["citrate", "side", "effects"]).startswith("…")
    assert "Side effects of citrate: loose stools." in excerpt(text, ["citrate", "side", "effects"])
    assert excerpt(text, ["citrate"]).startswith("Citrate 16.2%")


def test_excerpt_finds_a_word_where_a_word_of_the_page_starts_with_it():
    """ "magnesium before bed" shows where the page says "bed", not "absorbed"; "sleep"
    still finds "sleeping"."""
    text = (
        "<p>Most of it is absorbed in the gut.</p>"
        + "<p>Other salts and their weights.</p>" * 20
        + "<p>Take it with a meal or before bed.</p><p>Sleeping well matters.</p>"
    )
    assert excerpt(text, ["bed"]).startswith("…")
    assert "before bed." in excerpt(text, ["bed"])
    assert "Sleeping well" in excerpt(text, ["sleep"])


def test_a_forms_excerpt_shows_what_the_query_asks_of_it(client):
    """The title already names the form: "glycinate dose" shows its dose, "glycinate side
    effects" its side effects, each named as on its page."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate",
        slug="magnesium-glycinate",
        summary="Glycinate, bound to glycine. " * 8,
        dose_note="200 to 350 mg a day.",
        side_effects="Loose stools at high doses.",
    )
    html = client.get("/search/", {"q": "glycinate dose"}).content.decode()
    dose = "Typical dose: 200\u2013350 mg of elemental magnesium a day · 200 to 350 mg a day."
    assert dose in html
    html = client.get("/search/", {"q": "glycinate side effects"}).content.decode()
    assert "Side effects: Loose stools at high doses." in html


def test_a_forms_dose_excerpt_leads_with_the_dose_its_page_gives(client):
    """ "glycinate dose" showed only the dose note, whose consumer guide's 200-400 mg passes
    the 350 mg upper limit: the excerpt gives the page's own range first, as the page does."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate",
        slug="magnesium-glycinate",
        summary="Glycinate, bound to glycine.",
        dose_low_mg=200,
        dose_high_mg=350,
        dose_note="Elemental magnesium per day. A consumer guide says trials use 200-400 mg.",
    )
    MagnesiumCompoundFactory(
        name="Magnesium sulfate",
        summary="Epsom salt.",
        dose_low_mg=None,
        dose_high_mg=None,
        dose_note="Used in baths; no dose by mouth is set here.",
    )
    html = client.get("/search/", {"q": "glycinate dose"}).content.decode()
    assert (
        "Typical dose: 200\u2013350 mg of elemental magnesium a day · Elemental magnesium per day."
        in html
    )
    form_page = client.get("/forms/magnesium-glycinate/").content.decode()
    assert "<strong>200\u2013350 mg</strong> of elemental magnesium a day" in form_page
    html = client.get("/search/", {"q": "sulfate dose"}).content.decode()
    assert "Typical dose: No set dose · Used in baths" in html


def test_a_makers_amount_is_found_by_dose_and_shown_first(client):
    """Threonate's dose is the maker's suggested amount, a heading without the word
    "dose": "threonate dose" showed the note's arithmetic instead of the figure."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium L-threonate",
        slug="magnesium-l-threonate",
        summary="Threonate, sold for memory.",
        dose_low_mg=144,
        dose_high_mg=166,
        dose_basis="maker",
        dose_note="The range shown is the magnesium in the maker's suggested amount of 2,000 mg.",
    )
    text = visible_text(client.get("/search/", {"q": "threonate dose"}))
    assert "Dose (maker's suggested amount): 144\u2013166 mg of elemental magnesium a day" in text


def test_a_result_opens_a_long_page_at_the_section_its_excerpt_is_from(client):
    """The safety guide is about 30,000 px long on a phone, and every result opened at its
    top: where the excerpt is under a heading with an id, the link goes to that heading."""
    article = ArticleFactory(
        title="Safety",
        slug="safety",
        summary="Doses and limits.",
        body="Intro. " * 40
        + "\n\n## Kidney disease\n\nOn dialysis, ask first.\n\n## Safety\n\nEnd.",
    )
    html = client.get("/search/", {"q": "dialysis"}).content.decode()
    assert '<a href="/articles/safety/#kidney-disease">Safety</a>' in html
    assert 'id="kidney-disease"' in client.get(article.get_absolute_url()).content.decode()
    # An excerpt from the summary, above the first heading, opens the page at its top, and so
    # does a search whose every word the title shows: the whole page is about it.
    for query in ["limits", "safety"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert '<a href="/articles/safety/">Safety</a>' in html, query


def test_an_excerpts_section_is_only_the_heading_it_is_certainly_under():
    from site_config.excerpts import excerpt_in_section

    text = (
        "<p>Before any heading: cramps.</p>"
        '<h2 id="doses">Doses</h2><p>Split the dose.</p>'
        "<h3>Untitled</h3><p>Tablets here.</p>"
        "<div>Loose text<h2 id='night'>Night</h2></div><p>Take it at bedtime.</p>"
    )
    assert excerpt_in_section(text, ["cramps"]).section is None
    assert excerpt_in_section(text, ["split"]).section == "doses"
    assert excerpt_in_section(text, ["doses"]).section == "doses"  # the heading itself
    assert excerpt_in_section(text, ["tablets"]).section is None  # its heading has no id
    assert excerpt_in_section(text, ["loose"]).section is None
    assert excerpt_in_section(text, ["bedtime"]).section == "night"
    assert excerpt_in_section(text, ["absent"]).section is None  # no word shown: the top


def test_kidney_disease_stage_3_opens_the_safety_guide_at_its_kidney_section(client):
    load_starter_content()
    html = client.get("/search/", {"q": "kidney disease stage 3"}).content.decode()
    link = "/articles/using-magnesium-safely/#kidney-disease-the-most-important-caution"
    assert f'<a href="{link}">' in html
    page = client.get("/articles/using-magnesium-safely/").content.decode()
    section = page.split('id="kidney-disease-the-most-important-caution"', 1)[1]
    assert "stage" in section.split("<h2", 1)[0]
