"""The production path: container build steps, health check, request ids, media storage."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def test_dockerfile_and_makefile_install_and_collect_static_the_same_way():
    makefile = (BASE_DIR / "Makefile").read_text().replace("$(MANAGE)", "python manage.py")
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    for command in (
        "pip install --no-cache-dir -r requirements.lock",
        "python manage.py collectstatic --no-input --verbosity 0",
    ):
        assert command in re.sub(r"--quiet ", "", makefile), command
        assert command in dockerfile, command


def test_dockerfile_runs_as_non_root_with_a_healthcheck_and_no_migrate_at_start():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert re.search(r"^USER (?!root|0)", dockerfile, re.MULTILINE)
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert "gunicorn.conf.py" in dockerfile
    assert "migrate" not in dockerfile.split("CMD", 1)[1]


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    generated = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"] != "bad id\n"


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether `docker build` leaves this path of the build context out: a pattern matches
    it or one of its folders (Docker's rules: `*` within one folder, `**` across folders)."""
    rules = []
    for pattern in patterns:
        pattern = pattern.strip("/")
        regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*")
        rules.append(re.compile(regex.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")))
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(rule.fullmatch(prefix) for rule in rules for prefix in prefixes)


def test_the_image_leaves_out_secrets_and_personal_data_but_not_the_site():
    lines = (BASE_DIR / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    leaks = [
        "backups/magnesium-20261206-120000.tar.gz",  # password hashes, reporters' addresses
        "magnesium-copy.tar.gz",
        ".env",
        ".env.production",
        "prod.env",
        "deploy/staging.env",
        ".secret_key",
        "media/uploads/figure.png",
        "db.sqlite3",
        "db.sqlite3-journal",
        "scratch/ops.sqlite3",
        "gunicorn.log",
        "tls/site.key",
    ]
    assert [path for path in leaks if not dockerignored(path, patterns)] == []
    needed = ["manage.py", "gunicorn.conf.py", "requirements.lock", "static/css/site.css"]
    needed += ["templates/base.html", "interactions/starter/medicines.toml", "site_config/wsgi.py"]
    assert [path for path in needed if dockerignored(path, patterns)] == []


MEDIA_PROBE = (
    "import django, json; django.setup();"
    "from django.conf import settings as s;"
    "from django.core.files.storage import storages; d = storages['default'];"
    "print(json.dumps({'backend': type(d).__module__ + '.' + type(d).__name__,"
    " 'url': d.url('uploads/a.png'), 'img_src': s.SECURE_CSP['img-src']}))"
)


def media_settings(**environ: str) -> dict:
    """The media storage the settings module builds from this environment (no network)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "DJANGO_MEDIA_BUCKET"
    }
    env |= {"DJANGO_SETTINGS_MODULE": "site_config.settings", "DJANGO_SECRET_KEY": "k" * 60}
    result = subprocess.run(
        [sys.executable, "-c", MEDIA_PROBE],
        cwd=BASE_DIR,
        env=env | environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_media_is_a_shared_folder_without_bucket_settings():
    media = media_settings(MEDIA_ROOT="/srv/media")
    assert media["backend"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert media["url"] == "/media/uploads/a.png"


@pytest.mark.parametrize(
    ("environ", "url"),
    [
        (
            {"DJANGO_MEDIA_BUCKET": "magnesium-media"},
            "https://magnesium-media.s3.amazonaws.com/uploads/a.png",
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "magnesium-media",
                "AWS_S3_ENDPOINT_URL": "https://objects.example.org:9000",
                "AWS_S3_REGION_NAME": "eu-central-1",
            },
            "https://objects.example.org:9000/magnesium-media/uploads/a.png",
        ),
        (
            {"DJANGO_MEDIA_BUCKET": "magnesium-media", "AWS_S3_CUSTOM_DOMAIN": "media.example.org"},
            "https://media.example.org/uploads/a.png",
        ),
    ],
)
def test_media_goes_to_object_storage_when_a_bucket_is_named(environ, url):
    """Unsigned, non-expiring URLs (they are stored in article HTML) that the CSP allows."""
    media = media_settings(**environ)
    assert media["backend"] == "storages.backends.s3.S3Storage"
    assert media["url"] == url
    origin = "/".join(url.split("/")[:3])
    assert origin in media["img_src"]


def section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


def test_every_environment_variable_the_site_reads_is_in_the_readme_and_deploy_agrees():
    code = (BASE_DIR / "site_config" / "settings.py").read_text()
    code += (BASE_DIR / "gunicorn.conf.py").read_text()
    read = set(re.findall(r"""(?:environ\.get\(|env_bool\(|env_list\()\s*["']([A-Z_0-9]+)""", code))
    read.add("DATABASE_URL")  # dj_database_url.config() reads it
    assert len(read) > 15
    readme = section((BASE_DIR / "README.md").read_text(), "## Configuration")
    table = "\n".join(line.split(" | ")[0] for line in readme.splitlines() if line[:3] == "| `")
    listed = set(re.findall(r"`([A-Z][A-Z_0-9]+)`", table))
    assert sorted(read - listed) == []
    deploy = section((BASE_DIR / "docs" / "deploy.md").read_text(), "## Environment")
    production = set(re.findall(r"^\| `([A-Z][A-Z_0-9]+)`", deploy, re.MULTILINE))
    production |= set(re.findall(r"^\| `[A-Z_0-9]+`, `([A-Z][A-Z_0-9]+)`", deploy, re.MULTILINE))
    assert production and sorted(production - listed) == []


@pytest.mark.parametrize("target", ["backup", "restore FILE=backups/x.tar.gz"])
def test_make_backup_and_restore_make_the_local_key_first_as_make_run_does(target):
    """On a fresh clone, before any `make run`, there was no key: a traceback."""
    planned = subprocess.run(
        ["make", "-n", "-B", *target.split()],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    manage = planned.index("manage.py")
    assert -1 < planned.find("> .secret_key") < manage
