from django import forms

from feedback.models import TEXT_MAX, TEXT_MIN, Report

# The honeypot: a box people never see (hidden, skipped by screen readers), which form-filling
# robots tend to fill in. Named like a field such robots look for.
HONEYPOT = "website"


class ReportForm(forms.ModelForm):
    text = forms.CharField(
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
    source_url = forms.URLField(
        label="Source link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A study, fact sheet or label that shows the correct figure.",
        error_messages={"invalid": "Enter a web address, e.g. https://pubmed.ncbi.nlm.nih.gov/..."},
    )
    email = forms.EmailField(
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
