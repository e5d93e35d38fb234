"""Addresses pages had before an editor changed their slug (articles/moved_pages.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class MovedPageQuerySet(models.QuerySet):
    def to(self, page: models.Model) -> MovedPageQuerySet:
        """The earlier addresses of `page`."""
        content_type = ContentType.objects.get_for_model(page)
        return self.filter(content_type=content_type, object_id=page.pk)


class MovedPage(models.Model):
    """A page's earlier address: readers who follow an old link, a bookmark or a search
    engine's entry reach the page at its address now (301), while the page is public."""

    old_path = models.CharField(max_length=300, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey()
    moved_at = models.DateTimeField(auto_now=True)

    objects = MovedPageQuerySet.as_manager()

    def __str__(self) -> str:
        return self.old_path

    @classmethod
    def record(cls, page: models.Model, old_path: str) -> None:
        """The page moved from `old_path`: that address now leads to it (whoever it led to
        before), and its new address is no longer anyone's old one."""
        content_type = ContentType.objects.get_for_model(page)
        cls.objects.update_or_create(
            old_path=old_path, defaults={"content_type": content_type, "object_id": page.pk}
        )
        cls.objects.filter(old_path=page.get_absolute_url()).delete()


# How deep under a moved page an address may lie and still follow it (/forms/a/changes/ is 3).
MOST_LEVELS = 8


def pages_now(paths: Iterable[str]) -> dict[str, str]:
    """Where the pages at the old addresses `paths` are now, for those readers may open: the
    old address itself, or one of its pages (/forms/old/changes/ is a page of /forms/old/ and
    follows it to /forms/new/changes/). One query for every path, and one a kind of page."""
    wanted = {
        path: [path[: at + 1] for at, char in enumerate(path) if char == "/" and at][:MOST_LEVELS]
        for path in paths
    }
    old_paths = {old for candidates in wanted.values() for old in candidates}
    if not old_paths:
        return {}
    moved = MovedPage.objects.filter(old_path__in=old_paths).prefetch_related("page")
    by_old_path = {record.old_path: record for record in moved}
    found = {}
    for path, candidates in wanted.items():
        old = max((old for old in candidates if old in by_old_path), key=len, default=None)
        page = by_old_path[old].page if old else None
        if page is not None and getattr(page, "is_public", True):
            found[path] = page.get_absolute_url() + path[len(old) :]
    return found
