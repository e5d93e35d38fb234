"""The starter snapshot that a hundred tests load must hold what `load_content` writes."""

import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection

from tests.helpers import _snapshot, load_starter_content


def _every_row() -> list[dict]:
    """Each row of every table of ours and of reversion's, as JSON holds it: times to the
    millisecond, so a time less than a millisecond past a second reads ".000" before the
    round trip and nothing after it."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label not in {"admin", "auth", "contenttypes", "sessions"}
    ]
    rows = serializers.serialize(
        "json",
        (obj for model in models for obj in model._base_manager.order_by("pk")),
        use_natural_foreign_keys=True,
    )
    return json.loads(rows.replace('.000Z"', 'Z"'))


@pytest.mark.django_db(transaction=True)
def test_the_starter_snapshot_restores_every_row_load_content_writes():
    _snapshot.pop(connection.vendor, None)
    load_starter_content()  # a real load, which takes the snapshot
    loaded = _every_row()
    assert loaded
    call_command("flush", verbosity=0, interactive=False)
    load_starter_content()  # from the snapshot
    assert _every_row() == loaded
