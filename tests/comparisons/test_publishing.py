"""Forms of magnesium are published like articles: a draft or a form scheduled for later is
nowhere a reader can find it, staff preview it at its real URL, and a scheduled form appears
on its own at its time, cached pages included."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comparisons.models import MagnesiumCompound
from tests.comparisons.admin_posts import compound_change_data
from tests.factories import (
    ArticleFactory,
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    RecommendedIntakeFactory,
    TopicFactory,
    with_sources,
)
from tests.helpers import submitted_form

pytestmark = pytest.mark.django_db

SECRET = "Magnesium unveiledate"
SECRET_SLUG = "magnesium-unveiledate"


@pytest.fixture
def sleep():
    return TopicFactory(slug="sleep", name="Sleep")


@pytest.fixture
def draft(sleep):
    """A public form beside a draft; both are used for sleep."""
    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate", uses=[sleep])
    return with_sources(
        DraftMagnesiumCompoundFactory(
            name=SECRET, slug=SECRET_SLUG, summary="Not ready for readers.", uses=[sleep]
        )
    )


def change_url(compound: MagnesiumCompound) -> str:
    return reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])


# ---- A draft is nowhere public ----


@pytest.mark.parametrize(
    "url",
    [
        "/forms/",
        "/forms/?use=sleep",
        "/forms/?q=magnesium&sort=-bioavailability",
        "/forms.csv",
        "/forms.json",
        "/forms/compare/",
        "/search/?q=unveiledate",
        "/search/?q=magnesium",
        "/sitemap.xml",
        "/topics/sleep/",
        "/calculator/",
    ],
)
def test_draft_form_is_not_listed_anywhere_public(client, draft, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert SECRET not in text and SECRET_SLUG not in text


def test_draft_form_page_is_404_for_readers(client, user_client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Being logged in is not enough: only staff preview.
    assert user_client.get(draft.get_absolute_url()).status_code == 404


def test_draft_form_cannot_be_compared(client, draft):
    response = client.get("/forms/compare/", {"forms": f"magnesium-glycinate,{SECRET_SLUG}"})
    assert response.status_code == 400
    assert SECRET not in response.content.decode()


def test_calculator_does_not_offer_or_accept_a_draft_form(client, draft):
    RecommendedIntakeFactory()
    response = client.get("/calculator/", {"form": SECRET_SLUG, "mg": "500"})
    text = response.content.decode()
    assert SECRET not in text
    assert response.context["day"] is None
    assert response.context["errors"]


def test_table_counts_only_public_forms(client, draft):
    assert client.get("/forms/").context["total"] == 1


def test_topic_without_public_forms_is_not_offered_as_a_table_filter(client):
    DraftMagnesiumCompoundFactory(uses=[TopicFactory(slug="migraine", name="Migraine")])
    MagnesiumCompoundFactory(uses=[TopicFactory(slug="sleep", name="Sleep")])
    html = client.get("/forms/").content.decode()
    assert 'name="use" value="sleep"' in html
    assert 'name="use" value="migraine"' not in html


# ---- Staff preview ----


def test_staff_preview_draft_form_with_banner_noindex_and_no_cache(staff_client, draft):
    response = staff_client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft - not public" in html
    assert '<meta name="robots" content="noindex' in html
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_form_page_has_no_banner_and_may_be_cached(client, draft):
    public = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    response = client.get(public.get_absolute_url())
    assert "Draft - not public" not in response.content.decode()
    assert "noindex" not in response.content.decode()
    assert client.get(public.get_absolute_url())["X-Cache"] == "hit"


def test_view_on_site_opens_the_draft_form_at_its_real_url(staff_client, draft):
    html = staff_client.get(change_url(draft)).content.decode()
    content_type = ContentType.objects.get_for_model(MagnesiumCompound)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, draft.pk])
    assert view_on_site in html
    response = staff_client.get(view_on_site, follow=True)
    assert response.redirect_chain[-1][0].endswith(draft.get_absolute_url())
    assert "Draft - not public" in response.content.decode()


def test_admin_lists_forms_by_publishing_status(staff_client, draft):
    url = reverse("admin:comparisons_magnesiumcompound_changelist")
    html = staff_client.get(url + "?status__exact=draft").content.decode()
    assert SECRET in html and "Magnesium glycinate" not in html
    html = staff_client.get(url + "?status__exact=published").content.decode()
    assert SECRET not in html and "Magnesium glycinate" in html


def test_admin_change_form_has_publishing_and_review_fields(staff_client, draft):
    html = staff_client.get(change_url(draft)).content.decode()
    for name in ["status", "published_at_0", "reviewer", "last_reviewed", "next_review_due"]:
        assert f'name="{name}"' in html


def test_overdue_review_filter_lists_only_overdue_forms(staff_client):
    MagnesiumCompoundFactory(name="Stale form", next_review_due=dt.date(2020, 1, 1))
    MagnesiumCompoundFactory(name="Fresh form", next_review_due=dt.date(2099, 1, 1))
    url = reverse("admin:comparisons_magnesiumcompound_changelist") + "?review=overdue"
    html = staff_client.get(url).content.decode()
    assert "Stale form" in html and "Fresh form" not in html


def test_form_page_shows_who_reviewed_it_and_when(client):
    compound = MagnesiumCompoundFactory(reviewer="Dr A. Reader", last_reviewed=dt.date(2026, 3, 2))
    html = client.get(compound.get_absolute_url()).content.decode()
    assert "Dr A. Reader" in html
    assert "2 Mar 2026" in html


# ---- Publishing, scheduling and unpublishing ----


def test_publishing_in_admin_without_a_date_publishes_now(staff_client, draft):
    response = staff_client.post(change_url(draft), compound_change_data(draft, status="published"))
    assert response.status_code == 302, response.content.decode()
    draft.refresh_from_db()
    assert draft.is_public
    assert Client().get(draft.get_absolute_url()).status_code == 200


def test_unpublishing_hides_the_form_again(staff_client, draft):
    public = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    reader = Client()
    assert reader.get(public.get_absolute_url()).status_code == 200
    assert "Magnesium glycinate" in reader.get("/forms/").content.decode()
    asked = staff_client.post(change_url(public), compound_change_data(public, status="draft"))
    assert "this page would go off the site" in asked.content.decode()  # asked first
    assert reader.get(public.get_absolute_url()).status_code == 200
    ticked = submitted_form(asked.content.decode(), take_off_site="on")
    response = staff_client.post(change_url(public), ticked)
    assert response.status_code == 302, response.content.decode()
    assert reader.get(public.get_absolute_url()).status_code == 404
    table = reader.get("/forms/")
    assert table["X-Cache"] == "miss"
    assert "Magnesium glycinate" not in table.content.decode()
    assert "magnesium-glycinate" not in reader.get("/forms.json").content.decode()


def test_scheduled_form_appears_at_its_time_on_cached_pages(sleep):
    publish_at = dt.datetime(2031, 5, 1, 9, 0, tzinfo=dt.UTC)
    reader = Client()
    with time_machine.travel(publish_at - dt.timedelta(hours=1)):
        compound = MagnesiumCompoundFactory(name=SECRET, slug=SECRET_SLUG, published_at=publish_at)
        assert reader.get(compound.get_absolute_url()).status_code == 404
        assert SECRET not in reader.get("/forms/").content.decode()
        assert reader.get("/forms/")["X-Cache"] == "hit"
        assert SECRET_SLUG not in reader.get("/forms.json").content.decode()
    with time_machine.travel(publish_at + dt.timedelta(minutes=1)):
        # Before the timer's publish_scheduled runs, pages are fresh and nothing is kept.
        table = reader.get("/forms/")
        assert "X-Cache" not in table
        assert SECRET in table.content.decode()
        assert reader.get(compound.get_absolute_url()).status_code == 200
        assert SECRET_SLUG in reader.get("/forms.json").content.decode()
        assert SECRET_SLUG in reader.get("/sitemap.xml").content.decode()
        call_command("publish_scheduled", verbosity=0)
        assert reader.get("/forms/")["X-Cache"] == "miss"
        assert reader.get("/forms/")["X-Cache"] == "hit"


# ---- Internal links ----


def test_a_link_to_a_draft_form_is_plain_text_until_the_form_is_published(client, draft):
    article = ArticleFactory(body=f"Compare [[form:{SECRET_SLUG}|the new form]].")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "the new form" in html
    assert f'href="{draft.get_absolute_url()}"' not in html
    draft.status = MagnesiumCompound.Status.PUBLISHED
    draft.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{draft.get_absolute_url()}"' in html


def test_a_bare_link_to_a_draft_form_does_not_show_its_name(client, draft):
    article = ArticleFactory(body=f"See [[form:{SECRET_SLUG}]].")
    html = client.get(article.get_absolute_url()).content.decode()
    assert SECRET not in html


def test_saving_a_page_that_links_to_a_draft_form_names_the_link(draft):
    article = ArticleFactory.build(body=f"See [[form:{SECRET_SLUG}]].")
    with pytest.raises(ValidationError, match=f"form:{SECRET_SLUG}"):
        article.clean()


def test_a_link_to_a_scheduled_form_appears_once_publish_scheduled_runs():
    publish_at = dt.datetime(2031, 5, 1, 9, 0, tzinfo=dt.UTC)
    reader = Client()
    with time_machine.travel(publish_at - dt.timedelta(hours=1)):
        compound = MagnesiumCompoundFactory(slug=SECRET_SLUG, published_at=publish_at)
        article = ArticleFactory(body=f"Try [[form:{SECRET_SLUG}|it]].")
        html = reader.get(article.get_absolute_url()).content.decode()
        assert f'href="{compound.get_absolute_url()}"' not in html
    with time_machine.travel(publish_at + dt.timedelta(minutes=1)):
        # The article was rendered while the form was not public; the timer's command
        # renders it again (a reader's request never does: it writes nothing).
        call_command("publish_scheduled", verbosity=0)
        html = reader.get(article.get_absolute_url()).content.decode()
        assert f'href="{compound.get_absolute_url()}"' in html


# ---- Migration ----


def test_migration_publishes_the_forms_that_existed_before_publishing():
    migration = importlib.import_module("comparisons.migrations.0003_form_publishing_and_review")
    compound = DraftMagnesiumCompoundFactory()
    migration.publish_existing_forms(apps, None)
    compound.refresh_from_db()
    assert compound.is_public
    assert compound.published_at == compound.updated_at


def test_emptying_a_public_pages_date_keeps_the_date_it_was_published(staff_client):
    """It became "now": a form published in October moved to the top of the newest lists."""
    october = timezone.now() - dt.timedelta(days=60)
    public = with_sources(MagnesiumCompoundFactory(published_at=october))
    data = compound_change_data(public, published_at_0="", published_at_1="")
    response = staff_client.post(change_url(public), {**data, "change_note": "Typo."})
    assert response.status_code == 302, response.content.decode()
    public.refresh_from_db()
    assert public.published_at == october
