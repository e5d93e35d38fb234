"""Search results' excerpts: a page's stored HTML as plain text, and the window of it that
shows the query's words (see site_config/search.py)."""

import html
import re
from collections import Counter
from itertools import islice

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


def plain_text(text: str) -> str:
    """Stored HTML as one line of text, blocks kept apart with a middle dot unless a
    sentence already ends there."""
    blocks = _BLOCK_END.split(_CITATION.sub("", text or ""))
    joined = ""
    for block in blocks:
        block = html.unescape(re.sub(r"\s+", " ", _TAG.sub("", block))).strip()
        if block:
            if joined:
                joined += " " if joined.endswith(_SENTENCE_END) else " · "
            joined += block
    return joined


def excerpt(text: str, words: list[str], width: int = 220) -> str:
    """A plain-text window around the place that holds the most of the words (the first such
    place), cut between words. "citrate side effects" shows where a page speaks of side
    effects and citrate together, not its first "citrate" in a table of salts."""
    plain = plain_text(text)
    first = _best_match(plain.lower(), words, width)
    start = max(0, first - width // 3)
    if start and plain[start - 1] != " ":
        start = min(first, plain.find(" ", start) + 1) if " " in plain[start:first] else first
    end = start + width
    if end < len(plain) and plain[end] != " " and (space := plain.rfind(" ", first + 1, end)) > 0:
        end = space
    snippet = plain[start:end].strip()
    return ("…" if start else "") + snippet + ("…" if end < len(plain) else "")


def _best_match(lowered: str, words: list[str], width: int) -> int:
    """Where a word matches such that the window around it (a third of `width` before it)
    holds the most different words; the earliest of those, 0 where none matches. A word
    matches at the start of a word of the text, as PostgreSQL's search matches ("sleep" in
    "sleeping", not "bed" in "absorbed"). Each word's first MOST_MATCHES matches are weighed."""
    matches = sorted(
        (at.start(), word)
        for word in set(words)
        for at in islice(re.finditer(rf"\b{re.escape(word)}", lowered), MOST_MATCHES)
    )
    best, most = 0, 0
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
