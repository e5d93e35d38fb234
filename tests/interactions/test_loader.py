"""The medicines' starter file loads through the one rule: a medicine an editor deleted
stays deleted, and so do its other names."""

import textwrap

import pytest

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
