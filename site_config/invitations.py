"""Editors choose their own password from a link that `manage.py add_editor` prints: no
password passes through the operator's hands or terminal. The link is Django's password
reset token, so it works once (setting a password changes what it was made from) and for
PASSWORD_RESET_TIMEOUT (Django's default: three days). Choosing the password logs the editor
in."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def link_days() -> int:
    """How many days a link works: PASSWORD_RESET_TIMEOUT, in whole days."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def password_link(user, site: str) -> str:
    """The address at which `user` chooses a password, on the site at `site`."""
    path = reverse(
        "password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site.rstrip("/") + path


class SetPasswordView(PasswordResetConfirmView):
    template_name = "admin/set_password.html"
    success_url = reverse_lazy("admin:index")
    post_reset_login = True
    # django-axes adds its own backend, which cannot log a user in by itself.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    # Like every other page: GET shows the form, POST sets the password; nothing else. Django's
    # view reads the link before it looks at the method, so the method is checked first.
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # The admin's header and title, as on its other pages.
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
            "title": "Choose your password",
            "link_days": link_days(),
            # Its sidebar would list the apps of a user not logged in yet: "You don't have
            # permission to view or edit anything."
            "is_nav_sidebar_enabled": False,
        }
