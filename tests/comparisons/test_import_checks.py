"""A CSV file that is too large or too long is refused as a whole, with a message saying
what to do, before any of its rows is imported; nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext

from comparisons import import_checks
from comparisons.models import Food
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter_content()


def upload(client, model: str, content: bytes):
    file = SimpleUploadedFile(f"{model}.csv", content, content_type="text/csv")
    return client.post(f"/admin/comparisons/{model}/import/", {"import_file": file, "format": "0"})


def table(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def foods_file(*rows: str) -> bytes:
    return ("name,group,serving,mg,refs,id\n" + "\n".join(rows) + "\n").encode()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    staff_client, starter, monkeypatch
):
    monkeypatch.setattr(import_checks, "MAX_IMPORT_BYTES", 1000)
    before = table(Food)
    content = foods_file(*[f"Food number {n},fruit,1 medium,{n},," for n in range(60)])
    assert len(content) > 1000
    with CaptureQueriesContext(connection) as queries:
        response = upload(staff_client, "food", content)
    html = response.content.decode()
    assert response.status_code == 200
    size, limit = filesizeformat(len(content)), filesizeformat(1000)
    assert f"This file is {size}; an import takes files of up to {limit} and" in html
    assert "Split it into smaller files" in html and "Nothing was imported." in html
    assert not [q for q in queries if "comparisons_food" in q["sql"]]
    assert table(Food) == before


def test_a_file_with_too_many_rows_is_refused_before_any_row_is_read(
    staff_client, starter, monkeypatch
):
    monkeypatch.setattr(import_checks, "MAX_IMPORT_ROWS", 5)
    before = table(Food)
    content = foods_file(*[f"Food number {n},fruit,1 medium,{n},," for n in range(6)])
    with CaptureQueriesContext(connection) as queries:
        html = upload(staff_client, "food", content).content.decode()
    assert "This file has 6 rows; an import takes up to 5, so that it is checked" in html
    assert "Confirm import" not in html
    assert not [q for q in queries if "comparisons_food" in q["sql"]]
    assert table(Food) == before


def test_a_file_at_the_row_limit_is_previewed(staff_client, starter, monkeypatch):
    monkeypatch.setattr(import_checks, "MAX_IMPORT_ROWS", 5)
    content = foods_file(*[f"Food number {n},fruit,1 medium,{n},," for n in range(5)])
    assert "5 new, 0 changed" in upload(staff_client, "food", content).content.decode()


def test_the_real_limits_leave_room_for_hundreds_of_rows(starter):
    """Well above the tables as they are: ten times over, at least."""
    forms, foods = MagnesiumCompoundResource().export(), FoodResource().export()
    assert 10 * max(len(forms), len(foods)) <= import_checks.MAX_IMPORT_ROWS
    assert 10 * len(forms.csv.encode()) <= import_checks.MAX_IMPORT_BYTES


@pytest.mark.parametrize("model", ["food", "magnesiumcompound"])
def test_the_import_page_says_how_large_a_file_may_be(staff_client, model):
    html = staff_client.get(f"/admin/comparisons/{model}/import/").content.decode()
    limit = filesizeformat(import_checks.MAX_IMPORT_BYTES)
    assert f"A file may hold up to {import_checks.MAX_IMPORT_ROWS} rows and {limit}" in html
