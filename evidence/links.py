"""The internal-link kind this app owns: `[[evidence:<outcome-slug>]]`."""

from articles.rendering import LinkTarget, register_link_kind


def resolve_outcomes(slugs: set[str]) -> dict[str, LinkTarget]:
    from evidence.models import Outcome

    return {
        outcome.slug: LinkTarget(f"Evidence: {outcome.name}", outcome.get_absolute_url())
        for outcome in Outcome.objects.filter(slug__in=slugs).only("name", "slug")
    }


def evidence_slugs() -> list[str]:
    from evidence.models import Outcome

    return list(Outcome.objects.values_list("slug", flat=True))


def register() -> None:
    register_link_kind("evidence", resolve_outcomes, slugs=evidence_slugs)
