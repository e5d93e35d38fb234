"""What the sanitiser takes out of an editor's Markdown without a word (articles/rendering.py
keeps an allow-list): HTML tags it does not allow (`<script>`, `<iframe>`, `<div>`), script in
an attribute (`onerror=`), and link or image addresses of another kind than a web or email
address (`javascript:`, `data:`). The Markdown keeps them, but readers never see them: a link
shows with no address, an image not at all. A save says so (articles/editing.py), so the
editor knows the page shows less than the text holds.

Read from the Markdown, leaving out code (where such text is shown as typed)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from articles.rendering import ALLOWED_TAGS, URL_SCHEMES

# Fenced, inline and indented code (an indented line inside a list is passed over too).
CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|^(?: {4}|\t).*$", re.DOTALL | re.MULTILINE)
TAG = re.compile(r"</?([A-Za-z][\w-]*)(\s[^<>]*)?/?>")
SCRIPT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
# A Markdown link's or image's address: "](javascript:...)", "](<data:...>)".
ADDRESS = re.compile(r"\]\(\s*<?([^)\s>]+)")
# An address in an HTML attribute, or an autolink: href="...", src='...', <javascript:x>.
HTML_ADDRESS = re.compile(
    r"""\b(?:href|src)\s*=\s*["']?([^"'\s>]+)|<([A-Za-z][\w+.-]*:[^<>\s]+)>"""
)


def dropped_markup(markdown: str) -> list[str]:
    """What readers will not see of `markdown`, each once, as a warning names it."""
    text = CODE.sub("", markdown or "")
    dropped = []
    for match in TAG.finditer(text):
        tag, attributes = match.group(1).lower(), match.group(2) or ""
        if tag not in ALLOWED_TAGS:
            dropped.append(f"the tag <{tag}>")
        elif SCRIPT_ATTRIBUTE.search(attributes):
            dropped.append(f"script in the <{tag}> tag")
    addresses = ADDRESS.findall(text) + [a or b for a, b in HTML_ADDRESS.findall(text)]
    for address in addresses:
        scheme = urlsplit(address).scheme.lower() if ":" in address else ""
        if scheme and scheme not in URL_SCHEMES:
            dropped.append(f"the {scheme}: address")
    return list(dict.fromkeys(dropped))


def dropped_warning(markdown: str) -> str | None:
    if not (dropped := dropped_markup(markdown)):
        return None
    named = ", ".join(dropped[:-1]) + (" and " if len(dropped) > 1 else "") + dropped[-1]
    return (
        f"Readers will not see {named}: pages show Markdown's own formatting, and links and "
        "images to web addresses only. They stay in the text you saved; take them out, or "
        "write what you meant in Markdown."
    )
