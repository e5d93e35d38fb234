"""Each form's salts and hydrates: one default per form holding the table's figure, figures
that match their formula, the starter file and its loader, and editing them in the admin."""

import html
import textwrap
import tomllib
from decimal import Decimal

import pytest
import reversion
import tablib
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.loader import StarterContentError, StarterLoader
from comparisons import loader as comparisons_loader
from comparisons.models import CompoundSalt, MagnesiumCompound, percent_from_formula
from comparisons.resources import MagnesiumCompoundResource
from tests.factories import (
    CompoundSaltFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
    with_sources,
)

pytestmark = pytest.mark.django_db

SALTS_FILE = comparisons_loader.STARTER_DIR / "salts.toml"
FORMS_FILE = comparisons_loader.STARTER_DIR / "forms.toml"


@pytest.fixture
def citrate():
    compound = with_sources(
        MagnesiumCompoundFactory(
            name="Magnesium citrate", slug="magnesium-citrate", elemental_percent=Decimal("16.2")
        )
    )
    CompoundSaltFactory(
        compound=compound,
        slug="trimagnesium-dicitrate-anhydrous",
        name="trimagnesium dicitrate, anhydrous",
        formula="Mg3(C6H5O7)2",
        magnesium_atoms=3,
        molar_mass=Decimal("451.11"),
        elemental_percent=Decimal("16.2"),
        is_default=True,
        refs=list(compound.elemental_refs.all()),
    )
    CompoundSaltFactory(
        compound=compound,
        slug="citrate-1-1",
        name="magnesium citrate 1:1",
        formula="MgC6H6O7",
        molar_mass=Decimal("214.41"),
        elemental_percent=Decimal("11.3"),
        position=1,
        refs=list(compound.elemental_refs.all()),
    )
    return compound


# ---- the rules ----


def test_percent_from_formula_for_the_citrates_and_threonate():
    assert percent_from_formula(3, Decimal("451.11")) == Decimal("16.2")
    assert percent_from_formula(3, Decimal("613.25")) == Decimal("11.9")
    assert percent_from_formula(1, Decimal("214.41")) == Decimal("11.3")
    assert percent_from_formula(1, Decimal("294.50")) == Decimal("8.3")


def test_database_allows_at_most_one_default_salt_per_form(citrate):
    with pytest.raises(IntegrityError), transaction.atomic():
        CompoundSalt.objects.filter(slug="citrate-1-1").update(is_default=True)
    # Another form has a default of its own.
    CompoundSaltFactory(is_default=True)
    assert CompoundSalt.objects.filter(is_default=True).count() == 2


@pytest.mark.parametrize("percent", ["0", "-1", "100.01"])
def test_database_refuses_a_salt_figure_outside_0_to_100(percent):
    with pytest.raises(IntegrityError), transaction.atomic():
        CompoundSaltFactory(elemental_percent=Decimal(percent))


def test_default_salt_must_hold_the_forms_table_figure(citrate):
    assert citrate.salts.count() == 2
    salt = CompoundSalt.objects.get(slug="trimagnesium-dicitrate-anhydrous")
    salt.full_clean()
    salt.compound.elemental_percent = Decimal("11.3")  # the form's figure, being edited
    with pytest.raises(ValidationError, match=r"table's figure for Magnesium citrate is 11\.3%"):
        salt.full_clean()
    # Any other salt may hold its own figure.
    CompoundSalt.objects.get(slug="citrate-1-1").full_clean()


def test_a_figure_that_contradicts_its_formula_is_refused(citrate):
    salt = CompoundSalt.objects.get(slug="citrate-1-1")
    salt.elemental_percent = Decimal("16.2")
    with pytest.raises(ValidationError, match=r"1 x 24.305 / 214.41 gives 11.3%"):
        salt.full_clean()
    # A maker's figure has no molar mass, so nothing to check it against.
    salt.molar_mass = None
    salt.full_clean()


# ---- the starter file ----


def starter_salts() -> list[dict]:
    return tomllib.loads(SALTS_FILE.read_text(encoding="utf-8"))["salt"]


def test_every_starter_form_has_exactly_one_default_salt_holding_its_table_figure():
    forms = tomllib.loads(FORMS_FILE.read_text(encoding="utf-8"))["form"]
    defaults = {salt["form"]: salt for salt in starter_salts() if salt.get("default")}
    assert len(defaults) == sum(1 for salt in starter_salts() if salt.get("default"))
    for form in forms:
        assert form["slug"] in defaults, form["slug"]
        assert Decimal(str(defaults[form["slug"]]["elemental_percent"])) == Decimal(
            str(form["elemental_percent"])
        ), form["slug"]


def test_every_starter_salt_figure_matches_its_formula_to_a_tenth():
    checked = 0
    for salt in starter_salts():
        if "molar_mass" not in salt:
            continue
        formula = percent_from_formula(salt["magnesium_atoms"], Decimal(str(salt["molar_mass"])))
        assert abs(formula - Decimal(str(salt["elemental_percent"]))) <= Decimal("0.1"), salt
        checked += 1
    assert checked >= 18


def test_starter_salts_load_once_and_again_change_nothing():
    call_command("load_content", verbosity=0)
    citrate = MagnesiumCompound.objects.get(slug="magnesium-citrate")
    assert [(s.slug, s.elemental_percent, s.is_default) for s in citrate.salts.all()] == [
        ("trimagnesium-dicitrate-anhydrous", Decimal("16.20"), True),
        ("trimagnesium-dicitrate-nonahydrate", Decimal("11.90"), False),
        ("citrate-1-1", Decimal("11.30"), False),
    ]
    maker = CompoundSalt.objects.get(slug="l-threonate-maker-figure")
    assert maker.molar_mass is None and maker.elemental_percent == Decimal("7.2")
    assert list(maker.refs.values_list("key", flat=True)) == ["nutridetector-threonate"]
    count = CompoundSalt.objects.count()
    assert count == len(starter_salts())

    again = StarterLoader()
    comparisons_loader.load_salts(again, SALTS_FILE)
    assert again.counts == {"unchanged": count}
    call_command("load_content", verbosity=0)
    assert CompoundSalt.objects.count() == count


SALTS = """
[[salt]]
form = "magnesium-citrate"
slug = "trimagnesium-dicitrate-anhydrous"
name = "trimagnesium dicitrate, anhydrous"
formula = "Mg3(C6H5O7)2"
magnesium_atoms = 3
molar_mass = 451.11
elemental_percent = 16.2
default = {default}
note = "{note}"
refs = ["case-2020"]

[[salt]]
form = "magnesium-citrate"
slug = "citrate-1-1"
name = "magnesium citrate 1:1"
formula = "MgC6H6O7"
molar_mass = 214.41
elemental_percent = {one_to_one}
"""


def write_salts(tmp_path, *, note="Anhydrous.", one_to_one="11.3", default="true"):
    path = tmp_path / "salts.toml"
    text = SALTS.format(note=note, one_to_one=one_to_one, default=default)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def starter_citrate():
    ReferenceFactory(key="case-2020")
    return MagnesiumCompoundFactory(slug="magnesium-citrate", elemental_percent=Decimal("16.2"))


def test_loader_refreshes_an_untouched_salt_but_never_an_edited_one(tmp_path, starter_citrate):
    first = StarterLoader()
    comparisons_loader.load_salts(first, write_salts(tmp_path))
    assert first.counts == {"created": 2}
    updated = StarterLoader()
    comparisons_loader.load_salts(updated, write_salts(tmp_path, note="The 3:2 salt."))
    assert updated.counts == {"updated": 1, "unchanged": 1}
    salt = CompoundSalt.objects.get(slug="trimagnesium-dicitrate-anhydrous")
    assert salt.note == "The 3:2 salt."

    # An editor rewrites the note: the next load leaves it as they wrote it.
    CompoundSalt.objects.filter(pk=salt.pk).update(note="Edited.")
    kept = StarterLoader()
    comparisons_loader.load_salts(kept, write_salts(tmp_path, note="Newer starter text."))
    assert kept.counts["kept an editor's changes"] == 1
    assert CompoundSalt.objects.get(pk=salt.pk).note == "Edited."


def test_loader_leaves_alone_a_form_whose_figure_an_editor_changed(tmp_path, starter_citrate):
    MagnesiumCompound.objects.filter(pk=starter_citrate.pk).update(elemental_percent=12)
    loader = StarterLoader()
    comparisons_loader.load_salts(loader, write_salts(tmp_path))
    assert not CompoundSalt.objects.exists()
    assert loader.counts == {"salts of a form whose figure an editor changed skipped": 2}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"one_to_one": "16.2"}, "citrate-1-1.*gives 11.3%"),
        ({"default": "false"}, "0 salts marked default"),
    ],
)
def test_a_bad_salts_file_is_a_clear_error_and_writes_nothing(
    tmp_path, starter_citrate, changes, message
):
    with pytest.raises(StarterContentError, match=message):
        comparisons_loader.load_salts(StarterLoader(), write_salts(tmp_path, **changes))
    assert not CompoundSalt.objects.exists()


# ---- the admin ----


def compound_post(compound: MagnesiumCompound, salts: list[dict], **overrides) -> dict:
    """The form's change page as a browser submits it, with these salt rows."""
    data = {
        name: value
        for name, value in model_to_dict(compound).items()
        if value is not None and name not in {"id", "published_at", "body_html", "citations"}
    }
    for name in ["uses", "elemental_refs", "bioavailability_refs", "dose_refs", "cautions_refs"]:
        data[name] = [str(obj.pk) for obj in data.get(name, [])]
    published = timezone.localtime(compound.published_at)
    data |= {
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "edit_token_seen": str(compound.edit_token),
        # A published form's save asks for a note for readers (feedback/change_notes.py).
        "change_note": "Salt figures corrected.",
        "salts-TOTAL_FORMS": str(len(salts)),
        "salts-INITIAL_FORMS": str(sum(1 for salt in salts if salt.get("id"))),
        "salts-MIN_NUM_FORMS": "0",
        "salts-MAX_NUM_FORMS": "1000",
        # The preparations inline, left empty (these forms have none).
        "preparations-TOTAL_FORMS": "0",
        "preparations-INITIAL_FORMS": "0",
    }
    for index, salt in enumerate(salts):
        row = {"compound": compound.pk, "magnesium_atoms": 1, "position": index, **salt}
        for name, value in row.items():
            if name == "is_default":
                if value:
                    data[f"salts-{index}-is_default"] = "on"
                continue
            if name == "refs":
                data[f"salts-{index}-refs"] = [str(pk) for pk in value]
                continue
            data[f"salts-{index}-{name}"] = "" if value is None else str(value)
    data.update(overrides)
    return data


def salt_row(salt: CompoundSalt, **changes) -> dict:
    row = {
        name: getattr(salt, name)
        for name in [
            "id",
            "slug",
            "name",
            "formula",
            "magnesium_atoms",
            "molar_mass",
            "elemental_percent",
            "note",
            "position",
            "is_default",
        ]
    }
    return row | {"refs": list(salt.refs.values_list("pk", flat=True))} | changes


def change_url(compound: MagnesiumCompound) -> str:
    return reverse("admin:comparisons_magnesiumcompound_change", args=[compound.pk])


def citrate_rows(**changes_by_slug) -> list[dict]:
    return [
        salt_row(salt, **changes_by_slug.get(salt.slug.replace("-", "_"), {}))
        for salt in CompoundSalt.objects.order_by("position")
    ]


def test_the_salt_tables_caption_keeps_the_capitals_of_the_forms_name(client):
    threonate = MagnesiumCompoundFactory(name="Magnesium L-threonate", slug="threonate")
    CompoundSaltFactory(compound=threonate, name="magnesium L-threonate", is_default=True)
    page = html.unescape(client.get(threonate.get_absolute_url()).content.decode())
    assert "Elemental magnesium in magnesium L-threonate, by salt" in page


def test_the_forms_page_lists_the_tables_figure_first_whatever_its_number(client, citrate):
    citrate.salts.filter(is_default=True).update(position=5)
    citrate.salts.filter(is_default=False).update(position=0)
    page = html.unescape(client.get(citrate.get_absolute_url()).content.decode())
    assert "if it names none, the first row is the figure in our forms table" in page
    default = page.index('Trimagnesium dicitrate, anhydrous <span class="muted">(our table')
    assert default < page.index('<th scope="row">Magnesium citrate 1:1')


def test_salts_are_edited_on_the_forms_admin_page(staff_client, citrate):
    page = staff_client.get(change_url(citrate)).content.decode()
    assert 'name="salts-1-elemental_percent"' in page and 'value="11.30"' in page
    assert "The table&#x27;s figure" in page


def test_editor_moves_the_default_to_another_salt_with_the_table_figure(staff_client, citrate):
    rows = citrate_rows(
        trimagnesium_dicitrate_anhydrous={"is_default": False},
        citrate_1_1={"is_default": True},
    )
    response = staff_client.post(
        change_url(citrate), compound_post(citrate, rows, elemental_percent="11.3")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CompoundSalt.objects.get(is_default=True).slug == "citrate-1-1"
    assert MagnesiumCompound.objects.get().elemental_percent == Decimal("11.3")


@pytest.mark.parametrize(
    ("changes", "overrides", "message"),
    [
        (
            {"citrate_1_1": {"is_default": True, "molar_mass": None, "elemental_percent": "16.2"}},
            {},
            "exactly one salt: the one whose figure is the form's elemental magnesium (2 ticked)",
        ),
        ({"citrate_1_1": {"is_default": True}}, {}, "but this salt is 11.3%"),
        ({"trimagnesium_dicitrate_anhydrous": {"is_default": False}}, {}, "(0 ticked)"),
        ({}, {"elemental_percent": "16.0"}, "table's figure for Magnesium citrate is 16%"),
    ],
)
def test_admin_refuses_salts_that_disagree_with_the_table(
    staff_client, citrate, changes, overrides, message
):
    response = staff_client.post(
        change_url(citrate), compound_post(citrate, citrate_rows(**changes), **overrides)
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert message in page
    assert CompoundSalt.objects.get(is_default=True).slug == "trimagnesium-dicitrate-anhydrous"
    assert MagnesiumCompound.objects.get().elemental_percent == Decimal("16.2")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"molar_mass": "-3"}, "Ensure this value is greater than or equal to 0.01."),
        ({"magnesium_atoms": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_an_impossible_salt_is_refused_in_words_beside_its_box(
    staff_client, citrate, change, message
):
    before = CompoundSalt.objects.values().get(slug="trimagnesium-dicitrate-anhydrous")
    rows = citrate_rows(trimagnesium_dicitrate_anhydrous=change)
    response = staff_client.post(change_url(citrate), compound_post(citrate, rows))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert message in page
    assert "Constraint" not in page and "is violated" not in page
    assert "ticked)" not in page  # the tick is still there: the count waits for the mistake
    assert CompoundSalt.objects.values().get(slug="trimagnesium-dicitrate-anhydrous") == before


def test_deleting_the_ticked_salt_with_a_mistake_in_it_still_asks_for_a_tick(staff_client, citrate):
    rows = citrate_rows(trimagnesium_dicitrate_anhydrous={"molar_mass": "0"})
    index = next(i for i, row in enumerate(rows) if row["is_default"])
    data = compound_post(citrate, rows, **{f"salts-{index}-DELETE": "on"})
    response = staff_client.post(change_url(citrate), data)
    assert response.status_code == 200
    assert "(0 ticked)" in html.unescape(response.content.decode())
    assert CompoundSalt.objects.filter(slug="trimagnesium-dicitrate-anhydrous").exists()


def test_a_saved_form_keeps_its_salts_in_its_history(staff_client, citrate):
    rows = citrate_rows(citrate_1_1={"note": "One magnesium per citrate."})
    response = staff_client.post(change_url(citrate), compound_post(citrate, rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    version = Version.objects.get_for_object(citrate).first()
    in_revision = {v.object_repr for v in version.revision.version_set.all()}
    assert {"magnesium citrate 1:1", "trimagnesium dicitrate, anhydrous"} <= in_revision
    assert reversion.is_registered(CompoundSalt)


def test_a_csv_import_cannot_change_a_figure_behind_its_default_salt(citrate):
    exported = MagnesiumCompoundResource().export()
    exported_again = tablib.Dataset().load(exported.csv, format="csv")
    unchanged = MagnesiumCompoundResource().import_data(exported_again, dry_run=False)
    assert not unchanged.has_validation_errors()

    changed = tablib.Dataset().load(exported.csv.replace("16.20", "17.00"), format="csv")
    result = MagnesiumCompoundResource().import_data(changed, dry_run=False)
    assert result.has_validation_errors()
    messages = str(result.invalid_rows[0].error_dict)
    assert "that of its salt “trimagnesium dicitrate, anhydrous” (16.2%)" in messages
    assert MagnesiumCompound.objects.get().elemental_percent == Decimal("16.2")
