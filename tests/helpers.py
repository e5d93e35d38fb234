"""Helpers that tests in several folders share: what an editor's browser would post."""

from django.urls import reverse

from articles.models import Article


def change_form_data(article: Article, **overrides) -> dict:
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "topics": [t.pk for t in article.topics.all()],
        "body": article.body,
        "status": article.status,
        "published_at_0": article.published_at.strftime("%Y-%m-%d") if article.published_at else "",
        "published_at_1": article.published_at.strftime("%H:%M:%S") if article.published_at else "",
        "featured": "",
        "author": article.author,
        "reviewer": article.reviewer,
        "last_reviewed": "",
        "next_review_due": "",
        "edit_token_seen": str(article.edit_token),
        # Saving a published page asks for a change note (feedback/change_notes.py).
        "change_note": "",
        "minor_change": "on",
    }
    data.update(overrides)
    return data


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])
