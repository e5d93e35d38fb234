"""A reference that published pages cite is kept: its delete page says where it is cited, as
an image a page shows is kept. A key whose reference was deleted or renamed says so when a
save cites it."""

import html as html_module

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Reference
from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    DraftArticleFactory,
    ReferenceFactory,
    TopicFactory,
)
from tests.helpers import change_form_data, change_url, submitted_form

pytestmark = pytest.mark.django_db


def delete_url(reference: Reference) -> str:
    return reverse("admin:articles_reference_delete", args=[reference.pk])


def test_a_reference_a_published_article_cites_is_kept_and_its_delete_page_says_where(
    editor_client,
):
    kirkland = ReferenceFactory(key="kirkland-2018")
    article = ArticleFactory(title="Choosing a form", body="Magnesium blocks it [@kirkland-2018].")
    page = editor_client.get(delete_url(kirkland)).content.decode()
    assert "This reference stays: readers see it cited where listed below" in page
    assert "protected related objects" not in page
    admin_link = reverse("admin:articles_article_change", args=[article.pk])
    assert f'is cited in <a href="{admin_link}">Article “Choosing a form”</a>' in page
    assert 'name="post"' not in page  # no button to confirm

    response = editor_client.post(delete_url(kirkland), {"post": "yes"})
    assert "This reference stays" in response.content.decode()
    assert Reference.objects.filter(key="kirkland-2018").exists()


def test_a_topic_or_a_comparison_table_citing_it_keeps_it_too(editor_client):
    boyle = ReferenceFactory(key="boyle-2017")
    TopicFactory(name="Anxiety", body="Stress and magnesium [@boyle-2017].")
    ComparisonFactory(title="Topical or oral", body="An introduction [@boyle-2017].")
    page = editor_client.get(delete_url(boyle)).content.decode()
    assert "Topic “Anxiety”</a>" in page
    assert "Comparison “Topical or oral”</a>" in page


def test_the_delete_action_of_the_list_keeps_a_cited_reference_too(editor_client):
    cited = ReferenceFactory(key="cited-2020")
    ArticleFactory(body="A claim [@cited-2020].")
    data = {"action": "delete_selected", "_selected_action": [cited.pk], "post": "yes"}
    response = editor_client.post(reverse("admin:articles_reference_changelist"), data)
    assert "is cited in <a" in response.content.decode()
    assert Reference.objects.filter(pk=cited.pk).exists()


def test_a_reference_only_a_draft_or_another_key_cites_can_be_deleted(editor_client):
    """A draft is not published content (its next save names the deleted key), and a key
    that merely starts the same way is another reference."""
    kirkland = ReferenceFactory(key="kirkland-2018")
    ReferenceFactory(key="kirkland-2018b")
    DraftArticleFactory(body="Not out yet [@kirkland-2018].")
    ArticleFactory(body="Out [@kirkland-2018b].")
    page = editor_client.get(delete_url(kirkland)).content.decode()
    assert "Are you sure you want to delete" in page
    editor_client.post(delete_url(kirkland), {"post": "yes"})
    assert not Reference.objects.filter(key="kirkland-2018").exists()


def test_citing_a_deleted_references_key_says_it_was_deleted_and_how_to_recover_it(
    editor_client,
):
    with reversion.create_revision():
        kirkland = ReferenceFactory(key="kirkland-2018", title="Magnesium in nerves")
    editor_client.post(delete_url(kirkland), {"post": "yes"})
    draft = DraftArticleFactory(body="Fine.")
    data = change_form_data(draft, body="Magnesium blocks it [@kirkland-2018].")
    html = editor_client.post(change_url(draft), data).content.decode()
    assert "Unknown citation key: [@kirkland-2018]." in html
    assert "Its reference (“Magnesium in nerves”) was deleted on " in html
    assert " UTC by Edna: recover it under References (“Recover deleted references”)" in html
    draft.refresh_from_db()
    assert draft.body == "Fine."


def test_citing_a_renamed_references_old_key_names_its_new_one(editor_client):
    with reversion.create_revision():
        reference = ReferenceFactory(key="kirkland-2018")
    reference.key = "kirkland-2018-review"
    with reversion.create_revision():
        reference.save()
    draft = DraftArticleFactory(body="Fine.")
    data = change_form_data(draft, body="Magnesium blocks it [@kirkland-2018].")
    html = editor_client.post(change_url(draft), data).content.decode()
    assert "That reference&#x27;s key is now [@kirkland-2018-review]" in html or (
        "That reference's key is now [@kirkland-2018-review]" in html
    )


def test_a_key_no_reference_ever_had_keeps_the_spelling_hint(editor_client):
    ReferenceFactory(key="kirkland-2018")
    draft = DraftArticleFactory(body="Fine.")
    data = change_form_data(draft, body="Magnesium blocks it [@kirkland-2019].")
    html = editor_client.post(change_url(draft), data).content.decode()
    assert "Check its spelling" in html and "Did you mean [@kirkland-2018]?" in html
    assert "was deleted" not in html


def test_a_key_published_pages_cite_cannot_be_renamed_and_the_refusal_names_them(
    editor_client, client
):
    peikert = ReferenceFactory(key="peikert-1996")
    article = ArticleFactory(title="Migraine", body="Fewer attacks [@peikert-1996].")
    url = reverse("admin:articles_reference_change", args=[peikert.pk])
    data = submitted_form(editor_client.get(url).content.decode(), key="peikert-1996b")
    response = editor_client.post(url, data)
    html = html_module.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Published pages cite this reference as [@peikert-1996]: “Migraine”" in html
    assert "peikert-1996b" in html  # what the editor typed is still in the box
    peikert.refresh_from_db()
    assert peikert.key == "peikert-1996"
    assert peikert.title in client.get(article.get_absolute_url()).content.decode()

    # Once no published page cites it (a draft may), the key can change.
    article.status = Article.Status.DRAFT
    article.save()
    data = submitted_form(editor_client.get(url).content.decode(), key="peikert-1996b")
    assert editor_client.post(url, data).status_code == 302
    peikert.refresh_from_db()
    assert peikert.key == "peikert-1996b"


def test_a_references_page_lists_the_published_pages_citing_it(editor_client):
    kirkland = ReferenceFactory(key="kirkland-2018")
    article = ArticleFactory(title="Choosing a form", body="It helps [@kirkland-2018].")
    DraftArticleFactory(title="A draft citing it", body="Maybe [@kirkland-2018].")
    url = reverse("admin:articles_reference_change", args=[kirkland.pk])
    page = editor_client.get(url).content.decode()
    admin_link = reverse("admin:articles_article_change", args=[article.pk])
    assert f'<li>Cited in <a href="{admin_link}">Article “Choosing a form”</a></li>' in page
    assert "A draft citing it" not in page
    unused = ReferenceFactory(key="unused-2020")
    page = editor_client.get(reverse("admin:articles_reference_change", args=[unused.pk]))
    assert "No published page cites it yet." in page.content.decode()


def test_restoring_a_references_earlier_key_is_refused_while_pages_cite_the_key_now(
    editor_client,
):
    with reversion.create_revision():
        smith = ReferenceFactory(key="smith-2024")
    url = reverse("admin:articles_reference_change", args=[smith.pk])
    data = submitted_form(editor_client.get(url).content.decode(), key="smith-2024a")
    assert editor_client.post(url, data).status_code == 302
    ArticleFactory(title="Cramps", body="It helped [@smith-2024a].")

    first = Version.objects.get_for_object(smith).order_by("pk").first()
    restore = reverse("admin:articles_reference_revision", args=[smith.pk, first.pk])
    response = editor_client.post(
        restore, submitted_form(editor_client.get(restore).content.decode())
    )
    assert response.status_code == 200
    assert "Published pages cite this reference as [@smith-2024a]" in html_module.unescape(
        response.content.decode()
    )
    smith.refresh_from_db()
    assert smith.key == "smith-2024a"
