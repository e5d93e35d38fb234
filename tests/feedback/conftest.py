import pytest

from feedback.models import Report

# A change note pasted from an editor's notes, 327 characters: a box with maxlength="300" cut
# it at "said to help sle" without a word, and the cut note was saved.
LONG_NOTE = (
    "Corrected the elemental magnesium of glycinate from 18% to 14.1%, as its labels and the "
    "2018 review say; reworded the paragraph on absorption, which claimed glycinate is taken "
    "up better than citrate though no trial has compared the two head to head; and added the "
    "source for the dose said to help sleep (a trial in 46 elderly)."
)
LONG_NOTE_REFUSED = (
    "This note is 327 characters long; a change note may be at most 300. Shorten it: "
    "nothing was saved, and your text is still in the box."
)


def report_data(page: str, **overrides) -> dict:
    """What a reader's browser posts from the report form."""
    return {
        "page": page,
        "text": "The elemental magnesium figure for glycinate looks wrong: the label says 14%.",
        "source_url": "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
        "email": "reader@example.org",
        "website": "",
        **overrides,
    }


@pytest.fixture
def make_report():
    def make(page: str, **fields) -> Report:
        values = {"text": "This figure looks wrong to me.", "address_hash": "x" * 64, **fields}
        return Report.objects.create(page=page, **values)

    return make
