"""A report holding a character readers cannot see (a control character other than tab and
line breaks, or one of the hidden characters the admin refuses: text-direction marks,
zero-width spaces, soft hyphens) is refused in every box alike, with one message naming the
box, and shown again with the rest of what the reader typed; nothing is stored."""

import pytest

from feedback.models import Report
from tests.factories import ArticleFactory
from tests.feedback.conftest import report_data
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

PAGE = "/articles/glycinate-basics/"
CALLED = {"text": "Your report", "source_url": "The source link", "email": "Your email"}
SHOWN_AGAIN = {
    "text": "The elemental magnesium figure for glycinate looks wrong: the label says 14%.",
    "source_url": "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
    "email": "reader@example.org",
}


@pytest.fixture(autouse=True)
def article():
    return ArticleFactory(slug="glycinate-basics", title="Glycinate basics")


@pytest.mark.parametrize("field", ["text", "source_url", "email"])
@pytest.mark.parametrize("character", ["\x1b", "\x00", "\x07", "\x85", "\u202e", "\u200b"])
def test_a_hidden_character_in_any_box_is_refused_naming_the_box(client, field, character):
    data = report_data(PAGE)
    data[field] = data[field][:10] + character + data[field][10:]
    response = client.post("/report/", data)
    assert response.status_code == 400
    text = visible_text(response)
    message = f"{CALLED[field]} held a character that does not show on screen after “"
    # In the summary and beside the box, and no other message about the box.
    assert text.count(message) == 2
    assert "Null characters are not allowed" not in text
    assert "Enter a web address" not in text and "Enter an email address" not in text
    # Every box keeps what was typed, less the character.
    html = response.content.decode()
    assert character not in html
    for name, value in SHOWN_AGAIN.items():
        assert value in html, name
    assert not Report.objects.exists()


def test_tabs_and_line_breaks_are_kept(client):
    text = "The dose\tlooks wrong:\r\nthe label says 14%.\rPlease check."
    response = client.post("/report/", report_data(PAGE, text=text))
    assert response.status_code == 302
    assert Report.objects.get().text == text.replace("\r\n", "\n")


def test_a_honeypot_holding_a_nul_is_the_honeypot_message(client):
    response = client.post("/report/", report_data(PAGE, website="\x00"))
    assert response.status_code == 400
    assert "This report looks automated" in visible_text(response)
    assert not Report.objects.exists()
