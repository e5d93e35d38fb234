"""A CSV import reads a figure as the change form reads its box: what the form refuses, the
import refuses, row by row with the message, and a file with a refused row saves nothing.
Nothing is rounded or cut to fit the column."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from comparisons.models import Food
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.factories import StaffFactory
from tests.helpers import load_starter_content, submitted_form

pytestmark = pytest.mark.django_db

PUMPKIN, BANANA = "Pumpkin seeds, roasted", "Banana"


@pytest.fixture
def starter():
    load_starter_content()


def exported_with(changes: dict[str, dict]) -> tablib.Dataset:
    """The exported foods, with some rows changed (by food name)."""
    exported = FoodResource().export()
    dataset = tablib.Dataset(headers=exported.headers)
    for row in exported.dict:
        row.update(changes.get(row["name"], {}))
        dataset.append([row[column] for column in exported.headers])
    return dataset


def upload(client, dataset: tablib.Dataset) -> str:
    file = SimpleUploadedFile("food.csv", dataset.csv.encode(), content_type="text/csv")
    response = client.post("/admin/comparisons/food/import/", {"import_file": file, "format": "0"})
    return response.content.decode()


def refusals(html: str) -> str:
    return html.split('<ul class="import-row-errors">')[1].split("</ul>")[0]


def line_of(name: str) -> int:
    return [row["name"] for row in FoodResource().export().dict].index(name) + 2


def table() -> list[dict]:
    return list(Food.objects.order_by("pk").values())


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        # Was cut to 157 and previewed as 156 → 157.
        ("157.9", "“157.9” is not a whole number. Write a whole number in digits, e.g. 12."),
        # Was cut to 156, the stored figure, and the file said to change nothing.
        ("156.9", "“156.9” is not a whole number. Write a whole number in digits, e.g. 12."),
        # Was cut to 0.
        ("-0.5", "“-0.5” is not a whole number. Write a whole number in digits, e.g. 12."),
        # Was refused with "Write digits, e.g. 12.5", as if decimals were taken.
        ("37,5", "“37,5” is not a whole number. Write a whole number in digits, e.g. 12."),
        # Was "This field cannot be null."; the form says:
        ("", "This field is required."),
    ],
)
def test_a_figure_the_change_form_refuses_is_a_row_error_and_nothing_is_saved(
    staff_client, starter, figure, message
):
    before = table()
    banana = Food.objects.get(name=BANANA)
    dataset = exported_with({PUMPKIN: {"mg": figure}, BANANA: {"mg": banana.mg + 1}})
    html = upload(staff_client, dataset)
    assert f"Line {line_of(PUMPKIN)}, mg: {message}" in refusals(html)
    assert "Write digits, e.g. 12.5" not in html
    assert "No changes" not in html and "Confirm import" not in html
    assert "Nothing was imported." in html
    # Not the good row either: a file with a refused row saves none of its rows.
    result = FoodResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert table() == before


@pytest.mark.parametrize("figure", ["157.9", "-0.5", "37,5", "-1", "1001", "157.0", " 80 ", "x"])
def test_the_import_refuses_a_figure_exactly_when_the_change_form_does(starter, figure):
    pumpkin = Food.objects.get(name=PUMPKIN)
    result = FoodResource().import_data(exported_with({PUMPKIN: {"mg": figure}}), dry_run=True)
    import_refuses = result.has_validation_errors()

    client = Client()
    client.force_login(StaffFactory())
    url = reverse("admin:comparisons_food_change", args=[pumpkin.pk])
    data = submitted_form(client.get(url).content.decode(), mg=figure, minor_change="on")
    form_refuses = client.post(url, data).status_code == 200
    assert import_refuses == form_refuses


def test_a_decimal_columns_refusal_says_how_to_write_decimals(staff_client, starter):
    """A form's figure takes decimals (14.1): its message says how to write them, where a
    whole-number column's says to write a whole number."""
    exported = MagnesiumCompoundResource().export()
    dataset = tablib.Dataset(headers=exported.headers)
    for row in exported.dict:
        if row["slug"] == "magnesium-oxide":
            row["elemental_percent"] = "60,3"
        dataset.append([row[column] for column in exported.headers])
    file = SimpleUploadedFile("forms.csv", dataset.csv.encode(), content_type="text/csv")
    response = staff_client.post(
        "/admin/comparisons/magnesiumcompound/import/", {"import_file": file, "format": "0"}
    )
    line = [row["slug"] for row in exported.dict].index("magnesium-oxide") + 2
    assert (
        f"Line {line}, elemental_percent: “60,3” is not a number. Write digits, with a point "
        "for decimals, e.g. 12.5."
    ) in refusals(response.content.decode())
