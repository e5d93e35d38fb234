"""Article pages kept rendered between content changes (articles/stored_pages.py).

The page cache is off here, so each request reaches the view: these tests are about the
stored main column, which serves readers whether or not the page cache is on.
"""

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError
from django.urls import set_script_prefix
from django.utils import timezone

from articles import stored_pages
from articles.models import Article, StoredPage
from tests.articles.test_admin_editing import change_form_data
from tests.factories import ArticleFactory, DraftArticleFactory, ReferenceFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def page(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_second_request_serves_the_stored_page_not_a_new_render(client):
    article = ArticleFactory(body="First words.")
    first = page(client, article)
    stored = StoredPage.objects.get(key=f"article:{article.slug}")
    # Mark the stored copy: the next page shows the mark only if it came from storage.
    StoredPage.objects.filter(pk=stored.pk).update(
        html=stored.html.replace("First words.", "Marked words.")
    )
    second = page(client, article)
    assert "Marked words." in second
    assert second.replace("Marked words.", "First words.") == first


def test_stored_page_is_the_same_page_a_fresh_render_gives(client):
    topic = TopicFactory(name="Sleep")
    ReferenceFactory(key="study-a", title="A sleep study")
    article = ArticleFactory(body="Text [@study-a].", topics=[topic])
    ArticleFactory(title="A neighbour", topics=[topic])
    rendered = page(client, article)
    assert StoredPage.objects.filter(key=f"article:{article.slug}").exists()
    assert page(client, article) == rendered
    assert "A sleep study" in rendered and "A neighbour" in rendered


def test_saving_the_article_in_admin_shows_the_change_at_once(admin_client, client):
    article = ArticleFactory(body="Old wording.")
    assert "Old wording." in page(client, article)
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, body="New wording."),
    )
    assert response.status_code == 302
    html = page(client, article)
    assert "New wording." in html and "Old wording." not in html


def test_editing_a_cited_reference_shows_on_the_article_at_once(client):
    reference = ReferenceFactory(key="trial", title="Original trial title")
    article = ArticleFactory(body="Claim [@trial].")
    assert "Original trial title" in page(client, article)
    reference.title = "Corrected trial title"
    reference.save()
    assert "Corrected trial title" in page(client, article)


def test_renaming_a_topic_shows_on_the_article_at_once(client):
    topic = TopicFactory(name="Cramps", slug="cramps")
    article = ArticleFactory(topics=[topic])
    assert ">Cramps</a>" in page(client, article)
    topic.name = "Muscle cramps"
    topic.save()
    assert ">Muscle cramps</a>" in page(client, article)


def test_a_related_article_retitled_shows_at_once(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    neighbour = ArticleFactory(title="Neighbour, first title", topics=[topic])
    assert "Neighbour, first title" in page(client, article)
    neighbour.title = "Neighbour, second title"
    neighbour.save()
    assert "Neighbour, second title" in page(client, article)


def test_unpublishing_takes_the_stored_page_down_at_once(client):
    article = ArticleFactory()
    page(client, article)
    article.status = "draft"
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_joins_related_lists_when_its_time_comes(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(
        title="Coming next week", topics=[topic], published_at=timezone.now() + dt.timedelta(days=7)
    )
    assert "Coming next week" not in page(client, article)
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        assert "Coming next week" in page(client, article)


def test_a_staff_preview_of_a_draft_is_never_stored(staff_client):
    draft = DraftArticleFactory()
    assert "Draft - not public" in staff_client.get(draft.get_absolute_url()).content.decode()
    assert not StoredPage.objects.exists()


def test_a_new_release_makes_stored_pages_stale(client, monkeypatch):
    article = ArticleFactory(body="Some text.")
    page(client, article)
    stored = StoredPage.objects.get()
    StoredPage.objects.filter(pk=stored.pk).update(html="<p>Made by an older release.</p>")
    monkeypatch.setattr(stored_pages, "release_fingerprint", lambda: "a-newer-deploy")
    html = page(client, article)
    assert "Some text." in html and "older release" not in html
    assert StoredPage.objects.get().release == "a-newer-deploy"


def test_the_page_is_served_when_storing_it_fails(client, monkeypatch):
    def busy(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(StoredPage.objects, "bulk_create", busy)
    article = ArticleFactory(body="Still readable.")
    assert "Still readable." in page(client, article)
    assert not StoredPage.objects.exists()


def test_pages_of_older_content_versions_are_removed(client):
    first, second = ArticleFactory(), ArticleFactory()
    page(client, first)
    page(client, second)
    assert StoredPage.objects.count() == 2
    second.title = "A change anywhere makes every stored page stale"
    second.save()
    page(client, first)
    assert list(StoredPage.objects.values_list("key", flat=True)) == [f"article:{first.slug}"]


def test_structured_data_names_the_host_the_reader_asked(client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    article = ArticleFactory()
    path = article.get_absolute_url()
    assert f'"url": "http://one.example{path}"' in client.get(path, HTTP_HOST="one.example").text
    stored = client.get(path, HTTP_HOST="two.example").text
    assert f'"url": "http://two.example{path}"' in stored
    assert '"item": "http://two.example/articles/"' in stored


def test_release_fingerprint_follows_templates_and_code_only(tmp_path, settings):
    for name in ["templates/page.html", "articles/views.py", "articles/notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("one")
    settings.BASE_DIR = tmp_path

    def fingerprint() -> str:
        stored_pages.release_fingerprint.cache_clear()
        return stored_pages.release_fingerprint()

    try:
        first = fingerprint()
        (tmp_path / "articles/notes.md").write_text("two")
        assert fingerprint() == first
        (tmp_path / "articles/views.py").write_text("two")
        second = fingerprint()
        assert second != first
        (tmp_path / "templates/page.html").write_text("two")
        assert fingerprint() != second
    finally:
        stored_pages.release_fingerprint.cache_clear()


def test_a_page_stored_under_one_script_prefix_is_not_served_under_another(client):
    topic = TopicFactory(slug="sleep")
    article = ArticleFactory(topics=[topic])
    path = article.get_absolute_url()
    assert 'href="/topics/sleep/"' in client.get(path).text
    # The test client does not set the prefix from SCRIPT_NAME as a WSGI server does.
    set_script_prefix("/mg/")
    try:
        mounted = client.get(path).text
    finally:
        set_script_prefix("/")
    assert 'href="/mg/topics/sleep/"' in mounted
    assert 'href="/topics/sleep/"' in client.get(path).text


def test_load_current_gives_what_current_stamp_and_load_many_give(client):
    first, second = ArticleFactory(), ArticleFactory()
    page(client, first)
    page(client, second)
    keys = [f"article:{first.slug}", f"article:{second.slug}", "article:never-stored"]
    stamp, pages = stored_pages.load_current(keys)
    assert stamp == stored_pages.current_stamp()
    assert pages == stored_pages.load_many(keys, stamp)
    assert set(pages) == set(keys[:2])


def test_load_current_gives_nothing_stored_before_the_last_save(client):
    article = ArticleFactory()
    page(client, article)
    ArticleFactory()
    stamp, pages = stored_pages.load_current([f"article:{article.slug}"])
    assert stamp == stored_pages.current_stamp()
    assert pages == {}


def test_load_current_counts_a_scheduled_change_once_its_time_comes(client):
    article = ArticleFactory()
    ArticleFactory(published_at=timezone.now() + dt.timedelta(days=7))
    page(client, article)
    key = f"article:{article.slug}"
    before, stored = stored_pages.load_current([key])
    assert key in stored
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        after, stored = stored_pages.load_current([key])
    assert after.version > before.version
    assert stored == {}
