"""Security headers on every response, login throttling, and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def csp_directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


@pytest.mark.parametrize("url", ["/", "/articles/", "/no-such-page/", "/admin/login/", "/healthz"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    directives = csp_directives(response)
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_admin_pages_carry_the_policy_too(staff_client):
    response = staff_client.get("/admin/articles/article/add/")
    assert response.status_code == 200
    assert "'none'" in csp_directives(response)["object-src"]


@override_settings(DEBUG=False)
def test_500_page_is_branded_and_leaks_nothing():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "Traceback" not in html and "settings" not in html.lower()


def test_404_page_is_branded(client):
    response = client.get("/definitely/not/here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_host_header_gets_the_branded_400_not_a_500():
    client = Client(raise_request_exception=False, HTTP_HOST="attacker.example")
    for url in ["/", "/articles/", "/forms/?route=oral", "/no-such-page/"]:
        response = client.get(url)
        assert response.status_code == 400, url
        html = response.content.decode()
        assert "We could not read that request" in html
        assert "attacker.example" not in html


def login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_admin_login_locks_a_user_name_from_one_address_after_five_failures():
    StaffFactory(username="editor")
    client = Client()
    for attempt in range(4):
        assert login(client, "editor", f"wrong-{attempt}", ip="10.0.0.20").status_code == 200
    assert login(client, "editor", "wrong-again", ip="10.0.0.20").status_code == 429
    locked = login(client, "editor", "correct horse battery staple", ip="10.0.0.20")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()


def test_failures_from_one_address_do_not_lock_the_editor_out_everywhere():
    """Locking a user name for every address would let anyone keep an editor out of the
    admin by typing five wrong passwords for their (guessable) user name."""
    StaffFactory(username="admin")
    client = Client()
    for attempt in range(5):
        login(client, "admin", f"wrong-{attempt}", ip="10.0.0.20")
    assert login(client, "admin", "correct horse battery staple", ip="10.0.0.21").status_code == 302


def test_failures_for_other_user_names_do_not_lock_an_editor_out():
    StaffFactory(username="target")
    client = Client()
    for attempt in range(5):
        login(client, f"guess{attempt}", "nope", ip="10.9.9.9")
    assert login(client, "target", "correct horse battery staple", ip="10.9.9.9").status_code == 302


def test_behind_a_trusted_proxy_the_login_lockout_counts_the_reader_not_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    StaffFactory(username="target")
    client = Client()
    behind = {"REMOTE_ADDR": "10.0.0.2"}
    for attempt in range(5):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "target", "password": f"nope-{attempt}"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
            **behind,
        )
    good = {"username": "target", "password": "correct horse battery staple"}
    blocked = client.post("/admin/login/", good, HTTP_X_FORWARDED_FOR="203.0.113.9", **behind)
    assert blocked.status_code == 429
    other = client.post("/admin/login/", good, HTTP_X_FORWARDED_FOR="203.0.113.10", **behind)
    assert other.status_code == 302


def test_an_overlong_user_name_is_a_failed_login_not_a_server_error():
    # The lockout's table holds 255 characters; PostgreSQL refused a longer name with a 500.
    from axes.models import AccessAttempt

    response = login(Client(), "x" * 300, "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert [len(a.username) for a in AccessAttempt.objects.all()] == [255]


def test_correct_login_works_before_the_limit():
    StaffFactory(username="fine")
    client = Client()
    login(client, "fine", "wrong")
    assert login(client, "fine", "correct horse battery staple").status_code == 302


def test_deploy_checks_pass_with_https_a_real_key_and_hosts():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deploy check must not
    # inherit it (it is itself a deploy warning).
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DJANGO_HTTPS": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x7$Kq9!vR2mZ#pL8wT4nB6yH1jF3sD5gA0cE-uI_oP+rQ=tY&kV%bN*mX^zW@sU",
        "DJANGO_ALLOWED_HOSTS": "magnesium.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_https_mode_sends_hsts_and_secure_cookies():
    env = {**os.environ, "DJANGO_HTTPS": "1", "DJANGO_SECRET_KEY": "k" * 60}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='site_config.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    hsts, session_secure, csrf_secure = result.stdout.split()
    assert int(hsts) >= 31_536_000
    assert session_secure == csrf_secure == "True"


def test_a_form_with_an_expired_token_says_what_happened_and_how_to_keep_the_text():
    """An editor who logged in again in another tab saves a form opened before: refused,
    with words an editor understands rather than "CSRF verification failed"."""
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(StaffFactory())
    response = editor.post("/admin/articles/article/add/", {"title": "Kept?"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in html
    assert "Nothing was saved" in html
    assert "Back button" in html
    assert "CSRF" not in html


def test_error_pages_carry_the_same_security_headers():
    """A control character's 400, a foreign host's 400, a 404, a 405 and Django's limits'
    400: each with the policy every page has."""
    client = Client(raise_request_exception=False)
    too_many = "&".join(["x=1"] * 1001)
    answers = [
        client.get("/forms/?q=%00"),
        client.get("/", HTTP_HOST="attacker.example"),
        client.get("/no-such-page/"),
        client.post("/forms/"),
        client.get(f"/forms/?{too_many}"),
    ]
    assert [response.status_code for response in answers] == [400, 400, 404, 405, 400]
    for response in answers:
        assert csp_directives(response)["frame-ancestors"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
