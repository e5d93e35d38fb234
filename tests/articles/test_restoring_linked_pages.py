"""Restoring an earlier version (History, then Restore) or recovering a deleted page redraws
the pages that link to it, as a save does: they show a link's title and address as rendered."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from comparisons.models import MagnesiumCompound
from tests.factories import ArticleFactory, MagnesiumCompoundFactory, with_sources
from tests.helpers import agreeing_to_go_off_site, change_form_data, change_url, submitted_form

pytestmark = pytest.mark.django_db


def form_admin_url(compound: MagnesiumCompound) -> str:
    return reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])


def test_restoring_a_forms_earlier_name_redraws_the_articles_linking_to_it(editor_client, client):
    with reversion.create_revision():
        taurate = with_sources(
            MagnesiumCompoundFactory(name="Magnesium taurate", slug="magnesium-taurate")
        )
    guide = ArticleFactory(
        title="Choosing a form", slug="choosing", body="Try [[form:magnesium-taurate]]."
    )
    assert "Magnesium taurate" in client.get("/articles/choosing/").content.decode()

    page = editor_client.get(form_admin_url(taurate)).content.decode()
    renamed = submitted_form(page, name="Taurate, renamed", minor_change="on")
    assert editor_client.post(form_admin_url(taurate), renamed).status_code == 302
    assert "Taurate, renamed" in client.get("/articles/choosing/").content.decode()

    earliest = Version.objects.get_for_object(taurate).order_by("pk").first()
    restore = reverse(
        "admin:comparisons_magnesiumcompound_revision", args=[taurate.pk, earliest.pk]
    )
    page = editor_client.get(restore).content.decode()
    data = submitted_form(page, change_note="Back to the name the labels use.")
    assert editor_client.post(restore, data).status_code == 302
    taurate.refresh_from_db()
    assert taurate.name == "Magnesium taurate"
    guide.refresh_from_db()
    assert "Magnesium taurate" in guide.body_html and "renamed" not in guide.body_html
    # The page cache does not keep the page as it was drawn before the restore.
    html = client.get("/articles/choosing/").content.decode()
    assert "Magnesium taurate" in html and "renamed" not in html


def test_restoring_an_earlier_address_redraws_links_written_to_it(staff_client):
    with reversion.create_revision():
        target = ArticleFactory(title="Sleep", slug="sleep")
    guide = ArticleFactory(body="Read [[article:sleep]].")
    data = change_form_data(target, slug="sleep-and-magnesium")
    assert agreeing_to_go_off_site(staff_client, change_url(target), data).status_code == 302
    guide.refresh_from_db()
    assert 'href="/articles/sleep/"' not in guide.body_html  # a link to nothing, as text

    earliest = Version.objects.get_for_object(target).order_by("pk").first()
    restore = reverse("admin:articles_article_revision", args=[target.pk, earliest.pk])
    page = staff_client.get(restore).content.decode()
    data = submitted_form(page, change_note="Back at its old address.")
    assert staff_client.post(restore, data).status_code == 302
    guide.refresh_from_db()
    assert 'href="/articles/sleep/"' in guide.body_html


def test_recovering_a_deleted_page_brings_back_the_links_to_it(staff_client, client):
    with reversion.create_revision():
        target = ArticleFactory(title="Night cramps", slug="night-cramps")
    guide = ArticleFactory(slug="guide", body="See [[article:night-cramps]].")
    staff_client.post(reverse("admin:articles_article_delete", args=[target.pk]), {"post": "yes"})
    guide.refresh_from_db()
    assert 'href="/articles/night-cramps/"' not in guide.body_html
    assert 'href="/articles/night-cramps/"' not in client.get("/articles/guide/").content.decode()

    deleted = Version.objects.get_deleted(Article).get()
    recover = reverse("admin:articles_article_recover", args=[deleted.pk])
    page = staff_client.get(recover).content.decode()
    data = submitted_form(page, change_note="Back on the site.")
    assert staff_client.post(recover, data).status_code == 302
    guide.refresh_from_db()
    assert 'href="/articles/night-cramps/"' in guide.body_html
    assert 'href="/articles/night-cramps/"' in client.get("/articles/guide/").content.decode()
