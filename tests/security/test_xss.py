"""Every path that renders editor text is pushed the XSS corpus; nothing executable survives."""

import pytest
from django.test import Client

from articles.models import Reference
from tests.factories import ArticleFactory, ReferenceFactory, TopicFactory
from tests.security.xss import VECTORS, executable_parts

pytestmark = pytest.mark.django_db


def test_corpus_is_large_enough():
    assert len(VECTORS) >= 60


def test_checker_catches_what_it_should():
    assert executable_parts('<img src=x onerror="alert(1)">')
    assert executable_parts('<a href=" JaVaScRiPt:alert(1)">x</a>')
    assert executable_parts("<script>alert(1)</script>")
    assert executable_parts('<div style="x">')
    assert executable_parts('<input type="text" onfocus="alert(1)">')
    assert not executable_parts('<p><a href="/forms/">ok</a></p>')


@pytest.mark.parametrize("vector", VECTORS)
def test_article_body_title_and_summary_are_inert(vector):
    TopicFactory(slug="t", name=vector[:80])
    article = ArticleFactory(title=vector[:200], summary=vector[:400], body=vector)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert executable_parts(html) == [], vector
    listing = Client().get("/articles/").content.decode()
    assert executable_parts(listing) == [], vector


@pytest.mark.parametrize("vector", VECTORS)
def test_topic_hub_is_inert(vector):
    topic = TopicFactory(slug="hub", name=vector[:80], summary=vector[:300], body=vector)
    html = Client().get(topic.get_absolute_url()).content.decode()
    assert executable_parts(html) == [], vector


@pytest.mark.parametrize("vector", VECTORS)
def test_reference_fields_are_inert_in_the_reference_list(vector):
    ReferenceFactory(
        key="evil",
        title=vector[:400],
        authors=vector[:400],
        publisher=vector[:200],
        note=vector[:300],
        kind=Reference.Kind.REVIEW,
    )
    article = ArticleFactory(body="Claim [@evil].")
    html = Client().get(article.get_absolute_url()).content.decode()
    assert executable_parts(html) == [], vector


@pytest.mark.parametrize("vector", VECTORS)
def test_preview_endpoint_is_inert(staff_client, vector):
    response = staff_client.post("/markdownx/markdownify/", {"content": vector})
    assert response.status_code == 200
    assert executable_parts(response.content.decode()) == [], vector


@pytest.mark.parametrize("vector", VECTORS)
def test_search_results_are_inert(vector):
    ArticleFactory(title="Magnesium " + vector[:150], body="magnesium " + vector)
    html = Client().get("/search/", {"q": "magnesium " + vector[:100]}).content.decode()
    assert executable_parts(html) == [], vector


@pytest.mark.parametrize("vector", VECTORS)
def test_form_profile_table_and_compare_are_inert(vector):
    from tests.factories import MagnesiumCompoundFactory

    evil = MagnesiumCompoundFactory(
        slug="magnesium-evil",
        name="Magnesium " + vector[:80],
        other_names=vector[:200],
        summary=vector[:400],
        elemental_basis=vector,
        evidence_note=vector,
        side_effects=vector,
        dose_note=vector,
        cautions=vector,
        body=vector,
    )
    MagnesiumCompoundFactory(slug="magnesium-plain")
    for url in (
        evil.get_absolute_url(),
        "/forms/",
        "/forms/compare/?forms=magnesium-evil,magnesium-plain",
    ):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert executable_parts(response.content.decode()) == [], (url, vector)
    # The open data carries the text as data, under a type no browser renders as HTML.
    export = Client().get("/forms.json")
    assert export["Content-Type"].startswith("application/json")
    assert export["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("vector", VECTORS)
def test_comparison_table_cells_title_and_intro_are_inert(vector):
    from tests.factories import ComparisonFactory, ComparisonRowFactory

    comparison = ComparisonFactory(
        slug="evil-table",
        title=vector[:200],
        summary=vector[:300],
        body=vector,
        outro=vector,
        columns=[vector[:100], "Plain"],
    )
    ComparisonRowFactory(comparison=comparison, feature=vector[:200], cells=[vector, vector])
    html = Client().get(comparison.get_absolute_url()).content.decode()
    assert executable_parts(html) == [], vector


@pytest.mark.parametrize("vector", VECTORS)
def test_food_names_are_inert(vector):
    from tests.factories import FoodFactory

    FoodFactory(name=vector[:120], serving=vector[:60])
    html = Client().get("/foods/").content.decode()
    assert executable_parts(html) == [], vector
