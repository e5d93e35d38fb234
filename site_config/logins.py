"""The admin login's lockout (django-axes): the user name it records for each attempt."""

from __future__ import annotations

from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The user name typed, read as django-axes reads it by default, cut to the length its
    tables hold: a longer one is a failed login like any other, not a 500 where PostgreSQL
    refuses to store it. No real account is affected, as user names are at most 150
    characters."""
    from axes.models import AccessAttempt

    source = credentials or getattr(request, "data", request.POST)
    username = source.get("username")
    if not isinstance(username, str):
        return username
    return username[: AccessAttempt._meta.get_field("username").max_length]
