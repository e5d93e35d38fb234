"""A CSV import made from an export older than another editor's save does not quietly undo
that save: the row is flagged in the preview and left as stored unless the editor ticks
"Save over their newer versions" (comparisons/import_stale_rows.py)."""

import threading

import pytest
import tablib
from django import db
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from comparisons.models import Food, MagnesiumCompound
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.factories import FoodFactory, ReferenceFactory, StaffFactory
from tests.helpers import load_starter_content, submitted_form

pytestmark = pytest.mark.django_db

ALMONDS, CHIA, SPINACH = "Almonds, dry roasted", "Chia seeds", "Spinach, boiled"
CONFIRM = "/admin/comparisons/food/process_import/"


@pytest.fixture
def starter():
    load_starter_content()


def save_in_the_admin(model: str, record, username: str, **changes) -> None:
    """Another editor opens the record's change form, changes it and saves (as a minor
    change, unless `changes` give a change note)."""
    client = Client()
    client.force_login(StaffFactory(username=username, first_name="", last_name=""))
    url = reverse(f"admin:comparisons_{model}_change", args=[record.pk])
    changes = {"minor_change": "on", **changes}
    data = submitted_form(client.get(url).content.decode(), **changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def with_changes(exported: tablib.Dataset, key: str, value: str, **changes) -> tablib.Dataset:
    rows = exported.dict
    for row in rows:
        if str(row[key]) == value:
            row.update(changes)
    dataset = tablib.Dataset(headers=exported.headers)
    for row in rows:
        dataset.append([row[column] for column in exported.headers])
    return dataset


def upload(client, model: str, dataset: tablib.Dataset) -> str:
    file = SimpleUploadedFile(f"{model}.csv", dataset.csv.encode(), content_type="text/csv")
    response = client.post(
        f"/admin/comparisons/{model}/import/", {"import_file": file, "format": "0"}
    )
    return response.content.decode()


@pytest.fixture
def stale_file(starter):
    """The scenario of the audit: the foods exported; editor2 then changes Almonds 80 → 82
    in the admin; the file's only edit is Chia's figure."""
    almonds, chia = Food.objects.get(name=ALMONDS), Food.objects.get(name=CHIA)
    assert almonds.mg == 80
    exported = FoodResource().export()
    save_in_the_admin("food", almonds, "editor2", mg="82")
    return with_changes(exported, "name", CHIA, mg=chia.mg + 1)


def test_a_row_saved_in_the_admin_after_the_export_is_flagged_in_the_preview(
    staff_client, stale_file
):
    html = upload(staff_client, "food", stale_file)
    line = [row["name"] for row in stale_file.dict].index(ALMONDS) + 2
    stale = html.split('<div class="save-choice import-stale">')[1].split("</form>")[0]
    assert "Changed in the admin after this file was exported" in stale
    assert f"Line {line}, {ALMONDS}: saved by editor2 on " in stale
    assert "what their save changed" in stale
    assert 'name="save_over"' in stale and "Save over their newer versions" in stale
    assert "0 new, 2 changed (1 of them changed in the admin since the export" in html
    assert "Changed since your export" in html  # marked in the preview's table too


def test_confirming_without_the_box_keeps_the_later_save_and_imports_the_rest(
    staff_client, stale_file
):
    chia_before = Food.objects.get(name=CHIA).mg
    html = upload(staff_client, "food", stale_file)
    response = staff_client.post(CONFIRM, submitted_form(html, minor_change="on"), follow=True)
    page = response.content.decode()
    assert Food.objects.get(name=ALMONDS).mg == 82
    assert Food.objects.get(name=CHIA).mg == chia_before + 1
    assert "Left as they are, because someone saved them in the admin after your file" in page
    assert ALMONDS in page.split("Left as they are")[1]


def test_ticking_save_over_imports_the_row_over_the_later_save(staff_client, stale_file):
    html = upload(staff_client, "food", stale_file)
    assert 'name="save_over"' in html
    response = staff_client.post(
        CONFIRM, submitted_form(html, save_over="on", minor_change="on"), follow=True
    )
    assert Food.objects.get(name=ALMONDS).mg == 80
    assert "Left as they are" not in response.content.decode()


def test_the_box_saves_over_only_the_version_the_preview_named(staff_client, stale_file):
    """A third save between the preview and the confirm is not one the editor saw."""
    html = upload(staff_client, "food", stale_file)
    save_in_the_admin("food", Food.objects.get(name=ALMONDS), "editor3", mg="84")
    response = staff_client.post(
        CONFIRM, submitted_form(html, save_over="on", minor_change="on"), follow=True
    )
    assert Food.objects.get(name=ALMONDS).mg == 84
    assert "Left as they are" in response.content.decode()


def test_a_row_saved_since_the_preview_is_kept_too(staff_client, starter):
    almonds = Food.objects.get(name=ALMONDS)
    dataset = with_changes(FoodResource().export(), "name", ALMONDS, serving="2 oz")
    html = upload(staff_client, "food", dataset)
    assert "Changed in the admin after this file was exported" not in html
    save_in_the_admin("food", almonds, "editor2", mg="82")
    staff_client.post(CONFIRM, submitted_form(html, minor_change="on"), follow=True)
    almonds.refresh_from_db()
    assert (almonds.mg, almonds.serving) == (82, "1 oz")


def test_only_a_row_that_would_undo_a_later_save_is_flagged(staff_client, starter):
    """Both foods were saved after the export; the file already has Almonds' new figure,
    so importing it undoes nothing, while Spinach's old serving would undo editor2's."""
    exported = FoodResource().export()
    save_in_the_admin("food", Food.objects.get(name=ALMONDS), "editor2", mg="82")
    save_in_the_admin("food", Food.objects.get(name=SPINACH), "editor2", serving="1 cup")
    dataset = with_changes(exported, "name", ALMONDS, mg=82)
    html = upload(staff_client, "food", with_changes(dataset, "name", SPINACH, mg=79))
    stale = html.split('<div class="save-choice import-stale">')[1].split("</ul>")[0]
    assert SPINACH in stale
    assert ALMONDS not in stale


def test_a_file_without_edit_tokens_says_the_check_could_not_be_made(staff_client, starter):
    """Exported before the column was added: imported as before, with a notice."""
    exported = FoodResource().export()
    del exported["edit_token"]
    save_in_the_admin("food", Food.objects.get(name=ALMONDS), "editor2", mg="82")
    dataset = with_changes(exported, "name", CHIA, mg=112)
    html = upload(staff_client, "food", dataset)
    assert "This file has no edit_token column" in html
    assert "could not check whether anyone changed these foods in the admin" in html
    assert f"({ALMONDS})" in html and f"({CHIA})" in html
    staff_client.post(CONFIRM, submitted_form(html, minor_change="on"), follow=True)
    assert Food.objects.get(name=ALMONDS).mg == 80
    assert Food.objects.get(name=CHIA).mg == 112


def test_a_forms_row_saved_since_the_export_is_flagged_too(staff_client, starter):
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    exported = MagnesiumCompoundResource().export()
    save_in_the_admin(
        "magnesiumcompound",
        glycinate,
        "editor2",
        summary="Changed by editor2.",
        change_note="",
        minor_change="on",
    )
    html = upload(staff_client, "magnesiumcompound", exported)
    assert "Changed in the admin after this file was exported" in html
    assert "Magnesium glycinate: saved by editor2 on " in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
@pytest.mark.django_db(transaction=True)
def test_an_admin_save_made_while_the_import_saves_its_row_is_not_written_over(staff_client):
    """Another editor saves Almonds just after the import checked its token, before the
    import writes the row: their save waits for the import and is then refused as stale,
    with their text kept, rather than going through and being quietly written over."""
    almonds = FoodFactory(name=ALMONDS, mg=80, refs=[ReferenceFactory()])
    exported = FoodResource().export()
    html = upload(staff_client, "food", with_changes(exported, "name", ALMONDS, serving="2 oz"))
    other = Client()
    other.force_login(StaffFactory(username="editor2"))
    url = reverse("admin:comparisons_food_change", args=[almonds.pk])
    their_form = submitted_form(other.get(url).content.decode(), mg="82", minor_change="on")
    answers = []

    def their_save() -> None:
        try:
            answers.append(other.post(url, their_form))
        finally:
            db.connection.close()

    def between_check_and_save(sender, instance, **kwargs):
        if instance.pk == almonds.pk and not answers and threading.current_thread() is main:
            saving = threading.Thread(target=their_save)
            saving.start()
            saving.join(timeout=3)  # done at once unless the import holds the row
            threads.append(saving)

    main, threads = threading.current_thread(), []
    pre_save.connect(between_check_and_save, sender=Food, dispatch_uid="between")
    try:
        staff_client.post(CONFIRM, submitted_form(html, minor_change="on"), follow=True)
    finally:
        pre_save.disconnect(sender=Food, dispatch_uid="between")
        for thread in threads:
            thread.join()
    almonds.refresh_from_db()
    [answer] = answers
    assert answer.status_code == 200, "their save went through"
    assert "saved a newer version of this page" in answer.content.decode()
    assert (almonds.mg, almonds.serving) == (80, "2 oz")
