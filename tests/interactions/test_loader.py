"""The medicines' starter file loads through the one rule: a medicine an editor deleted
stays deleted, and so do its other names."""

import textwrap

import pytest
from django.core.management import call_command

from articles.loader import StarterLoader
from interactions import loader as interactions_loader
from interactions.models import Medicine, MedicineAlias
from tests.factories import ReferenceFactory

pytestmark = pytest.mark.django_db

MEDICINE = """
[[medicine]]
slug = "quinolones"
name = "Quinolone antibiotics"
class = "Antibiotic"
aliases = ["ciprofloxacin", "Cipro"]
rule = "space"
before_hours = 2
after_hours = 6
severity = "major"
summary = "Take the antibiotic at least 2 hours before magnesium, or 6 hours after it."
why = "Magnesium binds these antibiotics in the gut."
references = ["ods-magnesium-hp"]
published = 2026-12-04
"""


def test_a_medicine_an_editor_deleted_stays_deleted_with_its_other_names(tmp_path):
    ReferenceFactory(key="ods-magnesium-hp")
    path = tmp_path / "medicines.toml"
    path.write_text(textwrap.dedent(MEDICINE), encoding="utf-8")
    interactions_loader.load_medicines(StarterLoader(), path)
    assert MedicineAlias.objects.count() == 2
    Medicine.objects.get().delete()

    loader = StarterLoader()
    interactions_loader.load_medicines(loader, path)
    assert not Medicine.objects.exists() and not MedicineAlias.objects.exists()
    assert loader.counts == {"kept deleted by an editor": 1}

    again = StarterLoader(recreate_deleted=True)
    interactions_loader.load_medicines(again, path)
    assert again.counts == {"created": 3}
    assert Medicine.objects.get().aliases.count() == 2


# The medicines added after sites had loaded the list (audit M6), and how the safety guide
# named them before it linked them.
ADDED = ["iron", "azithromycin", "quinidine", "eltrombopag", "zinc", "cisplatin", "ciclosporin"]
ADDED_FROM = "\n# Medicines a UK magnesium label lists as ones magnesium can keep"
GUIDE_BEFORE = [
    (
        "[[medicine:iron]], [[medicine:penicillamine]], [[medicine:eltrombopag]]",
        "Iron, [[medicine:penicillamine]], eltrombopag",
    ),
    ("| [[medicine:quinidine]] |", "| Quinidine |"),
    (
        "[[medicine:azithromycin]], [[medicine:mycophenolate]]",
        "Azithromycin, mycophenolate",
    ),
    # Added later still (the tenth review), after the same comment in medicines.toml.
    ("[[medicine:erlotinib]]", "Erlotinib"),
    ("[[medicine:polystyrene-sulfonate-resins]]", "Polystyrene sulfonate resins"),
    (
        "[[medicine:cisplatin]], [[medicine:ciclosporin]], [[medicine:aminoglycosides]], "
        "[[medicine:cetuximab]], [[medicine:foscarnet]], [[medicine:amphotericin-b]]",
        "Cisplatin, ciclosporin, aminoglycosides, cetuximab, foscarnet, amphotericin B",
    ),
    ("[[medicine:zinc|Very high doses of zinc]]", "Very high doses of zinc"),
]
ADDED_NOTE = "have their own entries in Medicines and magnesium"


def load_release_before_the_added_medicines(tmp_path) -> None:
    """`load_content` with the starter files as they were: no such medicines, the guide
    naming them without links, and no note about them."""
    import shutil
    from unittest.mock import patch

    import articles.loader
    import feedback.loader

    medicines_dir = shutil.copytree(interactions_loader.STARTER_DIR, tmp_path / "interactions")
    medicines = medicines_dir / "medicines.toml"
    medicines.write_text(medicines.read_text().split(ADDED_FROM)[0])
    articles_dir = shutil.copytree(articles.loader.STARTER_DIR, tmp_path / "articles")
    guide = articles_dir / "articles" / "using-magnesium-safely.md"
    text = guide.read_text()
    for now, before in GUIDE_BEFORE:
        assert text.count(now) == 1, now
        text = text.replace(now, before)
    guide.write_text(text)
    notes = tmp_path / "change_notes.toml"
    notes.write_text(
        "\n[[note]]".join(
            part
            for part in feedback.loader.NOTES.read_text().split("\n[[note]]")
            if ADDED_NOTE not in part
        )
    )
    with (
        patch.object(interactions_loader, "STARTER_DIR", medicines_dir),
        patch.object(articles.loader, "STARTER_DIR", articles_dir),
        patch.object(feedback.loader, "NOTES", notes),
    ):
        call_command("load_content", verbosity=0)


def test_load_content_adds_the_new_medicines_to_a_running_site_and_keeps_editors_changes(
    client, tmp_path
):
    from articles.models import Article
    from feedback.models import ChangeNote

    load_release_before_the_added_medicines(tmp_path)
    assert not Medicine.objects.filter(slug__in=ADDED).exists()
    assert "not in our list" in client.get("/interactions/?medicine=Zithromax").content.decode()
    Medicine.objects.filter(slug="gabapentin").update(summary="An editor's own wording.")

    call_command("load_content", verbosity=0)

    assert set(
        Medicine.objects.public().filter(slug__in=ADDED).values_list("slug", flat=True)
    ) == set(ADDED)
    html = client.get("/interactions/?medicine=Zithromax").content.decode()
    assert 'id="result-azithromycin"' in html and "not in our list" not in html
    assert Medicine.objects.get(slug="gabapentin").summary == "An editor's own wording."
    guide = Article.objects.get(slug="using-magnesium-safely")
    notes = list(ChangeNote.objects.for_object(guide).values_list("note", flat=True))
    assert [note for note in notes if ADDED_NOTE in note] != []
    assert (
        'href="/interactions/azithromycin/"'
        in client.get(guide.get_absolute_url()).content.decode()
    )
    call_command("load_content", verbosity=0)
    assert len(ChangeNote.objects.for_object(guide)) == len(notes)
