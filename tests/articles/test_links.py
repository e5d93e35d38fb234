"""Internal links are stored on save, power backlinks, and follow their targets."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ContentLink
from tests.factories import ArticleFactory, DraftArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_links_are_stored_when_a_body_is_saved():
    ArticleFactory(slug="target")
    TopicFactory(slug="sleep")
    source = ArticleFactory(body="See [[article:target]] and [[topic:sleep]].")
    assert set(source.outgoing_links.values_list("kind", "slug")) == {
        ("article", "target"),
        ("topic", "sleep"),
    }


def test_stored_links_follow_edits_to_the_body():
    ArticleFactory(slug="target")
    source = ArticleFactory(body="See [[article:target]].")
    source.body = "No links any more."
    source.save()
    assert not source.outgoing_links.exists()


def test_renaming_a_target_updates_the_title_on_pages_linking_to_it():
    target = ArticleFactory(slug="target", title="Old title")
    source = ArticleFactory(body="See [[article:target]].")
    target.title = "New title"
    target.save()
    source.refresh_from_db()
    assert ">New title</a>" in source.body_html
    assert "Old title" not in source.body_html


def test_unpublishing_a_target_stops_pages_linking_to_it():
    target = ArticleFactory(slug="target")
    source = ArticleFactory(body="See [[article:target]].")
    target.status = Article.Status.DRAFT
    target.save()
    source.refresh_from_db()
    assert 'href="/articles/target/"' not in source.body_html
    assert "broken-link" in source.body_html


def test_publishing_a_target_turns_plain_text_into_a_link_on_pages_linking_to_it():
    target = DraftArticleFactory(slug="target", title="Target")
    source = DraftArticleFactory(body="See [[article:target]].")
    target.status = Article.Status.PUBLISHED
    target.published_at = timezone.now() - dt.timedelta(minutes=1)
    target.save()
    source.refresh_from_db()
    assert 'href="/articles/target/"' in source.body_html
    assert "broken-link" not in source.body_html


def test_a_link_to_a_page_readers_cannot_open_reads_as_words():
    """Readers saw "magnesium-malate", struck through, where a form had been renamed."""
    source = ArticleFactory(body="Try [[form:magnesium-malate]] or [[form:gone|that form]].")
    assert '<span class="broken-link">magnesium malate</span>' in source.body_html
    assert '<span class="broken-link">that form</span>' in source.body_html


def test_moving_a_target_to_a_new_slug_redraws_pages_linking_to_the_old_one():
    target = ArticleFactory(slug="target")
    source = ArticleFactory(body="See [[article:target]].")
    target.slug = "moved"
    target.save()
    source.refresh_from_db()
    assert 'href="/articles/target/"' not in source.body_html
    assert "broken-link" in source.body_html


def _queries_to_save_a_summary(target) -> int:
    target.summary = "A new summary."
    with CaptureQueriesContext(connection) as queries:
        target.save()
    return len(queries)


def test_saving_a_target_without_changing_its_link_leaves_pages_linking_to_it_alone():
    """An editor's save takes as long with forty pages linking to the target as with one:
    a new summary changes nothing those pages show."""
    lonely, popular = ArticleFactory(slug="lonely"), ArticleFactory(slug="popular")
    ArticleFactory(body="See [[article:lonely]].")
    sources = ArticleFactory.create_batch(40, body="See [[article:popular]].")
    html_before = {source.pk: source.body_html for source in sources}
    assert _queries_to_save_a_summary(popular) == _queries_to_save_a_summary(lonely)
    assert html_before == dict(
        Article.objects.filter(pk__in=html_before).values_list("pk", "body_html")
    )


def test_link_to_a_draft_is_a_validation_error_naming_the_link():
    DraftArticleFactory(slug="unfinished")
    article = ArticleFactory.build(body="See [[article:unfinished]].")
    problems = article.markdown_problems()
    assert problems == [
        "Internal link to a missing or unpublished page: [[article:unfinished]]. Check the "
        "spelling after the colon (the end of that page's address), or publish that page first."
    ]


def test_unknown_citation_key_is_a_validation_error_naming_the_key():
    article = ArticleFactory.build(body="A claim [@no-such-study].")
    assert article.markdown_problems() == [
        "Unknown citation key: [@no-such-study]. Check its spelling against the keys under "
        "References, or add the reference there first."
    ]


def test_related_articles_rank_direct_links_above_shared_topics():
    topic = TopicFactory()
    ArticleFactory(slug="linked", title="Linked from main")
    ArticleFactory(title="Shares a topic", topics=[topic])
    ArticleFactory(title="Links to main", body="See [[article:main]].")
    ArticleFactory(title="Unrelated")
    article = ArticleFactory(slug="main", topics=[topic], body="See [[article:linked]].")
    ranked = [a.title for a in article.related()]
    assert set(ranked[:2]) == {"Linked from main", "Links to main"}
    assert ranked[2:] == ["Shares a topic"]


def test_related_articles_count_shared_link_targets_and_leave_out_unpublished_ones():
    TopicFactory(slug="sleep")
    TopicFactory(slug="cramps")
    TopicFactory(slug="unrelated-topic")
    both = "[[topic:sleep]] and [[topic:cramps]]"
    ArticleFactory(title="Shares one target", body="[[topic:sleep]]")
    ArticleFactory(title="Shares two targets", body=both)
    ArticleFactory(title="Links elsewhere", body="[[topic:unrelated-topic]]")
    DraftArticleFactory(title="Draft sharing both", body=both)
    ArticleFactory(
        title="Scheduled sharing both",
        published_at=timezone.now() + dt.timedelta(days=3),
        body=both,
    )
    article = ArticleFactory(body=both)
    assert [a.title for a in article.related()] == ["Shares two targets", "Shares one target"]
    assert [a.title for a in article.related(limit=1)] == ["Shares two targets"]


def test_related_articles_rank_only_the_newest_articles_sharing_a_topic(monkeypatch):
    monkeypatch.setattr("articles.models.content.RELATED_TOPIC_POOL", 3)
    topic = TopicFactory()
    now = timezone.now()
    ArticleFactory(
        slug="old", title="Old, linked", topics=[topic], published_at=now - dt.timedelta(days=30)
    )
    for day in range(1, 6):
        ArticleFactory(
            title=f"Newer {day}", topics=[topic], published_at=now - dt.timedelta(days=day)
        )
    article = ArticleFactory(topics=[topic], body="See [[article:old]].")
    ranked = [a.title for a in article.related(limit=10)]
    assert ranked == ["Old, linked", "Newer 1", "Newer 2", "Newer 3"]


def test_backlinks_are_found_without_scanning_text():
    ArticleFactory(slug="target")
    source = ArticleFactory(body="See [[article:target]].")
    linking = ContentLink.objects.from_model(Article).to("article", "target")
    assert list(linking.values_list("source_id", flat=True)) == [source.pk]
