"""Article tables that a phone shows as cards, one per row.

On a narrow screen a table of three or more columns squeezed each column to a word or two
a line (the safety guide's "What to do") or pushed columns out of sight (the food article's
"Breastfeeding"). Such a table gets the site's `table-cards` class, and each body cell a
`data-label` with its column's heading: below 40rem static/css/site.css draws each row as a
card and each cell under its heading, as the forms and foods tables are drawn. It stays a
table in the markup, so screen readers still read rows, columns and headers.

Left as tables, which scroll in their own box on a phone when wider than it (and so take
focus, below):
- one or two columns: they fit a phone's width side by side, and as cards they would be
  longer for no gain;
- a header row with no words in it: there is nothing to label the cells with.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from copy import deepcopy

import nh3
from markdown.extensions.toc import render_inner_html
from markdown.treeprocessors import Treeprocessor

CARDS_CLASS = "table-cards"
MIN_CARD_COLUMNS = 3


class TableCards(Treeprocessor):
    """Marks the tables written in Markdown to be cards on a phone. (An editor's own HTML table
    keeps the class and labels it was written with, and nothing else: sanitising allows them.)

    Runs after the inline patterns and typographic quotes, so a heading's label is its text as
    readers see it."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            labels = [self._label(cell) for cell in table.iterfind("thead/tr/th")]
            if len(labels) < MIN_CARD_COLUMNS or not any(labels):
                continue
            table.set("class", CARDS_CLASS)
            for row in table.iterfind("tbody/tr"):
                for cell, label in zip(row, labels, strict=False):
                    # An empty cell gets no label: "Pregnancy" over nothing (a child's row of
                    # the intake table) reads like a missing figure.
                    if label and ((cell.text or "").strip() or len(cell)):
                        cell.set("data-label", label)

    def _label(self, heading: etree.Element) -> str:
        """The heading's words as the sanitised page shows them (no text of a script an editor
        typed in it), without its citation numbers. Still HTML-escaped ("&amp;"), as the
        serializer leaves an entity in an attribute as it is."""
        heading = deepcopy(heading)
        heading.tail = None
        for parent in heading.iter():
            for child in list(parent):
                if child.tag == "sup" and child.get("class") == "cite":
                    _drop_keeping_tail(parent, child)
        return " ".join(nh3.clean(render_inner_html(heading, self.md), tags=set()).split())


def _drop_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    tail = child.tail or ""
    previous = None
    for element in parent:
        if element is child:
            break
        previous = element
    if previous is None:
        parent.text = (parent.text or "") + tail
    else:
        previous.tail = (previous.tail or "") + tail
    parent.remove(child)


# After sanitising, which keeps only the class above on a table: a table not drawn as cards
# scrolls sideways in its own box on a phone, and a keyboard reaches and scrolls it only if
# it takes focus (WCAG 2.1.1, axe's scrollable-region-focusable). A card table never scrolls
# (its cells wrap, site.css), so it is no tab stop, on a phone or a desktop.
_SCROLLING_TABLE = re.compile(r"<table>")


def focusable_scrolling_tables(html: str) -> str:
    return _SCROLLING_TABLE.sub('<table tabindex="0">', html)
