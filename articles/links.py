"""The internal-link kinds this app owns: `[[article:slug]]` and `[[topic:slug]]`."""

from articles.rendering import LinkTarget, register_link_kind


def resolve_articles(slugs: set[str]) -> dict[str, LinkTarget]:
    from articles.models import Article

    return {
        article.slug: LinkTarget(
            article.title, article.get_absolute_url(), public=article.is_public
        )
        for article in Article.objects.filter(slug__in=slugs).only(
            "title", "slug", "status", "published_at"
        )
    }


def resolve_topics(slugs: set[str]) -> dict[str, LinkTarget]:
    from articles.models import Topic

    return {
        topic.slug: LinkTarget(topic.name, topic.get_absolute_url())
        for topic in Topic.objects.filter(slug__in=slugs)
    }


def article_slugs() -> list[str]:
    from articles.models import Article

    return list(Article.objects.values_list("slug", flat=True))


def topic_slugs() -> list[str]:
    from articles.models import Topic

    return list(Topic.objects.values_list("slug", flat=True))


def register() -> None:
    register_link_kind("article", resolve_articles, slugs=article_slugs)
    register_link_kind("topic", resolve_topics, slugs=topic_slugs)
