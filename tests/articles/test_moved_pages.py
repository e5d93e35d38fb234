"""A page whose address an editor changed still answers at the old one: 301 to the new."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    CompoundSaltFactory,
    MagnesiumCompoundFactory,
    with_sources,
)
from tests.helpers import submitted_form

pytestmark = pytest.mark.django_db


def rename(client, obj, slug: str) -> None:
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    data = submitted_form(client.get(url).content.decode(), slug=slug, change_note="New address.")
    assert client.post(url, data).status_code == 302


def test_an_articles_old_address_leads_to_its_new_one(editor_client, client):
    article = ArticleFactory(slug="sleep", title="Magnesium and sleep")
    rename(editor_client, article, "magnesium-and-sleep")

    old = client.get("/articles/sleep/?utm_source=newsletter")
    assert old.status_code == 301
    assert old["Location"] == "/articles/magnesium-and-sleep/?utm_source=newsletter"
    assert client.get("/articles/magnesium-and-sleep/").status_code == 200
    assert client.head("/articles/sleep/").status_code == 301


def test_every_earlier_address_leads_to_the_latest_and_moving_back_serves_the_page(
    editor_client, client
):
    article = ArticleFactory(slug="cramps")
    rename(editor_client, article, "leg-cramps")
    rename(editor_client, Article.objects.get(pk=article.pk), "night-cramps")
    assert client.get("/articles/cramps/")["Location"] == "/articles/night-cramps/"
    assert client.get("/articles/leg-cramps/")["Location"] == "/articles/night-cramps/"

    rename(editor_client, Article.objects.get(pk=article.pk), "cramps")
    assert client.get("/articles/cramps/").status_code == 200
    assert client.get("/articles/night-cramps/")["Location"] == "/articles/cramps/"


def test_a_new_page_at_an_old_address_is_served_itself(editor_client, client):
    article = ArticleFactory(slug="sleep")
    rename(editor_client, article, "magnesium-and-sleep")
    ArticleFactory(slug="sleep", title="A new sleep page")
    page = client.get("/articles/sleep/")
    assert page.status_code == 200
    assert "A new sleep page" in page.content.decode()


def test_an_old_address_never_tells_where_a_draft_is(editor_client, client):
    article = ArticleFactory(slug="sleep")
    rename(editor_client, article, "magnesium-and-sleep")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    response = client.get("/articles/sleep/")
    assert response.status_code == 404
    assert "magnesium-and-sleep" not in response.content.decode()


def test_a_forms_old_address_leads_to_its_new_one(editor_client, client):
    form = with_sources(MagnesiumCompoundFactory(slug="mag-glycinate", name="Magnesium glycinate"))
    rename(editor_client, form, "magnesium-glycinate")
    response = client.get("/forms/mag-glycinate/")
    assert response.status_code == 301
    assert response["Location"] == "/forms/magnesium-glycinate/"


def test_links_to_a_moved_forms_change_notes_and_compare_page_follow_it(editor_client, client):
    """The form page's old address led on; its change notes and a saved comparison did not
    ("We have no form called magnesium-malate")."""
    form = with_sources(MagnesiumCompoundFactory(slug="mag-malate", name="Magnesium malate"))
    MagnesiumCompoundFactory(slug="magnesium-citrate", name="Magnesium citrate")
    rename(editor_client, form, "magnesium-malate")

    notes = client.get("/forms/mag-malate/changes/?page=2")
    assert notes.status_code == 301
    assert notes["Location"] == "/forms/magnesium-malate/changes/?page=2"
    compare = client.get("/forms/compare/?forms=magnesium-citrate,mag-malate")
    assert compare.status_code == 301
    assert compare["Location"] == "/forms/compare/?forms=magnesium-citrate%2Cmagnesium-malate"
    assert client.get(compare["Location"], follow=True).status_code == 200
    assert client.get("/forms/compare/?forms=magnesium-citrate,no-such").status_code == 400


def test_a_calculator_link_naming_a_moved_forms_old_slug_follows_it(editor_client, client):
    """A saved calculator link named the form's old slug and was told there is no such
    form; it leads to the same sum under the new slug, its salt and other values kept."""
    form = with_sources(MagnesiumCompoundFactory(slug="mag-citrate", name="Magnesium citrate"))
    MagnesiumCompoundFactory(slug="magnesium-oxide", name="Magnesium oxide")
    rename(editor_client, form, "magnesium-citrate")
    CompoundSaltFactory(compound=form, slug="citrate-1-1", name="1:1", elemental_percent="11.3")

    response = client.get(
        "/calculator/?form=magnesium-oxide&mg=400&form=Mag-Citrate:citrate-1-1&mg=500&age=40"
    )
    assert response.status_code == 301
    assert response["Location"] == (
        "/calculator/?form=magnesium-oxide&mg=400&form=magnesium-citrate%3Acitrate-1-1"
        "&mg=500&age=40"
    )
    assert client.get("/calculator/?form=mag-citrate")["Location"] == (
        "/calculator/?form=magnesium-citrate"
    )
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no form called" not in page.content.decode().lower()
    # A slug no form ever had is still a mistake shown on its line, not a redirect.
    unknown = client.get("/calculator/?form=no-such-form&mg=500")
    assert unknown.status_code == 200
    assert "no-such-form" in unknown.content.decode()


def test_the_forms_table_ticks_and_the_evidence_matrix_follow_a_moved_forms_old_slug(
    editor_client, client
):
    """`/forms/?forms=<old>` and `/evidence/?form=<old>` said "Part of this link was
    ignored"; they lead to the same page under the slug now, the other values kept."""
    form = with_sources(MagnesiumCompoundFactory(slug="mag-taurate", name="Magnesium taurate"))
    MagnesiumCompoundFactory(slug="magnesium-oxide", name="Magnesium oxide")
    rename(editor_client, form, "magnesium-taurate")

    table = client.get("/forms/?sort=name&forms=magnesium-oxide,Mag-Taurate")
    assert table.status_code == 301
    # Straight to the canonical address (name is the default order).
    assert table["Location"] == "/forms/?forms=magnesium-oxide,magnesium-taurate"
    page = client.get(table["Location"], follow=True)
    assert page.status_code == 200 and "was ignored" not in page.content.decode()
    matrix = client.get("/evidence/?form=mag-taurate&outcome=migraine")
    assert matrix.status_code == 301
    assert matrix["Location"] == "/evidence/?form=magnesium-taurate&outcome=migraine"
    # A slug no form ever had is still ignored, and said, not a redirect.
    assert client.get("/forms/?forms=no-such-form").status_code == 200
    assert client.get("/evidence/?form=no-such-form").status_code == 200


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        (
            "/forms/?forms=mag-taurate&forms=magnesium-oxide",
            "/forms/?forms=magnesium-oxide,magnesium-taurate",
        ),
        (
            "/evidence/?form=mag-taurate,MAGNESIUM-OXIDE",
            "/evidence/?form=magnesium-oxide&form=magnesium-taurate",
        ),
    ],
)
def test_a_moved_forms_old_slug_leads_to_the_canonical_address_in_one_redirect(
    editor_client, client, asked, canonical
):
    """It took two: a 301 to the query with the slug swapped (%2C and all), then a 302."""
    form = with_sources(MagnesiumCompoundFactory(slug="mag-taurate", name="Magnesium taurate"))
    MagnesiumCompoundFactory(slug="magnesium-oxide", name="Magnesium oxide")
    rename(editor_client, form, "magnesium-taurate")
    response = client.get(asked)
    assert (response.status_code, response["Location"]) == (301, canonical)
    assert client.get(canonical).status_code == 200
