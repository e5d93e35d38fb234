import re

import pytest
from django.db import connection

from site_config.excerpts import excerpt
from site_config.search import MAX_QUERY_LENGTH, clean_query
from tests.factories import ArticleFactory, DraftArticleFactory, TopicFactory
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db


def test_search_finds_articles_and_topics_by_a_plain_word(client):
    ArticleFactory(title="Magnesium glycinate and sleep", body="Glycine may calm.")
    TopicFactory(name="Sleep", summary="Rest and magnesium.")
    html = client.get("/search/", {"q": "sleep"}).content.decode()
    assert "Magnesium glycinate and sleep" in html
    assert 'href="/topics/' in html


def test_search_ranks_a_title_match_above_a_body_match(client):
    ArticleFactory(title="Everything about food", body="Almonds are rich in cramps advice.")
    ArticleFactory(title="Night cramps explained", body="Muscles tighten at night.")
    html = client.get("/search/", {"q": "cramps"}).content.decode()
    assert html.index("Night cramps explained") < html.index("Everything about food")


def test_search_requires_every_word(client):
    ArticleFactory(title="Oxide and constipation", body="Oxide draws water.")
    ArticleFactory(title="Citrate and constipation", body="Citrate too.")
    html = client.get("/search/", {"q": "oxide constipation"}).content.decode()
    assert "Oxide and constipation" in html
    assert "Citrate and constipation" not in html


def test_search_never_shows_drafts(client):
    DraftArticleFactory(title="Unpublished threonate notes")
    html = client.get("/search/", {"q": "threonate"}).content.decode()
    assert "Unpublished threonate notes" not in html
    assert "Nothing matched" in html


def test_search_shows_an_excerpt_around_the_match(client):
    ArticleFactory(title="Safety", body="Intro text. " * 40 + "The kidneys clear magnesium.")
    html = client.get("/search/", {"q": "kidneys"}).content.decode()
    assert "The kidneys clear magnesium." in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!",
        "%",
        "'",
        '"',
        "\\",
        "a" * 5000,
        "<script>alert(1)</script>",
        "sleep & | ! :* ( )",
        "ünïcödé 睡眠",
        "-1' OR '1'='1",
    ],
)
def test_odd_queries_give_a_friendly_page_never_a_500(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_repeated_q_parameters_do_not_break_search(client):
    assert client.get("/search/?q=a&q=b&q=").status_code == 200


def test_long_queries_are_shortened_with_a_notice():
    query, words, notices = clean_query("magnesium " * 100)
    assert len(words) <= 8
    assert len(query) == MAX_QUERY_LENGTH
    assert notices


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text index")
@pytest.mark.parametrize(
    ("kind_name", "index", "other_indexes"),
    [
        ("Articles", "article_search_vector_gin", ["article_published"]),
        ("Forms of magnesium", "form_search_vector_gin", []),
        ("Topics", "topic_search_vector_gin", []),
        ("Foods", "food_search_vector_gin", []),
        ("Evidence graded by outcome", "outcome_search_vector_gin", []),
    ],
)
def test_postgres_search_can_use_the_gin_index(kind_name, index, other_indexes):
    from site_config.search import matching
    from site_config.search_kinds import site_kinds

    kind = next(kind for kind in site_kinds() if kind.name == kind_name)
    queryset = matching(kind, ["indexed"])
    # With few rows the planner prefers a scan of the table, of its ordering index, or (for
    # articles) of the index of published pages; take them away to see whether the GIN index
    # can answer. The test's transaction is rolled back, and the indexes with it.
    with connection.cursor() as cursor:
        for other in other_indexes:
            cursor.execute(f"DROP INDEX {other}")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
    assert index in plan


def test_search_finds_rows_written_by_update_and_bulk_create(client):
    """The stored search vectors follow writes that skip save() (loader, synthetic data)."""
    from articles.models import Article
    from comparisons.models import Food
    from tests.factories import MagnesiumCompoundFactory

    article = ArticleFactory(title="Old title", body="Nothing yet.")
    form = MagnesiumCompoundFactory(name="Magnesium orotate", slug="magnesium-orotate")
    Article.objects.filter(pk=article.pk).update(title="Threonate and memory")
    type(form).objects.filter(pk=form.pk).update(body="Orotate pairs with threonate here.")
    Food.objects.bulk_create(
        [Food(name="Threonate crackers", group=Food.Group.SEEDS_NUTS, serving="1 oz", mg=9)]
    )
    html = client.get("/search/", {"q": "threonate"}).content.decode()
    assert "Threonate and memory" in html
    assert "Magnesium orotate" in html
    assert "Threonate crackers" in html
    assert "Old title" not in client.get("/search/", {"q": "old"}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector's weights")
def test_a_section_heading_ranks_above_words_in_passing(client):
    """ "side effects": the page with a section on them before one that mentions them in
    passing; both say it once, and the title breaks a tie (articles/migrations/0014)."""
    ArticleFactory(title="Alpha", summary="Soaks.", body="## Soaks\n\nFew side effects.")
    ArticleFactory(
        title="Beta", summary="Doses.", body="## Side effects and how to avoid them\n\nSplit doses."
    )
    html = client.get("/search/", {"q": "side effects"}).content.decode()
    assert html.index(">Beta</a>") < html.index(">Alpha</a>")


def test_search_ranks_a_summary_match_above_a_body_only_match(client):
    ArticleFactory(title="Alpha", summary="General notes.", body="Taurate in passing.")
    ArticleFactory(title="Beta", summary="Taurate and the heart.", body="Details.")
    html = client.get("/search/", {"q": "taurate"}).content.decode()
    assert html.index(">Beta<") < html.index(">Alpha<")


def test_a_page_that_says_the_words_more_often_ranks_above_one_that_says_them_once(client):
    """Pages matching only in their bodies tied and were listed by title, so the safety
    guide came last for "magnesium pregnancy" though it is the page that answers it."""
    ArticleFactory(title="About cramps", body="Magnesium and cramps. Not in pregnancy.")
    ArticleFactory(
        title="Using it safely",
        body="Magnesium in pregnancy. Pregnancy raises the need; in pregnancy ask a midwife."
        " Pregnancy and magnesium sulfate.",
    )
    ArticleFactory(title="Migraine", body="Magnesium for migraine, even in pregnancy.")
    html = client.get("/search/", {"q": "magnesium pregnancy"}).content.decode()
    assert html.index(">Using it safely<") < html.index(">About cramps<")
    assert html.index(">Using it safely<") < html.index(">Migraine<")


def test_a_title_holding_one_word_ranks_above_a_body_holding_both(client):
    """PostgreSQL ranks a query of all the words by how close together they are, so a word in
    the title and another far down the body ranked 0, below a body holding both side by side."""
    ArticleFactory(title="Choosing a form", body="The glycinate dose is 200 mg.")
    history = "Chelated with glycine, it reached shops decades ago. " * 20
    ArticleFactory(title="Glycinate explained", body=history + "Its usual dose, with sources.")
    html = client.get("/search/", {"q": "glycinate dose"}).content.decode()
    assert html.index(">Glycinate explained<") < html.index(">Choosing a form<")


def test_the_safety_guide_comes_first_for_pregnancy(client):
    load_starter_content()
    html = client.get("/search/", {"q": "magnesium pregnancy"}).content.decode()
    articles = re.findall(r'href="/articles/([\w-]+)/"', html.split('id="group-1"', 1)[1])
    assert articles[0] == "using-magnesium-safely"


def test_search_covers_forms_and_foods(client):
    from tests.factories import FoodFactory, MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium threonate", slug="magnesium-threonate")
    FoodFactory(name="Pumpkin seeds, roasted", mg=156)
    forms_html = client.get("/search/", {"q": "threonate"}).content.decode()
    assert "Forms of magnesium" in forms_html
    assert 'href="/forms/magnesium-threonate/"' in forms_html
    foods_html = client.get("/search/", {"q": "pumpkin"}).content.decode()
    assert "Pumpkin seeds, roasted" in foods_html
    assert "156 mg" in foods_html


@pytest.mark.parametrize(
    "url", ["/search/?q=x%00y", "/forms/?q=%00", "/articles/?topic=a%00", "/foods/?%00=1"]
)
def test_nul_bytes_in_the_query_are_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/forms/?route=%01%02",
        "/calculator/?medicine=cipro&medicine_time=%1b",
        "/x%7f/",
        "/search/?q=a%C2%85b",
    ],
)
def test_other_control_characters_in_the_address_are_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "another control character" in response.content.decode()


def test_a_tab_or_line_break_pasted_into_a_search_is_not_refused(client):
    assert client.get("/search/", {"q": "glycinate\tdose\r\n"}).status_code in (200, 302)


@pytest.mark.parametrize("url", ["/", "/articles/", "/forms/", "/foods/", "/calculator/"])
def test_every_page_has_a_labelled_search_box(client, url):
    html = client.get(url).content.decode()
    assert 'role="search"' in html
    assert 'action="/search/"' in html
    assert (
        '<label class="visually-hidden" id="site-search-label" for="site-search-q">'
        "Search the site</label>"
    ) in html


def test_search_finds_a_medicine_by_any_of_its_names(client):
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(
        name="Quinolone antibiotics",
        slug="quinolones",
        aliases=["ciprofloxacin", "Cipro"],
        summary="Take the antibiotic 2 hours before or 6 hours after magnesium.",
    )
    for query in ["cipro", "CIPROFLOXACIN", "quinolone", "magnesium cípro"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Medicines and magnesium" in html, query
        assert 'href="/interactions/quinolones/"' in html, query
        assert "6 hours after magnesium" in html, query
    assert "/interactions/quinolones/" not in client.get("/search/?q=ci").content.decode()


def test_a_search_that_finds_nothing_offers_the_topics(client):
    topic = TopicFactory(name="Topical use", slug="topical-use")
    ArticleFactory(title="Soaks and sprays", body="Magnesium oil on the skin.", topics=[topic])
    html = client.get("/search/", {"q": "zinc lozenges"}).content.decode()
    assert "Nothing matched" in html
    assert 'href="/topics/topical-use/"' in html


def test_a_question_no_page_holds_word_for_word_finds_pages_with_some_of_its_words(client):
    ArticleFactory(title="Soaks and sprays", body="Magnesium oil on the skin.")
    ArticleFactory(title="Night cramps", body="Stretching helps.")
    html = client.get("/search/", {"q": "does magnesium oil spray work vs pills"}).content.decode()
    assert "No page holds every word of" in html
    assert "Soaks and sprays" in html
    assert "Night cramps" not in html
    assert "Nothing matched" not in html


def test_pages_with_more_of_a_questions_words_come_first(client):
    ArticleFactory(title="Oil", body="Magnesium oil.")
    ArticleFactory(title="Oil spray on the skin", body="Magnesium oil spray.")
    html = client.get("/search/", {"q": "oil spray versus tablets"}).content.decode()
    assert html.index("Oil spray on the skin") < html.index(">Oil<")


def test_words_that_only_ask_a_question_find_nothing_on_their_own(client):
    ArticleFactory(title="What is magnesium", body="How it works and why it matters.")
    html = client.get("/search/", {"q": "what is why zzyzx"}).content.decode()
    assert "Nothing matched" in html


def test_a_search_with_results_does_not_list_the_topics(client):
    topic = TopicFactory(name="Topical use", slug="topical-use")
    ArticleFactory(title="Soaks and sprays", body="Magnesium oil on the skin.", topics=[topic])
    html = client.get("/search/", {"q": "oil"}).content.decode()
    assert "Soaks and sprays" in html
    assert "Or start from a topic" not in html


def test_searching_for_chemotherapy_nerve_damage_finds_the_burning_feet_guide(client):
    load_starter_content()
    html = client.get("/search/", {"q": "chemotherapy neuropathy"}).content.decode()
    assert 'href="/articles/burning-feet-and-neuropathic-pain/"' in html
    page = client.get("/articles/burning-feet-and-neuropathic-pain/").content.decode()
    assert "tell your cancer team before you add magnesium" in page


def test_a_medicine_named_by_one_word_does_not_hide_pages_holding_the_others(client):
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Penicillamine", slug="penicillamine", aliases=["Cuprimine"])
    ArticleFactory(title="Epsom salt soaks", body="A bath of Epsom salt.")
    html = client.get("/search/", {"q": "how much is in a cup of epsom salt"}).content.decode()
    assert "Epsom salt soaks" in html
    assert 'href="/interactions/penicillamine/"' in html
    assert "No page holds every word of" in html


def test_words_that_only_ask_are_left_out_of_the_search():
    assert clean_query("How much is in a cup of Epsom salt?")[1] == ["cup", "epsom", "salt"]
    assert clean_query("what is")[1] == ["what", "is"]
    # As PostgreSQL's English stop words leave it out, so does the SQLite fallback.
    assert clean_query("can I take magnesium while pregnant")[1] == [
        "take",
        "magnesium",
        "pregnant",
    ]


def test_an_amount_is_searched_as_pages_write_it():
    assert clean_query("glycinate 500mg")[1] == ["glycinate", "500", "mg"]
    assert clean_query("vitamin B12")[1] == ["vitamin", "b12"]


def test_a_search_naming_a_form_and_an_amount_offers_the_calculator(client):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium sulfate (Epsom salt)", slug="magnesium-sulfate", other_names="Epsom salt"
    )
    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": "epsom salt 250mg"}).content.decode()
    assert "How much magnesium is in 250&nbsp;mg of Magnesium sulfate (Epsom salt)?" in html
    assert 'href="/calculator/?form=magnesium-sulfate&amp;mg=250"' in html
    assert "of Magnesium glycinate?" not in html
    assert "How much magnesium is in" not in client.get("/search/?q=epsom+salt").content.decode()


@pytest.mark.parametrize(
    "query, mg",
    [
        ("glycinate 500", "500"),
        ("500 magnesium glycinate", "500"),
        ("how much magnesium is in magnesium glycinate 400?", "400"),
        ("glycinate 1,000 mg", "1000"),  # the calculator was offered "000"
        ("glycinate 1,000", "1000"),
        ("glycinate 62.5", "62.5"),
        # No number next to the name that can only be milligrams, or none the calculator takes.
        ("glycinate 2 hours apart", None),
        ("glycinate 120 capsules", None),
        ("glycinate b12 500", None),
        ("glycinate study 2024 results", None),
        ("glycinate 0 mg", None),
        ("glycinate 60000", None),
    ],
)
def test_a_number_next_to_a_forms_name_offers_the_calculator_where_it_can_only_be_mg(
    client, query, mg
):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": query}).content.decode()
    if mg:
        assert f"How much magnesium is in {mg}&nbsp;mg of Magnesium glycinate?" in html
        assert f'href="/calculator/?form=magnesium-glycinate&amp;mg={mg}"' in html
    else:
        assert "How much magnesium is in" not in html


def test_a_search_naming_two_to_four_forms_offers_them_side_by_side(client):
    """ "magnesium oxide vs citrate" asks what the compare page answers, in its order."""
    from tests.factories import MagnesiumCompoundFactory

    for name in ("citrate", "oxide", "glycinate", "malate", "taurate"):
        MagnesiumCompoundFactory(name=f"Magnesium {name}", slug=f"magnesium-{name}")
    html = client.get("/search/", {"q": "magnesium oxide vs citrate"}).content.decode()
    assert (
        '<a href="/forms/compare/?forms=magnesium-oxide,magnesium-citrate">'
        "Magnesium oxide and Magnesium citrate</a>"
    ) in html
    for query in ("citrate", "citrate oxide glycinate malate taurate"):
        assert "Compare side by side" not in client.get("/search/", {"q": query}).content.decode()


def test_a_name_inside_another_forms_longer_name_does_not_name_that_form(client):
    """ "Milk of magnesia" is magnesium hydroxide; "magnesia" alone is the oxide."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium hydroxide", slug="magnesium-hydroxide", other_names="milk of magnesia"
    )
    MagnesiumCompoundFactory(name="Magnesium oxide", slug="magnesium-oxide", other_names="magnesia")
    html = client.get("/search/", {"q": "milk of magnesia 400 mg"}).content.decode()
    assert "of Magnesium hydroxide?" in html
    assert "of Magnesium oxide?" not in html
    html = client.get("/search/", {"q": "magnesia 400 mg"}).content.decode()
    assert "of Magnesium oxide?" in html


def test_a_medicine_named_outright_comes_before_the_articles_that_mention_it(client):
    """Its own page holds the answer (the rule, the picture of the day, the source); on a
    phone the articles above it pushed it screens down."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Levothyroxine", slug="levothyroxine", drug_class="Thyroid hormone")
    ArticleFactory(title="Using magnesium safely", body="Space it from levothyroxine.")
    html = client.get("/search/", {"q": "magnesium and levothyroxine"}).content.decode()
    assert html.index('href="/interactions/levothyroxine/"') < html.index("Using magnesium safely")


def test_a_form_named_outright_comes_before_the_articles_that_mention_it(client):
    """ "glycinate dose": the form's page gives the dose with its sources; on a phone the
    articles above it pushed it screens down. Other forms that mention it come after it."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate", slug="magnesium-glycinate", dose_note="Split the dose."
    )
    MagnesiumCompoundFactory(
        name="Magnesium aspartate", slug="magnesium-aspartate", body="Unlike glycinate, dose..."
    )
    ArticleFactory(title="A glycinate dose guide", body="The glycinate dose, in detail.")
    html = client.get("/search/", {"q": "glycinate dose"}).content.decode()
    glycinate = html.index('href="/forms/magnesium-glycinate/"')
    assert glycinate < html.index('href="/forms/magnesium-aspartate/"')
    assert glycinate < html.index("A glycinate dose guide")


def test_a_form_named_outright_is_found_without_the_other_words(client):
    """ "citrate side effects": the citrate page gives its tolerance and cautions, in words
    other than "side effects". It is the first form listed, above another form's page that
    holds every word, but it does not lead the articles that hold them all."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium citrate", slug="magnesium-citrate", side_effects="Loose stools."
    )
    MagnesiumCompoundFactory(
        name="Magnesium oxide", slug="magnesium-oxide", body="Side effects, like citrate's."
    )
    MagnesiumCompoundFactory(name="Magnesium taurate", slug="magnesium-taurate")
    ArticleFactory(title="Using magnesium safely", body="Citrate has side effects.")
    html = client.get("/search/", {"q": "citrate side effects"}).content.decode()
    assert "No page holds every word" not in html
    citrate = html.index('href="/forms/magnesium-citrate/"')
    assert html.index("Using magnesium safely") < citrate
    assert citrate < html.index('href="/forms/magnesium-oxide/"')
    assert 'href="/forms/magnesium-taurate/"' not in html


def test_a_medicine_named_outright_comes_before_a_form_named_outright(client):
    """ "glycinate and gabapentin" asks when to take them apart: the medicine's rule."""
    from tests.factories import MagnesiumCompoundFactory
    from tests.interactions.factories import MedicineFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate", slug="magnesium-glycinate", body="Space it from gabapentin."
    )
    MedicineFactory(name="Gabapentin", slug="gabapentin")
    html = client.get("/search/", {"q": "glycinate and gabapentin"}).content.decode()
    assert html.index('href="/interactions/gabapentin/"') < html.index(
        'href="/forms/magnesium-glycinate/"'
    )


def test_a_form_a_word_names_does_not_lead_pages_holding_only_some_of_the_words(client):
    """When no page holds every word, no page is plainly about the form one word names
    ("oil" names magnesium chloride): the pages holding the most words stay first."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium chloride",
        slug="magnesium-chloride",
        other_names="magnesium oil (topical)",
        body="Sold as an oil.",
    )
    ArticleFactory(title="Sprays or pills", body="Magnesium oil spray against pills.")
    html = client.get("/search/", {"q": "does magnesium oil spray work vs pills"}).content.decode()
    assert "No page holds every word" in html
    assert html.index("Sprays or pills") < html.index('href="/forms/magnesium-chloride/"')


@pytest.mark.parametrize(
    "query, slugs",
    [
        ("antibiotics", ["quinolones", "tetracyclines"]),
        ("magnesium antibiotic", ["quinolones", "tetracyclines"]),
        ("diuretics", ["loop-diuretics"]),
        ("thyroid tablets", ["levothyroxine"]),
        ("water tablets", ["loop-diuretics"]),
    ],
)
def test_search_finds_medicines_by_their_kind(client, query, slugs):
    """Readers who say what the medicine is for, not its name, still reach its rule."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Quinolone antibiotics", slug="quinolones", drug_class="Antibiotic")
    MedicineFactory(name="Tetracycline antibiotics", slug="tetracyclines", drug_class="Antibiotic")
    MedicineFactory(
        name="Loop diuretics", slug="loop-diuretics", drug_class="Diuretic (water tablet)"
    )
    MedicineFactory(name="Levothyroxine", slug="levothyroxine", drug_class="Thyroid hormone")
    html = client.get("/search/", {"q": query}).content.decode()
    found = sorted(set(re.findall(r'href="/interactions/([\w-]+)/"', html)))
    assert found == slugs


def test_a_search_that_finds_nothing_says_a_medicine_not_listed_is_not_safe_by_default(client):
    html = client.get("/search/", {"q": "amlodipine"}).content.decode()
    assert "If “amlodipine” is a medicine, it is not on" in html
    assert "That does not make it safe to take with magnesium: ask your pharmacist." in html


def test_a_food_is_found_when_the_search_says_magnesium_too(client):
    """Readers ask "how much magnesium in almonds"; the foods table never says "magnesium"
    in a row, so asking for that word too lost the food."""
    from tests.factories import FoodFactory

    FoodFactory(name="Almonds, dry roasted", mg=80)
    ArticleFactory(title="Magnesium in food", body="Almonds and magnesium.")
    html = client.get("/search/", {"q": "how much magnesium in almonds"}).content.decode()
    assert "Almonds, dry roasted" in html
    assert "80 mg" in html
    assert "Magnesium in food" in html
    assert "No page holds every word" not in html


def test_a_food_found_by_search_opens_the_foods_table_at_its_group(client):
    from tests.factories import FoodFactory

    FoodFactory(name="Pumpkin seeds, roasted", group="seeds-nuts", mg=156)
    html = client.get("/search/", {"q": "pumpkin"}).content.decode()
    assert 'href="/foods/?group=seeds-nuts#foods-filter"' in html
    assert 'id="foods-filter"' in client.get("/foods/?group=seeds-nuts").content.decode()


def test_words_that_weigh_up_a_form_do_not_hide_its_page(client):
    """ "Is magnesium oxide any good?" is a question about oxide: its page need not say
    "good" (it says "poorly absorbed")."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium oxide", slug="magnesium-oxide", summary="Poorly absorbed.", body="Cheap."
    )
    html = client.get("/search/", {"q": "is magnesium oxide any good"}).content.decode()
    assert 'href="/forms/magnesium-oxide/"' in html
    assert clean_query("best magnesium for sleep")[1] == ["magnesium", "sleep"]
    assert clean_query("is an epsom soak worth it")[1] == ["epsom", "soak"]


def test_a_forms_dose_and_side_effects_are_searched(client):
    """ "glycinate dose": the form's page gives its dose in "At a glance", not in its body."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate", dose_note="Split doses.", side_effects="Loose stools."
    )
    # A page holding every word, so the form is not found only among pages holding some.
    ArticleFactory(title="Glycinate in practice", body="The dose of glycinate; loose stools.")
    for query in ["glycinate dose", "glycinate loose stools"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "/forms/magnesium-form-" in html, query
        assert "No page holds every word" not in html


@pytest.mark.parametrize("query", ["magnesium while pregnant", "ckd", "dialysis"])
def test_pregnancy_and_kidney_searches_find_the_safety_guide(client, query):
    """Readers type "pregnant" and "CKD"; the guide said only "pregnancy" and "chronic
    kidney disease" (PostgreSQL stems "pregnant" and "pregnancy" apart)."""
    load_starter_content()
    html = client.get("/search/", {"q": query}).content.decode()
    assert 'href="/articles/using-magnesium-safely/"' in html
    assert "No page holds every word" not in html


@pytest.mark.parametrize(
    "query, shown",
    [
        ("magnesium before bed", "before bed"),
        ("best time to take magnesium", "Morning or night?"),
        ("morning or night", "Morning or night?"),
    ],
)
def test_questions_of_when_to_take_it_find_the_safety_guides_answer_first(client, query, shown):
    """No page said when in the day to take magnesium: "magnesium before bed" found nothing
    on PostgreSQL, and pages saying "absorbed" on SQLite."""
    load_starter_content()
    html = client.get("/search/", {"q": query}).content.decode()
    results = html.split('class="search-hits"', 1)[1]
    first = results.split("<li", 2)[1]
    assert 'href="/articles/using-magnesium-safely/"' in first
    assert shown in first


def test_the_safety_guides_pregnancy_advice_is_sourced_and_named_in_its_contents(client):
    load_starter_content()
    html = client.get("/articles/using-magnesium-safely/").content.decode()
    contents = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert "pregnancy" in contents
    advice = html.split("<strong>Pregnancy and breastfeeding.</strong>", 1)[1].split("</li>", 1)[0]
    assert 'class="cite"' in advice


def test_a_misspelt_search_offers_the_spelling_the_site_uses(client):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    ArticleFactory(title="Sleep and magnesium", body="Glycine may calm.")
    for query, fixed in [
        ("glycinte", "glycinate"),
        ("magnisium glycinate for sleep", "magnesium glycinate for sleep"),
    ]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'Did you mean <a href="/search/?q={fixed.replace(" ", "%20")}">{fixed}</a>?' in html
    # A word the pages hold is not a mistake, however close to a name it is.
    assert "Did you mean" not in client.get("/search/", {"q": "glycine zzzz"}).content.decode()
    # Nor is one on a search that found pages holding every word.
    assert "Did you mean" not in client.get("/search/", {"q": "glycinate"}).content.decode()


def test_a_misspelt_everyday_word_or_outcome_is_put_right(client):
    """Readers misspell the words they bring ("insomina"), not only the site's names."""
    from tests.evidence.factories import OutcomeFactory

    OutcomeFactory(name="Burning feet", description="Its causes range from diabetes to B12.")
    ArticleFactory(title="Sleep", body="For sleep.")
    for query, fixed in [("insomina", "insomnia"), ("diabetis feet", "diabetes feet")]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'Did you mean <a href="/search/?q={fixed.replace(" ", "%20")}">{fixed}</a>?' in html


def test_another_medicine_spelt_alike_is_not_offered_as_a_correction(client):
    """ "moxifloxacin" was offered "ofloxacin", whose rule its own label does not follow."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Quinolone antibiotics", aliases=["ciprofloxacin", "ofloxacin"])
    html = client.get("/search/", {"q": "moxifloxacin"}).content.decode()
    assert "Nothing matched" in html and "Did you mean" not in html
    html = client.get("/search/", {"q": "oflaxacin"}).content.decode()
    assert 'Did you mean <a href="/search/?q=ofloxacin">ofloxacin</a>?' in html


@pytest.mark.parametrize("query", ["diarrhea", "diarrhoea", "oxide diarrhea"])
def test_a_word_finds_its_other_spelling(client, query):
    """The site writes British English, but labels quoted from US sources say "diarrhea",
    and readers type either."""
    ArticleFactory(title="Oxide and the gut", body="Oxide often causes diarrhoea.")
    ArticleFactory(title="A US label", body="May cause diarrhea.")
    ArticleFactory(title="Sleep", body="Nothing about the gut.")
    html = client.get("/search/", {"q": query}).content.decode()
    assert "Oxide and the gut" in html
    assert ("A US label" in html) == ("oxide" not in query)
    assert "Sleep</a>" not in html
    assert "No page holds every word" not in html


@pytest.mark.parametrize(
    ("query", "found", "count"),
    [
        ("magnesium for kids", "The upper limit is lower for children.", "1 result for"),
        ("magnesium while pregnant", "In pregnancy, ask your midwife.", "2 results for"),
        ("pregnancy", "Pregnant women need more.", "2 results for"),
        ("magnesium pills", "Tablets and capsules.", "1 result for"),
        ("magnesium overdose", "Signs of toxicity.", "1 result for"),
    ],
)
def test_a_word_finds_the_word_the_pages_use_for_the_same_thing(client, query, found, count):
    """ "kids" found nothing, as the pages say "children"; PostgreSQL stems "pregnant" and
    "pregnancy" apart."""
    for body in [
        "The upper limit is lower for children.",
        "In pregnancy, ask your midwife.",
        "Pregnant women need more.",
        "Tablets and capsules.",
        "Signs of toxicity.",
    ]:
        ArticleFactory(title=body.split()[1].title(), body=body, summary=body)
    html = client.get("/search/", {"q": query}).content.decode()
    assert "No page holds every word" not in html
    assert found in html
    assert count in html


def test_an_outcomes_evidence_page_is_found_by_its_name_and_description(client):
    """The graded evidence answers "does magnesium help with insomnia" better than any
    article that mentions sleep."""
    from tests.evidence.factories import OutcomeFactory

    OutcomeFactory(
        name="Sleep",
        slug="sleep",
        description="Falling asleep sooner, including in people with insomnia.",
    )
    OutcomeFactory(name="Migraine prevention", description="Fewer attacks.")
    html = client.get("/search/", {"q": "magnesium insomnia"}).content.decode()
    assert "Evidence graded by outcome" in html
    assert '<a href="/evidence/sleep/">Sleep</a>' in html
    assert "people with insomnia" in html
    assert "Migraine prevention" not in html


def test_words_postgresql_leaves_out_are_left_out_on_both_databases(client):
    """ "too much magnesium" found nothing on PostgreSQL ("too" is one of its stop words) and,
    on SQLite, pages saying "took"; "after" was asked of every page on SQLite only."""
    ArticleFactory(title="Hypermagnesaemia", body="Signs of toxicity.")
    ArticleFactory(title="Tools", body="It took a while.")
    ArticleFactory(title="Surgery", body="Surgery can lower magnesium.")
    html = client.get("/search/", {"q": "too much magnesium"}).content.decode()
    assert ">Hypermagnesaemia</a>" in html and ">Tools</a>" not in html
    html = client.get("/search/", {"q": "magnesium after surgery"}).content.decode()
    assert ">Surgery</a>" in html and "No page holds every word" not in html


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
    assert "Typical dose: 200 to 350 mg a day." in html
    html = client.get("/search/", {"q": "glycinate side effects"}).content.decode()
    assert "Side effects: Loose stools at high doses." in html


def test_a_word_finds_pages_where_a_word_starts_with_it_on_both_databases(client):
    """ "bed" found every page saying "absorbed" on SQLite, where PostgreSQL finds none."""
    ArticleFactory(title="Absorption", body="Most of it is absorbed in the gut.")
    ArticleFactory(title="Timing", body="Take it before bed if that suits you.")
    ArticleFactory(title="Rest", body="Sleeping well matters.")
    html = client.get("/search/", {"q": "bed"}).content.decode()
    assert ">Timing</a>" in html and ">Absorption</a>" not in html
    assert ">Rest</a>" in client.get("/search/", {"q": "sleep"}).content.decode()


def test_search_says_what_it_left_out_of_the_link(client):
    ArticleFactory(title="Sleep and magnesium", body="Sleep.")
    html = client.get("/search/?q=x&q=sleep&colour=red").content.decode()
    assert "“colour” is not something search understands." in html
    assert "The link held more than one search: only the last is shown." in html
    assert "Sleep and magnesium" in html
    assert "Part of this link was ignored" not in client.get("/search/?q=sleep").content.decode()
