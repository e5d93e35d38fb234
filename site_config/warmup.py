"""Work a gunicorn worker would otherwise repeat on its first requests, done once in the
master before it forks (gunicorn.conf.py: preload_app and when_ready).

A worker forked from a warm master serves its first page as fast as its thousandth: without
this, every new or recycled worker compiled the site's templates and built the URL resolver
while its share of readers waited, which showed as the worst latencies of a load test.
Nothing here opens a database connection: a connection made before the fork would be
shared by every worker.
"""

import gc
from pathlib import Path

from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template.loader import get_template
from django.urls import reverse

from articles import stored_pages

# Django's widget templates that the public pages draw, with the templates they include
# (the calculator's radio buttons and text inputs).
WIDGET_TEMPLATES = [
    "django/forms/widgets/radio.html",
    "django/forms/widgets/text.html",
    "django/forms/widgets/multiple_input.html",
    "django/forms/widgets/input_option.html",
    "django/forms/widgets/input.html",
    "django/forms/widgets/attrs.html",
]


def public_template_names() -> list[str]:
    """Every template of the site's own pages (the admin's are left to the workers)."""
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if path.relative_to(root).parts[0] != "admin"
    )


def warm() -> list[str]:
    """Compile the templates, build the URL resolver and fingerprint the release (the
    stamp of stored page parts, articles/stored_pages.py); returns the templates compiled."""
    reverse("home")  # the first reverse() builds the resolver's tables for every route
    stored_pages.release_fingerprint()  # reads every template and source file once
    compiled = []
    for name in public_template_names():
        get_template(name)
        compiled.append(name)
    renderer = get_default_renderer()
    for name in WIDGET_TEMPLATES:
        renderer.get_template(name)
        compiled.append(name)
    # What exists now lives as long as the process: keep it out of the collector's scans, so
    # a collection in a worker is short and does not copy these pages out of the master.
    gc.freeze()
    return compiled
