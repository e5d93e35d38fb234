"""Markdown that would take too long to render, refused before Python-Markdown reads it.

Each request must end within gunicorn's 30 seconds (gunicorn.conf.py), a save renders its
text twice (its check, then the HTML it stores), and a render holds up the editor's preview
or save and every reader waiting on that process. Four limits, each measured on this site's
machine with the texts that cost most:

- brackets and links' addresses that never close (articles/brackets.py);
- the marks of Markdown in one paragraph: Python-Markdown looks up each element it makes
  among its siblings and rebuilds the paragraph's text for each, so the time grows with the
  square of their number: 40,000 "*a*" in one paragraph (160 KB) took 29 seconds;
- the pieces of Markdown in the whole text: each paragraph, list item, table row and cell,
  and each mark, costs 5 to 100 microseconds, whatever its length (83,000 one-letter
  paragraphs, 250 KB, took 6 seconds);
- the whole text's length.

`render_markdown` does not render such a text; the preview and the save say why instead
(`problems_in`), and the editor's text stays in the form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from articles.brackets import BACKTICKS, BLANK_LINE, CONTEXT, unclosed_brackets, without_code

# Sixteen times the longest starter article (15 KB).
MAX_CHARACTERS = 250_000
# A paragraph holding this many marks took at most 2.3 seconds (citations, the costliest);
# a long paragraph of prose holds a hundred or so.
MAX_MARKS = 10_000
# What a page may cost to render, in pieces of Markdown: each paragraph, list item, table
# row or heading, each table cell and each mark, and a mark more for every CROWDED_MARKS
# marks beside it in its paragraph (the cost growing with their square). The costliest
# texts measured at this limit took 1 to 3 seconds (citations, 100 a paragraph, the most);
# 200 KB of ordinary paragraphs, links, citations and tables counts 12,000 and took half a
# second, the starter articles together (83 KB) 1,800.
WORK_LIMIT = 30_000
CROWDED_MARKS = 5_000

# What Python-Markdown makes an element or a substitution of: emphasis and code (a run of
# "*", "_" or "`"), a link, image or citation ("["), an HTML tag or autolink ("<"), an
# entity ("&"), an escape, a quotation mark or dash made typographic, a line break.
# A run of spaces is tried once, from its start: code spans are blanked with spaces.
MARK = re.compile(r"[*_`]+|\[|<|&|\\.|[\"']|--+|\.\.\.|(?<! ) {2,}\n")
SEPARATOR_CHARACTERS = frozenset(" \t|:-")
LIST_ITEM = re.compile(r" *(?:[*+-]|\d+\.) +")
HEADING = re.compile(r" {0,3}#")


def _separates_table(line: str) -> bool:
    """A table's second line, "|---|:--|", as Python-Markdown reads it."""
    return "|" in line and "-" in line and set(line) <= SEPARATOR_CHARACTERS


def _paragraphs(text: str) -> Iterator[str]:
    """The pieces of the text Markdown reads for links and emphasis one at a time: a
    paragraph (its lines up to a blank line), a heading, a list item, a table row."""
    for block in BLANK_LINE.split(text):
        lines = block.split("\n")
        table = len(lines) > 1 and _separates_table(lines[1])
        listed = LIST_ITEM.match(lines[0])
        piece: list[str] = []
        for line in lines:
            if HEADING.match(line) or table or (listed and LIST_ITEM.match(line)):
                yield "\n".join(piece)
                piece = []
                if HEADING.match(line):
                    yield line
                    continue
            piece.append(line)
        yield "\n".join(piece)


def _too_long(text: str) -> str | None:
    if len(text) <= MAX_CHARACTERS:
        return None
    return (
        f"This text is {len(text):,} characters long; a page's text may be up to "
        f"{MAX_CHARACTERS:,}, so that it is shown within a page's time. It is not shown or "
        "saved: split it into two pages, or shorten it."
    )


def _marks(paragraph: str) -> int:
    """Its marks, with a code span one mark, whatever it holds (Markdown reads nothing in
    it): the two runs of backticks around it, or more."""
    if "`" not in paragraph:
        return len(MARK.findall(paragraph))
    searched = without_code(paragraph)
    spans = len(BACKTICKS.findall(paragraph)) - len(BACKTICKS.findall(searched))
    return len(MARK.findall(searched)) + spans // 2


# A block that opens with a block-level HTML tag: Python-Markdown keeps it as it is, reading
# nothing in it for links or emphasis, so its tags and quotation marks cost nothing (a pasted
# table of 1,500 rows, 94 KB, renders in a tenth of a second).
RAW_HTML_BLOCK = re.compile(
    r" {0,3}<(?:address|article|aside|blockquote|details|div|dl|figure|footer|header|h[1-6]"
    r"|hr|ol|p|pre|section|table|ul)[\s>/]",
    re.IGNORECASE,
)


def _work(text: str) -> tuple[int, str | None]:
    """What rendering the text costs, in pieces of Markdown (WORK_LIMIT), and why one
    paragraph holds too many marks, if it does."""
    work = text.count("|")  # a table's cells
    for paragraph in _paragraphs(text):
        if not paragraph.strip():
            continue
        if RAW_HTML_BLOCK.match(paragraph):
            work += 1  # read as HTML, nothing in it for Markdown
            continue
        marks = _marks(paragraph)
        if marks > MAX_MARKS:
            start = " ".join(paragraph[: CONTEXT * 4].split())[:CONTEXT]
            return work, (
                f"A paragraph of this text, the one starting “{start}”, holds {marks:,} "
                "marks of Markdown (emphasis, code, links, citations, quotation marks, line "
                f"breaks); a paragraph may hold up to {MAX_MARKS:,}. Markdown takes time "
                "growing with the square of their number, so this text would take too long "
                "to show, and it is not shown or saved. Separate its paragraphs with a "
                "blank line: a single line break does not end one."
            )
        work += 1 + marks + marks * marks // CROWDED_MARKS
    return work, None


def _too_much_markdown(text: str) -> str | None:
    work, crowded = _work(text)
    if crowded or work <= WORK_LIMIT:
        return crowded
    return (
        f"This text holds too much Markdown to show within a page's time: its paragraphs, "
        "list items, table cells and marks of Markdown (emphasis, code, links, citations, "
        f"quotation marks, line breaks) come to about {work:,}, and a page may hold up to "
        f"{WORK_LIMIT:,}. It is not shown or saved: split it into two pages."
    )


def too_slow_to_render(text: str) -> str | None:
    """Why this Markdown would take too long to render, or None. Links that never close
    first: their message says best what to change."""
    return _too_long(text) or unclosed_brackets(text) or _too_much_markdown(text)
