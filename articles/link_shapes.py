"""Text an editor meant as a link but wrote in a shape Markdown does not read, which readers
would see as typed, beside those of the site's own links (articles/rendering.py,
LOOSE_LINK_RE): the renderer keeps each as typed and the save-time check names it
(articles/models/rendered.py, `malformed_problem`), with the link it reads as meant.

- `[form:magnesium-glycinate]`: a site link with one bracket each side, where two are needed;
  only where the word before the colon is a kind of link, or near one ("[Note:see-below]"
  is text);
- `[the calculator] (/calculator/)`: a space between the words and the address; only where
  the part in parentheses is an address, so "[sic] (2019)" stays text;
- `[the table](/forms/ …`: an address whose ")" never comes on its line.

And lines pasted from a word processor's list ("•<tab>Stretch before bed"): Markdown reads a
list only from lines starting with "- ", "* " or "1. ", so they ran together as one paragraph.
They are named, not rewritten: the text keeps what the editor wrote, as every check here
does, and a rewrite on save could not tell a pasted list from a line meant to start with
an en dash and a tab.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from markdown.inlinepatterns import InlineProcessor

SINGLE_BRACKET_LINK_RE = r"\[([A-Za-z]+):[A-Za-z0-9][\w-]*(?:\|[^\[\]\n]*)?\](?![(\[:])"
# What starts an address: on this site, in the page, on the web, an e-mail, or a web address
# without its scheme.
_ADDRESS = r"(?:/|#|https?://|mailto:|www\.)[^()\s]*"
SPACED_LINK_RE = r"!?\[[^\[\]\n]+\][ \t]+\(" + _ADDRESS + r"\)"
UNCLOSED_ADDRESS_RE = r"!?\[[^\[\]\n]*\]\([^()\n]*(?=\n|$)"

# A word processor's bullet at the start of a line: "•", "◦" or "▪" before a space or a tab,
# or an en dash before a tab (Word's tab after the bullet).
PASTED_BULLET = re.compile(r"^ {0,3}(?:[•◦▪][ \t]|\u2013\t)")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
# How much of a line or a link a message quotes.
QUOTED = 60


def meant_as_link(kind: str, kinds: list[str]) -> bool:
    """Whether "[kind:slug]" was meant as a site link: `kind` is one of `kinds`, or near one
    ("forms", "Artcle")."""
    kind = kind.lower()
    return kind in kinds or bool(difflib.get_close_matches(kind, kinds, n=1, cutoff=0.75))


class MalformedProcessor(InlineProcessor):
    """Keeps a near-miss link or citation as typed and notes it for the save-time check."""

    def __init__(self, pattern: str, state: dict) -> None:
        super().__init__(pattern)
        self.state = state

    def handleMatch(self, m, data):
        self.state["malformed"].append(m.group(0))
        return m.group(0), m.start(0), m.end(0)


class SingleBracketProcessor(MalformedProcessor):
    """ "[form:x]", one bracket each side: only where the word before the colon is a kind
    of link, or near one; other text in brackets with a colon is left alone."""

    def __init__(self, pattern: str, state: dict, kinds: Callable[[], list[str]]) -> None:
        super().__init__(pattern, state)
        self.kinds = kinds

    def handleMatch(self, m, data):
        if not meant_as_link(m.group(1), self.kinds()):
            return None, None, None
        return super().handleMatch(m, data)


def pasted_bullets(text: str) -> list[str]:
    """The lines starting with a pasted bullet that run into the lines beside them (a
    paragraph of one such line shows as it reads)."""
    found = []
    for paragraph in BLANK_LINE.split(text):
        lines = paragraph.strip("\n").split("\n")
        if len(lines) > 1:
            found += [line.strip() for line in lines if PASTED_BULLET.match(line)]
    return found


def _quoted(text: str) -> str:
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"


def shape_problem(text: str) -> str | None:
    """What to change in a link with a space before its address, or whose address never
    closes, or None for another shape."""
    if re.fullmatch(SPACED_LINK_RE, text):
        meant = re.sub(r"\][ \t]+\(", "](", text)
        return (
            f"“{text}” is not written as a link, so readers would see it as typed: Markdown "
            "reads a link only with no space between “]” and “(”. Take out the space: here "
            f"{meant}."
        )
    if re.fullmatch(UNCLOSED_ADDRESS_RE, text):
        words, _, address = text.partition("](")
        address = address.split()[0] if address.split() else ""
        meant = f"{words}]({address})" if address else "[your words](/calculator/)"
        return (
            f"“{_quoted(text)}” is not written as a link, so readers would see it as typed: "
            "its address never ends with “)” on that line. Close the address with “)” "
            f"straight after it: here {meant}."
        )
    return None


def pasted_bullets_problem(lines: list[str]) -> str:
    first = " ".join(lines[0].split())
    bullet, words = first[:1], first[1:].strip()
    which = "A line starts" if len(lines) == 1 else f"{len(lines)} lines start"
    return (
        f"{which} with “{bullet}”, as a list pasted from a document does (the first: "
        f"“{_quoted(first)}”): readers would see the lines run together as one paragraph, "
        "not a list. Start each line with “- ” (a hyphen and a space) in place of the "
        f"“{bullet}” to make a list, e.g. “- {_quoted(words)}”, with a blank line before "
        "the first."
    )
