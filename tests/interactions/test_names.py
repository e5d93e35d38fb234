"""One name, one medicine: a name or alias that is already a name of another medicine, or the
medicine's own name again, is refused by the admin (naming the medicine, keeping the editor's
text on the form, saving nothing) and by the starter loader, as readers' searches compare
names (case, accents and punctuation ignored). Renaming and re-aliasing in one save works. A
name of only punctuation, which compares as no name, is refused as well."""

import html
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.loader import StarterLoader
from interactions import loader as interactions_loader
from interactions.models import Medicine, MedicineAlias
from tests.factories import ReferenceFactory
from tests.interactions.factories import MedicineFactory
from tests.interactions.test_models_and_admin import add_form_data

pytestmark = pytest.mark.django_db


def add(staff_client, **overrides):
    """Post the admin's add form for 'Testacycline', citing a source."""
    data = add_form_data(references=[ReferenceFactory().pk], **overrides)
    return staff_client.post(reverse("admin:interactions_medicine_add"), data)


def change(staff_client, medicine: Medicine, name: str, aliases: list[tuple[str, str]]):
    """Post the admin's change form of `medicine` with this name and these alias rows:
    (stored alias name or "" for a new row, name typed or "DELETE")."""
    stored = {alias.name: alias for alias in medicine.aliases.all()}
    data = add_form_data(
        name=name,
        slug=medicine.slug,
        references=[ref.pk for ref in medicine.references.all()],
        edit_token_seen=str(medicine.edit_token),
        change_note="Corrected the medicine's names.",
        **{
            "aliases-TOTAL_FORMS": str(len(aliases)),
            "aliases-INITIAL_FORMS": str(sum(1 for old, _new in aliases if old)),
        },
    )
    # Stored rows first, as the admin renders them.
    for i, (old, new) in enumerate(sorted(aliases, key=lambda row: not row[0])):
        if old:
            data[f"aliases-{i}-id"] = str(stored[old].pk)
            data[f"aliases-{i}-medicine"] = str(medicine.pk)
        data[f"aliases-{i}-name"] = old if new == "DELETE" else new
        if new == "DELETE":
            data[f"aliases-{i}-DELETE"] = "on"
    url = reverse("admin:interactions_medicine_change", args=[medicine.pk])
    return staff_client.post(url, data)


def refused(response) -> str:
    """The page of a refused save, as the editor reads it."""
    assert response.status_code == 200, response.status_code
    page = html.unescape(response.content.decode())
    assert "Please correct the error" in page
    return page


def names(medicine: Medicine) -> tuple[str, list[str]]:
    medicine.refresh_from_db()
    return medicine.name, sorted(alias.name for alias in medicine.aliases.all())


def test_an_alias_that_is_another_medicines_name_is_refused(staff_client):
    MedicineFactory(name="Gabapentin", slug="gabapentin")
    page = refused(add(staff_client, **{"aliases-0-name": "GABAPENTIN"}))
    assert "'GABAPENTIN' is already a name of Gabapentin." in page
    assert not Medicine.objects.filter(slug="testacycline").exists()
    assert list(Medicine.objects.named("gabapentin").values_list("slug", flat=True)) == [
        "gabapentin"
    ]


def test_an_alias_that_is_another_medicines_alias_is_refused_naming_it(staff_client):
    MedicineFactory(name="Loop diuretics", aliases=["Furosemide"])
    page = refused(add(staff_client, **{"aliases-0-name": "furosemide"}))
    assert "'furosemide' is already a name of Loop diuretics." in page
    assert not Medicine.objects.filter(slug="testacycline").exists()


def test_a_medicine_named_as_another_medicines_alias_is_refused(staff_client):
    MedicineFactory(name="Loop diuretics", aliases=["Furosemide"])
    page = refused(add(staff_client, name="Furosemide", slug="furosemide"))
    assert "'Furosemide' is already a name of Loop diuretics." in page
    assert not Medicine.objects.filter(slug="furosemide").exists()
    assert not MedicineAlias.objects.filter(name="Testamycin").exists()


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Gabapentin", "gabapentin"),
        ("L-thyroxine", "L thyroxine"),
        ("Lévothyroxine", "LEVOTHYROXINE"),
    ],
)
def test_medicine_names_differing_only_in_case_or_punctuation_are_refused(
    staff_client, stored, typed
):
    MedicineFactory(name=stored)
    page = refused(add(staff_client, name=typed, slug="typed"))
    assert f"'{typed}' is already a name of {stored}." in page
    assert Medicine.objects.count() == 1


def test_an_alias_that_is_the_medicines_own_name_is_refused(staff_client):
    page = refused(add(staff_client, **{"aliases-0-name": "TESTACYCLINE"}))
    assert "'TESTACYCLINE' is already this medicine's own name." in page
    assert not Medicine.objects.exists()


def test_renaming_a_medicine_to_its_own_kept_alias_is_refused_on_the_alias(staff_client):
    medicine = MedicineFactory(name="Loop diuretics", aliases=["Furosemide"])
    page = refused(change(staff_client, medicine, "Furosemide", [("Furosemide", "Furosemide")]))
    assert "'Furosemide' is already this medicine's own name." in page
    assert names(medicine) == ("Loop diuretics", ["Furosemide"])


def test_a_refused_save_changes_nothing_and_keeps_the_editors_text(staff_client):
    MedicineFactory(name="Gabapentin", slug="gabapentin", aliases=["Neurontin"])
    medicine = MedicineFactory(name="Loop diuretics", aliases=["Furosemide", "Lasix"])
    token = medicine.edit_token
    response = change(
        staff_client,
        medicine,
        "Loop diuretics (water tablets)",
        [("Furosemide", "Frusemide"), ("Lasix", "DELETE"), ("", "neurontin")],
    )
    page = refused(response)
    assert "'neurontin' is already a name of Gabapentin." in page
    assert 'value="Loop diuretics (water tablets)"' in page
    assert 'value="Frusemide"' in page
    assert names(medicine) == ("Loop diuretics", ["Furosemide", "Lasix"])
    assert medicine.edit_token == token
    assert MedicineAlias.objects.count() == 3


def test_swapping_two_aliases_in_one_save_is_refused_rather_than_a_server_error(staff_client):
    """The admin writes alias rows one by one, and the database keeps aliases unique."""
    medicine = MedicineFactory(name="Loop diuretics", aliases=["Furosemide", "Lasix"])
    page = refused(
        change(
            staff_client,
            medicine,
            "Loop diuretics",
            [("Furosemide", "Lasix"), ("Lasix", "Furosemide")],
        )
    )
    assert "'Lasix' is already one of this medicine's other names." in page
    assert "listed twice" not in page
    assert names(medicine) == ("Loop diuretics", ["Furosemide", "Lasix"])


def test_an_alias_becomes_the_medicines_name_in_one_save(staff_client, client):
    """The alias row is removed or renamed in the same save, so it is no clash."""
    medicine = MedicineFactory(name="Loop diuretics", aliases=["Furosemide", "Lasix"])
    response = change(
        staff_client,
        medicine,
        "Furosemide",
        [("Furosemide", "Loop diuretics"), ("Lasix", "DELETE"), ("", "Frusemide")],
    )
    assert response.status_code == 302
    assert names(medicine) == ("Furosemide", ["Frusemide", "Loop diuretics"])
    for typed in ["furosemide", "Loop-diuretics", "frusemide"]:
        assert list(Medicine.objects.named(typed)) == [medicine]
    assert not Medicine.objects.named("lasix").exists()


def test_a_legitimate_new_medicine_with_aliases_is_saved(staff_client):
    MedicineFactory(name="Gabapentin", aliases=["Neurontin"])
    response = add(staff_client, **{"aliases-1-name": "Testa-mycin XR"})
    assert response.status_code == 302
    medicine = Medicine.objects.get(slug="testacycline")
    assert names(medicine) == ("Testacycline", ["Testa-mycin XR", "Testamycin"])


@pytest.mark.parametrize("typed", [{"name": "!!!", "slug": "symbols"}, {"aliases-1-name": "!!!"}])
def test_a_name_of_only_punctuation_is_refused_on_its_box(staff_client, typed):
    """It compares as no name at all: an other name gave a server error, and a medicine
    named so made every such other name "already a name of !!!"."""
    page = refused(add(staff_client, **typed))
    assert "A name needs at least one letter or digit." in page
    assert 'value="!!!"' in page
    assert not Medicine.objects.exists()
    assert not MedicineAlias.objects.exists()


def test_a_medicine_stored_with_a_name_of_only_symbols_is_no_clash_for_others(staff_client):
    MedicineFactory(name="!!!")
    page = refused(add(staff_client, **{"aliases-1-name": "—"}))
    assert "A name needs at least one letter or digit." in page
    assert "already a name of" not in page
    assert Medicine.objects.count() == 1


# 120 characters each, the most a name takes; compared, "ß" reads "ss" and "ﬁ" "fi", so each
# comes to 134.
LONGEST_NAME = "Süßholz " * 14 + "Süßholz!"
LONGEST_ALIAS = "Maßstab " * 14 + "Maßstab!"
LIGATURES = "ﬁ" * 120


def test_the_longest_names_are_saved_though_compared_they_are_longer(staff_client):
    """PostgreSQL refused them, a server error, where the compared form had room for 120."""
    response = add(
        staff_client,
        name=LONGEST_NAME,
        slug="liquorice",
        **{"aliases-0-name": LONGEST_ALIAS, "aliases-1-name": LIGATURES},
    )
    assert response.status_code == 302
    medicine = Medicine.objects.get(slug="liquorice")
    assert names(medicine) == (LONGEST_NAME, sorted([LONGEST_ALIAS, LIGATURES]))
    for typed in [LONGEST_NAME.upper(), LONGEST_ALIAS.replace("ß", "ss"), "fi" * 120]:
        assert list(Medicine.objects.named(typed)) == [medicine]


# ---- the starter loader ----

CLASHING = """
[[medicine]]
slug = "loop-diuretics"
name = "Loop diuretics"
class = "Diuretic (water tablet)"
aliases = ["furosemide", "Lasix"]
rule = "monitor"
severity = "moderate"
summary = "A doctor may check your magnesium level."
why = "They make the kidneys lose magnesium."
references = ["ods-magnesium-hp"]
published = 2026-12-04

[[medicine]]
slug = "furosemide"
name = "Furosemide"
class = "Diuretic (water tablet)"
rule = "monitor"
severity = "moderate"
summary = "A doctor may check your magnesium level."
why = "It makes the kidneys lose magnesium."
references = ["ods-magnesium-hp"]
published = 2026-12-04
"""


@pytest.fixture
def starter_dir(tmp_path, monkeypatch):
    """The medicines' starter folder, with the real references and medicines.toml to write."""
    real = interactions_loader.STARTER_DIR
    shutil.copy(real / "references.toml", tmp_path / "references.toml")
    monkeypatch.setattr(interactions_loader, "STARTER_DIR", tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("", "", "'Furosemide' is already a name of Loop diuretics"),
        (
            'name = "Furosemide"',
            'name = "Frusemide"\naliases = ["LOOP DIURETICS"]',
            "'LOOP DIURETICS' is already a name of Loop diuretics",
        ),
        ('aliases = ["furosemide", ', 'aliases = ["Loop-diuretics", ', "own name"),
    ],
)
def test_load_content_refuses_a_starter_file_with_a_name_clash_and_writes_nothing(
    starter_dir, old, new, message
):
    (starter_dir / "medicines.toml").write_text(CLASHING.replace(old, new))
    with pytest.raises(CommandError, match=message):
        call_command("load_content", verbosity=0)
    assert not Medicine.objects.exists()
    assert not MedicineAlias.objects.exists()


@pytest.mark.parametrize(
    ("old", "new"), [('name = "Frusemide"', 'name = "!!!"'), ('"Lasix"', '"Lasix", "???"')]
)
def test_load_content_refuses_a_starter_name_of_only_punctuation_and_writes_nothing(
    starter_dir, old, new
):
    no_clash = CLASHING.replace('name = "Furosemide"', 'name = "Frusemide"')
    (starter_dir / "medicines.toml").write_text(no_clash.replace(old, new))
    with pytest.raises(CommandError, match="A name needs at least one letter or digit"):
        call_command("load_content", verbosity=0)
    assert not Medicine.objects.exists()
    assert not MedicineAlias.objects.exists()


def test_the_starter_loader_loads_the_longest_names(tmp_path):
    ReferenceFactory(key="ods-magnesium-hp")
    longest = CLASHING.replace('"Lasix"', f'"{LONGEST_ALIAS}"').replace(
        'name = "Furosemide"', f'name = "{LONGEST_NAME}"'
    )
    (tmp_path / "medicines.toml").write_text(longest)
    interactions_loader.load_medicines(StarterLoader(), tmp_path / "medicines.toml")
    assert Medicine.objects.named(LONGEST_NAME).get().slug == "furosemide"
    assert Medicine.objects.named(LONGEST_ALIAS).get().slug == "loop-diuretics"


def test_the_real_starter_medicines_have_no_name_clashes():
    call_command("load_content", verbosity=0)
    loaded = Medicine.objects.for_pages()
    keys = [m.normalised_name for m in loaded] + [
        a.normalised for m in loaded for a in m.aliases.all()
    ]
    assert len(keys) == len(set(keys))
