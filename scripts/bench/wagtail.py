"""Wagtail's tutorial blog page beside ours: uncached, and with Django's per-site cache.

Optional (`scripts/perf.py bench --wagtail`). It builds a throwaway virtualenv in the temp
folder (kept there between runs, never in the repository) with wagtail, gunicorn and
whitenoise from the package index, starts a project with `wagtail start`, adds the blog of
Wagtail's tutorial (BlogIndexPage, BlogPage), and publishes one post whose body is the text
of our burning-feet article, so the two pages carry about as much text. Served like ours:
SQLite, DEBUG off, 2 gunicorn workers with the app preloaded, WhiteNoise for static files.
If wagtail cannot be installed it says so and measures nothing.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from . import site

SUMMARY = (
    "A throwaway virtualenv and project in the temp folder; one post carrying the text of our "
    "burning-feet article; SQLite, DEBUG off, 2 gunicorn workers (app preloaded), WhiteNoise "
    "for the static file. Not a target."
)
VENV = Path(tempfile.gettempdir()) / "bench-wagtail-venv"
PACKAGES = ["wagtail", "gunicorn", "whitenoise"]
ARTICLE_SOURCE = site.ROOT / "articles" / "starter" / "articles"
ARTICLE_SOURCE = ARTICLE_SOURCE / "burning-feet-and-neuropathic-pain.md"
POST_PATH = "/blog/burning-feet-and-neuropathic-pain/"

MODELS = """
from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page


class BlogIndexPage(Page):
    intro = RichTextField(blank=True)
    content_panels = [*Page.content_panels, "intro"]

    def get_context(self, request):
        context = super().get_context(request)
        context["blogpages"] = self.get_children().live().order_by("-first_published_at")
        return context


class BlogPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    body = RichTextField(blank=True)
    content_panels = [*Page.content_panels, "date", "intro", "body"]
"""

INDEX_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block body_class %}template-blogindexpage{% endblock %}
{% block content %}
    <h1>{{ page.title }}</h1>
    <div class="intro">{{ page.intro|richtext }}</div>
    {% for post in blogpages %}
        {% with post=post.specific %}
            <h2><a href="{% pageurl post %}">{{ post.title }}</a></h2>
            <p>{{ post.intro }}</p>
        {% endwith %}
    {% endfor %}
{% endblock %}
"""

PAGE_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block body_class %}template-blogpage{% endblock %}
{% block content %}
    <h1>{{ page.title }}</h1>
    <p class="meta">{{ page.date }}</p>
    <div class="intro">{{ page.intro }}</div>
    {{ page.body|richtext }}
    <p><a href="{{ page.get_parent.url }}">Return to blog</a></p>
{% endblock %}
"""

SETTINGS = """
import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["blog", *INSTALLED_APPS]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {database!r}}}}}
STATIC_ROOT = {static!r}
STORAGES = {{
    "default": {{"BACKEND": "django.core.files.storage.FileSystemStorage"}},
    "staticfiles": {{"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}},
}}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
CACHES = {{"default": {{"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}}}
if os.environ.get("BENCH_SITE_CACHE") == "1":
    # Django's per-site cache, as its documentation sets it up.
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHE_MIDDLEWARE_SECONDS = 600
"""

CONTENT = """
import datetime, os
from wagtail.models import Page
from blog.models import BlogIndexPage, BlogPage

home = Page.objects.get(depth=2)
index = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog", intro="<p>Posts.</p>"))
body = open(os.environ["BENCH_BODY"]).read()
index.add_child(instance=BlogPage(
    title="Burning feet and neuropathic pain", slug="burning-feet-and-neuropathic-pain",
    date=datetime.date(2026, 12, 3), intro="What magnesium can and cannot do.", body=body,
))
"""


TIMING = """
import json, os, statistics, time
from django.test import Client

client = Client(HTTP_HOST="localhost")
times = []
for number in range(35):
    started = time.perf_counter()
    response = client.get(os.environ["BENCH_PATH"])
    assert response.status_code == 200, response.status_code
    if number >= 5:  # the first requests of a process compile templates
        times.append((time.perf_counter() - started) * 1000)
print(json.dumps({"median": statistics.median(times), "p90": sorted(times)[26]}))
"""


def install() -> str | None:
    """The throwaway virtualenv; None if it is ready, else why it could not be made."""
    if (VENV / "bin" / "wagtail").exists():
        return None
    steps = [
        [sys.executable, "-m", "venv", str(VENV)],
        [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *PACKAGES],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode:
            return f"could not install wagtail: {(done.stderr or done.stdout).strip()[-500:]}"
    return None


def body_html() -> str:
    """Our article's Markdown as plain paragraphs of HTML (front matter left out)."""
    text = ARTICLE_SOURCE.read_text().split("\n---\n", 1)[-1]
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in text.split("\n\n")]
    return "".join(f"<p>{html.escape(p.lstrip('#> -'))}</p>" for p in paragraphs if p)


def build(workdir: Path) -> tuple[Path, dict]:
    """The project, migrated, with the post published and static files collected."""
    project = workdir / "wagtail"
    project.mkdir()
    python = str(VENV / "bin" / "python")
    subprocess.run(
        [str(VENV / "bin" / "wagtail"), "start", "wagsite", str(project)],
        check=True,
        capture_output=True,
    )
    blog = project / "blog"
    (blog / "templates" / "blog").mkdir(parents=True)
    (blog / "__init__.py").write_text("")
    (blog / "models.py").write_text(MODELS)
    (blog / "templates" / "blog" / "blog_index_page.html").write_text(INDEX_TEMPLATE)
    (blog / "templates" / "blog" / "blog_page.html").write_text(PAGE_TEMPLATE)
    (project / "wagsite" / "settings" / "bench.py").write_text(
        SETTINGS.format(database=str(workdir / "wagtail.sqlite3"), static=str(workdir / "ws"))
    )
    (workdir / "body.html").write_text(body_html())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "VIRTUAL_ENV"))},
        "DJANGO_SETTINGS_MODULE": "wagsite.settings.bench",
        "MEDIA_ROOT": str(workdir / "wagtail-media"),
        "BENCH_BODY": str(workdir / "body.html"),
        "BENCH_PATH": POST_PATH,
    }
    for args in (
        ["makemigrations", "blog"],
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input"],
        ["shell", "-c", CONTENT],
    ):
        done = subprocess.run(
            [python, "manage.py", *args], cwd=project, env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"wagtail manage.py {args[0]} failed:\n{done.stderr[-2000:]}")
    return project, env


def stylesheet(base: str) -> str:
    page = urllib.request.urlopen(base + POST_PATH).read().decode()
    match = re.search(r'href="(/static/[^"]+\.css)"', page)
    if not match:
        raise RuntimeError("no stylesheet on the Wagtail page")
    return match.group(1)


def render_time(project: Path, env: dict) -> dict:
    """Server time of the post rendered in-process (test Client, no cache), as cold.py
    times ours: the median and p90 of 30 requests, in ms."""
    done = subprocess.run(
        [str(VENV / "bin" / "python"), "manage.py", "shell", "-c", TIMING],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"timing the Wagtail page failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def servers(project: Path, env: dict):
    """Yields (label, base URL) for the uncached site, then for the per-site cache."""
    command = [str(VENV / "bin" / "gunicorn"), "--preload", "--workers", "2"]
    command += ["wagsite.wsgi"]
    for label, cached in (("uncached", "0"), ("per-site cache", "1")):
        with site.serve(command, project, {**env, "BENCH_SITE_CACHE": cached}, 2, "/") as base:
            yield label, base
