"""What the report form (/report/) makes of a body it is sent in an unusual shape: a body
sent in chunks, without a Content-Length, as curl or a script may send it, and a multipart
body that cannot be read. Each gets the answer its content would get, and nothing is
stored (docs/public-surface.md, "Bad input")."""

import io
from urllib.parse import urlencode

import pytest
from django.test import Client

from feedback.models import Report
from tests.factories import ArticleFactory
from tests.feedback.conftest import report_data

pytestmark = pytest.mark.django_db

REPORT = "/report/"
PAGE = "/articles/glycinate-basics/"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def article():
    return ArticleFactory(slug="glycinate-basics", title="Glycinate basics")


def post_in_chunks(client: Client, body: bytes, content_type: str = FORM):
    """A POST as gunicorn hands a chunked body to the app: no CONTENT_LENGTH, the header
    saying so, and a wsgi.input that ends where the body does (wsgi.input_terminated)."""
    return client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=REPORT,
        CONTENT_TYPE=content_type,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )


def test_a_report_sent_in_chunks_over_64_kb_is_a_413_naming_its_page():
    """It was read as an empty body, and refused as an expired form (403)."""
    client = Client(enforce_csrf_checks=True)
    body = urlencode(report_data(PAGE, text="x" * 100_000)).encode()
    response = post_in_chunks(client, body)
    assert response.status_code == 413
    html = response.content.decode()
    assert "That report is too large to send" in html
    assert f"Start a new report about <code>{PAGE}</code>" in html
    assert not Report.objects.exists()


def test_a_body_sent_in_chunks_over_djangos_own_limit_gets_the_same_413_page():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    body = urlencode(report_data(PAGE, pad="x" * 2_700_000)).encode()
    response = post_in_chunks(client, body)
    assert response.status_code == 413
    assert "That report is too large to send" in response.content.decode()
    assert not Report.objects.exists()


def test_a_report_sent_in_chunks_within_the_limit_is_read_as_any_other():
    client = Client(enforce_csrf_checks=True)
    token = client.get(REPORT, {"page": PAGE}).cookies["csrftoken"].value
    body = urlencode(report_data(PAGE, csrfmiddlewaretoken=token)).encode()
    response = post_in_chunks(client, body)
    assert response.status_code == 302
    assert Report.objects.get().page == PAGE


@pytest.mark.parametrize(
    ("content_type", "said"),
    [
        ("multipart/form-data; boundary=", "but named no boundary between its parts"),
        ("multipart/form-data", "but named no boundary between its parts"),
        ("multipart/form-data; boundary=\u00e9t\u00e9", "but its parts could not be read"),
    ],
)
def test_a_form_in_parts_that_cannot_be_read_is_a_clear_400_logged_without_a_traceback(
    caplog, content_type, said
):
    """It was Django's vague 400, and the parser's whole traceback in the log."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(REPORT, b"garbage", content_type=content_type)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This address takes the report form only" in html
    assert f"{said}, so nothing was read or stored" in html
    assert not [record for record in caplog.records if record.exc_info]
    assert not Report.objects.exists()
