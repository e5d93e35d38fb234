"""Characters no text readers see may hold: control characters (a bell, a NUL...) and the
invisible marks that turn text around (a right-to-left override makes "txt.exe" read as
"exe.txt"). Tabs and line breaks are kept, as longer texts hold them. Each is refused with a
message saying where it is, since the editor cannot see it."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# C0 controls but tab and line breaks, DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The embeddings, overrides and isolates of Unicode's bidirectional algorithm.
TEXT_DIRECTION = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
HIDDEN = re.compile(f"{CONTROL.pattern}|{TEXT_DIRECTION.pattern}")
# How much of the text before the character the message quotes.
CONTEXT = 30


def hidden_character_error(text: str) -> str | None:
    """What is wrong with the text, or None when it holds no such character."""
    found = HIDDEN.search(text)
    if found is None:
        return None
    character = found.group()
    kind = "a control character" if CONTROL.match(character) else "a text-direction character"
    before = HIDDEN.sub("", text[: found.start()])[-CONTEXT:].lstrip()
    where = f"after “{before}”" if before.strip() else "at its start"
    return (
        f"This text holds {kind} (U+{ord(character):04X}), which readers would not see "
        f"but which can garble the page, {where}. Delete it: retype the words around it "
        "if you cannot find it."
    )


def refuse_hidden_characters(value) -> None:
    """A form field's validator."""
    if isinstance(value, str) and (message := hidden_character_error(value)):
        raise ValidationError(message, code="hidden_character")
