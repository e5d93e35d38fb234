"""The internal-link kinds this app owns: `[[form:slug]]` and `[[compare:slug]]`."""

from articles.links import register_model_kind


def register() -> None:
    register_model_kind("form", "comparisons.MagnesiumCompound", "name")
    register_model_kind("compare", "comparisons.Comparison", "title")
