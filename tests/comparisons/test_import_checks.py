"""A CSV file that is too large, too long, names a record twice or has rows of uneven
length is refused as a whole, with a message saying what to do, before any of its rows is
imported; nothing changes."""

import html
import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from import_export.formats.base_formats import CSV

from comparisons import import_checks
from comparisons.models import Food, MagnesiumCompound
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from feedback.models import ChangeNote
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


def forms_file(*edits: tuple[str, dict]) -> bytes:
    """The exported forms table, then one row more for each (slug, changes): a second row
    for a form already in the file."""
    exported = MagnesiumCompoundResource().export()
    rows = exported.dict
    for slug, changes in edits:
        row = next(row for row in exported.dict if row["slug"] == slug)
        rows.append({**row, **changes})
    dataset = tablib.Dataset(headers=exported.headers)
    for row in rows:
        dataset.append([row[column] for column in exported.headers])
    return dataset.csv.encode()


def line_of(slug: str) -> int:
    """The line of a form's row in the exported file (the column names are line 1)."""
    slugs = [row["slug"] for row in MagnesiumCompoundResource().export().dict]
    return slugs.index(slug) + 2


def test_a_forms_file_naming_a_form_twice_is_refused_naming_the_slug_and_both_lines(
    staff_client, starter
):
    before = table(MagnesiumCompound)
    notes = ChangeNote.objects.count()
    content = forms_file(("magnesium-glycinate", {"name": "Glycinate, renamed"}))
    html = upload(staff_client, "magnesiumcompound", content).content.decode()
    last = MagnesiumCompound.objects.count() + 2
    assert (
        f"Lines {line_of('magnesium-glycinate')} and {last} both have the slug "
        "“magnesium-glycinate”. A file may hold each form of magnesium once"
    ) in html
    assert "Nothing was imported." in html
    assert "Confirm import" not in html
    assert "Traceback" not in html
    assert table(MagnesiumCompound) == before
    assert ChangeNote.objects.count() == notes


def test_a_file_naming_a_form_twice_writes_nothing_for_any_caller(starter):
    before = table(MagnesiumCompound)
    dataset = tablib.Dataset().load(
        forms_file(("magnesium-oxide", {"summary": "Changed twice."})).decode(), format="csv"
    )
    result = MagnesiumCompoundResource().import_data(dataset, dry_run=False)
    assert result.has_errors() and not result.rows
    assert "both have the slug “magnesium-oxide”" in str(result.base_errors[0].error)
    assert table(MagnesiumCompound) == before


def test_the_same_slug_with_spaces_around_it_is_the_same_form(staff_client, starter):
    content = forms_file(("magnesium-oxide", {"slug": " magnesium-oxide "}))
    html = upload(staff_client, "magnesiumcompound", content).content.decode()
    assert "both have the slug “magnesium-oxide”" in html


def foods_file(*rows: str) -> bytes:
    return ("name,group,serving,mg,refs,id\n" + "\n".join(rows) + "\n").encode()


def test_a_foods_file_with_an_id_twice_is_refused_naming_the_id_and_both_lines(
    staff_client, starter
):
    banana = Food.objects.get(name="Banana")
    before = table(Food)
    content = foods_file(
        f"Banana,fruit,1 medium,33,,{banana.pk}",
        "Kale,vegetables,1 cup,19,,",
        f"Plantain,fruit,1 medium,40,,{banana.pk}",
    )
    html = upload(staff_client, "food", content).content.decode()
    assert f"Lines 2 and 4 both have the id “{banana.pk}”. A file may hold each food once" in html
    assert "Confirm import" not in html
    assert table(Food) == before


def test_a_food_named_by_its_id_and_by_its_name_is_refused_as_the_same_food(staff_client, starter):
    banana = Food.objects.get(name="Banana")
    content = foods_file(f"Banana,fruit,1 medium,33,,{banana.pk}", "Banana,fruit,1 large,40,,")
    html = upload(staff_client, "food", content).content.decode()
    assert (
        f"Line 2 has the id “{banana.pk}” and line 3 the name “Banana” and no id, the same food."
    ) in html


def test_a_new_food_twice_without_an_id_is_refused(staff_client, starter):
    content = foods_file("Kale,vegetables,1 cup,19,,", "Kale,vegetables,2 cups,38,,")
    html = upload(staff_client, "food", content).content.decode()
    assert "Lines 2 and 3 both have the name “Kale” and no id." in html
    assert not Food.objects.filter(name="Kale").exists()


def test_different_foods_in_one_file_are_imported(staff_client, starter):
    banana = Food.objects.get(name="Banana")
    content = foods_file(
        f"Banana,fruit,1 medium,34,ods-magnesium-hp,{banana.pk}",
        "Kale,vegetables,1 cup,19,ods-magnesium-hp,",
    )
    html = upload(staff_client, "food", content).content.decode()
    assert "1 new, 1 changed" in html and "Confirm import" in html


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
    content = foods_file(
        *[f"Food number {n},fruit,1 medium,{n},ods-magnesium-hp," for n in range(5)]
    )
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


def refusal(response) -> str:
    """The message above the import form, as the editor reads it."""
    return html.unescape(
        re.search(r'class="errorlist[^>]*>\s*<li>(.*?)</li>', response.text, re.S)[1]
    )


def test_a_file_saved_with_semicolons_is_refused_saying_to_save_it_with_commas(
    staff_client, starter
):
    """A spreadsheet set to a language with decimal commas saves "CSV" with semicolons;
    a decimal comma then gives a row more values than the line of column names."""
    before = table(Food)
    content = b"name;group;serving;mg;refs\nAlmonds;seeds-nuts;1 oz;80,5;\n"
    message = refusal(upload(staff_client, "food", content))
    assert message.startswith("The rows of this file have different numbers of columns")
    assert "Line 2 has 2 values where the line of column names has 1." in message
    assert "separated by semicolons, not commas" in message
    assert "Nothing was imported." in message
    assert "()" not in message
    assert table(Food) == before


def test_a_row_with_a_comma_too_many_is_refused_naming_its_line(staff_client, starter):
    before = table(Food)
    content = foods_file("Kale,vegetables,1 cup,19,,", "Spinach,vegetables,1 cup, cooked,157,,")
    message = refusal(upload(staff_client, "food", content))
    assert "Line 3 has 7 values where the line of column names has 6." in message
    assert "a comma too many or too few" in message
    assert "semicolons" not in message and "()" not in message
    assert table(Food) == before


def test_a_read_failure_without_a_message_shows_no_empty_brackets(
    staff_client, starter, monkeypatch
):
    def fail(self, in_stream, **kwargs):
        raise ValueError()

    monkeypatch.setattr(CSV, "create_dataset", fail)
    message = refusal(upload(staff_client, "food", foods_file("Kale,vegetables,1 cup,19,,")))
    assert message == "This file could not be read as CSV. Nothing was imported."
