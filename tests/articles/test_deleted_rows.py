"""An inline row another editor deleted while the page was open: the save says who deleted
it and when, keeps the editor's text as a new row, and the next save adds it back, unless
the editor removed it, or had ticked it for deletion too."""

import pytest
import reversion
from django.urls import reverse

from comparisons.models import ComparisonRow
from tests.factories import ComparisonFactory, ComparisonRowFactory, StaffFactory
from tests.helpers import submitted_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def table():
    comparison = ComparisonFactory()
    for order, feature in enumerate(["Cost", "Taste", "Speed"]):
        ComparisonRowFactory(comparison=comparison, feature=feature, order=order)
    return comparison


def open_and_delete_taste(client, table) -> tuple[str, dict]:
    """Bob opens the table; Alice deletes its "Taste" row and saves."""
    url = reverse("admin:comparisons_comparison_change", args=[table.pk])
    client.force_login(StaffFactory(username="bob"))
    bobs_copy = submitted_form(client.get(url).content.decode())
    client.force_login(StaffFactory(username="alice", first_name="Alice"))
    alices = submitted_form(client.get(url).content.decode(), **{"rows-1-DELETE": "on"})
    assert client.post(url, alices).status_code == 302
    client.force_login(StaffFactory(username="bob2", first_name="Bob"))
    return url, bobs_copy


def test_a_row_deleted_meanwhile_is_named_and_kept_as_a_new_row(client, table):
    """The table has no versions, as starter content: only the last save is known to be
    without the row, not that it deleted it."""
    url, bobs = open_and_delete_taste(client, table)
    response = client.post(url, {**bobs, "rows-1-cell_0": "Bob's taste note"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This row was deleted after you opened this page: the last save, Alice" in html
    assert "Bob&#x27;s taste note" in html
    assert list(table.rows.values_list("feature", flat=True)) == ["Cost", "Speed"]
    again = submitted_form(html, save_over="on")
    assert client.post(url, again).status_code == 302
    rows = table.rows.order_by("order")
    assert [row.feature for row in rows] == ["Cost", "Taste", "Speed"]
    assert rows[1].cells[0] == "Bob's taste note"


def test_a_row_deleted_meanwhile_and_removed_by_the_editor_stays_deleted(client, table):
    url, bobs = open_and_delete_taste(client, table)
    refused = submitted_form(client.post(url, bobs).content.decode(), save_over="on")
    # The row's ✕ takes its boxes off the page, and one fewer row is posted.
    last = int(refused["rows-TOTAL_FORMS"][0]) - 1
    kept = {k: v for k, v in refused.items() if not k.startswith(f"rows-{last}-")}
    kept["rows-TOTAL_FORMS"] = [str(last)]
    assert client.post(url, kept).status_code == 302
    assert list(table.rows.values_list("feature", flat=True)) == ["Cost", "Speed"]


def test_a_row_both_editors_deleted_is_simply_gone(client, table):
    url, bobs = open_and_delete_taste(client, table)
    refused = client.post(url, {**bobs, "rows-1-DELETE": "on"}).content.decode()
    assert "deleted this row" not in refused
    assert client.post(url, submitted_form(refused, save_over="on")).status_code == 302
    assert ComparisonRow.objects.filter(feature="Taste").count() == 0


def test_a_row_never_versioned_is_said_deleted_by_the_save_after_the_copy_opened(client):
    """A row added outside the admin has no version: its deleter was taken from the oldest
    save of the table (Carol), not Alice who deleted it."""
    carol = StaffFactory(username="carol", first_name="Carol")
    with reversion.create_revision():
        reversion.set_user(carol)
        table = ComparisonFactory()
        ComparisonRowFactory(comparison=table, feature="Cost", order=0)
    ComparisonRowFactory(comparison=table, feature="Taste", order=1)  # outside the admin
    url, bobs = open_and_delete_taste(client, table)
    html = client.post(url, bobs).content.decode()
    assert "Alice deleted this row on " in html
    assert "Carol deleted" not in html


def test_a_row_deleted_outside_the_admin_is_said_deleted_without_a_name(client, table):
    """It read "another editor deleted this row on recently"."""
    url = reverse("admin:comparisons_comparison_change", args=[table.pk])
    client.force_login(StaffFactory(username="bob"))
    bobs = submitted_form(client.get(url).content.decode())
    table.rows.filter(feature="Taste").delete()
    table.save()  # as a refresh of the starter content would
    html = client.post(url, bobs).content.decode()
    assert "This row was deleted after you opened this page, by a change no saved" in html
    assert "who deleted it and when is not known. Your text is kept here as a new row" in html
    assert "recently" not in html
