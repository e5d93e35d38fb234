"""A page readers could open that goes off the site (set to Draft, scheduled for later,
moved to another address, deleted) leaves the published pages linking to it showing its
name as plain text: the editor is told which, with a link to each, and a delete page
lists them before anything is deleted."""

import datetime as dt

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from evidence.models import Outcome
from tests.evidence.factories import OutcomeFactory
from tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    MagnesiumCompoundFactory,
    TopicFactory,
)
from tests.helpers import agreeing_to_go_off_site, change_form_data, change_url, submitted_form

pytestmark = pytest.mark.django_db


def admin_link(page) -> str:
    meta = page._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[page.pk])
    return f'<a href="{url}">{meta.verbose_name.capitalize()} “{page}”</a>'


def messages_after(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def linked():
    """A page that a published guide and a draft link to."""
    target = ArticleFactory(title="Night cramps", slug="night-cramps")
    guide = ArticleFactory(title="Choosing a form", body="See [[article:night-cramps]].")
    DraftArticleFactory(title="Not out yet", body="See [[article:night-cramps]].")
    return target, guide


def test_setting_a_linked_page_to_draft_names_the_published_pages_linking_to_it(
    editor_client, linked
):
    target, guide = linked
    data = change_form_data(target, status="draft")
    response = agreeing_to_go_off_site(editor_client, change_url(target), data, follow=True)
    [warning] = [m for m in messages_after(response) if "plain text" in m]
    assert warning.startswith("Readers can no longer open this page, and published pages")
    assert admin_link(guide) in warning
    assert "Not out yet" not in warning  # a draft shows nothing to readers
    guide.refresh_from_db()
    assert 'href="/articles/night-cramps/"' not in guide.body_html


def test_scheduling_a_linked_page_for_later_names_them_too(editor_client, linked):
    target, guide = linked
    later = timezone.now() + dt.timedelta(days=30)
    data = change_form_data(
        target,
        published_at_0=f"{later:%Y-%m-%d}",
        published_at_1=f"{later:%H:%M:%S}",
    )
    response = agreeing_to_go_off_site(editor_client, change_url(target), data, follow=True)
    assert any(admin_link(guide) in m for m in messages_after(response))


def test_moving_a_linked_page_to_another_address_names_them_with_the_new_link(
    editor_client, linked
):
    target, guide = linked
    data = change_form_data(target, slug="cramps-at-night")
    # Asked first, beside the address: the links would show as plain text at once.
    refused = editor_client.post(change_url(target), data).content.decode()
    asked = refused.split('id="id_slug_error"', 1)[1].split("</ul>", 1)[0]
    assert "from “night-cramps” to “cramps-at-night”" in asked and admin_link(guide) in asked
    assert "Move it to “cramps-at-night”" in refused
    target.refresh_from_db()
    assert target.slug == "night-cramps"
    response = agreeing_to_go_off_site(editor_client, change_url(target), data, follow=True)
    [warning] = [m for m in messages_after(response) if "plain text" in m]
    assert "[[article:night-cramps]]" in warning and "[[article:cramps-at-night]]" in warning
    assert admin_link(guide) in warning


def test_moving_a_topic_that_pages_link_to_asks_first_too(editor_client):
    topic = TopicFactory(name="Sleep", slug="sleep")
    guide = ArticleFactory(title="Sleep guide", body="See [[topic:sleep]].")
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    data = submitted_form(editor_client.get(url).content.decode(), slug="rest")
    refused = editor_client.post(url, data).content.decode()
    assert "Move it to “rest”" in refused and admin_link(guide) in refused
    topic.refresh_from_db()
    assert topic.slug == "sleep"
    agreeing_to_go_off_site(editor_client, url, data)
    topic.refresh_from_db()
    assert topic.slug == "rest"


def test_moving_a_page_nothing_links_to_is_not_asked_about(editor_client):
    lonely = ArticleFactory(slug="lonely")
    response = editor_client.post(change_url(lonely), change_form_data(lonely, slug="alone"))
    assert response.status_code == 302


def test_a_save_that_keeps_the_page_on_the_site_warns_of_nothing(editor_client, linked):
    target, _guide = linked
    response = editor_client.post(
        change_url(target), change_form_data(target, title="Cramps at night"), follow=True
    )
    assert not any("plain text" in m for m in messages_after(response))
    draft = DraftArticleFactory(slug="draft-page")
    ArticleFactory(body="See [[article:draft-page]].")
    response = editor_client.post(change_url(draft), change_form_data(draft), follow=True)
    assert not any("plain text" in m for m in messages_after(response))


def test_a_delete_page_lists_the_published_pages_linking_to_it_and_the_delete_names_them(
    editor_client, linked
):
    target, guide = linked
    delete = reverse("admin:articles_article_delete", args=[target.pk])
    page = editor_client.get(delete).content.decode()
    listed = page.split('id="linked-from"')[1].split("</ul>")[0]
    assert f"<li>{admin_link(guide)}</li>" in listed
    assert "Not out yet" not in listed
    assert "Are you sure you want to delete" in page  # a warning, not a refusal

    response = editor_client.post(delete, {"post": "yes"}, follow=True)
    assert not Article.objects.filter(pk=target.pk).exists()
    [warning] = [m for m in messages_after(response) if "plain text" in m]
    assert "“Night cramps”" in warning and admin_link(guide) in warning


def test_deleting_several_at_once_lists_the_pages_linking_to_them_too(editor_client, linked):
    """The bulk action's confirmation left the list out, though its delete breaks the same
    links."""
    target, guide = linked
    other = ArticleFactory(title="Cramps in pregnancy", slug="pregnancy-cramps")
    both = ArticleFactory(
        title="Both", body="[[article:night-cramps]], [[article:pregnancy-cramps]]"
    )
    changelist = reverse("admin:articles_article_changelist")
    selected = [target.pk, other.pk, guide.pk]
    page = editor_client.post(
        changelist, {"action": "delete_selected", "_selected_action": selected}
    ).content.decode()
    assert "Pages that link to them" in page
    listed = page.split('id="linked-from"')[1].split("</ul>")[0]
    # Once however many of them it links to; not one deleted with them.
    assert listed.count(admin_link(both)) == 1
    assert admin_link(guide) not in listed
    assert "Are you sure you want to delete the selected" in page


def test_a_delete_page_of_a_page_nothing_links_to_has_no_such_list(editor_client):
    lonely = ArticleFactory()
    page = editor_client.get(reverse("admin:articles_article_delete", args=[lonely.pk]))
    assert 'id="linked-from"' not in page.content.decode()


def test_a_form_and_an_outcome_are_covered_too(editor_client):
    """Every kind of page that can be linked to: a form set to Draft, an outcome deleted."""
    taurate = MagnesiumCompoundFactory(name="Magnesium taurate", slug="magnesium-taurate")
    outcome = OutcomeFactory(name="Migraine", slug="migraine")
    guide = ArticleFactory(body="Try [[form:magnesium-taurate]]; see [[evidence:migraine]].")
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[taurate.pk])
    data = submitted_form(editor_client.get(url).content.decode(), status="draft")
    response = agreeing_to_go_off_site(editor_client, url, data, follow=True)
    assert any(admin_link(guide) in m for m in messages_after(response))

    delete = reverse("admin:evidence_outcome_delete", args=[outcome.pk])
    assert admin_link(guide) in editor_client.get(delete).content.decode()
    response = editor_client.post(delete, {"post": "yes"}, follow=True)
    assert not Outcome.objects.exists()
    assert any(admin_link(guide) in m for m in messages_after(response))


def test_restoring_a_draft_version_of_a_linked_page_names_them_too(editor_client):
    with reversion.create_revision():
        target = DraftArticleFactory(title="Night cramps", slug="night-cramps")
    target.status, target.published_at = "published", timezone.now() - dt.timedelta(days=1)
    with reversion.create_revision():
        target.save()
    guide = ArticleFactory(title="Choosing a form", body="See [[article:night-cramps]].")
    draft_version = Version.objects.get_for_object(target).order_by("pk").first()
    restore = reverse("admin:articles_article_revision", args=[target.pk, draft_version.pk])
    data = submitted_form(editor_client.get(restore).content.decode())
    response = agreeing_to_go_off_site(editor_client, restore, data, follow=True)
    target.refresh_from_db()
    assert target.status == "draft"
    [warning] = [m for m in messages_after(response) if "plain text" in m]
    assert admin_link(guide) in warning


def test_a_page_many_pages_link_to_names_ten_and_counts_the_rest(editor_client):
    target = ArticleFactory(slug="glycinate")
    for number in range(12):
        ArticleFactory(title=f"Guide {number:02d}", body="See [[article:glycinate]].")
    data = change_form_data(target, status="draft")
    response = agreeing_to_go_off_site(editor_client, change_url(target), data, follow=True)
    [warning] = [m for m in messages_after(response) if "plain text" in m]
    assert warning.count("<a href=") == 10
    assert "Guide 09”</a> and 2 more." in warning
