"""Search results' excerpts: a page's stored HTML as plain text, the window of it that shows
the query's words (see site_config/search.py), and the section of the page it is in."""

import html
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from site_config.search_words import variants, word_start

# Each word's first matches weighed in choosing the window: enough for any page of the
# site, and a word on every line of a long body costs no more than this.
MOST_MATCHES = 50
# A tag, its quoted attribute values included. The HTML cut from is the renderer's sanitised
# output, and the excerpt is escaped again in the template, so a regex is enough here; Django's
# strip_tags (an HTML parser) took most of a search's time over 20 long bodies.
_TAG = re.compile(r"""<(?:"[^"]*"|'[^']*'|[^'">])*>""")
# A citation's number means nothing away from its page's reference list. The space before it
# goes too, or "a day [@ref];" would read "a day ;".
_CITATION = re.compile(r'\s*<sup class="cite">.*?</sup>', re.DOTALL)
# Where one block of text ends: a heading, paragraph, list item or table cell. Run together,
# a table's cells read as one sentence.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|td|th|dt|dd|blockquote|caption)>|<br ?/?>", re.I)
_SENTENCE_END = tuple(".!?:;")
# A heading starts a block, and a section of the page: its id (articles/rendering.py gives
# each heading of a body one) is where a link to the section goes.
_HEADING_START = re.compile(r"(?=<h[1-6][\s>])", re.I)
_HEADING = re.compile(r"\s*<h[1-6](?=[\s>])([^>]*)>", re.I)
_ID = re.compile(r"""(?:^|\s)id=["']([^"']*)["']""", re.I)


@dataclass(frozen=True)
class Excerpt:
    text: str
    # The id of the heading over the place shown, where the text gives one; None before the
    # first heading, or under one without an id.
    section: str | None = None


def plain_text(text: str) -> str:
    """Stored HTML as one line of text, blocks kept apart with a middle dot unless a
    sentence already ends there."""
    return _plain_text_and_sections(text)[0]


def _plain_text_and_sections(text: str) -> tuple[str, list[tuple[int, str | None]]]:
    """`plain_text`, and where in it each heading starts a section, with the heading's id."""
    blocks = _BLOCK_END.split(_CITATION.sub("", text or ""))
    joined, sections = "", []
    for block in (part for each in blocks for part in _HEADING_START.split(each)):
        if heading := _HEADING.match(block):
            named = _ID.search(heading[1])
            sections.append((len(joined), html.unescape(named[1]) if named else None))
        block = html.unescape(re.sub(r"\s+", " ", _TAG.sub("", block))).strip()
        if block:
            if joined:
                joined += " " if joined.endswith(_SENTENCE_END) else " · "
            joined += block
    return joined, sections


def excerpt_words(words: list[str], title: str) -> list[str]:
    """The words an excerpt looks for, with their variants: those its title above it does not
    already show ("glycinate dose" on the glycinate page shows its dose), or all of them."""
    title = title.lower()
    shown = [word for word in words if word not in title] or words
    return [word_start(each) for word in shown for each in variants(word)]


def excerpt(text: str, words: list[str], width: int = 220) -> str:
    """A plain-text window around the place that holds the most of the words (the first such
    place), cut between words. "citrate side effects" shows where a page speaks of side
    effects and citrate together, not its first "citrate" in a table of salts."""
    return excerpt_in_section(text, words, width).text


def excerpt_in_section(text: str, words: list[str], width: int = 220) -> Excerpt:
    """`excerpt`, with the section of the page the place it shows is in: "kidney disease
    stage 3" shows the safety guide's section on kidney disease."""
    plain, sections = _plain_text_and_sections(text)
    found = _best_match(plain.lower(), words, width)
    first = found or 0
    start = max(0, first - width // 3)
    if start and plain[start - 1] != " ":
        start = min(first, plain.find(" ", start) + 1) if " " in plain[start:first] else first
    end = start + width
    if end < len(plain) and plain[end] != " " and (space := plain.rfind(" ", first + 1, end)) > 0:
        end = space
    snippet = plain[start:end].strip()
    text = ("…" if start else "") + snippet + ("…" if end < len(plain) else "")
    above = [heading_id for at, heading_id in sections if at <= first]
    return Excerpt(text, above[-1] if above and found is not None else None)


def _best_match(lowered: str, words: list[str], width: int) -> int | None:
    """Where a word matches such that the window around it (a third of `width` before it)
    holds the most different words; the earliest of those, None where none matches. A word
    matches at the start of a word of the text, as PostgreSQL's search matches ("sleep" in
    "sleeping", not "bed" in "absorbed"). Each word's first MOST_MATCHES matches are weighed."""
    matches = sorted(
        (at.start(), word)
        for word in set(words)
        for at in islice(re.finditer(rf"\b{re.escape(word)}", lowered), MOST_MATCHES)
    )
    best, most = None, 0
    inside: Counter[str] = Counter()  # the words of the matches in the current window
    first = last = 0  # that window holds matches[first:last]
    for at, _word in matches:
        window_start, window_end = at - width // 3, at - width // 3 + width
        while last < len(matches) and matches[last][0] + len(matches[last][1]) <= window_end:
            inside[matches[last][1]] += 1
            last += 1
        while matches[first][0] < window_start:
            word = matches[first][1]
            inside[word] -= 1
            if not inside[word]:
                del inside[word]
            first += 1
        if len(inside) > most:
            best, most = at, len(inside)
    return best
