"""A form's own page, /forms/<slug>/, and the side-by-side view, /forms/compare/."""

import re

import pytest

from comparisons.models import MagnesiumCompound, Preparation
from tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# What a screen reader hears before a citation's number: "reference 3", not a bare "3".
HEARD = '<span class="visually-hidden">reference </span>'


@pytest.fixture
def glycinate():
    sleep = TopicFactory(slug="sleep", name="Sleep")
    return MagnesiumCompoundFactory(
        name="Magnesium glycinate",
        slug="magnesium-glycinate",
        other_names="magnesium bisglycinate\nchelated magnesium",
        summary="Magnesium bound to glycine.",
        elemental_basis="C4H8MgN2O4, 172.42 g/mol",
        evidence_note="No head-to-head human study.",
        side_effects="Usually well tolerated.",
        dose_note="Elemental magnesium per day.",
        cautions="Ask a doctor if you have kidney disease.",
        body="It is 14.1% magnesium [@case-2021]. Organic salts absorb well [@pardo-2021].",
        uses=[sleep],
        elemental_refs=[ReferenceFactory(key="case-2021", title="Glycinate chelate paper")],
        bioavailability_refs=[ReferenceFactory(key="pardo-2021", title="Systematic review")],
        dose_refs=[ReferenceFactory(key="fnb-1997", title="Dietary Reference Intakes")],
    )


def test_form_page_shows_the_full_profile(client, glycinate):
    response = client.get("/forms/magnesium-glycinate/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for text in [
        "Magnesium glycinate",
        "Magnesium bound to glycine.",
        "magnesium bisglycinate, chelated magnesium",
        "14.1%",
        "C4H8MgN2O4, 172.42 g/mol",
        "Good",
        "No head-to-head human study.",
        "Not on NIH diarrhoea list",
        "Usually well tolerated.",
        "200\u2013350 mg",
        "Ask a doctor if you have kidney disease.",
        'href="/topics/sleep/"',
        "Medical disclaimer",
    ]:
        assert text in html, text


def test_every_figure_links_to_its_numbered_source(client, glycinate):
    html = client.get("/forms/magnesium-glycinate/").content.decode()
    # Figures are numbered first (elemental, bioavailability, dose), then the body's
    # citations reuse the same numbers.
    assert f'href="#ref-1" title="Glycinate chelate paper">{HEARD}1</a>' in html
    assert f'href="#ref-2" title="Systematic review">{HEARD}2</a>' in html
    assert f'href="#ref-3" title="Dietary Reference Intakes">{HEARD}3</a>' in html
    # The body's citations of the same papers: the same numbers, titled alike.
    assert html.count('href="#ref-1" title="Glycinate chelate paper"') == 2
    assert html.count('href="#ref-2" title="Systematic review"') == 2
    references = html[html.index('id="references-heading"') :]
    assert references.index("Glycinate chelate paper") < references.index("Systematic review")
    assert references.index("Systematic review") < references.index("Dietary Reference Intakes")
    assert 'id="ref-3"' in references and 'id="ref-4"' not in references


def test_cautions_link_to_their_numbered_sources_after_the_figures(client, glycinate):
    label = ReferenceFactory(key="uk-smpc-magnesium-antacid", title="A UK antacid label")
    glycinate.cautions_refs.set([label, glycinate.dose_refs.get()])
    html = client.get("/forms/magnesium-glycinate/").content.decode()
    cautions = html[html.index("<strong>Cautions.</strong>") : html.index("</aside>")]
    # The dose's source keeps its number; the label is the next one, after the figures.
    assert f'href="#ref-3" title="Dietary Reference Intakes">{HEARD}3</a>' in cautions
    assert f'href="#ref-4" title="A UK antacid label">{HEARD}4</a>' in cautions
    assert 'id="ref-4"' in html[html.index('id="references-heading"') :]


def test_compare_view_cites_each_forms_cautions(client, glycinate):
    MagnesiumCompoundFactory(
        slug="magnesium-citrate",
        cautions="Space it from antibiotics.",
        cautions_refs=[ReferenceFactory(key="ods-magnesium-hp", title="NIH fact sheet")],
    )
    html = client.get("/forms/compare/?forms=magnesium-glycinate,magnesium-citrate").content
    row = html.decode().split('<th scope="row">Cautions</th>')[1].split("</tr>")[0]
    assert "Space it from antibiotics." in row
    assert 'title="NIH fact sheet"' in row


def test_form_page_lists_published_articles_that_link_to_it(client, glycinate):
    ArticleFactory(title="Choosing a form", body="Try [[form:magnesium-glycinate]].")
    ArticleFactory(title="With its own words", body="[[form:magnesium-glycinate|Glycinate]].")
    DraftArticleFactory(title="Unfinished draft", body="[[form:magnesium-glycinate]]")
    ArticleFactory(title="Unrelated article", body="Nothing about it.")
    html = client.get("/forms/magnesium-glycinate/").content.decode()
    assert "Choosing a form" in html and "With its own words" in html
    assert "Unfinished draft" not in html and "Unrelated article" not in html


def test_form_link_in_an_article_renders_as_a_link_to_the_form(glycinate):
    article = ArticleFactory(body="See [[form:magnesium-glycinate]] and [[form:nope]].")
    assert 'href="/forms/magnesium-glycinate/"' in article.body_html
    assert ">Magnesium glycinate</a>" in article.body_html
    assert '<span class="broken-link">nope</span>' in article.body_html


def heading_outline(html: str) -> list[tuple[int, str]]:
    """Each heading's level and text, in page order, as a screen reader lists them."""
    return [
        (int(level), re.sub(r"<[^>]+>|\s+", " ", text).strip())
        for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
    ]


def test_form_body_sections_have_a_heading_of_their_own_after_the_preparations(client, glycinate):
    """A form's body is written with ### sections. A screen reader that lists headings
    must not file them under the section before, "Ways it is taken"."""
    Preparation.objects.create(
        compound=glycinate, slug="tablets", name="Tablets", route="oral", use="Daily."
    )
    glycinate.body = "### What it is\n\nGlycine and magnesium.\n\n### How to read the label\n\nSee."
    glycinate.save()
    outline = heading_outline(client.get("/forms/magnesium-glycinate/").content.decode())
    for section in ["What it is", "How to read the label"]:
        before = outline[: outline.index((3, section))]
        parent = next(text for level, text in reversed(before) if level == 2)
        assert parent == "In detail", f"{section!r} is listed under {parent!r}: {outline}"


def test_form_page_links_to_the_calculator_set_to_this_form(client, glycinate):
    html = client.get("/forms/magnesium-glycinate/").content.decode()
    assert 'href="/calculator/?form=magnesium-glycinate"' in html


def test_unknown_form_is_404(client):
    assert client.get("/forms/no-such-form/").status_code == 404


def test_form_page_sets_no_cookies(client, glycinate):
    assert not client.get("/forms/magnesium-glycinate/").cookies


@pytest.fixture
def five_forms():
    for slug in ["alpha", "beta", "gamma", "delta", "epsilon"]:
        MagnesiumCompoundFactory(name=f"Magnesium {slug}", slug=f"magnesium-{slug}")


def test_compare_two_forms_side_by_side(client, five_forms):
    response = client.get("/forms/compare/?forms=magnesium-beta,magnesium-alpha")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Magnesium beta") < html.index("Magnesium alpha")  # the order asked for
    for attribute in [
        "Route",
        "Elemental magnesium",
        "Bioavailability",
        "Digestive tolerance",
        "Typical dose",
        "Often taken for",
        "Side effects",
        "Cautions",
    ]:
        assert f'<th scope="row">{attribute}</th>' in html
    assert html.count('<th scope="col"') == 3


def test_compare_names_every_way_a_form_is_taken_as_the_table_does(client, five_forms):
    """Magnesium oil (chloride on the skin) vanished from the compare page's Route row,
    which showed the main route alone."""
    alpha = MagnesiumCompound.objects.get(slug="magnesium-alpha")
    Preparation.objects.create(
        compound=alpha, slug="oil", name="Oil", route="topical", use="Sprayed on skin."
    )
    compare = client.get("/forms/compare/?forms=magnesium-alpha,magnesium-beta").content
    table = client.get("/forms/").content
    also = '<span class="small muted"> (also topical)</span>'
    assert f'<td data-label="Magnesium alpha">Oral{also}</td>' in compare.decode()
    assert f"<span>Oral{also}</span>" in table.decode()
    assert compare.decode().count("(also ") == 1


def test_compare_says_the_cautions_the_forms_share_once_and_each_forms_own_in_its_column(
    client,
):
    """Each column repeated a paragraph of some 100 words that every form shares, hiding the
    one sentence that differed."""
    shared = "Take antibiotics 2 hours apart (see our safety guide). Ask your doctor first."
    MagnesiumCompoundFactory(
        slug="magnesium-a", name="Magnesium a", cautions=f"Avoid with kidney disease. {shared}"
    )
    MagnesiumCompoundFactory(
        slug="magnesium-b", name="Magnesium b", cautions=f"{shared} Stop if it causes diarrhoea."
    )
    MagnesiumCompoundFactory(slug="magnesium-c", name="Magnesium c", cautions=shared)
    html = client.get("/forms/compare/?forms=magnesium-a,magnesium-b,magnesium-c").content.decode()
    assert html.count("Take antibiotics 2 hours apart") == 1
    assert (
        '<th scope="row">Cautions for all 3</th><td colspan="3" data-label="All 3 forms">'
        f"{shared}</td>" in html
    )
    own = html.split("Cautions for this form</th>")[1].split("</tr>")[0]
    assert '<td data-label="Magnesium a">Avoid with kidney disease.</td>' in own
    assert '<td data-label="Magnesium b">Stop if it causes diarrhoea.</td>' in own
    assert "Only those for all 3, below." in own
    assert html.index("Cautions for this form<") < html.index("Cautions for all 3<")


def test_two_forms_sharing_cautions_say_both_not_all_2(client):
    shared = "Ask your doctor first."
    MagnesiumCompoundFactory(slug="magnesium-a", name="Magnesium a", cautions=f"A. {shared}")
    MagnesiumCompoundFactory(slug="magnesium-b", name="Magnesium b", cautions=shared)
    html = client.get("/forms/compare/?forms=magnesium-a,magnesium-b").content.decode()
    assert '<th scope="row">Cautions for both</th>' in html
    assert 'data-label="Both forms"' in html and "Only those for both, below." in html
    assert "all 2" not in html.lower()


def test_compare_forms_sharing_no_caution_keep_one_cautions_row(client):
    MagnesiumCompoundFactory(slug="magnesium-a", name="Magnesium a", cautions="Avoid A.")
    MagnesiumCompoundFactory(slug="magnesium-b", name="Magnesium b", cautions="Avoid B.")
    html = client.get("/forms/compare/?forms=magnesium-a,magnesium-b").content.decode()
    assert "Cautions for all" not in html
    assert '<th scope="row">Cautions</th><td data-label="Magnesium a">Avoid A.</td>' in html


def test_compare_four_forms(client, five_forms):
    response = client.get(
        "/forms/compare/?forms=magnesium-alpha,magnesium-beta,magnesium-gamma,magnesium-delta"
    )
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="col"') == 5


def test_compare_one_form_asks_for_another(client, five_forms):
    response = client.get("/forms/compare/?forms=magnesium-alpha")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least 2 forms to compare" in html
    assert 'value="magnesium-alpha" checked' in html  # the picker keeps the choice


def test_the_same_form_twice_asks_for_another_at_once(client, five_forms):
    """It was sent on to the page for the one form (302), which then refused it."""
    response = client.get("/forms/compare/?forms=magnesium-alpha,magnesium-alpha")
    assert response.status_code == 400
    assert "Choose at least 2 forms to compare; you chose only Magnesium alpha." in (
        response.content.decode()
    )


def test_compare_five_forms_asks_for_fewer(client, five_forms):
    slugs = ",".join(f"magnesium-{s}" for s in ["alpha", "beta", "gamma", "delta", "epsilon"])
    response = client.get(f"/forms/compare/?forms={slugs}")
    assert response.status_code == 400
    assert "up to 4 forms at a time; you chose 5" in response.content.decode()


def test_compare_ignores_unknown_slugs_with_a_notice(client, five_forms):
    response = client.get("/forms/compare/?forms=magnesium-alpha,unobtainium,magnesium-beta")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We have no form called <code>unobtainium</code>" in html
    assert html.count('<th scope="col"') == 3


def test_compare_only_unknown_slugs_is_a_clear_400(client, five_forms):
    response = client.get("/forms/compare/?forms=nope,%3Cscript%3E")
    html = response.content.decode()
    assert response.status_code == 400
    assert "none of yours exist" in html
    assert "<script>" not in html


def test_compare_without_forms_offers_a_picker(client, five_forms):
    response = client.get("/forms/compare/")
    assert response.status_code == 200
    assert response.content.decode().count('name="forms"') == 5


def test_compare_far_too_many_slugs_is_refused_without_a_query(
    client, five_forms, django_assert_max_num_queries
):
    slugs = ",".join(f"s{i}" for i in range(500))
    with django_assert_max_num_queries(2):
        assert client.get(f"/forms/compare/?forms={slugs}").status_code == 400


def test_ticked_checkboxes_redirect_to_the_canonical_compare_url(client, five_forms):
    response = client.get("/forms/compare/?forms=magnesium-alpha&forms=Magnesium-Beta")
    assert response.status_code == 302
    assert response["Location"] == "/forms/compare/?forms=magnesium-alpha,magnesium-beta"


def test_table_checkboxes_submit_to_the_compare_page(client, five_forms):
    html = client.get("/forms/").content.decode()
    assert 'action="/forms/compare/"' in html
    assert html.count('type="checkbox" name="forms"') == MagnesiumCompound.objects.count()


def test_compare_picker_lists_forms_alphabetically_ignoring_capitals(client):
    MagnesiumCompoundFactory(name="Magnesium L-threonate", slug="magnesium-l-threonate")
    MagnesiumCompoundFactory(name="Magnesium aspartate", slug="magnesium-aspartate")
    MagnesiumCompoundFactory(name="Magnesium malate", slug="magnesium-malate")
    html = client.get("/forms/compare/").content.decode()
    assert html.index("Magnesium aspartate") < html.index("Magnesium L-threonate")
    assert html.index("Magnesium L-threonate") < html.index("Magnesium malate")


def test_a_citation_in_a_forms_text_shows_its_references_title(client):
    ReferenceFactory(key="case-2020", title="Magnesium content of salts")
    form = MagnesiumCompoundFactory(body="### Detail\n\nAbout 14% [@case-2020].")
    html = client.get(form.get_absolute_url()).content.decode()
    assert 'href="#ref-1" title="Magnesium content of salts"' in html
    assert 'title="case-2020"' not in html
