from django import forms

from articles.plain_text import HIDDEN
from feedback.models import TEXT_MAX, TEXT_MIN, Report

# The honeypot: a box people never see (hidden, skipped by screen readers), which form-filling
# robots tend to fill in. Named like a field such robots look for.
HONEYPOT = "website"
# How much of the text before a hidden character the message quotes.
QUOTED_BEFORE = 30


def hidden_character_message(called: str, value: str) -> str:
    """What to do about a character the reader cannot see in the box `called`: the admin's
    rule (articles.plain_text: control characters but tab and line breaks, text-direction
    marks, zero-width spaces, soft hyphens, line separators), in a reader's words."""
    found = HIDDEN.search(value)
    before = HIDDEN.sub("", value[: found.start()] if found else "")[-QUOTED_BEFORE:].strip()
    where = f" after “{before}”" if before else ""
    return (
        f"{called} held a character that does not show on screen{where}, which we cannot "
        "keep. We have taken it out of the box below: check what is left and send the "
        "report again."
    )


class HiddenCharactersRefused:
    """A report box that refuses hidden characters with one message naming the box, before
    any other check (Django's own "Null characters are not allowed" included)."""

    def __init__(self, *, called: str, **kwargs) -> None:
        self.called = called
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and HIDDEN.search(value):
            raise forms.ValidationError(
                hidden_character_message(self.called, value), code="hidden_character"
            )
        return super().to_python(value)


class ReportText(HiddenCharactersRefused, forms.CharField):
    pass


class SourceLink(HiddenCharactersRefused, forms.URLField):
    pass


class ReaderEmail(HiddenCharactersRefused, forms.EmailField):
    pass


class ReportForm(forms.ModelForm):
    text = ReportText(
        called="Your report",
        label="What is wrong?",
        min_length=TEXT_MIN,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Between {TEXT_MIN} and {TEXT_MAX:,} characters. Say what is wrong and, "
        "if you can, what it should say.",
        error_messages={
            "required": "Say what is wrong with the page.",
            "min_length": f"Write at least {TEXT_MIN} characters, so an editor can find the "
            "problem.",
            "max_length": f"Keep the report to {TEXT_MAX:,} characters; you wrote %(show_value)d.",
        },
    )
    source_url = SourceLink(
        called="The source link",
        label="Source link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A study, fact sheet or label that shows the correct figure.",
        error_messages={"invalid": "Enter a web address, e.g. https://pubmed.ncbi.nlm.nih.gov/..."},
    )
    email = ReaderEmail(
        called="Your email",
        label="Your email (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply. It is never shown on the site.",
        error_messages={
            "invalid": "Enter an email address like name@example.org, or leave it empty."
        },
    )
    website = forms.CharField(label="Leave this box empty", required=False)

    class Meta:
        model = Report
        fields = ["text", "source_url", "email"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Browsers send CRLF line endings; count and store the text as the reader sees it.
        if self.is_bound and isinstance(self.data.get("text"), str):
            data = self.data.copy()
            data["text"] = data["text"].replace("\r\n", "\n")
            self.data = data
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # Anything in it, a NUL too, is the honeypot's message, shown at the top: an error
        # of its own would sit beside a box no one sees.
        self.fields[HONEYPOT].validators = []
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        # U+FFFD is what a browser's or a robot's bytes that are not UTF-8 decode to.
        if "\ufffd" in text:
            raise forms.ValidationError(
                "Part of the text could not be read (it came in an encoding we cannot "
                "decode). Type or paste it again.",
                code="unreadable",
            )
        return text

    def clean(self) -> dict:
        cleaned = super().clean()
        # Shown again without the hidden characters, which the page could not show anyway:
        # the rest of what the reader typed is kept, to check and send again.
        hidden = [name for name in self.errors if self.has_error(name, "hidden_character")]
        if hidden:
            data = self.data.copy()
            for name in hidden:
                data[name] = HIDDEN.sub("", data[name])
            self.data = data
        # A form-level error: the box itself is hidden, so its message must show at the top.
        if cleaned.get(HONEYPOT):
            # Shown again empty, so a person whose browser filled it in can simply resend.
            data = self.data.copy()
            data[HONEYPOT] = ""
            self.data = data
            raise forms.ValidationError(
                "This report looks automated, so it was not sent. If you are a person, "
                "send it again; your text is still below.",
                code="honeypot",
            )
        return cleaned
