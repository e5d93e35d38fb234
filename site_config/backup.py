"""Portable backups: all content, its history and the uploaded images in one .tar.gz.

The data is Django's XML serialisation with natural keys, so a backup taken on SQLite
restores into PostgreSQL and back. (XML rather than JSON because Django's JSON encoder cuts
timestamps to milliseconds, and a backup must be lossless.) Restoring needs an empty,
migrated database and changes nothing if anything is wrong with the archive.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from articles.models import batched_content_changes
from articles.uploads import record_stored_images
from site_config.editors import GROUP_NAME, sync_editor_permissions

# What a restore needs, in dependency order. Users come along because versions and the
# admin log name who made each change.
MODELS = [
    "auth.group",
    "auth.user",
    "articles.uploadedimage",
    "articles.topic",
    "articles.reference",
    "articles.article",
    "articles.contentlink",
    "articles.starterrecord",
    "articles.movedpage",
    "interactions",
    "comparisons",
    "evidence",
    "reversion.revision",
    "reversion.version",
    "admin.logentry",
    # Readers' reports and the change notes readers see (a note names its revision).
    "feedback",
]
# What `migrate` itself creates: the Editors group, and a record of each image already in
# the media folder (articles migration 0016; no uploader). A database holding only those
# is empty: a restore replaces them with the archive's. The second is the usual disaster
# recovery: the database is lost, the shared media volume is not.
CREATED_BY_MIGRATE = {"auth.group", "articles.uploadedimage"}
DATA_NAME = "data.xml"
MEDIA_PREFIX = "media/"
FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _model_labels() -> list[str]:
    labels = []
    for label in MODELS:
        if "." in label:
            labels.append(label)
        else:
            labels += [m._meta.label_lower for m in apps.get_app_config(label).get_models()]
    return labels


def content_counts() -> dict[str, int]:
    return {label: apps.get_model(label)._default_manager.count() for label in _model_labels()}


def create_backup(path: Path) -> dict[str, int]:
    objects = []
    for label in _model_labels():
        model = apps.get_model(label)
        objects.extend(model._default_manager.order_by("pk"))
    data = serializers.serialize(
        "xml", objects, use_natural_foreign_keys=True, use_natural_primary_keys=False
    )
    manifest = {"format": FORMAT_VERSION, "counts": content_counts()}
    media_root = Path(settings.MEDIA_ROOT)
    # Readable by its owner only: it holds password hashes and reporters' e-mail addresses.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its mode through os.open
    with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
        for name, payload in ((DATA_NAME, data), ("manifest.json", json.dumps(manifest))):
            info = tarfile.TarInfo(name)
            encoded = payload.encode()
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
        if media_root.exists():
            for file in sorted(p for p in media_root.rglob("*") if p.is_file()):
                archive.add(file, arcname=MEDIA_PREFIX + file.relative_to(media_root).as_posix())
    return manifest["counts"]


def _safe_member(member: tarfile.TarInfo) -> bool:
    path = PurePosixPath(member.name)
    return member.isfile() and not path.is_absolute() and ".." not in path.parts


def _publish_tables_from_before_drafts(data_file: Path) -> None:
    """Comparison tables had no status before they could be drafts (comparisons migration
    0019): an archive made then holds none, and loading it would make every table a draft
    that the restored pages still link to. Those tables were public: they stay so, published
    from when they were last changed, as the migration did."""
    older = [
        element.get("pk")
        for _event, element in ElementTree.iterparse(data_file)
        if element.tag == "object"
        and element.get("model") == "comparisons.comparison"
        and not any(field.get("name") == "status" for field in element.iter("field"))
    ]
    if older:
        tables = apps.get_model("comparisons.comparison")._default_manager
        tables.filter(pk__in=older).update(status="published", published_at=F("updated_at"))


def restore_backup(path: Path) -> dict[str, int]:
    # Image records an editor made name their uploader, a user, which counts as content.
    if any(n for label, n in content_counts().items() if label not in CREATED_BY_MIGRATE):
        raise BackupError(
            "The database already has content. Restore into an empty, migrated database "
            "(e.g. a new DATABASE_URL, or `manage.py flush` then `manage.py migrate`)."
        )
    try:
        readable = tarfile.is_tarfile(path)
    except OSError as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if not readable:
        raise BackupError(f"{path} is not a backup archive.")
    with tarfile.open(path, "r:*") as archive, tempfile.TemporaryDirectory() as scratch:
        members = {m.name: m for m in archive.getmembers()}
        if DATA_NAME not in members or "manifest.json" not in members:
            raise BackupError(f"{path} is not a backup made by this site (no {DATA_NAME}).")
        manifest = json.load(archive.extractfile(members["manifest.json"]))
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unsupported backup format {manifest.get('format')!r}.")
        data_file = Path(scratch) / DATA_NAME
        data_file.write_bytes(archive.extractfile(members[DATA_NAME]).read())
        with transaction.atomic(), batched_content_changes():
            # The groups come back as they were saved, under their own keys; no user is in
            # the ones migrate made, as there are no users yet.
            groups = apps.get_model("auth.group")._default_manager
            had_editors = groups.filter(name=GROUP_NAME).exists()
            groups.all().delete()
            # The image records migrate made for files in the media folder: the archive's
            # records of the same files (with their uploaders and sizes) replace them, and
            # any file the archive lacks gets its record back below. Deleted without the
            # models' signals, which would delete each file with its record.
            images = apps.get_model("articles.uploadedimage")._default_manager.all()
            images._raw_delete(images.db)
            # Raw loading skips the models' save(): stored HTML and links come back as saved.
            call_command("loaddata", str(data_file), verbosity=0)
            _publish_tables_from_before_drafts(data_file)
            restored = content_counts()
            # An archive made before a kind of record was backed up has none of it.
            expected = manifest["counts"]
            if any(restored.get(k, 0) != expected.get(k, 0) for k in restored | expected):
                raise BackupError(f"Row counts differ after restore: {restored} vs {expected}")
            # Editors get the permissions of this version's models, not only the archive's.
            if had_editors or groups.filter(name=GROUP_NAME).exists():
                sync_editor_permissions()
        media_root = Path(settings.MEDIA_ROOT)
        for name, member in members.items():
            if name.startswith(MEDIA_PREFIX) and _safe_member(member):
                target = media_root / name.removeprefix(MEDIA_PREFIX)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())
    # Files in the media folder the archive has no record of (uploaded after the backup was
    # made, on a volume that outlived the database) are listed again, as migrate listed them.
    record_stored_images()
    return restored
