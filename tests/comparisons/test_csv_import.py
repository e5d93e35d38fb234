"""CSV import and export of forms and foods: previewed, validated row by row, all or nothing."""

import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Reference
from comparisons.models import Food, MagnesiumCompound
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.factories import FoodFactory, MagnesiumCompoundFactory, ReferenceFactory, TopicFactory
from tests.helpers import load_starter_content, submitted_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter_content()


def foods_csv(rows: list[dict]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=["name", "group", "serving", "mg", "refs"])
    for row in rows:
        dataset.append([row["name"], row["group"], row["serving"], row["mg"], row["refs"]])
    return dataset


def test_export_then_import_of_the_forms_table_changes_nothing(starter):
    before = list(MagnesiumCompound.objects.order_by("slug").values("slug", "elemental_percent"))
    exported = MagnesiumCompoundResource().export()
    assert "slug" in exported.headers and len(exported) == len(before)
    result = MagnesiumCompoundResource().import_data(
        tablib.Dataset().load(exported.csv, format="csv"), dry_run=False
    )
    assert not result.has_errors() and not result.has_validation_errors()
    after = list(MagnesiumCompound.objects.order_by("slug").values("slug", "elemental_percent"))
    assert after == before


def test_a_forms_file_from_before_the_cautions_sources_leaves_them_alone(starter):
    exported = MagnesiumCompoundResource().export()
    del exported["cautions_refs"]  # as a file exported before the column was added
    result = MagnesiumCompoundResource().import_data(
        tablib.Dataset().load(exported.csv, format="csv"), dry_run=False
    )
    assert not result.has_errors() and not result.has_validation_errors()
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert "ods-magnesium-hp" in glycinate.cautions_refs.values_list("key", flat=True)


def test_a_good_food_file_updates_and_creates_rows(starter):
    dataset = foods_csv(
        [
            {
                "name": "Banana",
                "group": "fruit",
                "serving": "1 medium",
                "mg": 33,
                "refs": "ods-magnesium-hp",
            },
            {
                "name": "Quinoa, cooked",
                "group": "grains",
                "serving": "1/2 cup",
                "mg": 59,
                "refs": "ods-magnesium-hp",
            },
        ]
    )
    result = FoodResource().import_data(dataset, dry_run=False)
    assert not result.has_validation_errors()
    assert Food.objects.get(name="Banana").mg == 33
    assert Food.objects.filter(name="Quinoa, cooked").exists()


def test_a_file_with_one_bad_row_changes_nothing_and_names_the_row(starter):
    before = list(Food.objects.order_by("name").values())
    dataset = foods_csv(
        [
            {
                "name": "Banana",
                "group": "fruit",
                "serving": "1 medium",
                "mg": 99,
                "refs": "ods-magnesium-hp",
            },
            {"name": "Moon rock", "group": "minerals", "serving": "1 oz", "mg": -5, "refs": ""},
        ]
    )
    result = FoodResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_validation_errors()
    invalid = result.invalid_rows[0]
    assert invalid.number == 2
    assert "group" in invalid.field_specific_errors or "mg" in invalid.field_specific_errors
    assert list(Food.objects.order_by("name").values()) == before


def test_a_word_where_a_number_belongs_is_a_row_error_naming_it(starter):
    before = list(Food.objects.order_by("name").values())
    dataset = foods_csv(
        [{"name": "Banana", "group": "fruit", "serving": "1 medium", "mg": "lots", "refs": ""}]
    )
    result = FoodResource().import_data(dataset, dry_run=True, raise_errors=False)
    assert not result.has_errors()
    [invalid] = result.invalid_rows
    assert invalid.field_specific_errors["mg"] == [
        "“lots” is not a whole number. Write a whole number in digits, e.g. 12."
    ]
    assert list(Food.objects.order_by("name").values()) == before


def test_the_admin_offers_import_and_export_to_editors(staff_client, starter):
    changelist = staff_client.get("/admin/comparisons/food/").content.decode()
    assert "/admin/comparisons/food/import/" in changelist
    assert staff_client.get("/admin/comparisons/food/import/").status_code == 200
    assert staff_client.get("/admin/comparisons/magnesiumcompound/import/").status_code == 200


def upload(client, model: str, text: str):
    """What the admin's import page answers when an editor sends this file."""
    file = SimpleUploadedFile(f"{model}.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(f"/admin/comparisons/{model}/import/", {"import_file": file, "format": "0"})


def test_a_file_without_the_naming_column_says_which_columns_it_needs(staff_client, starter):
    before = list(Food.objects.order_by("pk").values())
    response = upload(staff_client, "food", "Food,Magnesium\nSpinach,78\n")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file has no “name” column" in html
    assert "name, group, serving, mg, refs" in html
    assert "This file&#x27;s first line reads: Food, Magnesium." in html
    # Editors are not shown a Python traceback naming files on the server.
    assert "Traceback" not in html
    assert "site-packages" not in html
    assert list(Food.objects.order_by("pk").values()) == before


def test_an_unknown_topic_or_reference_key_is_a_row_error_not_dropped(staff_client, starter):
    exported = MagnesiumCompoundResource().export()
    rows = exported.dict
    glycinate = next(row for row in rows if row["slug"] == "magnesium-glycinate")
    uses_before = glycinate["uses"]
    glycinate["uses"] = uses_before + "|sleeep"
    glycinate["dose_refs"] = "no-such-source-2020"
    dataset = tablib.Dataset(headers=exported.headers)
    for row in rows:
        dataset.append([row[column] for column in exported.headers])
    html = upload(staff_client, "magnesiumcompound", dataset.csv).content.decode()
    assert "No topic has the slug “sleeep”" in html
    assert "No reference has the key “no-such-source-2020”" in html
    assert "Confirm import" not in html
    compound = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert "|".join(compound.uses.values_list("slug", flat=True)) == uses_before
    assert compound.dose_refs.exists()


def test_the_preview_marks_a_change_without_inline_styles_and_escapes_it(staff_client, starter):
    """The site's Content-Security-Policy refuses style attributes; the marks are styled by
    css/admin.css. Text from the file is shown as text."""
    banana = Food.objects.get(name="Banana")
    refs = "|".join(banana.refs.values_list("key", flat=True))
    text = f"name,group,serving,mg,refs\nBanana,fruit,2 small (<100 g & >80 g),{banana.mg},{refs}\n"
    html = upload(staff_client, "food", text).content.decode()
    assert "Confirm import" in html
    row = html.split('<tr class="update">')[1].split("</tr>")[0]
    assert "<del>1 medium</del>" in row
    assert "(&lt;100 g &amp; &gt;80 g)" in row
    assert "style=" not in html.split('<table class="import-preview">')[1]


def test_a_row_with_an_html_tag_is_refused_and_its_tag_shown_as_text(staff_client, starter):
    """Readers would see the tag as typed: a plain-text box takes none (articles/plain_text.py)."""
    banana = Food.objects.get(name="Banana")
    text = "name,group,serving,mg,refs\nBanana,fruit,<b>2 small</b>,24,\n"
    html = upload(staff_client, "food", text).content.decode()
    listed = html.split('<ul class="import-row-errors">')[1].split("</ul>")[0]
    assert "Line 2, serving: This box is plain text: readers would see “&lt;b&gt;”" in listed
    assert "Nothing was imported." in html
    banana.refresh_from_db()
    assert banana.serving == "1 medium"


def test_a_row_starting_like_a_spreadsheet_formula_is_refused(staff_client, starter):
    banana = Food.objects.get(name="Banana")
    text = 'name,group,serving,mg,refs\nBanana,fruit,"=HYPERLINK(""http://x"")",24,\n'
    html = upload(staff_client, "food", text).content.decode()
    listed = html.split('<ul class="import-row-errors">')[1].split("</ul>")[0]
    assert "Line 2, serving: This box starts with “=”, which a spreadsheet reads" in listed
    assert "Nothing was imported." in html
    banana.refresh_from_db()
    assert banana.serving == "1 medium"


def test_rows_that_failed_are_listed_in_words_above_the_table(staff_client, starter):
    text = "name,group,serving,mg,refs\nBanana,fruit,1 medium,lots,\nKale,leaves,1 cup,19,\n"
    html = upload(staff_client, "food", text).content.decode()
    listed = html.split('<ul class="import-row-errors">')[1].split("</ul>")[0]
    # Named by their lines in the file, as a spreadsheet numbers them: the header is line 1.
    assert "Line 2, mg: “lots” is not a whole number. Write a whole number in digits" in listed
    assert "Line 3, group: “leaves” is not one of seeds-nuts, legumes, grains, vegetables" in listed
    assert "not a valid choice" not in listed
    assert "Nothing was imported." in html


def test_a_file_not_saved_as_utf8_says_how_to_save_it(staff_client, starter):
    """Excel's plain "CSV" is Windows-1252: the editor is told how to save it as UTF-8,
    not shown a Python exception's name, and nothing changes."""
    before = list(Food.objects.order_by("pk").values())
    text = "name,group,serving,mg,refs\nCrème fraîche,dairy,1 tbsp,1,\n"
    file = SimpleUploadedFile("food.csv", text.encode("cp1252"), content_type="text/csv")
    response = staff_client.post(
        "/admin/comparisons/food/import/", {"import_file": file, "format": "0"}
    )
    html = response.content.decode()
    assert "not saved as UTF-8 text" in html
    assert "CSV UTF-8 (Comma delimited)" in html
    assert "UnicodeDecodeError" not in html
    assert "will import the following fields" not in html  # which the library left empty
    assert list(Food.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (
            "magnesiumcompound",
            lambda: MagnesiumCompoundFactory(
                uses=[TopicFactory()],
                elemental_refs=[ReferenceFactory()],
                bioavailability_refs=[ReferenceFactory()],
                dose_refs=[ReferenceFactory()],
            ),
        ),
        ("food", lambda: FoodFactory(refs=[ReferenceFactory()])),
    ],
)
def test_admin_export_queries_do_not_grow_with_the_rows(staff_client, model, factory):
    """Every row lists its sources (and a form its uses): read for the whole table at once."""
    url = reverse(f"admin:comparisons_{model}_export")

    def export_queries() -> int:
        data = submitted_form(staff_client.get(url).content.decode())
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.post(url, data)
        assert response["Content-Type"].startswith("text/csv")
        return len(queries)

    factory()
    few = export_queries()
    for _ in range(10):
        factory()
    assert export_queries() == few


@pytest.mark.parametrize(
    ("model", "name"), [("magnesiumcompound", "forms-of-magnesium"), ("food", "foods")]
)
def test_an_export_is_named_as_the_admin_names_the_table(staff_client, model, name):
    url = reverse(f"admin:comparisons_{model}_export")
    response = staff_client.post(url, submitted_form(staff_client.get(url).content.decode()))
    assert re.search(
        rf'filename="{name}-\d{{4}}-\d{{2}}-\d{{2}}\.csv"', response["Content-Disposition"]
    ), response["Content-Disposition"]


def test_renaming_a_food_in_an_exported_file_renames_it(staff_client, starter):
    """The export's id column finds each row's food, so a new name is a change, not a food
    added beside the old one."""
    chia = Food.objects.get(name="Chia seeds")
    count = Food.objects.count()
    exported = FoodResource().export()
    assert exported.headers == ["name", "group", "serving", "mg", "refs", "id", "edit_token"]
    renamed = exported.csv.replace("Chia seeds,", "Chia seeds (dried),", 1)
    html = upload(staff_client, "food", renamed).content.decode()
    assert "1 new" not in html and "0 new, 1 changed" in html
    row = html.split('<tr class="update">')[1].split("</tr>")[0]
    assert "<ins> (dried)</ins>" in row
    result = FoodResource().import_data(tablib.Dataset().load(renamed, format="csv"))
    assert not result.has_validation_errors()
    chia.refresh_from_db()
    assert chia.name == "Chia seeds (dried)"
    assert Food.objects.count() == count


def test_a_forms_row_by_a_slug_the_form_had_before_updates_that_form(staff_client, starter):
    """A file exported before an editor changed a form's slug names the form by its old
    slug: the row updates the form now at the new slug, which keeps it, and the preview
    says so; it is not added as a new draft under the old slug."""
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    exported = MagnesiumCompoundResource().export()
    glycinate.slug = "magnesium-bisglycinate"
    glycinate.save()
    count = MagnesiumCompound.objects.count()
    edited = tablib.Dataset(headers=exported.headers)
    for record in exported.dict:
        if record["slug"] == "magnesium-glycinate":
            record["summary"] = "Glycine-bound magnesium, edited in the file."
        edited.append(list(record.values()))
    html = upload(staff_client, "magnesiumcompound", edited.csv).content.decode()
    assert "0 new, 1 changed" in html
    line = [record["slug"] for record in exported.dict].index("magnesium-glycinate") + 2
    assert (
        "This row names a form by a slug it had before an editor changed it, so it updates "
        f"that form, which keeps its slug now: line {line}, “magnesium-glycinate” (now "
        "“magnesium-bisglycinate”)."
    ) in html
    confirm = submitted_form(html, save_over="on", change_note="Summary reworded.")
    staff_client.post("/admin/comparisons/magnesiumcompound/process_import/", confirm)
    glycinate.refresh_from_db()
    assert glycinate.summary == "Glycine-bound magnesium, edited in the file."
    assert glycinate.slug == "magnesium-bisglycinate"
    assert MagnesiumCompound.objects.count() == count


def test_a_food_row_without_an_id_is_found_by_its_name_or_added(starter):
    dataset = tablib.Dataset(headers=["name", "group", "serving", "mg", "refs", "id"])
    dataset.append(["Banana", "fruit", "1 medium", 33, "ods-magnesium-hp", ""])
    dataset.append(["Quinoa, cooked", "grains", "1/2 cup", 59, "ods-magnesium-hp", ""])
    count = Food.objects.count()
    result = FoodResource().import_data(dataset)
    assert not result.has_validation_errors()
    assert Food.objects.get(name="Banana").mg == 33
    assert Food.objects.count() == count + 1


@pytest.mark.parametrize("key", ["99999", "abc", "²", "1.5"])
def test_an_id_no_food_has_is_a_row_error_saying_how_to_add_the_food(staff_client, starter, key):
    text = f"name,group,serving,mg,refs,id\nKale,vegetables,1 cup,19,,{key}\n"
    count = Food.objects.count()
    html = upload(staff_client, "food", text).content.decode()
    assert (
        f"Line 2, id: No food has the id “{key}” (it may have been deleted). To add this row "
        "as a new food, leave its id empty."
    ) in html
    assert "Confirm import" not in html
    assert Food.objects.count() == count


@pytest.mark.parametrize("model", ["food", "magnesiumcompound"])
def test_importing_an_unchanged_export_says_there_is_nothing_to_import(
    staff_client, starter, model
):
    resource = {"food": FoodResource, "magnesiumcompound": MagnesiumCompoundResource}[model]
    html = upload(staff_client, model, resource().export().csv).content.decode()
    assert "No changes: every row of this file is the same as in the table" in html
    assert "Confirm import" not in html
    assert 'name="change_note"' not in html


def test_the_import_page_says_how_rows_are_matched(staff_client):
    html = staff_client.get("/admin/comparisons/food/import/").content.decode()
    assert "keep its id and edit_token columns as they are" in html
    html = staff_client.get("/admin/comparisons/magnesiumcompound/import/").content.decode()
    assert "matched to a form by its slug" in html


def test_a_row_with_a_hidden_character_in_a_name_is_refused_and_nothing_changes(starter):
    before = list(Food.objects.order_by("name").values())
    dataset = foods_csv(
        [
            {"name": "Star\u202efruit", "group": "fruit", "serving": "1", "mg": 33, "refs": ""},
        ]
    )
    result = FoodResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    [row] = result.invalid_rows
    assert "text-direction character" in str(row.error_dict["name"])
    assert list(Food.objects.order_by("name").values()) == before


def test_a_confirm_whose_rows_stopped_passing_since_the_preview_says_nothing_was_imported(
    staff_client, starter
):
    """Between preview and confirm, another tab deleted the reference a row cites. The
    library rolls the import back but still said "Import finished"."""
    ReferenceFactory(key="soon-gone-2026", title="A source about to be deleted")
    banana = Food.objects.get(name="Banana")
    text = f"name,group,serving,mg,refs\nBanana,fruit,1 medium,{banana.mg + 1},soon-gone-2026\n"
    html = upload(staff_client, "food", text).content.decode()
    assert "Confirm import" in html
    Reference.objects.filter(key="soon-gone-2026").delete()
    confirm = "/admin/comparisons/food/process_import/"
    response = staff_client.post(confirm, submitted_form(html, minor_change="on"), follow=True)
    page = response.content.decode()
    assert "Import finished" not in page
    assert "Nothing was imported. Since the preview, the site changed" in page
    assert "No reference has the key “soon-gone-2026”" in page
    assert Food.objects.get(name="Banana").mg == banana.mg
