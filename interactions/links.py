"""The internal-link kind this app owns: `[[medicine:<slug>]]`."""

from articles.links import register_model_kind


def register() -> None:
    register_model_kind("medicine", "interactions.Medicine", "name")
