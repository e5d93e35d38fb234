"""A CSV import reads a column by the file's name for it, the Export page's label or the
change form's, and says which columns it ignored (comparisons/import_columns.py)."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comparisons.models import Food
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.helpers import load_starter_content, submitted_form

pytestmark = pytest.mark.django_db

ALMONDS = "Almonds, dry roasted"


@pytest.fixture
def starter():
    load_starter_content()


def upload(client, model: str, text: str) -> str:
    file = SimpleUploadedFile(f"{model}.csv", text.encode(), content_type="text/csv")
    response = client.post(
        f"/admin/comparisons/{model}/import/", {"import_file": file, "format": "0"}
    )
    return response.content.decode()


def foods_file(headers: list[str], mg: int) -> str:
    """The exported foods with Almonds' figure set to `mg`, the columns named `headers`."""
    exported = FoodResource().export()
    dataset = tablib.Dataset(headers=headers)
    for row in exported.dict:
        if row["name"] == ALMONDS:
            row["mg"] = mg
        dataset.append([row[column] for column in exported.headers])
    return dataset.csv


EXPORT = ["name", "group", "serving", "mg", "refs", "id", "edit_token"]


@pytest.mark.parametrize(
    "mg_header",
    [
        "Mg",  # as the Export page labels it
        "Magnesium (mg per serving)",  # as the change form labels its box
        " MG ",
    ],
)
def test_a_column_named_by_its_label_is_imported_as_that_column(staff_client, starter, mg_header):
    headers = [mg_header if column == "mg" else column for column in EXPORT]
    html = upload(staff_client, "food", foods_file(headers, mg=81))
    assert "<td><del>80</del> → <ins>81</ins></td>" in html
    assert "0 new, 1 changed" in html
    assert "is not a column of this table" not in html


def test_the_export_pages_labels_name_every_column(staff_client, starter):
    """A file whose first line reads as the Export page lists the columns."""
    headers = ["Name", "Group", "Serving", "Mg", "Refs", "Id", "Edit Token"]
    html = upload(staff_client, "food", foods_file(headers, mg=81))
    assert "0 new, 1 changed" in html
    assert "could not check" not in html  # the edit tokens were read


@pytest.mark.parametrize(
    ("model", "resource"),
    [("food", FoodResource), ("magnesiumcompound", MagnesiumCompoundResource)],
)
def test_the_import_page_lists_every_column_of_a_file_from_export(staff_client, model, resource):
    """It left out edit_token, which its own help says to keep."""
    html = staff_client.get(f"/admin/comparisons/{model}/import/").content.decode()
    columns = resource().export().headers
    assert columns[-1] == "edit_token"
    assert f"<code>{', '.join(columns)}</code>" in html


def test_a_column_the_table_does_not_have_is_named_as_ignored(staff_client, starter):
    headers = ["magnesium per serving" if column == "mg" else column for column in EXPORT] + [
        "Notes"
    ]
    exported = FoodResource().export()
    dataset = tablib.Dataset(headers=headers)
    for row in exported.dict:
        mg = 81 if row["name"] == ALMONDS else row["mg"]
        dataset.append([*(mg if c == "mg" else row[c] for c in EXPORT), "checked"])
    html = upload(staff_client, "food", dataset.csv)
    assert (
        "The columns “magnesium per serving”, “Notes” are not columns of this table, so "
        "nothing in them is imported"
    ) in html
    assert "name, group, serving, mg, refs, id, edit_token" in html
    assert (
        "No changes: in the columns this import reads, every row of this file is the same"
    ) in html
    assert Food.objects.get(name=ALMONDS).mg == 80


def test_a_file_with_two_columns_for_one_column_of_the_table_is_refused(staff_client, starter):
    before = list(Food.objects.order_by("pk").values())
    text = "name,group,serving,mg,Magnesium (mg per serving),refs\nBanana,fruit,1 medium,33,34,\n"
    html = upload(staff_client, "food", text)
    assert (
        "The file has the columns “mg”, “Magnesium (mg per serving)” (column 5 and an "
        "earlier one), which are both the table&#x27;s “mg” column"
    ) in html
    assert "Nothing was imported." in html and "Confirm import" not in html
    assert list(Food.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("model", ["food", "magnesiumcompound"])
def test_a_file_from_the_export_page_imports_as_unchanged(staff_client, starter, model):
    """The export's own columns, edit tokens and all, round-trip into the import."""
    url = reverse(f"admin:comparisons_{model}_export")
    exported = staff_client.post(url, submitted_form(staff_client.get(url).content.decode()))
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",edit_token")
    html = upload(staff_client, model, text)
    assert "No changes: every row of this file is the same as in the table" in html
    assert "not a column of this table" not in html and "could not check" not in html


def test_a_forms_column_named_by_the_change_forms_label_is_read(staff_client, starter):
    exported = MagnesiumCompoundResource().export()
    label = "Elemental magnesium (% by weight)"  # the change form's label
    dataset = tablib.Dataset(
        headers=[label if column == "elemental_percent" else column for column in exported.headers]
    )
    for row in exported.dict:
        if row["slug"] == "magnesium-oxide":
            row["elemental_percent"] = "lots"
        dataset.append([row[column] for column in exported.headers])
    html = upload(staff_client, "magnesiumcompound", dataset.csv)
    line = [row["slug"] for row in exported.dict].index("magnesium-oxide") + 2
    assert f"Line {line}, elemental_percent: “lots” is not a number." in html
    assert "not a column of this table" not in html
