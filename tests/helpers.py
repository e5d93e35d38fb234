"""Helpers that tests in several folders share: what an editor's browser would post, a
page's text as a reader reads it, and the starter content, loaded fast."""

import contextlib
import html
import re
from html.parser import HTMLParser
from itertools import groupby

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.urls import reverse

from articles.models import Article


def change_form_data(article: Article, **overrides) -> dict:
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "topics": [t.pk for t in article.topics.all()],
        "main_for": [t.pk for t in article.main_for.all()],
        "body": article.body,
        "status": article.status,
        "published_at_0": article.published_at.strftime("%Y-%m-%d") if article.published_at else "",
        "published_at_1": article.published_at.strftime("%H:%M:%S") if article.published_at else "",
        "featured": "",
        "author": article.author,
        "reviewer": article.reviewer,
        "last_reviewed": "",
        "next_review_due": "",
        "edit_token_seen": str(article.edit_token),
        # Saving a published page asks for a change note (feedback/change_notes.py).
        "change_note": "",
        "minor_change": "on",
    }
    data.update(overrides)
    return data


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


class _SubmittedForm(HTMLParser):
    """Collects what a browser submits from an admin page's form (a change form, the export
    form; not the log-out button's): each named input (ticked boxes only), the chosen
    options of each select and each textarea's text."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") != "logout-form":
            self._in_form = True
        name = attrs.get("name")
        if not self._in_form or (not name and tag != "option"):
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "file", "reset"):
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            text = self.data[self._textarea][-1]
            # A newline straight after <textarea> is not part of its text (HTML's rule).
            self.data[self._textarea][-1] = text + (data if text else data.removeprefix("\n"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def submitted_form(html: str, **overrides) -> dict[str, list[str]]:
    """The data a browser posts from the admin form in `html`, with `overrides`."""
    parser = _SubmittedForm()
    parser.feed(html)
    return {**parser.data, **{name: [value] for name, value in overrides.items()}}


def saved_in_admin(client, record, **changes):
    """Post `record`'s admin change form as an editor's browser would, with `changes`."""
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return client.post(url, submitted_form(client.get(url).content.decode(), **changes))


def added_in_admin(client, model, **fields):
    """Post `model`'s admin add form as an editor's browser would, with `fields`; the
    response followed to the page the save leads to."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    return client.post(url, submitted_form(client.get(url).content.decode(), **fields), follow=True)


# What a new article needs besides its status and date, as an editor would type it.
NEW_ARTICLE = {
    "title": "Magnesium in winter",
    "slug": "magnesium-in-winter",
    "summary": "A summary.",
    "body": "Text.",
    "author": "Maria Lopez",
}


def list_row(html: str, record) -> str:
    """The prefix of `record`'s row in an admin list's editable boxes ("form-2")."""
    ids = submitted_form(html).items()
    return next(k for k, v in ids if k.endswith("-id") and v == [str(record.pk)]).removesuffix(
        "-id"
    )


def agreeing_to_go_off_site(client, url: str, data: dict, **kwargs):
    """Post an admin form that takes a public page off the site: refused with a box to
    tick (articles/going_off_site.py), then posted again from the refused form, ticked."""
    refused = client.post(url, data)
    assert 'name="take_off_site"' in refused.content.decode(), "the save was not asked about"
    ticked = submitted_form(refused.content.decode(), take_off_site="on")
    return client.post(url, ticked, **kwargs)


# Typography on the page, written plainly in the assertions.
PLAIN = str.maketrans({"\u00d7": "x", "\u00f7": "/", "\u2019": "'", "\xa0": " "})


def visible_text(response) -> str:
    """The main content as a reader sees it: tags dropped, entities decoded, spaces single,
    and the multiplication and division signs and curly apostrophes in plain ASCII."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    text = html.unescape(re.sub(r"<[^>]+>", "", main)).translate(PLAIN)
    return re.sub(r"\s+", " ", text)


# Loading the starter content renders every Markdown body and writes its history: about five
# seconds, in a hundred tests. The first load in a test process is real; later ones restore
# a snapshot of the rows it wrote (natural keys for content types, so ids that differ after a
# flush still match). Tests of the loader itself call `load_content`, never this.
SNAPSHOT_APPS = ("articles", "comparisons", "evidence", "feedback", "interactions", "reversion")
_snapshot: dict[str, str] = {}


def _snapshot_models() -> list:
    app_models = [(config, list(config.get_models())) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(
        [(config, models) for config, models in app_models if config.label in SNAPSHOT_APPS]
    )
    return [model for model in ordered if not model._meta.proxy]


@contextlib.contextmanager
def _stored_timestamps_kept(model):
    """bulk_create fills `auto_now` fields with the current time; keep the snapshot's."""
    fields = [field for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    for field in fields:
        field.auto_now = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now = True


def load_starter_content() -> None:
    """The starter content, as `load_content` writes it, into an empty database (into one
    holding content already, `load_content` itself runs, as a snapshot would clash)."""
    models = _snapshot_models()
    empty = not any(model._base_manager.exists() for model in models)
    if connection.vendor in _snapshot and empty:
        _restore(_snapshot[connection.vendor], models)
        return
    call_command("load_content", verbosity=0)
    if empty:
        _snapshot[connection.vendor] = serializers.serialize(
            "json",
            (obj for model in models for obj in model._base_manager.order_by("pk")),
            use_natural_foreign_keys=True,
        )


def _restore(snapshot: str, models: list) -> None:
    """One bulk insert per table (rows and many-to-many links), with no save signals."""
    with transaction.atomic(), connection.constraint_checks_disabled():
        for model, items in groupby(
            serializers.deserialize("json", snapshot), key=lambda item: type(item.object)
        ):
            items = list(items)
            with _stored_timestamps_kept(model):
                model._base_manager.bulk_create([item.object for item in items])
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                through._base_manager.bulk_create(
                    through(**{f"{source}_id": item.object.pk, f"{target}_id": pk})
                    for item in items
                    for pk in item.m2m_data.get(field.name, ())
                )
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
