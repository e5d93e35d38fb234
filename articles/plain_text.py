"""Characters no text readers see may hold: control characters (a bell, a NUL...), the
invisible marks that turn text around (a right-to-left override makes "txt.exe" read as
"exe.txt"), zero-width spaces and soft hyphens, which split a word for search but not for the
eye, and Unicode's line and paragraph separators, which are not the line breaks they look like.
Tabs and line breaks are kept, as longer texts hold them. Each is refused with a message saying
where it is, since the editor cannot see it.

And HTML tags in a box of plain text: the page escapes them, so readers would see "<b>" as
typed. Refused, saying so; formatting and links belong in the Markdown of a page's text.

And a plain text that starts like a spreadsheet formula ("=HYPERLINK(...)", "+1+cmd|..."):
the CSV exports carry it, and a spreadsheet opening one would run it. Refused; the public
exports also defuse any such value stored before (`spreadsheet_safe`)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# C0 controls but tab and line breaks, DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The marks, embeddings, overrides and isolates of Unicode's bidirectional algorithm: the
# Arabic letter mark, the left-to-right and right-to-left marks, then the rest.
TEXT_DIRECTION = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Zero-width spaces, word joiners and byte-order marks, pasted from web pages and documents:
# "Pumpkin\u200bseeds" reads as two words but matches no search for them.
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
# The soft hyphen, which Word and PDFs leave in pasted text: "Pum\u00adpkin" reads as
# "Pumpkin" but matches no search for it.
SOFT_HYPHEN = re.compile(r"\u00ad")
# Unicode's line and paragraph separators, pasted from PDFs and word processors: Markdown
# does not read them as line breaks, and browsers show them as a break, a space or nothing.
SEPARATOR = re.compile(r"[\u2028\u2029]")
# What the message calls each, in words (editors are not programmers: no character codes),
# and where it usually comes from, where that helps find it.
KINDS = (
    (CONTROL, "a control character", ""),
    (TEXT_DIRECTION, "a text-direction character", ""),
    (INVISIBLE, "an invisible space", ", usually from a pasted web page or document"),
    (SOFT_HYPHEN, "an invisible soft hyphen", ", usually from a pasted document"),
    (SEPARATOR, "a line or paragraph separator", ", usually from a pasted PDF or document"),
)
HIDDEN = re.compile("|".join(pattern.pattern for pattern, _kind, _origin in KINDS))
# How much of the text before the character the message quotes.
CONTEXT = 30
# The HTML elements an editor might type or paste (formatting, links, lists, tables, media,
# scripts), whatever their case.
ELEMENTS = (
    "a|abbr|b|big|blockquote|body|br|button|center|cite|code|del|div|em|embed|font|form|h1|h2|"
    "h3|h4|h5|h6|head|hr|html|i|iframe|img|input|ins|kbd|li|link|mark|meta|nav|object|ol|p|pre|"
    "q|s|script|section|small|span|strike|strong|style|sub|sup|svg|table|tbody|td|th|thead|"
    "title|tr|u|ul"
)
# One of them as a tag, on one line: "<b>", "</i>", "<br/>", '<a href="...">'; or a comment.
# Not "eGFR <30", "<- back" or "Mg <LLN in 12%; eGFR >60", which are text.
TAG = re.compile(rf"</?(?:{ELEMENTS})(?:[ \t/][^<>\n]*)?>|<!--", re.IGNORECASE)
# How much of a tag the message quotes.
TAG_QUOTED = 40
# What a spreadsheet takes for the start of a formula, after any spaces, tabs or line
# breaks: "=", "+", "-" or "@" ("-2+3+cmd|..." is one too).
FORMULA = re.compile(r"\s*[=+\-@]")


def hidden_character_error(text: str) -> str | None:
    """What is wrong with the text, or None when it holds no such character."""
    found = HIDDEN.search(text)
    if found is None:
        return None
    character = found.group()
    kind, origin = next((k, o) for pattern, k, o in KINDS if pattern.match(character))
    # Spaces, tabs and line breaks as one space: the preview's text and the save's (whose
    # line breaks the browser sends as two characters) quote the same words.
    before = " ".join(HIDDEN.sub("", text[: found.start()]).split())[-CONTEXT:].lstrip()
    where = f"after “{before}”" if before else "at its start"
    return (
        f"This text holds {kind}{origin}, {where}: readers would not see it, but it can "
        "garble the page. Delete it: retype the words around it if you cannot find it."
    )


def markup_error(text: str) -> str | None:
    """What is wrong with a plain text holding an HTML tag, or None when it holds none."""
    found = TAG.search(text)
    if found is None:
        return None
    tag = found.group()
    if len(tag) > TAG_QUOTED:
        tag = tag[: TAG_QUOTED - 1] + "…"
    return (
        f"This box is plain text: readers would see “{tag}” exactly as typed, not as "
        "formatting or a link. Delete the tag; formatting and links go in the page's "
        "text, which takes Markdown."
    )


def formula_error(text: str) -> str | None:
    """What is wrong with a plain text that starts like a spreadsheet formula, or None."""
    if not FORMULA.match(text):
        return None
    start = text.lstrip()[:1]
    return (
        f"This box starts with “{start}”, which a spreadsheet reads as the start of a "
        "formula and would run when the CSV export is opened. Start it with a word or a "
        "number."
    )


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows as text: a text starting like a formula gets an
    apostrophe in front, as spreadsheets themselves mark text; anything else is as it was."""
    return f"'{value}" if isinstance(value, str) and FORMULA.match(value) else value


def refuse_markup(value) -> None:
    """A form field's validator."""
    if isinstance(value, str) and (message := markup_error(value)):
        raise ValidationError(message, code="markup")


def refuse_hidden_characters(value) -> None:
    """A form field's validator."""
    if isinstance(value, str) and (message := hidden_character_error(value)):
        raise ValidationError(message, code="hidden_character")
