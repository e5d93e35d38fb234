"""Text Markdown would take too long to read: "[" that never close.

Python-Markdown reads every "[" as the start of a link and looks for its "]" through the rest
of the paragraph, so a paragraph of "[" that never close costs time growing with the square
of its length: 20,000 of them took 30 seconds and the server stopped the request, for the
editor's preview and for every reader waiting on that process. `render_markdown` does not
render such a text; the preview and the save say why instead (`problems_in`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

# How many characters Markdown may look through for closing brackets: about a second's work
# on this site's machine (2.5 million a second, measured). A long article's citations and
# links, each closed within a line, come to a few thousand.
SCAN_LIMIT = 2_500_000
# How much of the text before the first "[" that never closes the message quotes.
CONTEXT = 30

BLANK_LINE = re.compile(r"\n[ \t]*\n")
BRACKET = re.compile(r"[\[\]]")
ESCAPED = re.compile(r"\\.", re.DOTALL)  # "\[" is a bracket meant as text
BACKTICKS = re.compile(r"`+")


def _without_code(block: str) -> str:
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


def too_slow_to_render(text: str) -> str | None:
    """Why this Markdown would take too long to render, or None."""
    scanned = 0
    never_closed: list[tuple[str, int]] = []
    unescaped = ESCAPED.sub("  ", text)
    for block in BLANK_LINE.split(unescaped):
        searched = _without_code(block) if "`" in block else block
        opened: list[int] = []
        for bracket in BRACKET.finditer(searched):
            if bracket.group() == "[":
                opened.append(bracket.start())
            elif opened:
                scanned += bracket.start() - opened.pop()
        scanned += sum(len(block) - start for start in opened)
        never_closed += [(block, start) for start in opened]
    if scanned <= SCAN_LIMIT:
        return None
    block, start = never_closed[0] if never_closed else (text, 0)
    before = " ".join(block[:start].split())[-CONTEXT:]
    where = f", the first after “{before}”" if before else ""
    return (
        f"This text has {len(never_closed):,} “[” that are never closed{where}. Markdown "
        "reads each “[” as the start of a link or citation and searches the rest of the "
        "paragraph for its “]”, so this text would take too long to show, and it is not "
        "shown or saved. Close each “[” with “]”, or write \\[ for a bracket meant as text."
    )
