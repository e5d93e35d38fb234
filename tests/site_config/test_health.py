"""/healthz (site_config/health.py): 200 while the app and its database answer, to the
container's HEALTHCHECK and a load balancer's plain-HTTP probe under the production
settings of docs/deploy.md; the cache is reported, never a reason for a 503."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PUBLIC_HOST = "magnesium.example.org"
# This project's engineers may use ports 8600-8609 for servers of their own.
PORTS = range(8600, 8610)
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    }
}


HTTPS_PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s;"
    "print(json.dumps({name: getattr(s, name) for name in ("
    "'ALLOWED_HOSTS', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SECURE_REDIRECT_EXEMPT'"
    ")}))"
)


def deploy_environment(**extra: str) -> dict[str, str]:
    """docs/deploy.md's production environment: DJANGO_HTTPS=1, DJANGO_ALLOWED_HOSTS the
    public names only; SQLite stands in for the database (the check asks it SELECT 1)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PYTEST_", "HOST"))
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_HTTPS": "1",
        "DJANGO_ALLOWED_HOSTS": f"{PUBLIC_HOST},www.{PUBLIC_HOST}",
        **extra,
    }


@pytest.fixture(scope="module")
def https_settings() -> dict:
    """What site_config/settings.py makes of that environment."""
    result = subprocess.run(
        [sys.executable, "-c", HTTPS_PROBE],
        cwd=BASE_DIR,
        env=deploy_environment(DATABASE_URL="sqlite:///:memory:"),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def production_https(settings, https_settings):
    for name, value in https_settings.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    body = client.get("/healthz").json()
    assert body == {"database": "ok", "cache": "ok", "status": "ok"}


@pytest.mark.django_db
def test_healthz_stays_200_when_only_the_cache_is_down_and_says_so(client, settings):
    """Redis is an optional cache: pages are served without it, so its outage must not take
    every app server out of the load balancer's rotation."""
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable", "status": "degraded"}
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_healthz_is_503_naming_the_database_when_it_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr("site_config.health.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["status"] == "error"


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["127.0.0.1:8000", "10.0.3.7:8000", "10.0.3.7"])
def test_healthz_answers_a_plain_http_probe_by_address_under_production_settings(
    client, production_https, host
):
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_the_probe_exemption_opens_nothing_else(client, production_https):
    """Other paths keep host validation and the https redirect; /healthz answers GET and
    HEAD only."""
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert client.get("/healthz/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    redirect = client.get("/about/", HTTP_HOST=PUBLIC_HOST)
    assert redirect.status_code == 301
    assert redirect["Location"] == f"https://{PUBLIC_HOST}/about/"
    assert client.head("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert client.post("/healthz", HTTP_HOST="127.0.0.1:8000").status_code != 200
    secure = {"HTTP_HOST": PUBLIC_HOST, "HTTP_X_FORWARDED_PROTO": "https"}
    assert client.post("/healthz", **secure).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["x=%00", "x=%01", "%1b=1"])
def test_healthz_refuses_a_control_character_in_its_address_as_every_page_does(client, query):
    """It answered 200, before the check every other address gets: a probe never sends one."""
    for method in (client.get, client.head):
        assert method(f"/healthz?{query}").status_code == 400
    assert "control character" in client.get(f"/healthz?{query}").content.decode()


@pytest.mark.django_db
def test_a_probe_by_address_with_a_control_character_is_refused_under_production_settings(
    client, production_https
):
    response = client.get("/healthz?x=%00", HTTP_HOST="10.0.3.7")
    assert response.status_code == 400
    assert client.get("/healthz", HTTP_HOST="10.0.3.7").status_code == 200


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8600-8609")


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {server.stdout.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("gunicorn did not start")


def _dockerfile_healthcheck() -> list[str]:
    """The HEALTHCHECK's command, exactly as the Dockerfile writes it (exec form)."""
    text = (BASE_DIR / "Dockerfile").read_text().replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("HEALTHCHECK"))
    command = json.loads(line.split(" CMD ", 1)[1])
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


@pytest.fixture
def production_server(tmp_path):
    """gunicorn from gunicorn.conf.py with docs/deploy.md's environment."""
    port = _free_port()
    env = deploy_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        WEB_CONCURRENCY="1",
    )
    # No control socket: gunicorn's default path is shared by every server on the machine.
    command = ["gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket", "site_config.wsgi"]
    server = subprocess.Popen(
        [sys.executable, "-m", *command],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(port, server)
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_dockerfile_healthcheck_passes_under_the_deploy_environment(production_server):
    port, env = production_server
    check = subprocess.run(
        _dockerfile_healthcheck(), env=env, capture_output=True, text=True, timeout=30
    )
    assert check.returncode == 0, check.stderr
    # A load balancer's probe by the instance's address, without X-Forwarded-Proto.
    probe = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": "10.0.3.7"})
    with urllib.request.urlopen(probe, timeout=10) as response:
        assert response.status == 200
