"""How a CSV import's preview shows each row's changes (comparisons/resources.py): text
with what is taken out and put in marked, a number as its old and new value, and in a
changed row long stretches of unchanged text shortened, so that a one-word change to a
form's body is a line to read rather than a page.
"""

from diff_match_patch import diff_match_patch
from django.utils.encoding import force_str
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from import_export import resources
from import_export.widgets import NumberWidget

# Unchanged text longer than this, in a changed row, shows only its start and end.
KEEP_UNCHANGED = 160
CONTEXT = 60


def shortened(text: str) -> str:
    if len(text) <= KEEP_UNCHANGED:
        return text
    return f"{text[:CONTEXT]} … {text[-CONTEXT:]}"


def marked(tag: str, text: str) -> str:
    # Safe: the text is escaped here; line breaks are shown as ¶ and a break.
    return f"<{tag}>{escape(text).replace(chr(10), '&para;<br>')}</{tag}>"


def number_change(before: str, after: str) -> SafeString:
    """A number is read whole: 111 → 156, never the digits' changes ("11156")."""
    if not before:
        return format_html("<ins>{}</ins>", after)
    if not after:
        return format_html("<del>{}</del>", before)
    return format_html("<del>{}</del> → <ins>{}</ins>", before, after)


class PlainDiff(resources.Diff):
    """The import preview's changes, marked with <del> and <ins> but without the style
    attributes the library writes, which the site's Content-Security-Policy refuses (each
    one an error in the console); css/admin.css colours them instead."""

    TAGS = {
        diff_match_patch.DIFF_DELETE: "del",
        diff_match_patch.DIFF_INSERT: "ins",
        diff_match_patch.DIFF_EQUAL: "span",
    }

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.numbers = [
            isinstance(field.widget, NumberWidget) for field in resource.get_import_fields()
        ]

    def as_html(self) -> list[str]:
        cells = []
        for before, after, number in zip(self.left, self.right, self.numbers, strict=False):
            before, after = force_str(before), force_str(after)
            if before != after and self.new:
                before = ""
            if number and before != after:
                cells.append(number_change(before, after))
            else:
                cells.append(self.text_change(before, after))
        return cells

    def text_change(self, before: str, after: str) -> SafeString:
        matcher = diff_match_patch()
        diffs = matcher.diff_main(before, after)
        matcher.diff_cleanupSemantic(diffs)
        pieces = []
        for op, text in diffs:
            if op == diff_match_patch.DIFF_EQUAL and not self.new:
                text = shortened(text)
            if text:
                pieces.append(marked(self.TAGS[op], text))
        # Safe: marked() escapes every piece of text.
        return mark_safe("".join(pieces))
