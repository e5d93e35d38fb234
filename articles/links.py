"""The internal-link kinds this app owns, `[[article:slug]]` and `[[topic:slug]]`, and
`register_model_kind`, with which each app registers the kinds of its own records."""

from django.apps import apps

from articles.rendering import LinkTarget, register_link_kind
from articles.site_links import register_pages


def register_model_kind(
    kind: str, model: str, title: str, *, publishable: bool = True, prefix: str = ""
) -> None:
    """`[[kind:slug]]` links to the record of `model` ("app.Model") with that slug, named by
    its field `title`. A link to a draft or scheduled record of a publishable model is plain
    text to readers and the save-time check names it; pages are rendered again when the
    record is published (on save, or when its scheduled time comes: see ContentVersion)."""

    def resolve(slugs: set[str]) -> dict[str, LinkTarget]:
        fields = (title, "slug", *(("status", "published_at") if publishable else ()))
        return {
            record.slug: LinkTarget(
                prefix + getattr(record, title),
                record.get_absolute_url(),
                public=record.is_public if publishable else True,
            )
            for record in apps.get_model(model).objects.filter(slug__in=slugs).only(*fields)
        }

    def slugs() -> list[str]:
        return list(apps.get_model(model).objects.values_list("slug", flat=True))

    register_link_kind(kind, resolve, slugs=slugs)
    # A link written as an address, "[words](/forms/<slug>/)", is checked by the same look-up.
    register_pages(kind, model)


def register() -> None:
    register_model_kind("article", "articles.Article", "title")
    register_model_kind("topic", "articles.Topic", "name", publishable=False)
