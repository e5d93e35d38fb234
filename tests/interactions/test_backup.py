"""Medicines are part of a backup: a restore brings back each rule, its names and sources."""

import pytest
from django.core.management import call_command
from django.test import Client

from interactions.models import Medicine
from site_config.backup import content_counts
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_keep_the_medicines(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    MedicineFactory(name="Gabapentin", slug="gabapentin", aliases=["Neurontin"])
    before = Client().get("/interactions/?medicine=neurontin").content
    counts = content_counts()
    assert counts["interactions.medicine"] == 1
    assert counts["interactions.medicinealias"] == 1
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), verbosity=0)
    assert content_counts() == counts
    assert Medicine.objects.get().references.count() == 1
    assert Client().get("/interactions/?medicine=neurontin").content == before
