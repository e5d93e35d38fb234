"""The gunicorn master compiles the site's templates before it forks its workers."""

import gc

from django.template import engines

from site_config.warmup import warm


def cached_loader():
    return engines["django"].engine.template_loaders[0]


def cached_template_names() -> set[str]:
    loader = cached_loader()
    # The cache also remembers misses, as the exception class.
    cached = loader.get_template_cache.values()
    return {entry.origin.template_name for entry in cached if hasattr(entry, "origin")}


def test_warmup_compiles_every_public_template_and_no_admin_one():
    """Runs without database access: pytest-django refuses a query in a test with no db
    mark, as a connection opened in the master would be shared by every forked worker."""
    cached_loader().reset()  # forget what earlier tests in this process rendered
    assert cached_template_names() == set()
    try:
        compiled = warm()
    finally:
        gc.unfreeze()
    assert {"base.html", "articles/article_detail.html", "comparisons/forms_table.html"} <= set(
        compiled
    )
    assert {"comparisons/_forms_row.html", "django/forms/widgets/radio.html"} <= set(compiled)
    assert not any(name.startswith("admin/") for name in compiled)
    cached = cached_template_names()
    assert {"base.html", "home.html", "comparisons/_forms_row.html"} <= cached
    assert "django/forms/widgets/radio.html" in cached
