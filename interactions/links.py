"""The internal-link kind this app owns: `[[medicine:<slug>]]`."""

from articles.rendering import LinkTarget, register_link_kind


def resolve_medicines(slugs: set[str]) -> dict[str, LinkTarget]:
    from interactions.models import Medicine

    return {
        medicine.slug: LinkTarget(
            medicine.name, medicine.get_absolute_url(), public=medicine.is_public
        )
        for medicine in Medicine.objects.filter(slug__in=slugs).only(
            "name", "slug", "status", "published_at"
        )
    }


def medicine_slugs() -> list[str]:
    from interactions.models import Medicine

    return list(Medicine.objects.values_list("slug", flat=True))


def register() -> None:
    register_link_kind("medicine", resolve_medicines, slugs=medicine_slugs)
