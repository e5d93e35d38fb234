"""What editors read beside the boxes of the admin (SafeEditingAdmin, articles/editing.py):
the Markdown help, a slug's help in writers' words, and the box for a long one-line text."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from articles.models import ALT_PLACEHOLDER
from articles.rendering import link_kinds


class OneLineTextarea(forms.Textarea):
    """A few rows, so a long one-line text (a summary) can be read whole while it is
    edited; line breaks typed into it become spaces, as readers see it on one line."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not isinstance(value, str) or "\n" not in value:
            return value
        return " ".join(line.strip() for line in value.splitlines() if line.strip())


def markdown_help() -> str:
    """The help under every Markdown box: the site's own extensions (CONTENT_FORMAT.md) and
    how to add a figure, in plain words."""
    kinds = ", ".join(link_kinds())
    references = reverse("admin:articles_reference_changelist")
    return format_html(
        "Markdown: <code>## Heading</code>, <code>**bold**</code>, <code>- </code> for a list. "
        "<br>Cite a source: <code>[@kirkland-2018]</code>, several as "
        "<code>[@kirkland-2018; @boyle-2017]</code>, with the keys under "
        '<a href="{}" target="_blank">References</a> (add a new source there first). '
        "<br>Link to a page of this site: <code>[[form:magnesium-glycinate]]</code>, or "
        "<code>[[form:magnesium-glycinate|your words]]</code>: the kind of page ({}), a "
        "colon and the end of its address. "
        "<br>A figure: drag a PNG, JPEG or WebP image into the box, or choose one with "
        "“Add an image” above it, then type what it shows in place of “{}” (a save is "
        "refused until you do). The preview shows the page as readers will see it, "
        "headed by anything a save would refuse.",
        references,
        kinds,
        ALT_PLACEHOLDER,
    )


# A slug field's help for writers, who do not call it a slug.
SLUG_HELP = (
    "The last part of the page's web address, e.g. magnesium-glycinate in "
    "/forms/magnesium-glycinate/: lower-case words joined by hyphens. Changing it moves the "
    "page, and links to the old address from other sites stop working."
)


def publishing_fieldsets(noun: str) -> list[tuple[str, dict]]:
    """The admin's Publishing and Review sections of a page readers open once it is
    published (a form of magnesium, a comparison table)."""
    return [
        (
            "Publishing",
            {
                "fields": ["status", "published_at"],
                "description": f"Readers see a {noun} once it is published and its date has "
                "come; a date in the future schedules it. Until then, staff can preview it "
                "with View on site.",
            },
        ),
        ("Review", {"fields": ["reviewer", "last_reviewed", "next_review_due"]}),
    ]
