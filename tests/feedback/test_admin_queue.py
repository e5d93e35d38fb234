"""The editors' queue: every report field is shown as text, never as HTML, and its actions
change reports only for editors who may, each change kept in the report's History."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from feedback.models import Report
from site_config.editors import GROUP_NAME, sync_editor_permissions
from tests.factories import MagnesiumCompoundFactory, StaffFactory, TopicFactory, UserFactory
from tests.security.xss import VECTORS, executable_parts

pytestmark = pytest.mark.django_db


def queue_pages(client, report: Report) -> list[str]:
    return [
        client.get(reverse("admin:feedback_report_changelist")).content.decode(),
        client.get(reverse("admin:feedback_report_change", args=[report.pk])).content.decode(),
        client.get(reverse("admin:index")).content.decode(),
    ]


def stored_report(**fields) -> Report:
    """Written straight to the database, past the form's checks, as an attacker would hope."""
    values = {
        "page": "/articles/x/",
        "text": "A plain report about a figure.",
        "source_url": "https://example.org/",
        "email": "reader@example.org",
        "address_hash": "h" * 64,
        **fields,
    }
    return Report.objects.create(**values)


@pytest.mark.parametrize("vector", VECTORS)
def test_every_report_field_is_inert_in_the_admin_queue(admin_client, vector):
    baseline = [executable_parts(html) for html in queue_pages(admin_client, stored_report())]
    Report.objects.all().delete()
    report = stored_report(
        page=("/" + vector)[:300],
        text=(vector * 2)[:5000].ljust(10, "."),
        source_url=vector[:500],
        email=vector[:254],
    )
    for before, html in zip(baseline, queue_pages(admin_client, report), strict=True):
        assert executable_parts(html) == before, vector


def test_reports_cannot_be_added_in_admin(admin_client):
    response = admin_client.get(reverse("admin:feedback_report_add"))
    assert response.status_code == 403


def test_queue_filters_by_status_and_page(admin_client):
    stored_report(page="/foods/", text="Pumpkin seed figure is off.")
    stored_report(page="/calculator/", text="Calculator rounding.", status="declined")
    url = reverse("admin:feedback_report_changelist")
    new = admin_client.get(url, {"status__exact": "new"}).content.decode()
    assert "Pumpkin seed figure is off." in new
    assert "Calculator rounding." not in new
    on_page = admin_client.get(url, {"page": "/calculator/"}).content.decode()
    assert "Calculator rounding." in on_page
    assert "Pumpkin seed figure is off." not in on_page


def test_the_admin_index_counts_new_reports_only(admin_client):
    stored_report()
    stored_report()
    stored_report(status="fixed")
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "2 new reader reports to review" in html


def test_the_form_admin_asks_for_a_change_note_too(admin_client):
    compound = MagnesiumCompoundFactory()
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="change_note"' in html
    assert 'name="minor_change"' in html


def test_editors_can_work_the_queue(client):
    sync_editor_permissions()
    editor = StaffFactory()
    editor.groups.add(Group.objects.get(name=GROUP_NAME))
    client.force_login(editor)
    report = stored_report(text="The dose table is missing a row.")
    assert "1 new reader report to review" in client.get(reverse("admin:index")).content.decode()
    url = reverse("admin:feedback_report_change", args=[report.pk])
    assert client.post(url, {"status": "accepted"}).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED


def test_queue_names_only_the_pages_of_the_reports_it_shows(admin_client):
    """Its filters do not list every page ever reported: thousands on a large site."""
    Report.objects.bulk_create(
        Report(page=f"/articles/page-{n:03d}/", text="A figure is off.", address_hash="h")
        for n in range(120)
    )
    html = admin_client.get(reverse("admin:feedback_report_changelist")).content.decode()
    shown = sum(f"/articles/page-{n:03d}/" in html for n in range(120))
    assert shown == 100  # one page of the queue


def test_a_report_links_to_the_change_form_of_the_page_it_is_about(admin_client):
    compound = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    on_page = stored_report(page="/forms/magnesium-citrate/")
    on_changes = stored_report(page="/forms/magnesium-citrate/changes/")
    on_table = stored_report(page="/foods/")
    edit = reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])
    for report in (on_page, on_changes):
        html = admin_client.get(reverse("admin:feedback_report_change", args=[report.pk]))
        html = html.content.decode()
        assert f'<a href="{edit}">Edit “Magnesium citrate”</a>. When you save the fix' in html
        assert "choose this report under “Fixes a reader&#x27;s report”" in html
    html = admin_client.get(reverse("admin:feedback_report_change", args=[on_table.pk]))
    assert "This page is built from many records" in html.content.decode()


def test_a_report_on_a_topic_says_to_mark_it_fixed_after_the_edit(admin_client):
    topic = TopicFactory(slug="sleep", name="Sleep")
    report = stored_report(page="/topics/sleep/")
    html = admin_client.get(reverse("admin:feedback_report_change", args=[report.pk]))
    html = html.content.decode()
    edit = reverse("admin:articles_topic_change", args=[topic.pk])
    assert f'<a href="{edit}">Edit “Sleep”</a>. When you have saved the fix, set this' in html


def run_queue_action(client, action: str, reports: list[Report]):
    data = {"action": action, "_selected_action": [report.pk for report in reports]}
    return client.post(reverse("admin:feedback_report_changelist"), data, follow=True)


def test_a_user_who_may_only_view_reports_cannot_mark_them(client):
    """An editor audit found a view-only user could accept and decline reports in bulk."""
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(viewer)
    report = stored_report()

    queue = client.get(reverse("admin:feedback_report_changelist")).content.decode()
    assert "Mark the selected reports" not in queue
    for action in ("mark_accepted", "mark_declined"):
        run_queue_action(client, action, [report])
    report.refresh_from_db()
    assert report.status == Report.Status.NEW
    assert not LogEntry.objects.exists()


def test_marking_reports_declined_is_kept_in_each_reports_history(admin_client):
    first, second = stored_report(), stored_report(status="accepted")

    response = run_queue_action(admin_client, "mark_declined", [first, second])

    assert "2 reports marked declined." in response.content.decode()
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == Report.Status.DECLINED
        history = reverse("admin:feedback_report_history", args=[report.pk])
        assert "Marked declined." in admin_client.get(history).content.decode()


def test_marking_reports_accepted_leaves_a_fixed_report_fixed_and_says_so(admin_client):
    new, fixed = stored_report(), stored_report(status="fixed")

    response = run_queue_action(admin_client, "mark_accepted", [new, fixed])

    assert "1 report marked accepted; 1 already fixed was left as it is." in (
        response.content.decode()
    )
    new.refresh_from_db()
    fixed.refresh_from_db()
    assert (new.status, fixed.status) == ("accepted", "fixed")
    assert LogEntry.objects.filter(object_id=str(fixed.pk)).count() == 0
