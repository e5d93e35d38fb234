"""Helpers shared by the calculator's tests: requests, and the page as a reader reads it."""

import html
import re

from django.apps import apps
from django.urls import reverse

ADULT_WOMAN = {"age": "31-50-years", "sex": "female"}

# Typography on the page, written plainly in the assertions below.
PLAIN = str.maketrans({"\u00d7": "x", "\u00f7": "/", "\u2019": "'", "\xa0": " "})


def visible_text(response) -> str:
    """The main content as a reader sees it: tags dropped, entities decoded, spaces single,
    and the multiplication and division signs and curly apostrophes in plain ASCII."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    text = html.unescape(re.sub(r"<[^>]+>", "", main)).translate(PLAIN)
    return re.sub(r"\s+", " ", text)


def stored_counts() -> dict[str, int]:
    """How many rows every model holds, to show that a request stored nothing."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def calculate(client, **params):
    return client.get(reverse("comparisons:calculator"), params)
