"""The production path: container build steps, health check, request ids."""

import re
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
def test_healthz_reports_database_and_cache(client):
    body = client.get("/healthz").json()
    assert body == {"database": "ok", "cache": "ok", "status": "ok"}


@pytest.mark.django_db
def test_healthz_names_the_cache_when_it_fails(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    generated = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"] != "bad id\n"
