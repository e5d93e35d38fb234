"""Text Markdown would take too long to read: links and brackets that never close.

Python-Markdown reads every "[" as the start of a link and looks for its "]" through the rest
of the paragraph, so a paragraph of "[" that never close costs time growing with the square
of its length: 20,000 of them took 30 seconds and the server stopped the request, for the
editor's preview and for every reader waiting on that process. After a link's "](" it looks
through the rest of the paragraph for the ")" that ends the address in the same way, and
further when the address holds a quote mark it takes for the start of a title: 20,000
"[x](" (80 KB) took over 30 seconds too. `render_markdown` does not render such a text
(articles/markdown_limits.py); the preview and the save say why instead (`problems_in`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

# How many characters Markdown may look through for closing brackets and the ends of links'
# addresses: about a second's work on this site's machine (2.5 million a second for "]",
# measured; 6 to 8 million for ")", measured on "[x](" and '[x]("a) ' repeated). A long
# article's citations and links, each closed within a line, come to a few thousand.
SCAN_LIMIT = 2_500_000
# How much of the text before the first "[" that never closes the message quotes.
CONTEXT = 30

BLANK_LINE = re.compile(r"\n[ \t]*\n")
BRACKET = re.compile(r"[\[\]]")
ESCAPED = re.compile(r"\\.", re.DOTALL)  # "\[" is a bracket meant as text
BACKTICKS = re.compile(r"`+")
PARENTHESIS = re.compile(r"[()]")
QUOTE = re.compile(r"[\"']")
# An address with a title after it, `(address "title")`: Markdown stops at its ")". Any other
# quote mark in an address (`(it's)`, `(a "b" c)`) sends it on to the end of the paragraph.
# Possessive, so that a long run of spaces is not tried at every split.
TITLED = re.compile(r"""\(\s*+[^\s()"']*+\s++(?:"[^"]*+"|'[^']*+')\s*+\)""")


def without_code(block: str) -> str:
    """The block with its code spans blanked, as Markdown reads them: a run of backticks up
    to the next run of the same length (Markdown looks for no link inside). In one pass,
    whatever the runs: a regular expression pairing them took minutes on a line of them."""
    runs = [(run.start(), run.end()) for run in BACKTICKS.finditer(block)]
    starts_by_length: dict[int, list[int]] = defaultdict(list)
    for at, (start, end) in enumerate(runs):
        starts_by_length[end - start].append(at)
    spans, at = [], 0
    while at < len(runs):
        start, end = runs[at]
        same = starts_by_length[end - start]
        after = bisect_right(same, at)
        if after == len(same):
            at += 1
            continue
        closing = same[after]
        spans.append((start, runs[closing][1]))
        at = closing + 1
    pieces, done = [], 0
    for start, end in spans:
        pieces += [block[done:start], " " * (end - start)]
        done = end
    return "".join([*pieces, block[done:]])


def _closing_parentheses(block: str) -> dict[int, int]:
    """Where each "(" of the block is closed, as Markdown counts nested parentheses."""
    closing, opened = {}, []
    for parenthesis in PARENTHESIS.finditer(block):
        if parenthesis.group() == "(":
            opened.append(parenthesis.start())
        elif opened:
            closing[opened.pop()] = parenthesis.start()
    return closing


def _address_search(
    block: str, start: int, closing: dict[int, int], quotes: list[int]
) -> tuple[int, bool]:
    """How far Markdown looks for the end of the address that opens at `start` ("(" after a
    link's "]"), and whether it finds it: to its ")", or to the end of the paragraph if it is
    never closed or holds a quote mark that is not a title's."""
    end = closing.get(start)
    if end is None:
        return len(block) - start, False
    holds_quote = bisect_right(quotes, end) > bisect_right(quotes, start)
    if holds_quote and not TITLED.fullmatch(block, start, end + 1):
        return len(block) - start, False
    return end + 1 - start, True


def unclosed_brackets(text: str) -> str | None:
    """Why Markdown would take too long searching this text for the ends of its links, or
    None."""
    brackets_scanned = addresses_scanned = 0
    never_closed: list[tuple[str, int]] = []
    unended: list[tuple[str, int]] = []
    unescaped = ESCAPED.sub("  ", text)
    for block in BLANK_LINE.split(unescaped):
        searched = without_code(block) if "`" in block else block
        opened: list[int] = []
        addresses: list[int] = []
        for bracket in BRACKET.finditer(searched):
            if bracket.group() == "[":
                opened.append(bracket.start())
            elif opened:
                brackets_scanned += bracket.start() - opened.pop()
                if searched.startswith("(", bracket.end()):
                    addresses.append(bracket.end())
        brackets_scanned += sum(len(block) - start for start in opened)
        never_closed += [(block, start) for start in opened]
        if addresses:
            closing = _closing_parentheses(searched)
            quotes = [quote.start() for quote in QUOTE.finditer(searched)]
            for start in addresses:
                searched_for, ended = _address_search(searched, start, closing, quotes)
                addresses_scanned += searched_for
                if not ended:
                    unended.append((block, start))
    if brackets_scanned + addresses_scanned <= SCAN_LIMIT:
        return None
    if addresses_scanned > brackets_scanned and unended:
        block, start = unended[0]
        return (
            f"This text has {len(unended):,} links whose address, in “(” and “)” after the "
            f"link's text, is never closed or holds a quote mark{_where(block, start)}. "
            "Markdown searches the rest of the paragraph for the end of each, so this text "
            "would take too long to show, and it is not shown or saved. End each address "
            "with “)”, write a quote mark in an address as %22 for \" and %27 for ', and write "
            "\\( for a bracket meant as text."
        )
    block, start = never_closed[0] if never_closed else (text, 0)
    return (
        f"This text has {len(never_closed):,} “[” that are never closed"
        f"{_where(block, start)}. Markdown reads each “[” as the start of a link or citation "
        "and searches the rest of the paragraph for its “]”, so this text would take too "
        "long to show, and it is not shown or saved. Close each “[” with “]”, or write \\[ "
        "for a bracket meant as text."
    )


def _where(block: str, start: int) -> str:
    before = " ".join(block[:start].split())[-CONTEXT:]
    return f", the first after “{before}”" if before else ""
