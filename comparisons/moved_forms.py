"""Forms asked for by an earlier slug, in a query rather than a path (`/forms/compare/?forms=`,
`/calculator/?form=`, the forms table's ticks `/forms/?forms=`, `/evidence/?form=`), or in a
CSV file exported before the slug changed: the slug a form has now, from the addresses it had
(articles/models/moved.py), as its page's old address answers 301 to its new one
(articles/moved_pages.py)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.contrib.contenttypes.models import ContentType

from articles.models import MovedPage
from comparisons.models import SALT_SEPARATOR, MagnesiumCompound


def moved_forms(slugs: Iterable[str], among=None) -> dict[str, str]:
    """Each earlier slug among `slugs` of a form readers can open (or of a form in the
    queryset `among`), with its slug now."""
    # The form page's address, as get_absolute_url gives it, for any text a reader typed.
    paths = {f"/forms/{slug}/": slug for slug in slugs}
    if not paths:
        return {}
    moved = MovedPage.objects.filter(
        old_path__in=paths, content_type=ContentType.objects.get_for_model(MagnesiumCompound)
    )
    by_id = {page.object_id: paths[page.old_path] for page in moved}
    forms = MagnesiumCompound.objects.published() if among is None else among
    forms = forms.filter(pk__in=by_id).only("slug")
    return {by_id[form.pk]: form.slug for form in forms}


def calculator_forms_now(values: list[str], known: Collection[str]) -> list[str] | None:
    """The calculator's `form` values (`<slug>`, or `<slug>:<salt>`) with each earlier slug
    of a form replaced by its slug now, the salt kept (a salt's slug is its own); None where
    none names an earlier slug. Only a slug not `known` is looked up, so a link naming its
    forms as they are costs no query."""
    parts = [value.strip().lower().partition(SALT_SEPARATOR) for value in values]
    unknown = {slug.strip() for slug, _sep, _salt in parts} - {""} - set(known)
    moved = moved_forms(unknown) if unknown else {}
    if not moved:
        return None
    return [
        f"{moved[slug.strip()]}{sep}{salt.strip()}" if slug.strip() in moved else value
        for (slug, sep, salt), value in zip(parts, values, strict=True)
    ]


def query_with_forms_now(pairs: list[tuple[str, str]], name: str) -> list[tuple[str, str]] | None:
    """A query's `pairs` with each earlier slug of a form in the parameter `name` (repeated
    or comma-separated: the forms table's ticks, `forms`; the evidence matrix's `form`)
    replaced by its slug now, every other value kept in its order; None where none names
    an earlier slug. Only a slug no published form has now is looked up as an earlier one."""
    asked = {
        part.strip().lower() for key, value in pairs if key == name for part in value.split(",")
    }
    asked.discard("")
    if not asked:
        return None
    current = MagnesiumCompound.objects.published().filter(slug__in=asked)
    moved = moved_forms(asked - set(current.values_list("slug", flat=True)))
    if not moved:
        return None

    def now(value: str) -> str:
        return ",".join(moved.get(part.strip().lower(), part) for part in value.split(","))

    return [(key, now(value) if key == name else value) for key, value in pairs]
