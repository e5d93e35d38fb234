"""Restoring (or recovering) one record puts back that record and its inline rows only, even
when its version was saved together with others (`load_content` saves every starter record
in one go): the other records keep editors' later work and their inline rows."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from comparisons.models import CompoundSalt, Food, MagnesiumCompound
from tests.factories import CompoundSaltFactory, UserFactory
from tests.helpers import agreeing_to_go_off_site, submitted_form

pytestmark = pytest.mark.django_db

ARTICLE = "topical-vs-oral-magnesium"


def admin_url(obj, view: str = "change", *more) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk, *more])


def edit_summary(client, article: Article, summary: str) -> None:
    page = client.get(admin_url(article)).content.decode()
    data = submitted_form(page, summary=summary, change_note="A clearer summary.")
    assert client.post(admin_url(article), data).status_code == 302


def restore_first_version(client, obj) -> None:
    first = Version.objects.get_for_object(obj).order_by("pk").first()
    assert first.revision.comment == "Loaded starter content"
    url = admin_url(obj, "revision", first.pk)
    data = submitted_form(client.get(url).content.decode(), change_note="Back to the start.")
    assert client.post(url, data).status_code == 302


def test_restoring_one_starter_record_leaves_an_editors_work_on_another(
    starter_content, editor_client, client
):
    article = Article.objects.get(slug=ARTICLE)
    edit_summary(editor_client, article, "An editor's summary, written after the load.")
    versions_before = Version.objects.get_for_object(article).count()
    chia = Food.objects.get(name__icontains="chia")
    chia_serving = chia.serving
    Food.objects.filter(pk=chia.pk).update(serving="a changed serving")

    restore_first_version(editor_client, chia)

    chia.refresh_from_db()
    assert chia.serving == chia_serving  # the record restored
    article.refresh_from_db()
    assert article.summary == "An editor's summary, written after the load."
    assert "An editor's summary" in client.get(article.get_absolute_url()).content.decode()
    assert Version.objects.get_for_object(article).count() == versions_before
    # Both histories still begin with the load, at the same time.
    first = Version.objects.get_for_object(article).order_by("pk").first()
    assert first.revision.comment == "Loaded starter content"
    assert first.revision.date_created == (
        Version.objects.get_for_object(chia).order_by("pk").first().revision.date_created
    )


def test_restoring_a_starter_form_keeps_its_own_salts_and_another_forms_new_salt(
    starter_content, editor_client
):
    citrate = MagnesiumCompound.objects.get(slug="magnesium-citrate")
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    citrate_salts = set(citrate.salts.values_list("slug", flat=True))
    assert citrate_salts
    added = CompoundSaltFactory(compound=glycinate, name="A salt an editor added")

    restore_first_version(editor_client, citrate)

    assert set(citrate.salts.values_list("slug", flat=True)) == citrate_salts
    assert CompoundSalt.objects.filter(pk=added.pk).exists()


def test_recovering_a_deleted_starter_record_leaves_the_others_as_edited(
    starter_content, editor_client
):
    article = Article.objects.get(slug=ARTICLE)
    edit_summary(editor_client, article, "Edited after the load.")
    chia = Food.objects.get(name__icontains="chia")
    editor_client.post(admin_url(chia, "delete"), {"post": "yes"})
    assert not Food.objects.filter(pk=chia.pk).exists()

    deleted = Version.objects.get_deleted(Food).get()
    recover = reverse("admin:comparisons_food_recover", args=[deleted.pk])
    page = editor_client.get(recover).content.decode()
    data = submitted_form(page, change_note="Back on the list.")
    assert editor_client.post(recover, data).status_code == 302

    assert Food.objects.filter(name__icontains="chia").exists()
    article.refresh_from_db()
    assert article.summary == "Edited after the load."


def test_the_restore_page_says_when_the_version_was_saved_in_one_sentence(
    starter_content, editor_client
):
    chia = Food.objects.get(name__icontains="chia")
    first = Version.objects.get_for_object(chia).order_by("pk").first()
    page = editor_client.get(admin_url(chia, "revision", first.pk)).content.decode()
    saved = first.revision.date_created
    assert f"saved on {saved.day} {saved:%B %Y, %H:%M} UTC. Check it below" in page


def test_looking_at_a_version_or_a_refused_restore_leaves_the_history_as_it_was(
    starter_content, editor_client
):
    chia = Food.objects.get(name__icontains="chia")
    first = Version.objects.get_for_object(chia).order_by("pk").first()
    grouped = first.revision.version_set.count()
    url = admin_url(chia, "revision", first.pk)
    assert editor_client.get(url).status_code == 200
    data = submitted_form(editor_client.get(url).content.decode(), mg="", change_note="x")
    assert editor_client.post(url, data).status_code == 200  # refused: no amount
    first.refresh_from_db()
    assert first.revision.version_set.count() == grouped


def test_a_starter_version_opens_after_another_page_took_a_starter_address(
    starter_content, editor_client
):
    article = Article.objects.get(slug=ARTICLE)
    page = editor_client.get(admin_url(article)).content.decode()
    data = submitted_form(page, slug="topical-or-oral", change_note="A shorter address.")
    assert agreeing_to_go_off_site(editor_client, admin_url(article), data).status_code == 302
    Article.objects.create(title="Another page", slug=ARTICLE, summary="s", body="b")
    chia = Food.objects.get(name__icontains="chia")
    first = Version.objects.get_for_object(chia).order_by("pk").first()
    response = editor_client.get(admin_url(chia, "revision", first.pk))
    assert response.status_code == 200
    assert "Restore an earlier version" in response.content.decode()


def test_a_version_of_another_kind_of_record_is_not_restored_through_this_one(
    starter_content, editor_client
):
    article = Article.objects.get(slug=ARTICLE)
    version = Version.objects.get_for_object(article).first()
    url = reverse("admin:comparisons_food_revision", args=[version.object_id, version.pk])
    assert editor_client.get(url).status_code == 404


def test_restoring_an_earlier_address_keeps_the_later_one_leading_to_the_page(
    editor_client, client
):
    import reversion

    from tests.factories import ArticleFactory

    with reversion.create_revision():
        article = ArticleFactory(slug="sleep")
    page = editor_client.get(admin_url(article)).content.decode()
    data = submitted_form(page, slug="sleep-guide", change_note="New address.")
    assert editor_client.post(admin_url(article), data).status_code == 302
    restore_first_version_any(editor_client, article)
    assert client.get("/articles/sleep/").status_code == 200
    assert client.get("/articles/sleep-guide/")["Location"] == "/articles/sleep/"


def restore_first_version_any(client, obj) -> None:
    first = Version.objects.get_for_object(obj).order_by("pk").first()
    url = admin_url(obj, "revision", first.pk)
    data = submitted_form(client.get(url).content.decode(), change_note="Back again.")
    assert client.post(url, data).status_code == 302


def test_the_restore_page_tells_a_user_who_may_only_view_that_they_cannot_put_it_back(
    starter_content, client
):
    """It told them to press Save, and they have no Save button."""
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_food"))
    client.force_login(viewer)
    chia = Food.objects.get(name__icontains="chia")
    first = Version.objects.get_for_object(chia).order_by("pk").first()
    page = client.get(admin_url(chia, "revision", first.pk)).content.decode()
    assert "You can read it below but not put it back: that takes permission to change " in page
    assert "press Save" not in page
    assert 'name="_save"' not in page
