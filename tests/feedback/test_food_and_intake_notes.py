"""A food's figures (on /foods/, the calculator's food lines, search) and the calculator's
intake tables change only with a change note readers see, as a published form's do: on the
page that shows them, on its list of changes, on /changes/ and in the feed."""

import re
import shutil
from unittest.mock import patch
from xml.etree import ElementTree

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

import comparisons.loader
import feedback.loader
from comparisons.models import Food, IntakeTable, UpperIntakeLimit
from comparisons.resources import FoodResource
from feedback.models import ChangeNote
from tests.comparisons.admin_posts import intake_post
from tests.factories import (
    FoodFactory,
    IntakeTableFactory,
    RecommendedIntakeFactory,
    ReferenceFactory,
    UpperIntakeLimitFactory,
)
from tests.feedback.test_import_notes import confirm_data
from tests.helpers import saved_in_admin, submitted_form, visible_text

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NOTE_NEEDED = "Write a short change note for readers"
ALMONDS_NOTE = "Corrected to 86 mg per ounce, as the newer NIH table gives."


@pytest.fixture
def almonds(db) -> Food:
    return FoodFactory(
        name="Almonds, dry roasted", serving="1 oz", mg=80, refs=[ReferenceFactory()]
    )


def food_url(food: Food) -> str:
    return reverse("admin:comparisons_food_change", args=[food.pk])


def test_changing_a_foods_magnesium_without_a_note_is_refused_with_all_typed_kept(
    staff_client, almonds
):
    response = saved_in_admin(staff_client, almonds, mg="86", serving="1 ounce", change_note="")
    assert response.status_code == 200
    page = response.content.decode()
    assert NOTE_NEEDED in page
    form = submitted_form(page)
    assert form["mg"] == ["86"] and form["serving"] == ["1 ounce"]
    almonds.refresh_from_db()
    assert (almonds.mg, almonds.serving) == (80, "1 oz")
    assert not ChangeNote.objects.exists()


def test_a_foods_note_is_shown_on_foods_on_its_list_on_changes_and_in_the_feed(
    staff_client, almonds
):
    response = saved_in_admin(staff_client, almonds, mg="86", change_note=ALMONDS_NOTE)
    assert response.status_code == 302
    almonds.refresh_from_db()
    assert almonds.mg == 86
    note = ChangeNote.objects.get()
    assert note.content_object == almonds and note.revision is not None
    staff_client.logout()  # a reader from here on

    foods = staff_client.get("/foods/")
    when = f"{note.created_at:%-d %b %Y}"
    assert f"Updated {when}: Almonds, dry roasted: {ALMONDS_NOTE}" in visible_text(foods)
    assert '<a href="/foods/changes/">What changed on this page, and why</a>' in (
        foods.content.decode()
    )
    listed = visible_text(staff_client.get("/foods/changes/"))
    assert "Changes to “Magnesium in foods”" in listed
    assert f"{when}, Almonds, dry roasted: {ALMONDS_NOTE}" in listed
    assert f"{when}, Almonds, dry roasted: {ALMONDS_NOTE}" in visible_text(
        staff_client.get("/changes/")
    )
    feed = ElementTree.fromstring(staff_client.get("/changes/feed/").content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == f"Almonds, dry roasted: {ALMONDS_NOTE}"
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(f"/foods/changes/#change-{note.pk}")


def test_a_food_saved_with_its_figures_as_they_were_asks_for_no_note(staff_client, almonds):
    assert 'name="change_note"' in staff_client.get(food_url(almonds)).content.decode()
    response = saved_in_admin(staff_client, almonds, change_note="", minor_change="")
    assert response.status_code == 302
    assert not ChangeNote.objects.exists()


def test_a_minor_change_to_a_food_keeps_its_note_from_readers(staff_client, almonds):
    response = saved_in_admin(
        staff_client, almonds, serving="1 ounce", change_note="Wrote out oz.", minor_change="on"
    )
    assert response.status_code == 302
    assert ChangeNote.objects.get().minor
    staff_client.logout()
    assert "Wrote out oz." not in staff_client.get("/foods/").content.decode()
    assert "Wrote out oz." not in staff_client.get("/foods/changes/").content.decode()
    assert "Wrote out oz." not in staff_client.get("/changes/").content.decode()


def test_a_figure_the_form_refuses_changes_nothing_and_keeps_the_note_typed(staff_client, almonds):
    response = saved_in_admin(staff_client, almonds, mg="eighty", change_note=ALMONDS_NOTE)
    assert response.status_code == 200
    assert submitted_form(response.content.decode())["change_note"] == [ALMONDS_NOTE]
    almonds.refresh_from_db()
    assert almonds.mg == 80
    assert not ChangeNote.objects.exists()


def foods_file(**figures: int) -> bytes:
    """The exported foods table with some foods' magnesium changed, by name."""
    exported = FoodResource().export()
    name, mg = exported.headers.index("name"), exported.headers.index("mg")
    rows = [list(row) for row in exported]
    for row in rows:
        row[mg] = figures.get(row[name], row[mg])
    return tablib.Dataset(*rows, headers=exported.headers).csv.encode()


def test_an_import_changing_a_foods_figure_needs_a_note_readers_then_see(staff_client, almonds):
    FoodFactory(name="Chia seeds", mg=111, refs=list(almonds.refs.all()))
    file = SimpleUploadedFile("foods.csv", foods_file(**{almonds.name: 86}), "text/csv")
    preview = staff_client.post(
        "/admin/comparisons/food/import/", {"import_file": file, "format": "0"}
    ).content.decode()
    assert "Needed: this import changes pages readers can open (Almonds, dry roasted)" in preview
    confirm = "/admin/comparisons/food/process_import/"
    refused = staff_client.post(confirm, confirm_data(preview, confirm, change_note=""))
    assert "This import changes 1 published page" in refused.content.decode()
    almonds.refresh_from_db()
    assert almonds.mg == 80
    done = staff_client.post(confirm, confirm_data(preview, confirm, change_note=ALMONDS_NOTE))
    assert done.status_code == 302
    almonds.refresh_from_db()
    assert almonds.mg == 86
    assert ChangeNote.objects.get().content_object == almonds
    staff_client.logout()
    assert ALMONDS_NOTE in visible_text(staff_client.get("/foods/"))


def test_a_food_corrected_in_the_starter_files_gets_its_note_once(client, tmp_path):
    """As a form's correction does (feedback/starter/change_notes.toml): a site loaded
    from files where almonds had another figure is refreshed with the note."""
    earlier = tmp_path / "comparisons"
    earlier_notes, notes = tmp_path / "earlier.toml", tmp_path / "change_notes.toml"
    earlier_notes.write_text("")
    shutil.copytree(comparisons.loader.STARTER_DIR, earlier)
    foods = earlier / "foods.toml"
    almonds = 'name = "Almonds, dry roasted"\ngroup = "seeds-nuts"\nserving = "1 oz"\nmg = 80'
    foods.write_text(foods.read_text().replace(almonds, almonds.replace("80", "90")))
    with (
        patch.object(comparisons.loader, "STARTER_DIR", earlier),
        patch.object(feedback.loader, "NOTES", earlier_notes),
    ):
        call_command("load_content")
    assert Food.objects.get(name="Almonds, dry roasted").mg == 90
    notes.write_text(
        '[[note]]\nmodel = "comparisons.food"\nkey = "Almonds, dry roasted"\n'
        f'date = 2027-01-04\nnote = "{ALMONDS_NOTE}"\n'
    )
    with patch.object(feedback.loader, "NOTES", notes):
        call_command("load_content")
        call_command("load_content")
    almonds = Food.objects.get(name="Almonds, dry roasted")
    assert almonds.mg == 80
    assert [n.content_object for n in ChangeNote.objects.for_readers()] == [almonds]
    assert ALMONDS_NOTE in visible_text(client.get("/foods/changes/"))


TABLE = "Dietary Reference Intakes for magnesium"


@pytest.fixture
def intake_tables(db) -> IntakeTable:
    """A table of two age groups of each kind, the older's upper limit 350 mg a day."""
    table = IntakeTableFactory(title=TABLE, slug="dri", refs=[ReferenceFactory()])
    for low, high in [(0, 19), (19, None)]:
        ages = {"min_age_years": low, "max_age_years": high, "label": f"From {low}"}
        RecommendedIntakeFactory(table=table, **ages)
        UpperIntakeLimitFactory(table=table, ul_mg=65 if low == 0 else 350, **ages)
    return table


def test_changing_an_upper_limit_asks_for_a_note_readers_see_on_the_calculator(
    staff_client, intake_tables
):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    row = "upper_limits-1-ul_mg"
    data = intake_post(intake_tables, **{row: "340", "change_note": "", "minor_change": ""})
    refused = staff_client.post(change, data)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert NOTE_NEEDED in page
    assert submitted_form(page)[row] == ["340"]  # the row as the editor typed it
    assert UpperIntakeLimit.objects.filter(max_age_years=None, ul_mg=350).exists()

    note = "The adults' upper limit is 340 mg a day, as the board's corrected table gives."
    response = staff_client.post(change, submitted_form(page, change_note=note))
    assert response.status_code == 302
    assert UpperIntakeLimit.objects.filter(max_age_years=None, ul_mg=340).exists()
    staff_client.logout()
    calculator = staff_client.get("/calculator/")
    assert f"{TABLE}: {note}" in visible_text(calculator)
    assert '<a href="/calculator/changes/">' in calculator.content.decode()
    listed = visible_text(staff_client.get("/calculator/changes/"))
    assert f"{TABLE}: {note}" in listed


def test_an_intake_table_saved_with_only_its_slug_changed_asks_for_no_note(
    staff_client, intake_tables
):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    assert 'name="change_note"' in staff_client.get(change).content.decode()
    data = intake_post(intake_tables, slug="dri-magnesium", change_note="", minor_change="")
    assert staff_client.post(change, data).status_code == 302
    assert IntakeTable.objects.get().slug == "dri-magnesium"
    assert not ChangeNote.objects.exists()


def test_a_report_about_the_calculator_is_offered_to_the_intake_tables_save(
    staff_client, intake_tables, make_report
):
    report = make_report("/calculator/", text="The adults' upper limit looks out of date.")
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    page = staff_client.get(change).content.decode()
    assert re.search(rf'<option value="{report.pk}">#{report.pk} \(New', page)
