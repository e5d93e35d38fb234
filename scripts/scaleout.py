"""Scale-out test: two app servers sharing one PostgreSQL, one Redis and one media folder.

    python scripts/scaleout.py          # what `make scaleout` and .ci/run do

It creates a throwaway PostgreSQL database, runs the release step once (migrate, load the
starter content, collect static files, add an editor), starts two gunicorn servers with
production settings (DEBUG off) on two free ports, and then acts as a browser would:
a reader on server B, an editor on server A. Each check prints PASS or FAIL; the exit
status is 1 when any check fails. The servers are stopped and the database dropped at the
end, whatever happened.

PostgreSQL is expected on 127.0.0.1:5432 (user postgres, trust auth) and Redis on
127.0.0.1:6379; SCALEOUT_DATABASE and SCALEOUT_REDIS_URL choose the database name and the
Redis database (it is flushed before and after the run, so give it one of its own).
"""

from __future__ import annotations

import contextlib
import html
import http.cookiejar
import io
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import redis
from bench.site import PYTHON, ROOT, manage, server
from PIL import Image

DATABASE = os.environ.get("SCALEOUT_DATABASE", "magnesium_scaleout")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/5")
ARTICLE = "/articles/using-magnesium-safely/"
EDITOR = "scaleout-editor"


# -- the throwaway database and cache ---------------------------------------------------


def admin_sql(statement: str) -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(statement)


@contextlib.contextmanager
def database():
    admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{DATABASE}"')
    try:
        yield f"{POSTGRES}/{DATABASE}"
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


@contextlib.contextmanager
def cache():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    try:
        yield client
    finally:
        client.flushdb()
        client.close()


def release(workdir: Path, database_url: str, password: str) -> dict:
    """The release step, run once before any server starts: what docs/deploy.md describes."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Media on the shared folder here, whatever object storage the caller configured.
        if not key.startswith("AWS_") and key not in {"DJANGO_MEDIA_BUCKET", "DJANGO_HTTPS"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "scaleout-" + secrets.token_urlsafe(40),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
    }
    # Static files do not touch the database: collect them while the migrations run.
    static = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], cwd=ROOT, env=env
    )
    try:
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_content", "--verbosity", "0")
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "from django.core.management import call_command; "
            f"get_user_model().objects.create_user({EDITOR!r}, password={password!r}); "
            f"call_command('add_editor', {EDITOR!r})",
        )
    finally:
        collected = static.wait() == 0
    if not collected:
        raise SystemExit("collectstatic failed")
    return env


# -- a small browser ----------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies like a browser; cookies belong to the host, not the port, so one
    logged in through server A sends its session to server B, as behind a load balancer."""

    def __init__(self, host: str | None = None):
        # Behind a load balancer every server sees the site's public host name; a reader
        # given `host` sends it, so both servers share its cached pages (keyed by host).
        self.host = host
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def request(self, url: str, data: bytes | None = None, headers: dict | None = None):
        headers = {**(headers or {}), **({"Host": self.host} if self.host else {})}
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=20) as answer:
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return Response(error.code, dict(error.headers), error.read())

    def get(self, url: str) -> Response:
        return self.request(url)

    def post(self, url: str, fields: list[tuple[str, str]], referer: str) -> Response:
        body = urllib.parse.urlencode(fields).encode()
        return self.request(
            url,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer},
        )

    def post_file(self, url: str, fields: dict, name: str, filename: str, content: bytes):
        boundary = uuid.uuid4().hex
        disposition = f"--{boundary}\r\nContent-Disposition: form-data"
        parts = [
            f'{disposition}; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in fields.items()
        ]
        parts.append(
            f'{disposition}; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            url,
            b"".join(parts),
            {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": url},
        )


class FormFields(HTMLParser):
    """What a browser would submit from the form with the given id: every input, select
    and textarea with its current value (hidden ones included, like the edit token)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._select: str | None = None
        self._select_multiple = False
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self._inside = True
        if not self._inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((attrs["name"], attrs.get("value") or default))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], []
        elif tag == "select":
            self._select, self._select_multiple = attrs["name"], "multiple" in attrs
            self._select_values, self._select_first = [], None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._select_values.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._inside:
            self._inside = False
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline Django writes after <textarea>.
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            values = self._select_values
            if not values and not self._select_multiple and self._select_first is not None:
                values = [self._select_first]
            self.fields.extend((self._select, value) for value in values)
            self._select = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(page)
    return parser.fields


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise AssertionError("no CSRF token in the page")
    return match.group(1)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


# -- the checks ---------------------------------------------------------------------------


class Checks:
    def __init__(self):
        self.failures = 0

    def __call__(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"{'PASS' if ok else 'FAIL'}  {what}" + (f"  ({detail})" if detail else ""))
        self.failures += not ok
        return ok


def run_checks(a: str, b: str, password: str) -> int:
    check = Checks()
    reader, editor = Browser(host="127.0.0.1"), Browser()

    for name, base in (("A", a), ("B", b)):
        health = reader.get(base + "/healthz")
        check(
            health.status == 200 and json.loads(health.body).get("status") == "ok",
            f"/healthz on server {name} is 200",
            f"{health.status} {health.text.strip()}",
        )

    first = reader.get(b + ARTICLE)
    again = reader.get(b + ARTICLE)
    check(
        first.status == again.status == 200 and again.headers.get("X-Cache") == "hit",
        "a reader's article page is cached on server B",
        f"{first.status} X-Cache {first.headers.get('X-Cache')}, "
        f"then {again.status} X-Cache {again.headers.get('X-Cache')}",
    )
    on_a = reader.get(a + ARTICLE)
    check(
        on_a.status == 200 and on_a.headers.get("X-Cache") == "hit",
        "server A answers the same page from the shared Redis cache",
        f"{on_a.status} X-Cache {on_a.headers.get('X-Cache')}",
    )
    old_title = html.unescape(re.search(r"<h1>(.*?)</h1>", first.text, re.S).group(1).strip())

    login_url = a + "/admin/login/?next=/admin/"
    login_page = editor.get(login_url)
    login = editor.post(
        login_url,
        [
            ("csrfmiddlewaretoken", csrf_token(login_page.text)),
            ("username", EDITOR),
            ("password", password),
            ("next", "/admin/"),
        ],
        referer=login_url,
    )
    if not check(
        login.status == 302 and login.headers.get("Location") == "/admin/",
        "the editor logs in to /admin/ through server A",
        f"{login.status} -> {login.headers.get('Location')}",
    ):
        return check.failures

    index_b = editor.get(b + "/admin/")
    check(
        index_b.status == 200
        # Signed in: the admin's logout form, not its login form.
        and 'id="logout-form"' in index_b.text
        and 'id="login-form"' not in index_b.text,
        "the session from server A opens the admin index on server B",
        f"{index_b.status} -> {index_b.headers.get('Location', 'admin index')}",
    )

    search = editor.get(a + "/admin/articles/article/?" + urllib.parse.urlencode({"q": old_title}))
    change_path = re.search(r'href="(/admin/articles/article/\d+/change/)', search.text)
    if not check(bool(change_path), "the editor finds the article in the admin on server A"):
        return check.failures
    change_url = a + change_path.group(1)
    form = editor.get(change_url)
    fields = form_fields(form.text, "article_form")
    stamp = uuid.uuid4().hex[:8]
    new_title = f"Using magnesium safely (checked {stamp})"
    new_summary = f"Dose, upper limit and interactions, reviewed in scale-out run {stamp}."
    # Saving a published article asks for a note for readers (feedback/change_notes.py).
    replaced = {"title": new_title, "summary": new_summary, "change_note": "Title reworded."}
    fields = [(key, replaced.get(key, value)) for key, value in fields]
    saved = editor.post(change_url, [*fields, ("_save", "Save")], referer=change_url)
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.text, re.S)
    if not check(
        saved.status == 302 and any(key == "edit_token_seen" for key, _ in fields),
        "the editor changes the title and summary through server A's change form",
        f"{saved.status}, {len(fields)} fields with the edit token"
        + (f", errors: {errors}" if errors else ""),
    ):
        return check.failures

    after = reader.get(b + ARTICLE)
    check(
        after.status == 200
        and html.escape(new_title, quote=False) in after.text
        and html.escape(new_summary, quote=False) in after.text,
        "the reader sees the change at once through server B",
        f"{after.status} X-Cache {after.headers.get('X-Cache')}",
    )

    upload_url = a + "/markdownx/upload/"
    uploaded = editor.post_file(
        upload_url,
        {"csrfmiddlewaretoken": csrf_token(form.text)},
        "image",
        "scale-out.png",
        png_bytes(),
    )
    code = json.loads(uploaded.body).get("image_code", "") if uploaded.status == 200 else ""
    image_url = code[code.find("(") + 1 : -1] if code.endswith(")") else ""
    check(
        uploaded.status == 200 and image_url.startswith("/media/uploads/"),
        "the editor uploads an image through server A",
        f"{uploaded.status} {image_url or uploaded.text[:120]}",
    )
    if image_url:
        image = reader.get(b + image_url)
        check(
            image.status == 200
            and image.headers.get("Content-Type") == "image/png"
            and image.headers.get("X-Content-Type-Options") == "nosniff"
            and image.body.startswith(b"\x89PNG"),
            "server B serves the uploaded image (image/png, nosniff)",
            f"{image.status} {image.headers.get('Content-Type')} "
            f"nosniff={image.headers.get('X-Content-Type-Options')}",
        )
    return check.failures


def main() -> int:
    started = time.monotonic()
    password = secrets.token_urlsafe(24)
    failures = 1
    with tempfile.TemporaryDirectory(prefix="scaleout-") as tmp:
        workdir = Path(tmp)
        try:
            with database() as database_url, cache():
                env = release(workdir, database_url, password)
                print(
                    f"release step done: migrate, load_content, collectstatic, add_editor "
                    f"({time.monotonic() - started:.0f} s)"
                )
                # One worker each: two servers on a 2-core machine.
                with server(env, workers=1) as a, server(env, workers=1) as b:
                    print(f"server A {a}, server B {b}; PostgreSQL {DATABASE}, {REDIS_URL}")
                    failures = run_checks(a, b, password)
        finally:
            if failures:
                for log in sorted(workdir.glob("gunicorn-*.log")):
                    print(f"--- {log.name} (last lines)")
                    print("\n".join(log.read_text().splitlines()[-20:]))
    print(f"scale-out: {'FAIL' if failures else 'PASS'} in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
