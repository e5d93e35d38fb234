"""A save that would take a page readers can open off the site (set to Draft, or dated
later) is refused once, saying what readers lose, with the editor's changes kept; ticking
the box it offers then goes ahead. Pages readers cannot open are saved as before."""

import datetime as dt

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from interactions.models import Medicine
from tests.factories import ArticleFactory, DraftArticleFactory, ReferenceFactory, StaffFactory
from tests.helpers import change_form_data, change_url, submitted_form
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db

LATER = timezone.now() + dt.timedelta(days=30)
DATED_LATER = {"published_at_0": f"{LATER:%Y-%m-%d}", "published_at_1": f"{LATER:%H:%M:%S}"}


def refusal(response) -> str:
    [error] = response.context["adminform"].form.non_field_errors()
    return error


def test_setting_a_public_page_to_draft_is_refused_saying_what_readers_lose(staff_client):
    article = ArticleFactory(slug="night-cramps", body="Original.")
    guide = ArticleFactory(title="Choosing a form", body="See [[article:night-cramps]].")
    data = change_form_data(article, status="draft", body="Edited.")
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    message = refusal(response)
    assert message.startswith("Saved as a draft, this page would go off the site: readers who")
    assert "open /articles/night-cramps/ would find no page there" in message
    assert reverse("admin:articles_article_change", args=[guide.pk]) in message
    assert "tick “Take it off the site”" in message
    html = response.content.decode()
    assert '<input type="checkbox" name="take_off_site"' in html
    assert ">Take it off the site</label>" in html
    assert "Edited." in html  # the editor's changes stay in the form
    article.refresh_from_db()
    assert article.is_public and article.body == "Original."
    assert Client().get("/articles/night-cramps/").status_code == 200


def test_ticking_the_box_takes_the_page_off_and_keeps_the_changes(staff_client):
    article = ArticleFactory(body="Original.")
    refused = staff_client.post(
        change_url(article), change_form_data(article, status="draft", body="Edited.")
    )
    data = submitted_form(refused.content.decode(), take_off_site="on")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == "draft" and article.body == "Edited."
    assert Client().get(article.get_absolute_url()).status_code == 404
    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    assert "off the site" not in comment.lower()


def test_dating_a_public_page_later_is_refused_until_the_box_is_ticked(staff_client):
    article = ArticleFactory()
    response = staff_client.post(change_url(article), change_form_data(article, **DATED_LATER))
    message = refusal(response)
    assert message.startswith("Dated ")
    assert "this page would be hidden from readers until then" in message
    assert "set the publication date to now or earlier" in message
    assert "Hide it from readers until " in response.content.decode()
    article.refresh_from_db()
    assert article.is_public
    data = submitted_form(response.content.decode(), take_off_site="on")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == "published" and not article.is_public


@pytest.mark.parametrize(
    "make, overrides",
    [
        (ArticleFactory, {"body": "A public page, edited."}),
        (DraftArticleFactory, {"body": "A draft, kept a draft."}),
        (DraftArticleFactory, {"status": "published"}),
        (DraftArticleFactory, {"status": "published", **DATED_LATER}),
    ],
)
def test_saves_that_leave_no_public_page_hidden_ask_nothing(staff_client, make, overrides):
    article = make()
    response = staff_client.post(change_url(article), change_form_data(article, **overrides))
    assert response.status_code == 302


def test_a_scheduled_page_moved_later_still_asks_nothing(staff_client):
    article = ArticleFactory(published_at=timezone.now() + dt.timedelta(days=2))
    response = staff_client.post(change_url(article), change_form_data(article, **DATED_LATER))
    assert response.status_code == 302


def test_restoring_a_draft_version_of_a_public_page_asks_first(staff_client):
    with reversion.create_revision():
        article = DraftArticleFactory(body="An early draft.")
    article.status, article.published_at = "published", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with reversion.create_revision():
        article.save()
    _, draft = Version.objects.get_for_object(article)
    restore = reverse("admin:articles_article_revision", args=[article.pk, draft.pk])
    page = staff_client.get(restore).content.decode()
    data = submitted_form(page, change_note="Back to the draft.")
    refused = staff_client.post(restore, data)
    assert refusal(refused).startswith("Saved as a draft, this page would go off the site")
    article.refresh_from_db()
    assert article.is_public  # a refused restore changes nothing
    ticked = submitted_form(refused.content.decode(), take_off_site="on")
    assert staff_client.post(restore, ticked).status_code == 302
    article.refresh_from_db()
    assert article.status == "draft" and article.body == "An early draft."


def test_restoring_a_public_version_of_a_draft_asks_nothing(staff_client):
    with reversion.create_revision():
        article = ArticleFactory(body="Public once.")
    article.status = "draft"
    with reversion.create_revision():
        article.save()
    _, public = Version.objects.get_for_object(article)
    restore = reverse("admin:articles_article_revision", args=[article.pk, public.pk])
    data = submitted_form(staff_client.get(restore).content.decode(), status="draft")
    assert staff_client.post(restore, data).status_code == 302


def test_recovering_a_deleted_public_page_as_a_draft_asks_nothing(staff_client):
    """Readers could open nothing at its address: nothing to lose."""
    with reversion.create_revision():
        article = ArticleFactory(body="Public when deleted.")
    staff_client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(type(article)).get()
    recover = reverse("admin:articles_article_recover", args=[deleted.pk])
    data = submitted_form(staff_client.get(recover).content.decode(), status="draft")
    assert staff_client.post(recover, data).status_code == 302
    assert type(article).objects.get(pk=article.pk).status == "draft"


def test_restoring_a_version_over_a_scheduled_page_asks_nothing(staff_client):
    with reversion.create_revision():
        article = DraftArticleFactory(body="An early draft.")
    article.status, article.published_at = "published", LATER
    with reversion.create_revision():
        article.save()
    _, draft = Version.objects.get_for_object(article)
    restore = reverse("admin:articles_article_revision", args=[article.pk, draft.pk])
    data = submitted_form(staff_client.get(restore).content.decode())
    assert staff_client.post(restore, data).status_code == 302


def test_a_restore_names_the_address_and_links_readers_have_now(staff_client):
    """The restore has written the older version, with its older address, before the form
    checks it: what readers lose is the page at its address now."""
    with reversion.create_revision():
        article = DraftArticleFactory(slug="old-address")
    article.slug, article.status = "new-address", "published"
    article.published_at = timezone.now() - dt.timedelta(days=1)
    with reversion.create_revision():
        article.save()
    guide = ArticleFactory(title="Guide", body="See [[article:new-address]].")
    _, draft = Version.objects.get_for_object(article)
    restore = reverse("admin:articles_article_revision", args=[article.pk, draft.pk])
    refused = staff_client.post(restore, submitted_form(staff_client.get(restore).content.decode()))
    message = refusal(refused)
    assert "readers who open /articles/new-address/ would find no page there" in message
    assert reverse("admin:articles_article_change", args=[guide.pk]) in message


def test_a_tick_counts_only_for_the_choice_the_box_named(staff_client):
    """Ticked for "hide until" a date, then switched to Draft: asked again, for Draft."""
    article = ArticleFactory()
    hide = staff_client.post(change_url(article), change_form_data(article, **DATED_LATER))
    data = submitted_form(hide.content.decode(), take_off_site="on", status="draft")
    again = staff_client.post(change_url(article), data)
    assert refusal(again).startswith("Saved as a draft, this page would go off the site")
    assert 'name="take_off_site" id="id_take_off_site" checked' not in again.content.decode()
    article.refresh_from_db()
    assert article.is_public
    ticked = submitted_form(again.content.decode(), take_off_site="on")
    assert staff_client.post(change_url(article), ticked).status_code == 302


def test_a_stale_save_that_would_take_the_page_off_is_refused_for_both(client):
    article = ArticleFactory(body="Original.")
    opened = change_form_data(article, status="draft")
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    client.post(change_url(article), change_form_data(article, body="Alice's edit."))
    client.force_login(StaffFactory(username="bob"))
    response = client.post(change_url(article), opened)
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 2
    assert any("Alice saved a newer version" in error for error in errors)
    assert any("this page would go off the site" in error for error in errors)
    article.refresh_from_db()
    assert article.is_public and article.body == "Alice's edit."


def medicine_change(staff_client, medicine, **overrides):
    url = reverse("admin:interactions_medicine_change", args=[medicine.pk])
    data = submitted_form(staff_client.get(url).content.decode(), **overrides)
    return staff_client.post(url, data)


def test_a_medicine_readers_see_is_asked_about_and_one_without_a_source_is_not(staff_client):
    """Readers see a medicine's rule only with a source for it."""
    shown = MedicineFactory()
    asked = medicine_change(staff_client, shown, status="draft", change_note="Withdrawn.")
    assert refusal(asked).startswith("Saved as a draft, this page would go off the site")
    assert Medicine.objects.public().filter(pk=shown.pk).exists()

    unsourced = MedicineFactory(cite=False)
    source = ReferenceFactory()
    response = medicine_change(staff_client, unsourced, status="draft", references=str(source.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    unsourced.refresh_from_db()
    assert unsourced.status == "draft"
