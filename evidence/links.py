"""The internal-link kind this app owns: `[[evidence:<outcome-slug>]]`."""

from articles.links import register_model_kind


def register() -> None:
    # An outcome's page is never a draft: readers can open it as soon as it is saved.
    register_model_kind(
        "evidence", "evidence.Outcome", "name", publishable=False, prefix="Evidence: "
    )
