import pytest

from feedback.models import Report


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
