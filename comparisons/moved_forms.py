"""Forms asked for by an earlier slug, in a query rather than a path (`/forms/compare/?forms=`):
the slug a form has now, from the addresses it had (articles/models/moved.py), as its page's
old address answers 301 to its new one (articles/moved_pages.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from articles.models import MovedPage
from comparisons.models import MagnesiumCompound


def moved_forms(slugs: Iterable[str]) -> dict[str, str]:
    """Each earlier slug among `slugs` of a form readers can open, with its slug now."""
    # The form page's address, as get_absolute_url gives it, for any text a reader typed.
    paths = {f"/forms/{slug}/": slug for slug in slugs}
    if not paths:
        return {}
    moved = MovedPage.objects.filter(
        old_path__in=paths, content_type=ContentType.objects.get_for_model(MagnesiumCompound)
    )
    by_id = {page.object_id: paths[page.old_path] for page in moved}
    forms = MagnesiumCompound.objects.published().filter(pk__in=by_id).only("slug")
    return {by_id[form.pk]: form.slug for form in forms}
