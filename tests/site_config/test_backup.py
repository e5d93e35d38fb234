"""A backup restores losslessly into an empty database: rows, history, pages and images."""

import importlib
import io
import json
import tarfile
from xml.etree import ElementTree

import pytest
import reversion
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import Client

from articles.models import Article, MovedPage, UploadedImage
from feedback.models import ChangeNote, Report
from site_config.backup import content_counts
from site_config.editors import GROUP_NAME, sync_editor_permissions
from tests.factories import ArticleFactory, ReferenceFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)
NOT_BACKED_UP_BEFORE = {"feedback.report", "feedback.changenote", "articles.uploadedimage"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "figure.png").write_bytes(b"\x89PNG fake image bytes")
    return settings.MEDIA_ROOT


def make_content():
    editor = StaffFactory(username="editor")
    topic = TopicFactory(slug="sleep", name="Sleep")
    ReferenceFactory(key="kirkland-2018")
    with reversion.create_revision():
        reversion.set_user(editor)
        ArticleFactory(slug="target", title="Target page", topics=[topic])
        ArticleFactory(
            slug="source", body="See [[article:target]] [@kirkland-2018].", topics=[topic]
        )
    source = Article.objects.get(slug="source")
    report = Report.objects.create(page="/articles/source/", text="A figure is out of date.")
    ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(source),
        object_id=source.pk,
        note="Brought the figures up to date.",
        report=report,
    )
    UploadedImage.objects.create(file="uploads/figure.png", width=4, height=3, uploaded_by=editor)
    MovedPage.record(source, "/articles/an-older-address/")


def test_backup_then_restore_into_an_empty_database_is_lossless(tmp_path, media):
    make_content()
    pages = ["/", "/articles/", "/articles/source/", "/topics/sleep/", "/changes/"]
    before_pages = {url: Client().get(url).content for url in pages}
    before_counts = content_counts()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)
    (media / "uploads" / "figure.png").unlink()
    assert not any(content_counts().values())

    call_command("restore", str(archive), verbosity=0)
    assert content_counts() == before_counts
    assert before_counts["reversion.version"] == 2
    assert before_counts["feedback.changenote"] == before_counts["feedback.report"] == 1
    assert UploadedImage.objects.get().uploaded_by.username == "editor"
    for url in pages:
        assert Client().get(url).content == before_pages[url], url
    assert (media / "uploads" / "figure.png").read_bytes() == b"\x89PNG fake image bytes"
    assert Client().get("/articles/an-older-address/")["Location"] == "/articles/source/"


def test_a_backup_is_readable_by_its_owner_only(tmp_path, media):
    """It holds password hashes and reporters' e-mail addresses."""
    make_content()
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"an older file, world-readable")
    archive.chmod(0o644)
    call_command("backup", str(archive), verbosity=0)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert tarfile.is_tarfile(archive)


def make_backup(tmp_path):
    make_content()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    return archive


def test_restore_into_a_database_just_migrated_keeps_the_editors_group(tmp_path, media):
    archive = make_backup(tmp_path)
    sync_editor_permissions()  # what migrate does: the Editors group, with its permissions
    permissions = set(Group.objects.get(name=GROUP_NAME).permissions.all())

    call_command("restore", str(archive), verbosity=0)

    assert Group.objects.get(name=GROUP_NAME).permissions.count() == len(permissions)
    assert Article.objects.count() == 2


def record_media_as_migrate_does():
    """Migration articles/0016 records each image already in the media folder."""
    migration = importlib.import_module("articles.migrations.0016_uploaded_images")
    migration.record_files_already_uploaded(django_apps, None)


def test_restore_into_a_database_migrated_beside_the_surviving_media_folder(tmp_path, media):
    """The database is lost, the shared media volume is not: migrate records its images, and
    the restore replaces those records with the archive's, keeping any file it lacks."""
    archive = make_backup(tmp_path)
    (media / "uploads" / "after-the-backup.png").write_bytes(b"\x89PNG uploaded later")
    sync_editor_permissions()
    record_media_as_migrate_does()
    assert UploadedImage.objects.count() == 2

    call_command("restore", str(archive), verbosity=0)

    assert Article.objects.count() == 2
    restored = UploadedImage.objects.get(file="uploads/figure.png")
    assert (restored.uploaded_by.username, restored.width) == ("editor", 4)
    assert UploadedImage.objects.filter(file="uploads/after-the-backup.png").exists()
    assert (media / "uploads" / "after-the-backup.png").read_bytes() == b"\x89PNG uploaded later"


def as_made_earlier(archive, older, *, manifest=None, records=None):
    """A copy of the archive as an earlier version of the site made it: `manifest` edits the
    manifest's dict, `records` the data's XML root."""
    with tarfile.open(archive) as source, tarfile.open(older, "w:gz") as target:
        for member in source.getmembers():
            payload = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                edited = json.loads(payload)
                manifest(edited)
                payload = json.dumps(edited).encode()
            elif member.name == "data.xml" and records:
                root = ElementTree.fromstring(payload)
                records(root)
                payload = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
            member.size = len(payload)
            target.addfile(member, io.BytesIO(payload))
    return older


def test_an_archive_from_before_reports_were_backed_up_still_restores(tmp_path, media):
    def without_counts(manifest):
        for label in NOT_BACKED_UP_BEFORE:
            manifest["counts"].pop(label, None)

    def without_records(root):
        for record in list(root):
            if record.get("model") in NOT_BACKED_UP_BEFORE:
                root.remove(record)

    older = as_made_earlier(
        make_backup(tmp_path),
        tmp_path / "older.tar.gz",
        manifest=without_counts,
        records=without_records,
    )
    call_command("restore", str(older), verbosity=0)

    assert Article.objects.count() == 2
    assert not Report.objects.exists()


def test_tables_in_an_archive_from_before_they_could_be_drafts_stay_public(tmp_path, media):
    """Such an archive holds no status for its comparison tables: loaded as it is, every
    table became a draft, a 404 the restored pages still linked to."""
    from comparisons.models import Comparison
    from tests.factories import ComparisonFactory

    ComparisonFactory(slug="topical-vs-oral")
    ComparisonFactory(slug="a-draft", status="draft", published_at=None)
    added_later = {"status", "published_at", "reviewer", "last_reviewed", "next_review_due"}

    def without_publishing(root):
        for record in root:
            if record.get("model") == "comparisons.comparison":
                for field in list(record):
                    if field.get("name") in added_later:
                        record.remove(field)

    older = as_made_earlier(
        make_backup(tmp_path), tmp_path / "older.tar.gz", records=without_publishing
    )
    call_command("restore", str(older), verbosity=0)

    assert Comparison.objects.published().count() == 2
    assert Client().get("/compare/topical-vs-oral/").status_code == 200


def test_a_draft_table_in_a_new_archive_stays_a_draft(tmp_path, media):
    from comparisons.models import Comparison
    from tests.factories import ComparisonFactory

    ComparisonFactory(slug="a-draft", status="draft", published_at=None)
    archive = make_backup(tmp_path)
    call_command("restore", str(archive), verbosity=0)
    assert Comparison.objects.get(slug="a-draft").status == "draft"


def test_restore_refuses_a_database_that_has_content(tmp_path, media):
    make_content()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    before = content_counts()
    with pytest.raises(CommandError, match="already has content"):
        call_command("restore", str(archive), verbosity=0)
    assert content_counts() == before


def test_restore_of_a_broken_file_changes_nothing(tmp_path, media):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    # Not "no rows": the Editors group, which migrate creates, is there unless an earlier
    # test in this process flushed the database, so asserting none made this test flaky.
    before = content_counts()
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(bogus), verbosity=0)
    assert content_counts() == before


def test_restore_ignores_paths_that_escape_the_media_folder(tmp_path, media):
    make_content()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 3
        target.addfile(info, io.BytesIO(b"bad"))
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(evil), verbosity=0)
    assert not (tmp_path / "escaped.txt").exists()
