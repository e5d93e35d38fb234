import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, DraftArticleFactory, ReferenceFactory, TopicFactory
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def test_article_page_shows_everything_a_reader_needs(client):
    topic = TopicFactory(name="Burning feet", slug="burning-feet")
    ReferenceFactory(
        key="kirkland-2018",
        title="The role of magnesium in neurological disorders",
        url="https://www.mdpi.com/2072-6643/10/6/730",
    )
    article = ArticleFactory(
        title="Magnesium and burning feet",
        summary="What the trials say.",
        body="## Evidence\n\nMixed results [@kirkland-2018].\n\n## Bottom line\n\nAsk a doctor.",
        author="A. Writer",
        reviewer="B. Reviewer",
        topics=[topic],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert "Magnesium and burning feet" in html
    assert "What the trials say." in html
    assert 'href="#evidence"' in html  # table of contents
    assert "A. Writer" in html and "B. Reviewer" in html
    assert "min" in html and "Last reviewed" in html and "Published" in html
    assert 'href="/topics/burning-feet/"' in html
    assert 'id="ref-1"' in html and "The role of magnesium in neurological disorders" in html
    assert "Medical disclaimer" in html
    assert 'rel="noopener"' in html
    # A source's own address is named by its site, not "Link", read out of context, and by
    # its number: a list of links would otherwise say "PubMed" or "DOI" once for each source.
    assert (
        'href="https://www.mdpi.com/2072-6643/10/6/730" rel="noopener">mdpi.com'
        '<span class="visually-hidden">, reference 1</span></a>'
    ) in html


def test_article_lists_related_articles_sharing_a_topic(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(title="A close relative", topics=[topic])
    ArticleFactory(title="Unrelated piece")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "A close relative" in html
    assert "Unrelated piece" not in html


def test_detail_404_for_draft_for_anonymous(client):
    draft = DraftArticleFactory()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_detail_404_for_draft_for_logged_in_non_staff(user_client):
    draft = DraftArticleFactory()
    assert user_client.get(draft.get_absolute_url()).status_code == 404


def test_detail_404_for_scheduled_article_before_its_time(client):
    scheduled = ArticleFactory(published_at=timezone.now() + dt.timedelta(days=2))
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_staff_preview_draft_with_banner_noindex_and_no_cache(staff_client):
    draft = DraftArticleFactory(title="Work in progress")
    response = staff_client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft - not public" in html
    assert 'content="noindex' in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_article_list_hides_drafts_and_filters_by_topic(client):
    sleep = TopicFactory(name="Sleep", slug="sleep")
    ArticleFactory(title="Sleep and magnesium", topics=[sleep])
    ArticleFactory(title="Foods rich in magnesium")
    DraftArticleFactory(title="Secret draft")
    html = client.get("/articles/").content.decode()
    assert "Sleep and magnesium" in html and "Foods rich in magnesium" in html
    assert "Secret draft" not in html
    filtered = client.get("/articles/?topic=sleep").content.decode()
    assert "Sleep and magnesium" in filtered
    assert "Foods rich in magnesium" not in filtered


def test_article_list_lists_every_article_saying_an_unknown_topic_or_parameter_was_ignored(
    client,
):
    ArticleFactory(title="Foods rich in magnesium")
    response = client.get("/articles/?topic=no-such-topic&colour=red")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We have no topic called “<bdi>no-such-topic</bdi>”, so every article is listed." in html
    assert "“<bdi>colour</bdi>” is not something this list can be filtered by." in html
    assert "Foods rich in magnesium" in html


@pytest.mark.parametrize(
    "query", ["topic=SLEEP", "topic=sleep&topic=Sleep", "topic=%20sleep", "topic=sleep&page=1"]
)
def test_article_list_topic_written_another_way_redirects_to_the_canonical_url(client, query):
    TopicFactory(slug="sleep")
    response = client.get(f"/articles/?{query}")
    assert response.status_code == 302
    assert response["Location"] == "/articles/?topic=sleep"


def test_article_list_given_two_topics_says_which_it_used_and_which_it_left_out(client):
    """ "?topic=sleep&topic=cramps" said only that there is no topic "cramps": the list uses
    the last topic given, as the site's single choices do, and names the others."""
    sleep = TopicFactory(name="Sleep", slug="sleep")
    cramps = TopicFactory(name="Muscle cramps", slug="muscle-cramps")
    ArticleFactory(title="Sleep and magnesium", topics=[sleep])
    ArticleFactory(title="Cramps at night", topics=[cramps])
    response = client.get("/articles/?topic=sleep&topic=cramps")
    html = response.content.decode()
    assert response.status_code == 200
    used = "The list takes one topic, the last one given, so “<bdi>sleep</bdi>” was not used."
    assert used in html
    assert "We have no topic called “<bdi>cramps</bdi>”, so every article is listed." in html
    assert "Sleep and magnesium" in html and "Cramps at night" in html
    response = client.get("/articles/?topic=sleep&topic=muscle-cramps")
    html = response.content.decode()
    assert response.status_code == 200
    assert "so “<bdi>sleep</bdi>” was not used." in html
    assert "Articles on muscle cramps" in html and "Sleep and magnesium" not in html


def test_article_list_canonical_link_names_its_topic_and_page(client, monkeypatch):
    """ "Articles on sleep" pointed search engines at the whole list."""
    monkeypatch.setattr("articles.views.ARTICLES_PER_PAGE", 1)
    sleep = TopicFactory(name="Sleep", slug="sleep")
    ArticleFactory.create_batch(2, topics=[sleep])
    link = '<link rel="canonical" href="http://testserver/articles/{}">'
    assert link.format("?topic=sleep") in client.get("/articles/?topic=sleep").content.decode()
    second = client.get("/articles/?topic=sleep&page=2").content.decode()
    assert link.format("?topic=sleep&amp;page=2") in second
    assert link.format("") in client.get("/articles/").content.decode()
    ignored = client.get("/articles/?topic=no-such-topic").content.decode()
    assert link.format("") in ignored


def test_article_list_with_an_empty_topic_redirects_to_the_whole_list(client):
    response = client.get("/articles/?topic=")
    assert response.status_code == 302 and response["Location"] == "/articles/"


def test_topic_hub_lists_its_published_articles(client):
    topic = TopicFactory(name="Muscle cramps", slug="muscle-cramps", body="Cramps *intro*.")
    ArticleFactory(title="Cramps at night", topics=[topic])
    DraftArticleFactory(title="Cramps draft", topics=[topic])
    html = client.get("/topics/muscle-cramps/").content.decode()
    assert "Muscle cramps" in html and "<em>intro</em>" in html
    assert "Cramps at night" in html
    assert "Cramps draft" not in html


@pytest.mark.parametrize(
    "url",
    ["/articles/no-such-article/", "/topics/no-such-topic/", "/nope/"],
)
def test_unknown_pages_are_404(client, url):
    assert client.get(url).status_code == 404


def test_nul_byte_in_a_path_is_a_clear_400(client):
    assert client.get("/articles/%00/").status_code == 400


def test_home_shows_featured_articles_and_topics(client):
    topic = TopicFactory(name="Sleep")
    ArticleFactory(title="Featured guide", featured=True, topics=[topic])
    html = client.get("/").content.decode()
    assert "Featured guide" in html
    assert "Sleep" in html
    assert html.count("<h1") == 1


def test_pages_have_landmarks_and_a_skip_link(client):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_healthz_answers_200_with_the_database_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_public_pages_set_no_cookies(client):
    ArticleFactory(slug="a-page")
    for url in ("/", "/articles/", "/articles/a-page/"):
        assert not client.get(url).cookies, url


def test_post_to_a_public_page_is_refused(client):
    assert client.post("/articles/").status_code == 405


def test_topic_hub_lists_the_forms_used_for_it(client):
    from tests.factories import MagnesiumCompoundFactory

    topic = TopicFactory(name="Sleep", slug="sleep")
    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate", uses=[topic])
    MagnesiumCompoundFactory(name="Magnesium oxide", slug="magnesium-oxide")
    html = client.get("/topics/sleep/").content.decode()
    assert 'href="/forms/magnesium-glycinate/"' in html
    assert "Magnesium oxide" not in html
    assert 'href="/forms/?use=sleep"' in html


def test_topic_hub_says_its_forms_are_taken_for_it_not_proven_for_it(client):
    """The hub lists forms by their "Often taken for" uses; the evidence it names beside each
    is for its absorption rating, and must not read as evidence for the topic."""
    from tests.factories import MagnesiumCompoundFactory

    topic = TopicFactory(name="Sleep", slug="sleep")
    MagnesiumCompoundFactory(name="Magnesium glycinate", evidence="limited", uses=[topic])
    html = client.get("/topics/sleep/").content.decode()
    assert "Forms of magnesium often taken for sleep" in html
    assert "used for sleep" not in html
    assert "not what they are proven to do" in html
    assert "the data behind that absorption rating, not evidence for sleep" in html


def test_topic_hub_says_how_each_form_is_absorbed_and_on_what_data(client):
    """ "Magnesium chloride: Good absorption" on the topical-use hub read as a claim about
    the skin, and "limited evidence" stood for forms no study had measured."""
    from tests.factories import MagnesiumCompoundFactory

    topic = TopicFactory(name="Topical use", slug="topical-use")
    MagnesiumCompoundFactory(name="Magnesium chloride", evidence="limited", uses=[topic])
    MagnesiumCompoundFactory(
        name="Magnesium sulfate", route="topical", bioavailability="low", uses=[topic]
    )
    MagnesiumCompoundFactory(name="Magnesium taurate", evidence="inferred", uses=[topic])
    text = visible_text(client.get("/topics/topical-use/"))
    assert "Magnesium chloride: Good absorption by mouth (limited data)." in text
    assert "Magnesium sulfate: Low absorption through the skin" in text
    assert "Magnesium taurate: Good absorption by mouth (inferred, no direct study)." in text


def test_the_topical_use_hub_ranks_and_rates_its_forms_for_the_skin(client, starter_content):
    """The hub ranked magnesium chloride ("good", by mouth) above Epsom salt ("low", through
    the skin): on a page about using magnesium on the skin, a rating by mouth is no answer."""
    text = visible_text(client.get("/topics/topical-use/"))
    forms = text.split("Forms of magnesium often taken for topical use", 1)[1]
    assert forms.index("Magnesium sulfate") < forms.index("Magnesium chloride")
    assert (
        "Magnesium sulfate (Epsom salt): Low absorption through the skin "
        "(inferred, no direct study)."
    ) in forms
    assert (
        "Magnesium chloride: No rating for absorption through the skin; its page rates "
        "absorption by mouth." in forms
    )
    assert "Good absorption" not in forms
    assert "Ordered by how well they are absorbed through the skin, those with no rating" in forms


def test_a_hub_about_one_route_lists_forms_rated_only_for_another_after_by_name(client):
    from tests.factories import MagnesiumCompoundFactory

    skin = TopicFactory(name="Soaks", slug="soaks", route="topical")
    anyhow = TopicFactory(name="Sleep", slug="sleep")
    for name, route, rating in [
        ("Magnesium chloride", "oral", "good"),
        ("Magnesium sulfate", "topical", "low"),
        ("Magnesium acetate", "oral", "high"),
        ("Magnesium cream", "topical", "moderate"),
    ]:
        MagnesiumCompoundFactory(
            name=name, route=route, bioavailability=rating, uses=[skin, anyhow]
        )

    def order(slug: str) -> list[str]:
        text = visible_text(client.get(f"/topics/{slug}/"))
        return sorted(
            ["cream", "sulfate", "acetate", "chloride"],
            key=lambda name: text.index(f"Magnesium {name}:"),
        )

    assert order("soaks") == ["cream", "sulfate", "acetate", "chloride"]
    text = visible_text(client.get("/topics/soaks/"))
    assert "Magnesium acetate: No rating for absorption through the skin" in text
    # A hub about no one way of taking it rates each form by its own route, best first.
    assert order("sleep") == ["acetate", "chloride", "cream", "sulfate"]
    assert "Magnesium acetate: High absorption by mouth" in visible_text(
        client.get("/topics/sleep/")
    )


def test_topic_hub_lists_equally_absorbed_forms_alphabetically_ignoring_capitals(client):
    from tests.factories import MagnesiumCompoundFactory

    topic = TopicFactory(name="Sleep", slug="sleep")
    for name in ("Magnesium L-threonate", "Magnesium glycinate", "Magnesium malate"):
        MagnesiumCompoundFactory(name=name, bioavailability="good", uses=[topic])
    html = client.get("/topics/sleep/").content.decode()
    assert html.index("Magnesium glycinate") < html.index("Magnesium L-threonate")
    assert html.index("Magnesium L-threonate") < html.index("Magnesium malate")


def test_topic_hub_lists_its_main_article_first_marked_start_here(client):
    """A hub listed its newest article first: on "Burning feet" that was the topical-vs-oral
    guide, not the article that answers the topic. The one an editor makes the main article
    for the hub comes first; the rest follow newest first."""
    topic = TopicFactory(name="Burning feet", slug="burning-feet")
    now = timezone.now()
    ArticleFactory(
        title="Older side article", topics=[topic], published_at=now - dt.timedelta(days=3)
    )
    ArticleFactory(
        title="Burning feet guide",
        topics=[topic],
        main_for=[topic],
        published_at=now - dt.timedelta(days=2),
    )
    ArticleFactory(title="Newest side article", topics=[topic], published_at=now)
    text = visible_text(client.get("/topics/burning-feet/"))
    assert text.index("Burning feet guide Start here") < text.index("Newest side article")
    assert text.index("Newest side article") < text.index("Older side article")
    assert text.count("Start here") == 1


def test_an_article_main_for_another_topic_is_listed_by_date_on_this_one(client):
    feet, soaks = TopicFactory(slug="burning-feet"), TopicFactory(slug="topical-use")
    now = timezone.now()
    ArticleFactory(title="Feet guide", topics=[feet, soaks], main_for=[feet], published_at=now)
    ArticleFactory(
        title="Soaks guide",
        topics=[feet, soaks],
        main_for=[soaks],
        published_at=now - dt.timedelta(days=1),
    )
    text = visible_text(client.get("/topics/topical-use/"))
    assert text.index("Soaks guide Start here") < text.index("Feet guide")


def test_a_reference_ending_in_its_own_full_stop_or_question_mark_gets_no_second_one(client):
    reference = ReferenceFactory(
        key="myth", authors="Gröber U, et al.", title="Myth or Reality: Transdermal Magnesium?"
    )
    ArticleFactory(slug="skin", body=f"Skin [@{reference.key}].")
    html = client.get("/articles/skin/").content.decode()
    assert "et al.. " not in html and "?.</" not in html and "?</cite>." not in html
    assert "Gröber U, et al. <cite>Myth or Reality: Transdermal Magnesium?</cite>" in html


def test_a_citation_numbers_tooltip_is_its_references_title_not_its_key(client):
    """Hovering [1] in an article showed "kirkland-2018", a key only editors use."""
    ReferenceFactory(key="kirkland-2018", title="The role of magnesium <in> neurology")
    article = ArticleFactory(body="Mixed results [@kirkland-2018].")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="#ref-1" title="The role of magnesium &lt;in&gt; neurology"' in html
    assert 'title="kirkland-2018"' not in html


def test_a_screen_reader_hears_a_citation_as_a_reference_not_a_bare_number(client):
    ReferenceFactory(key="kirkland-2018", title="The role of magnesium in neurology")
    ReferenceFactory(key="pop-busui-2017", title="Diabetic neuropathy statement")
    article = ArticleFactory(body="Mixed results [@kirkland-2018; @pop-busui-2017].")
    html = client.get(article.get_absolute_url()).content.decode()
    spoken = '<span class="visually-hidden">reference </span>'
    assert f">{spoken}1</a>,<a" in html
    assert f">{spoken}2</a></sup>" in html
