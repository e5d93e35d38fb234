"""The internal-link kinds this app owns: `[[form:slug]]` and `[[compare:slug]]`."""

from articles.rendering import LinkTarget, register_link_kind


def resolve_forms(slugs: set[str]) -> dict[str, LinkTarget]:
    """A link to a draft or scheduled form is plain text to readers and the save-time check
    names it. Pages are rendered again when the form is published (on save, or when its
    scheduled time comes: see ContentVersion)."""
    from comparisons.models import MagnesiumCompound

    return {
        compound.slug: LinkTarget(
            compound.name, compound.get_absolute_url(), public=compound.is_public
        )
        for compound in MagnesiumCompound.objects.filter(slug__in=slugs).only(
            "name", "slug", "status", "published_at"
        )
    }


def resolve_comparisons(slugs: set[str]) -> dict[str, LinkTarget]:
    """As forms: a link to a draft or scheduled table is plain text to readers."""
    from comparisons.models import Comparison

    return {
        comparison.slug: LinkTarget(
            comparison.title, comparison.get_absolute_url(), public=comparison.is_public
        )
        for comparison in Comparison.objects.filter(slug__in=slugs).only(
            "title", "slug", "status", "published_at"
        )
    }


def form_slugs() -> list[str]:
    from comparisons.models import MagnesiumCompound

    return list(MagnesiumCompound.objects.values_list("slug", flat=True))


def compare_slugs() -> list[str]:
    from comparisons.models import Comparison

    return list(Comparison.objects.values_list("slug", flat=True))


def register() -> None:
    register_link_kind("form", resolve_forms, slugs=form_slugs)
    register_link_kind("compare", resolve_comparisons, slugs=compare_slugs)
