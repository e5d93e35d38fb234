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

# How much of a link a message quotes.
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
