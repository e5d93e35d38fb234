"""The evidence matrix is part of a backup: a restore brings back its outcomes and cells."""

import pytest
from django.core.management import call_command
from django.test import Client

from evidence.models import EvidenceCell
from site_config.backup import content_counts
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_keep_the_matrix(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    EvidenceCellFactory(outcome=OutcomeFactory(slug="migraine"), summary="Fewer attacks.")
    before = Client().get("/evidence/migraine/").content
    counts = content_counts()
    assert counts["evidence.evidencecell"] == 1
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), verbosity=0)
    assert content_counts() == counts
    assert EvidenceCell.objects.get().references.count() == 1
    assert Client().get("/evidence/migraine/").content == before
