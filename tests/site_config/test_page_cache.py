"""Anonymous readers get cached pages; any content save makes them fresh at once."""

import datetime as dt
import gzip
import os

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from articles.models import ContentVersion
from site_config.middleware import TOKEN_KEY
from tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    MagnesiumCompoundFactory,
    TopicFactory,
)
from tests.helpers import change_form_data

pytestmark = pytest.mark.django_db

# A Redis database per pytest-xdist worker (15, 14, ...): clearing the cache empties the
# whole database, which must not pull the pages out from under another worker's test.
# TEST_REDIS_URL names one database instead, on a machine where only that one may be used
# (run this file in one process then, e.g. `-n 0`); a port where nothing listens skips them.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL") or f"redis://127.0.0.1:6379/{15 - _WORKER % 8}"
REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": "magnesium-tests",
    }
}


def redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5).ping()
    except Exception:  # no server: the Redis variant is skipped
        return False
    return True


def use_cache(settings, backend: str):
    if backend == "redis":
        if not redis_available():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        settings.CACHES = REDIS_CACHE
    caches["default"].clear()


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    use_cache(settings, request.param)
    yield request.param
    caches["default"].clear()


@pytest.fixture
def shared_cache(settings):
    """Redis, which every app process shares."""
    use_cache(settings, "redis")
    yield
    caches["default"].clear()


def test_second_anonymous_request_is_served_from_the_cache(client, cache_backend):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url())["X-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Cache"] == "hit"


def test_admin_save_makes_the_public_page_fresh_at_once(staff_client, cache_backend):
    article = ArticleFactory(body="Old sentence.")
    reader = Client()
    assert "Old sentence." in reader.get(article.get_absolute_url()).content.decode()
    response = staff_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, body="New sentence."),
    )
    assert response.status_code == 302
    page = reader.get(article.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "New sentence." in page.content.decode()
    assert "Old sentence." not in page.content.decode()


def test_a_save_refreshes_lists_and_the_home_page_too(cache_backend):
    reader = Client()
    ArticleFactory(title="First guide", featured=True)
    assert "Second guide" not in reader.get("/articles/").content.decode()
    reader.get("/")
    ArticleFactory(title="Second guide", featured=True)
    assert "Second guide" in reader.get("/articles/").content.decode()
    assert "Second guide" in reader.get("/").content.decode()


def test_staff_always_get_a_fresh_page(staff_client, cache_backend):
    article = ArticleFactory()
    staff_client.get(article.get_absolute_url())
    assert "X-Cache" not in staff_client.get(article.get_absolute_url())


def test_equivalent_query_strings_share_one_cache_entry(client, cache_backend):
    # The calculator reads both parameters and answers either order in place.
    MagnesiumCompoundFactory(slug="magnesium-glycinate")
    client.get("/calculator/?form=magnesium-glycinate&mg=500")
    assert client.get("/calculator/?mg=500&form=magnesium-glycinate")["X-Cache"] == "hit"


def test_a_repeated_parameter_in_another_order_is_another_page(client, cache_backend):
    # The forms table sorts by the last `sort`; the page cached for one order must not be
    # served for the other.
    MagnesiumCompoundFactory(name="Magnesium aspartate")
    MagnesiumCompoundFactory(name="Magnesium taurate")
    client.get("/forms/?sort=name&sort=-name")
    page = client.get("/forms/?sort=-name&sort=name")
    # (Neither is stored at all: the first `sort` of each is ignored, with a notice.)
    assert page.get("X-Cache") != "hit"
    html = page.content.decode()
    assert html.index("Magnesium aspartate</a>") < html.index("Magnesium taurate</a>")


def test_a_value_with_spaces_gets_its_own_answer_not_a_cached_page(client, cache_backend):
    topic = TopicFactory()
    ArticleFactory(topics=[topic])
    assert client.get(f"/articles/?topic={topic.slug}").status_code == 200
    # The view sends it to the canonical address; the cache must not answer with the page.
    assert client.get(f"/articles/?topic=%20{topic.slug}").status_code == 302


def test_very_long_query_strings_are_not_cached(client, cache_backend):
    response = client.get("/search/", {"q": "x" * 400})
    assert response.status_code == 200
    assert "X-Cache" not in response


def test_cached_pages_set_no_cookies_and_keep_security_headers(client, cache_backend):
    article = ArticleFactory()
    miss = client.get(article.get_absolute_url())
    hit = client.get(article.get_absolute_url())
    assert hit["X-Cache"] == "hit"
    assert not hit.cookies
    assert "object-src 'none'" in hit["Content-Security-Policy"]
    assert {name for name in hit.headers} == {name for name in miss.headers}
    assert hit.content == miss.content
    assert hit["X-Request-ID"] != miss["X-Request-ID"]


def test_pages_are_gzipped_for_browsers_that_accept_it_and_plain_for_others(client, cache_backend):
    article = ArticleFactory(title="A page worth compressing")
    url = article.get_absolute_url()
    miss = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)
    assert [miss["X-Cache"], hit["X-Cache"], plain["X-Cache"]] == ["miss", "hit", "hit"]
    for gzipped in (miss, hit):
        assert gzipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(gzipped.content) == plain.content
        assert int(gzipped["Content-Length"]) == len(gzipped.content) < len(plain.content) / 2
    assert not plain.has_header("Content-Encoding")
    assert int(plain["Content-Length"]) == len(plain.content)
    assert b"A page worth compressing" in plain.content
    for response in (miss, hit, plain):
        assert "Accept-Encoding" in response["Vary"]


def test_a_cache_hit_reads_the_content_version_only_with_local_memory(
    client, cache_backend, django_assert_num_queries
):
    """Local memory is one cache per process: the version comes from the database, the one
    place every process sees a save. Redis, shared by all of them, keeps its own token and
    a hit makes no query."""
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    with django_assert_num_queries(1 if cache_backend == "locmem" else 0):
        assert client.get(article.get_absolute_url())["X-Cache"] == "hit"


def test_a_page_rendered_before_a_save_commits_is_stale_once_it_commits(
    shared_cache, django_capture_on_commit_callbacks
):
    """Another process may render the page between the save and its commit, still seeing
    the old content: once the save commits, that page is not served."""
    article = ArticleFactory(body="Before.")
    reader = Client()
    with django_capture_on_commit_callbacks(execute=True):
        article.body = "After."
        article.save()
        assert reader.get(article.get_absolute_url())["X-Cache"] == "miss"
        assert reader.get(article.get_absolute_url())["X-Cache"] == "hit"
    assert reader.get(article.get_absolute_url())["X-Cache"] == "miss"


def test_an_evicted_shared_token_makes_every_page_fresh(shared_cache):
    article = ArticleFactory()
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Cache"] == "hit"
    caches["default"].delete(TOKEN_KEY)
    assert reader.get(article.get_absolute_url())["X-Cache"] == "miss"
    assert reader.get(article.get_absolute_url())["X-Cache"] == "hit"


def test_scheduled_article_appears_on_cached_pages_at_its_time(cache_backend):
    publish_at = dt.datetime(2031, 5, 1, 9, 0, tzinfo=dt.UTC)
    reader = Client()
    with time_machine.travel(publish_at - dt.timedelta(hours=1)):
        ArticleFactory(title="Timed guide", published_at=publish_at)
        assert "Timed guide" not in reader.get("/articles/").content.decode()
    with time_machine.travel(publish_at + dt.timedelta(minutes=1)):
        assert "Timed guide" in reader.get("/articles/").content.decode()


def test_content_version_is_bumped_by_saves_and_deletes():
    before = ContentVersion.current()
    article = ArticleFactory()
    after_save = ContentVersion.current()
    article.delete()
    assert before < after_save < ContentVersion.current()


@override_settings(CACHES=REDIS_CACHE)
def test_invalidation_reaches_other_processes_through_the_database():
    """The version lives in the database, so a process with its own local-memory cache
    still sees another process's save: simulate by bumping behind the cache's back."""
    article = ArticleFactory(body="Before.")
    reader = Client()
    reader.get(article.get_absolute_url())
    type(article).objects.filter(pk=article.pk).update(body_html="<p>After.</p>")
    ContentVersion.bump()
    assert "After." in reader.get(article.get_absolute_url()).content.decode()


def test_pages_still_work_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200


class HangingCache(BaseCache):
    """A shared cache whose every call fails, as a Redis that hangs does after its
    socket timeout (a second each, site_config/settings.py)."""

    calls = 0

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        HangingCache.calls += 1
        raise TimeoutError("Timeout reading from socket")

    get = get_many = set = add = incr = delete = clear = _fail


def test_a_page_waits_for_a_hanging_cache_once_not_on_every_call(client, settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.HangingCache"}}
    article = ArticleFactory()
    HangingCache.calls = 0
    assert client.get(article.get_absolute_url()).status_code == 200
    assert HangingCache.calls == 1


def test_local_memory_caches_of_two_processes_both_see_a_save(settings):
    """Each worker with local memory has its own cache; the version comes from the
    database, so a save through one makes the page fresh through the other."""
    article = ArticleFactory(body="Before.")
    reader = Client()
    pages = {}
    for worker in ("one", "two"):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"worker-{worker}",
            }
        }
        reader.get(article.get_absolute_url())
        pages[worker] = reader.get(article.get_absolute_url())["X-Cache"]
    assert pages == {"one": "hit", "two": "hit"}
    article.body = "After."
    article.save()  # through worker one, say: worker two's cache is not told
    page = reader.get(article.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "After." in page.content.decode()


def test_pages_are_not_kept_past_the_next_scheduled_publication(cache_backend):
    publish_at = dt.datetime(2031, 5, 1, 9, 0, tzinfo=dt.UTC)
    reader = Client()
    with time_machine.travel(publish_at - dt.timedelta(hours=1)):
        ArticleFactory(title="Timed guide", published_at=publish_at)
        reader.get("/articles/")
        assert reader.get("/articles/")["X-Cache"] == "hit"
    with time_machine.travel(publish_at + dt.timedelta(seconds=5)):
        # Due, and the timer has not run yet: fresh pages, none kept.
        page = reader.get("/articles/")
        assert "X-Cache" not in page
        assert "Timed guide" in page.content.decode()


def test_publish_scheduled_links_the_new_page_and_caching_resumes(cache_backend):
    publish_at = dt.datetime(2031, 5, 1, 9, 0, tzinfo=dt.UTC)
    reader = Client()
    with time_machine.travel(publish_at - dt.timedelta(hours=1)):
        timed = ArticleFactory(title="Timed guide", slug="timed-guide", published_at=publish_at)
        linking = ArticleFactory(body="See [[article:timed-guide]].")
        assert (
            'href="/articles/timed-guide/"'
            not in reader.get(linking.get_absolute_url()).content.decode()
        )
    with time_machine.travel(publish_at + dt.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
        page = reader.get(linking.get_absolute_url())
        assert f'href="{timed.get_absolute_url()}"' in page.content.decode()
        assert page["X-Cache"] == "miss"
        assert reader.get(linking.get_absolute_url())["X-Cache"] == "hit"


def test_publish_scheduled_does_nothing_before_the_time(cache_backend):
    publish_at = dt.datetime(2031, 5, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(publish_at - dt.timedelta(hours=1)):
        ArticleFactory(published_at=publish_at)
        version = ContentVersion.current()
        call_command("publish_scheduled", verbosity=0)
        assert ContentVersion.current() == version


def test_a_request_for_another_host_is_refused_not_cached(client, cache_backend):
    ArticleFactory()
    response = client.get("/articles/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "X-Cache" not in response


def test_junk_query_strings_are_not_stored_but_the_page_is(client, cache_backend):
    """A parameter the page does not read adds no cache entry (else made-up query strings
    could fill the cache); the page's own address is still stored and served."""
    client.get("/about/")
    for attempt in range(3):
        response = client.get(f"/about/?junk={attempt}")
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert client.get("/about/?junk=0").get("X-Cache") != "hit"
    assert client.get("/about/")["X-Cache"] == "hit"


def test_a_list_page_that_ignored_part_of_its_link_is_not_stored(client, cache_backend):
    MagnesiumCompoundFactory()
    client.get("/forms/?utm_source=x")
    assert client.get("/forms/?utm_source=x").get("X-Cache") != "hit"


def test_a_junk_session_cookie_does_not_skip_the_cache(client, cache_backend):
    article = ArticleFactory()
    client.cookies["sessionid"] = "garbage-not-a-session"
    first = client.get(article.get_absolute_url())
    assert first["X-Cache"] == "miss"
    # The cookie names no session, so the reader is told to drop it, as Django does.
    assert first.cookies["sessionid"].value == ""
    client.cookies["sessionid"] = "garbage-not-a-session"
    assert client.get(article.get_absolute_url())["X-Cache"] == "hit"


def test_an_editor_with_a_session_never_gets_or_fills_a_stored_page(staff_client, cache_backend):
    article = ArticleFactory(body="Published words.")
    reader = Client()
    reader.get(article.get_absolute_url())
    assert "X-Cache" not in staff_client.get(article.get_absolute_url())
    draft = DraftArticleFactory()
    assert staff_client.get(draft.get_absolute_url()).status_code == 200
    assert reader.get(draft.get_absolute_url()).status_code == 404
