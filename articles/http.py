"""Readers' pages answer GET and HEAD only (docs/public-surface.md, "Bad input")."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def reader_page(view):
    """GET and HEAD; any other method is a 405 that changes nothing.

    Exempt from the CSRF check, which runs before the view: without that, a POST from
    outside the site would get the 403 "form expired" page instead of the 405. The view
    refuses every method that could write, so the check has nothing to protect.
    """
    return csrf_exempt(require_safe(view))
