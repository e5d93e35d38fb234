"""The articles app's models, one module per concern; every name is importable from here."""

from articles.models.content import (
    Article,
    ArticleQuerySet,
    StarterRecord,
    Topic,
    TopicQuerySet,
)
from articles.models.images import ALT_PLACEHOLDER, UploadedImage, image_markdown
from articles.models.letter_case import (
    UniqueInAnyCase,
    lower_case_check,
    lower_case_only,
    unique_in_any_case,
)
from articles.models.moved import MovedPage
from articles.models.publishing import (
    ConstraintsBesideFields,
    ContentVersion,
    EditTracked,
    PlainTextChecked,
    Publishable,
    PublishableQuerySet,
    PublishStatus,
    batched_content_changes,
    public_as_saved,
    publishable_models,
)
from articles.models.references import Reference, ReferenceKind
from articles.models.rendered import (
    ContentLink,
    ContentLinkQuerySet,
    LinkTarget,
    RenderedMarkdownModel,
    is_draft,
    pages_linking_refreshed_once,
    problems_in,
    publish_due_pages,
    refresh_links_to_pages_published_since,
    refresh_pages_linking_to,
)

__all__ = [
    "ALT_PLACEHOLDER",
    "Article",
    "ArticleQuerySet",
    "ConstraintsBesideFields",
    "ContentLink",
    "ContentLinkQuerySet",
    "ContentVersion",
    "EditTracked",
    "LinkTarget",
    "MovedPage",
    "PlainTextChecked",
    "PublishStatus",
    "Publishable",
    "PublishableQuerySet",
    "Reference",
    "ReferenceKind",
    "RenderedMarkdownModel",
    "StarterRecord",
    "Topic",
    "TopicQuerySet",
    "UniqueInAnyCase",
    "UploadedImage",
    "batched_content_changes",
    "image_markdown",
    "is_draft",
    "lower_case_check",
    "lower_case_only",
    "pages_linking_refreshed_once",
    "problems_in",
    "public_as_saved",
    "publish_due_pages",
    "publishable_models",
    "refresh_links_to_pages_published_since",
    "refresh_pages_linking_to",
    "unique_in_any_case",
]
