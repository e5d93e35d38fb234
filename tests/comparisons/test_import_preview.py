"""The preview of a CSV import shows what would change and little else: only the rows that
change, a number as its old and new value, long unchanged text shortened."""

import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from comparisons.models import Food, MagnesiumCompound
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter_content()


def upload(client, model: str, dataset: tablib.Dataset) -> str:
    file = SimpleUploadedFile(f"{model}.csv", dataset.csv.encode(), content_type="text/csv")
    response = client.post(
        f"/admin/comparisons/{model}/import/", {"import_file": file, "format": "0"}
    )
    return response.content.decode()


def edited(resource, key: str, value: str, **changes) -> tablib.Dataset:
    """The exported table with the row whose `key` is `value` changed."""
    exported = resource.export()
    for index, row in enumerate(exported.dict):
        if str(row[key]) == value:
            exported[index] = tuple({**row, **changes}[column] for column in exported.headers)
    return exported


def preview_rows(html: str) -> list[str]:
    table = html.split('<table class="import-preview">')[1].split("</table>")[0]
    return re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", table, flags=re.S)


def test_the_preview_lists_only_the_rows_that_change_and_counts_the_others(staff_client, starter):
    forms = MagnesiumCompoundResource().export()
    slugs = [row["slug"] for row in forms.dict]
    dataset = edited(
        MagnesiumCompoundResource(), "slug", "magnesium-oxide", summary="Cheap and poorly absorbed."
    )
    html = upload(staff_client, "magnesiumcompound", dataset)
    [(kind, cells)] = preview_rows(html)
    assert kind == "update"
    assert f"<td>{slugs.index('magnesium-oxide') + 2}</td>" in cells
    unchanged = len(slugs) - 1
    assert f"{unchanged} unchanged rows of the file are left out" in html
    assert f"0 new, 1 changed, {unchanged} unchanged" in html
    assert "Skipped" not in html


def test_a_changed_number_reads_as_its_old_and_new_value(staff_client, starter):
    food = Food.objects.get(name="Banana")
    new_mg = food.mg * 10 + 1
    dataset = edited(FoodResource(), "id", str(food.pk), mg=new_mg)
    [(_kind, cells)] = preview_rows(upload(staff_client, "food", dataset))
    assert f"<td><del>{food.mg}</del> → <ins>{new_mg}</ins></td>" in cells


def test_a_new_rows_number_is_shown_as_put_in(staff_client, starter):
    dataset = FoodResource().export()
    dataset.append(["Quinoa, cooked", "grains", "1/2 cup", 59, "ods-magnesium-hp", "", ""])
    [(kind, cells)] = preview_rows(upload(staff_client, "food", dataset))
    assert kind == "new"
    assert "<td><ins>59</ins></td>" in cells and "<ins>Quinoa, cooked</ins>" in cells


def test_a_one_word_change_in_a_long_body_is_a_line_not_the_whole_body(staff_client, starter):
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert len(glycinate.body) > 1000
    words = glycinate.body.split(" ")
    middle = len(words) // 2
    words[middle] = "EDITED"
    dataset = edited(
        MagnesiumCompoundResource(), "slug", "magnesium-glycinate", body=" ".join(words)
    )
    [(_kind, cells)] = preview_rows(upload(staff_client, "magnesiumcompound", dataset))
    body_cell = re.findall(r"<td>(.*?)</td>", cells, flags=re.S)[-1]
    assert "<ins>EDITED</ins>" in body_cell
    assert " … " in body_cell
    assert len(body_cell) < 800


def test_the_preview_names_the_columns_each_changed_row_changes(staff_client, starter):
    """Its 21 columns scroll sideways: the change is named above them."""
    oxide = MagnesiumCompound.objects.get(slug="magnesium-oxide")
    slugs = [row["slug"] for row in MagnesiumCompoundResource().export().dict]
    dataset = edited(
        MagnesiumCompoundResource(),
        "slug",
        "magnesium-oxide",
        dose_high_mg=oxide.dose_high_mg + 50,
        body=oxide.body + "\n\nOne more line.",
    )
    html = upload(staff_client, "magnesiumcompound", dataset)
    listed = html.split('<ul class="import-changes">')[1].split("</ul>")[0]
    line = slugs.index("magnesium-oxide") + 2
    assert f"<li>Line {line}, Magnesium oxide: dose_high_mg, body</li>" in listed
    assert listed.count("<li>") == 1
