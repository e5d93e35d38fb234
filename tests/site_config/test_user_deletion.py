"""A user who has made changes in the admin is kept: deleting them would delete their log
entries, the only record of some of those changes (site_config/admin.py)."""

import html

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from feedback.models import Report
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def editor_who_declined_a_report() -> User:
    """An editor whose only trace is in the History: they declined a report in the queue."""
    editor = StaffFactory(username="edna")
    report = Report.objects.create(page="/foods/", text="A figure is off.", address_hash="h")
    client = Client()
    client.force_login(editor)
    client.post(reverse("admin:feedback_report_change", args=[report.pk]), {"status": "declined"})
    assert LogEntry.objects.filter(user=editor).count() == 1
    return editor


def delete_url(user) -> str:
    return reverse("admin:auth_user_delete", args=[user.pk])


def test_a_user_who_made_admin_changes_is_kept_and_the_page_says_to_deactivate_them(
    admin_client,
):
    editor = editor_who_declined_a_report()

    page = html.unescape(admin_client.get(delete_url(editor)).content.decode())
    assert "This user cannot be deleted" in page
    assert "deactivate the account instead: untick “Active”" in page
    assert "edna</a> has made 1 change in the admin" in page
    assert "protected related objects" not in page
    assert 'name="post"' not in page  # no button to confirm

    response = admin_client.post(delete_url(editor), {"post": "yes"})
    assert "This user cannot be deleted" in response.content.decode()
    assert User.objects.filter(pk=editor.pk).exists()
    assert LogEntry.objects.filter(user=editor).count() == 1


def test_the_user_lists_delete_action_keeps_users_who_made_admin_changes(admin_client):
    editor, other = editor_who_declined_a_report(), UserFactory(username="never-edited")
    data = {"action": "delete_selected", "_selected_action": [editor.pk, other.pk], "post": "yes"}

    response = admin_client.post(reverse("admin:auth_user_changelist"), data)

    page = html.unescape(response.content.decode())
    assert "The selected users cannot be deleted" in page
    assert "untick “Active” on each one's page" in page
    assert User.objects.filter(pk__in=[editor.pk, other.pk]).count() == 2


def test_a_user_who_never_changed_anything_in_the_admin_can_be_deleted(admin_client):
    user = UserFactory(username="never-edited")

    response = admin_client.post(delete_url(user), {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
