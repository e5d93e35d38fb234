"""What the log holds for requests Django refuses."""

import io
import logging

import pytest

pytestmark = pytest.mark.django_db


def test_a_request_with_too_many_parameters_is_one_log_line_without_a_traceback(client):
    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = client.get("/forms/?" + "&".join(["a=1"] * 1100))
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    logged = stream.getvalue()
    assert "exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS" in logged
    assert logged.count("\n") == 1
    assert "Traceback" not in logged
