"""Django's admin of users, except that a user who has made changes in the admin is kept.

Deleting a user deletes their log entries (LogEntry.user cascades), and those are the only
record of some of their work: a change note's text before each edit (feedback/note_editing.py)
and the reports whose status they set. Deactivating the account (unticking "Active") stops
them logging in and keeps that history.
"""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from articles.admin_boxes import WordedBoxesAdmin
from articles.autocomplete import CheckedAutocompleteAdmin
from site_config.admin_lookups import check_lookups_of_every_list

User = get_user_model()


class EditorsKeptUserAdmin(WordedBoxesAdmin, CheckedAutocompleteAdmin, UserAdmin):
    def get_deleted_objects(self, objs, request):
        """A user with log entries is listed as what stops the deletion, from their own
        delete page and the list's delete action, in words of its own
        (templates/admin/auth/user/)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        users = {user.pk: user for user in objs}
        logged = (
            LogEntry.objects.filter(user__in=users)
            .values("user")
            .annotate(changes=Count("pk"))
            .order_by("user")
        )
        for row in logged:
            user, changes = users[row["user"]], row["changes"]
            url = reverse("admin:auth_user_change", args=[user.pk])
            made = "1 change" if changes == 1 else f"{changes} changes"
            protected.append(
                format_html('<a href="{}">{}</a> has made {} in the admin', url, user, made)
            )
        return deleted, counts, perms_needed, protected


admin.site.unregister(User)
admin.site.register(User, EditorsKeptUserAdmin)

# Last, with every app's admin registered (site_config is the last of INSTALLED_APPS).
check_lookups_of_every_list(admin.site)
