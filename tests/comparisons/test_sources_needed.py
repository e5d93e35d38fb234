"""Figures readers see need a source: a published form's, a food's and the calculator's
intake table (comparisons/sources_needed.py), in the admin and in a CSV import."""

import pytest
import tablib
from django.urls import reverse

from comparisons.models import Food, IntakeTable, MagnesiumCompound, UpperIntakeLimit
from comparisons.resources import FoodResource, MagnesiumCompoundResource
from tests.comparisons.admin_posts import compound_change_data, intake_post
from tests.factories import (
    CompoundSaltFactory,
    DraftMagnesiumCompoundFactory,
    FoodFactory,
    MagnesiumCompoundFactory,
    PreparationFactory,
    ReferenceFactory,
    with_sources,
)
from tests.helpers import agreeing_to_go_off_site, load_starter_content, submitted_form

pytestmark = pytest.mark.django_db

CHANGE = "admin:comparisons_magnesiumcompound_change"


def test_a_form_cannot_be_published_without_a_source_for_each_figure(staff_client):
    draft = DraftMagnesiumCompoundFactory(cautions="Not with kidney disease.")
    url = reverse(CHANGE, args=[draft.pk])
    response = staff_client.post(url, compound_change_data(draft, status="published"))
    html = response.content.decode()
    assert response.status_code == 200
    for box, what in [
        ("elemental_refs", "elemental magnesium"),
        ("bioavailability_refs", "absorption rating"),
        ("dose_refs", "typical dose"),
        ("cautions_refs", "cautions"),
    ]:
        error = html.split(f'id="id_{box}_error"', 1)[1].split("</ul>", 1)[0]
        assert f"Readers see this form&#x27;s {what}: add at least one reference" in error
    draft.refresh_from_db()
    assert draft.status == MagnesiumCompound.Status.DRAFT


def test_a_draft_may_be_saved_without_sources_and_published_with_them(staff_client):
    draft = DraftMagnesiumCompoundFactory(dose_low_mg=None, dose_high_mg=None)
    url = reverse(CHANGE, args=[draft.pk])
    assert (
        staff_client.post(url, compound_change_data(draft, summary="Work in progress.")).status_code
        == 302
    )
    draft.refresh_from_db()
    with_sources(draft)
    # No dose stated: it needs no source.
    draft.dose_refs.clear()
    assert (
        staff_client.post(url, compound_change_data(draft, status="published")).status_code == 302
    )
    draft.refresh_from_db()
    assert draft.status == MagnesiumCompound.Status.PUBLISHED


def test_a_published_form_must_state_its_cautions(staff_client):
    """Emptied, citrate's kidney and antibiotic cautions vanished from its page."""
    form = with_sources(MagnesiumCompoundFactory())
    url = reverse(CHANGE, args=[form.pk])
    response = staff_client.post(url, compound_change_data(form, cautions="  "))
    assert response.status_code == 200
    error = response.content.decode().split('id="id_cautions_error"', 1)[1].split("</ul>")[0]
    assert "Readers of a published form are told who should not take it" in error
    form.refresh_from_db()
    assert form.cautions.startswith("Not with kidney disease")
    draft = DraftMagnesiumCompoundFactory()
    data = compound_change_data(draft, cautions="", cautions_refs=[])
    assert staff_client.post(reverse(CHANGE, args=[draft.pk]), data).status_code == 302


def test_a_cleared_dose_shows_no_sources_beside_no_set_dose(client):
    form = with_sources(MagnesiumCompoundFactory(dose_low_mg=None, dose_high_mg=None))
    form.dose_refs.set([ReferenceFactory(title="A dose paper")])
    html = client.get(form.get_absolute_url()).content.decode()
    assert "No set dose" in html
    assert "A dose paper" not in html


def test_an_import_that_blanks_a_published_forms_sources_changes_nothing():
    load_starter_content()
    exported = MagnesiumCompoundResource().export()
    changed = tablib.Dataset(headers=exported.headers)
    for record in tablib.Dataset().load(exported.csv, format="csv").dict:
        if record["slug"] == "magnesium-glycinate":
            record["bioavailability_refs"] = ""
            record["dose_refs"] = ""
        changed.append(list(record.values()))
    result = MagnesiumCompoundResource().import_data(changed, dry_run=False)
    assert result.has_validation_errors()
    messages = str(result.invalid_rows[0].error_dict)
    assert "Readers see this form's absorption rating" in messages
    assert "typical dose" in messages
    glycinate = MagnesiumCompound.objects.get(slug="magnesium-glycinate")
    assert glycinate.bioavailability_refs.exists() and glycinate.dose_refs.exists()


def test_a_food_needs_a_source_in_the_admin_and_in_an_import(staff_client):
    load_starter_content()
    banana = Food.objects.get(name="Banana")
    url = reverse("admin:comparisons_food_change", args=[banana.pk])
    data = submitted_form(staff_client.get(url).content.decode())
    data.pop("refs", None)
    response = staff_client.post(url, data)
    assert "Readers see each food&#x27;s magnesium: add at least one reference" in (
        response.content.decode()
    )
    assert banana.refs.exists()
    dataset = tablib.Dataset(headers=["name", "group", "serving", "mg", "refs"])
    dataset.append(["Quinoa, cooked", "grains", "1/2 cup", 59, ""])
    result = FoodResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not Food.objects.filter(name="Quinoa, cooked").exists()
    assert FoodFactory(refs=[]).pk  # the rule is the editors', not the database's


def test_the_calculators_intake_table_needs_a_source_and_a_believable_upper_limit(staff_client):
    load_starter_content()
    table = IntakeTable.objects.get()
    url = reverse("admin:comparisons_intaketable_change", args=[table.pk])
    response = staff_client.post(url, {**intake_post(table), "refs": []})
    assert "Readers see these figures in the calculator: add at least one reference" in (
        response.content.decode()
    )
    adults = next(
        index for index, row in enumerate(table.upper_limits.all()) if row.max_age_years is None
    )
    response = staff_client.post(
        url, intake_post(table, **{f"upper_limits-{adults}-ul_mg": "3500"})
    )
    assert "3,500 mg a day is far above any upper limit set" in response.content.decode()
    assert UpperIntakeLimit.objects.get(max_age_years=None).ul_mg == 350
    assert table.refs.exists()


def test_the_only_source_of_a_figure_readers_see_cannot_be_deleted(editor_client):
    sole = ReferenceFactory(key="sole-2020")
    taurate = MagnesiumCompoundFactory(name="Magnesium taurate", dose_refs=[sole])
    banana = FoodFactory(name="Banana", refs=[sole])
    delete = reverse("admin:articles_reference_delete", args=[sole.pk])
    page = editor_client.get(delete).content.decode()
    for record, kind in [(taurate, "magnesiumcompound"), (banana, "food")]:
        change = reverse(f"admin:comparisons_{kind}_change", args=[record.pk])
        assert f'is the only source of the figures of <a href="{change}">' in page
    editor_client.post(delete, {"post": "yes"})
    assert taurate.dose_refs.get() == sole
    # Shared with another source, or a draft's: it may go.
    shared = ReferenceFactory(key="shared-2020")
    MagnesiumCompoundFactory(dose_refs=[shared, ReferenceFactory()])
    DraftMagnesiumCompoundFactory(dose_refs=[shared])
    delete = reverse("admin:articles_reference_delete", args=[shared.pk])
    assert "Are you sure you want to delete" in editor_client.get(delete).content.decode()


@pytest.mark.parametrize("factory", [CompoundSaltFactory, PreparationFactory])
def test_the_only_source_of_a_published_forms_salt_or_preparation_cannot_be_deleted(
    editor_client, factory
):
    """The salt's or preparation's figure would have cited nothing once the reference went."""
    sole = ReferenceFactory(key="sole-2021")
    row = factory(compound=MagnesiumCompoundFactory(name="Magnesium lactate"), refs=[sole])
    delete = reverse("admin:articles_reference_delete", args=[sole.pk])
    change = reverse("admin:comparisons_magnesiumcompound_change", args=[row.compound.pk])
    page = editor_client.get(delete).content.decode()
    assert f'is the only source of the figures of <a href="{change}">' in page
    editor_client.post(delete, {"post": "yes"})
    assert row.refs.get() == sole


def test_a_foods_file_without_a_sources_column_adds_no_food_without_one():
    load_starter_content()
    dataset = tablib.Dataset(headers=["name", "group", "serving", "mg"])
    dataset.append(["Quinoa, cooked", "grains", "1/2 cup", 59])
    dataset.append(["Banana", "fruit", "1 medium", 33])
    result = FoodResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not Food.objects.filter(name="Quinoa, cooked").exists()
    # A food already sourced keeps its sources when the file leaves the column out.
    dataset = tablib.Dataset(headers=["name", "group", "serving", "mg"])
    dataset.append(["Banana", "fruit", "1 medium", 33])
    assert not FoodResource().import_data(dataset, dry_run=False).has_validation_errors()
    assert Food.objects.get(name="Banana").mg == 33


@pytest.mark.parametrize("inline", ["salts", "preparations"])
def test_a_published_forms_salt_or_preparation_keeps_a_source(staff_client, inline):
    """Taking every source off a salt's figure or a preparation's use on a published form
    left readers a figure citing nothing: refused beside its sources, nothing saved."""
    load_starter_content()
    chloride = MagnesiumCompound.objects.get(slug="magnesium-chloride")
    row = getattr(chloride, inline).first()
    sources = set(row.refs.all())
    assert sources
    url = reverse(CHANGE, args=[chloride.pk])
    data = submitted_form(staff_client.get(url).content.decode(), summary="Reworded.")
    data.update(change_note=[""], minor_change=["on"])
    data.pop(f"{inline}-0-refs")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    error = response.content.decode().split(f'id="id_{inline}-0-refs_error"', 1)[1]
    assert "Readers of this published form see this " in error.split("</ul>", 1)[0]
    chloride.refresh_from_db()
    assert chloride.summary != "Reworded."
    assert set(row.refs.all()) == sources
    # A draft may wait for its sources.
    data["status"] = ["draft"]
    assert agreeing_to_go_off_site(staff_client, url, data).status_code == 302
    assert not row.refs.exists()


def test_a_salt_stored_without_a_source_does_not_stop_a_published_forms_save(staff_client):
    """Five starter salts are worked out from their formulas, with no source: saving their
    form for another reason goes through."""
    load_starter_content()
    gluconate = MagnesiumCompound.objects.get(slug="magnesium-gluconate")
    assert gluconate.salts.filter(refs=None).exists()
    url = reverse(CHANGE, args=[gluconate.pk])
    data = submitted_form(staff_client.get(url).content.decode(), summary="Reworded.")
    data.update(change_note=[""], minor_change=["on"])
    assert staff_client.post(url, data).status_code == 302
    # Changing such a salt's figure is a new claim: it needs a source like any other.
    page = staff_client.get(url).content.decode()
    unsourced = gluconate.salts.filter(refs=None).first()
    index = next(
        key.removesuffix("-id")
        for key, value in submitted_form(page).items()
        if key.startswith("salts-") and key.endswith("-id") and value == [str(unsourced.pk)]
    )
    data = submitted_form(page, **{f"{index}-elemental_percent": "5.5"})
    data.update(change_note=[""], minor_change=["on"])
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "keep at least one reference for it" in response.content.decode()
