"""Site search: what it finds and in what order, on SQLite and PostgreSQL."""

import re

import pytest
from django.db import connection

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
    articles = re.findall(r'href="/articles/([\w-]+)/[#"]', html.split('id="group-1"', 1)[1])
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


def test_a_word_finds_pages_where_a_word_starts_with_it_on_both_databases(client):
    """ "bed" found every page saying "absorbed" on SQLite, where PostgreSQL finds none."""
    ArticleFactory(title="Absorption", body="Most of it is absorbed in the gut.")
    ArticleFactory(title="Timing", body="Take it before bed if that suits you.")
    ArticleFactory(title="Rest", body="Sleeping well matters.")
    html = client.get("/search/", {"q": "bed"}).content.decode()
    assert ">Timing</a>" in html and ">Absorption</a>" not in html
    assert ">Rest</a>" in client.get("/search/", {"q": "sleep"}).content.decode()


@pytest.mark.parametrize(
    "query, page_says",
    [
        ("migraines", "A migraine can last days."),
        ("neuropathies", "Peripheral neuropathy starts in the feet."),
        ("twitching", "Muscle twitches are common."),
        ("bananas", "A banana holds 32 mg."),
    ],
)
def test_a_word_finds_the_pages_that_write_it_with_another_ending_on_both_databases(
    client, query, page_says
):
    ArticleFactory(title="The answer", body=page_says)
    assert "The answer" in client.get("/search/", {"q": query}).content.decode()


def test_a_short_plural_is_not_read_as_the_start_of_another_word(client):
    """ "kids" is not "kid", which starts "kidney"."""
    ArticleFactory(title="Kidney disease", body="Kidneys clear magnesium.")
    assert "Kidney disease" not in client.get("/search/", {"q": "kids"}).content.decode()
