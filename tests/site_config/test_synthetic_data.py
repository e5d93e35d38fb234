"""generate_synthetic_data fills only an empty, dedicated database, with labelled rows."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ContentLink, Topic
from articles.rendering import render_markdown
from comparisons.models import MagnesiumCompound
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SMALL = {"articles": 50, "forms": 5, "references": 10, "topics": 3, "foods": 4}


def test_generates_the_requested_sizes_clearly_labelled(client):
    call_command("generate_synthetic_data", "--i-know-this-is-not-content", **SMALL)
    assert Article.objects.published().count() == 50
    assert MagnesiumCompound.objects.count() == 5
    assert ContentLink.objects.count() == 50 * 6  # five articles and one form each
    assert all(
        title.startswith("Synthetic ") for title in Article.objects.values_list("title", flat=True)
    )
    assert Topic.objects.get(slug="synthetic-data").articles.count() == 50
    assert client.get("/articles/synthetic-article-00042/").status_code == 200
    assert "Synthetic article 00042" in client.get("/search/?q=synthetic+00042").content.decode()


def test_stored_html_is_what_the_renderer_makes_of_the_body():
    """Bodies are rendered once per template; each article's HTML must still be exactly the
    renderer's output for its own Markdown, links and citations resolved."""
    call_command("generate_synthetic_data", "--i-know-this-is-not-content", **SMALL)
    for article in Article.objects.order_by("?")[:5]:
        rendered = render_markdown(article.body)
        assert rendered.html == article.body_html
        assert rendered.broken_links == []
        assert rendered.citations == article.citations


def test_refuses_a_database_not_named_for_synthetic_data():
    with pytest.raises(CommandError, match="name does not contain"):
        call_command("generate_synthetic_data", **SMALL)
    assert not Article.objects.exists()


def test_refuses_a_database_with_content_even_when_confirmed():
    ArticleFactory(title="A real article")
    with pytest.raises(CommandError, match="already holds"):
        call_command("generate_synthetic_data", "--i-know-this-is-not-content", **SMALL)
    assert Article.objects.count() == 1
