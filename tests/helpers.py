"""Helpers that tests in several folders share: what an editor's browser would post, and a
page's text as a reader reads it."""

import html
import re
from html.parser import HTMLParser

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


# Typography on the page, written plainly in the assertions.
PLAIN = str.maketrans({"\u00d7": "x", "\u00f7": "/", "\u2019": "'", "\xa0": " "})


def visible_text(response) -> str:
    """The main content as a reader sees it: tags dropped, entities decoded, spaces single,
    and the multiplication and division signs and curly apostrophes in plain ASCII."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    text = html.unescape(re.sub(r"<[^>]+>", "", main)).translate(PLAIN)
    return re.sub(r"\s+", " ", text)
