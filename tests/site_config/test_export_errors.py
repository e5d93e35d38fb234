"""Every error at an open-data export's address is in that export's format, as its refusal
of an unknown parameter is: JSON (`{"error": ..., "problems": [...]}`) for the .json
exports, plain text for the .csv ones, whatever refused the request (the control-character
check, Django's limit on parameters, a method other than GET or HEAD). Other pages keep the
site's HTML page."""

import pytest

pytestmark = pytest.mark.django_db

JSON_EXPORTS = ["/forms.json", "/evidence.json", "/interactions.json"]
CSV_EXPORTS = ["/forms.csv", "/evidence.csv"]
TOO_MANY = "&".join(f"x{i}=1" for i in range(1001))


def refused(client, url: str, method: str = "get"):
    return getattr(client, method)(url)


@pytest.mark.parametrize("path", JSON_EXPORTS)
@pytest.mark.parametrize(
    ("query", "method", "status", "said"),
    [
        ("medicine=%01", "get", 400, "control character"),
        ("a=%00", "get", 400, "NUL character"),
        (TOO_MANY, "get", 400, "more than 1,000 parameters"),
        ("", "post", 405, "only answers GET and HEAD"),
    ],
)
def test_a_json_export_answers_every_error_in_json(client, path, query, method, status, said):
    response = refused(client, f"{path}?{query}", method)
    assert (response.status_code, response["Content-Type"]) == (status, "application/json")
    body = response.json()
    assert said in body["error"] and body["problems"] == []


@pytest.mark.parametrize("path", CSV_EXPORTS)
@pytest.mark.parametrize(
    ("query", "method", "status", "said"),
    [
        ("form=%01", "get", 400, "control character"),
        (TOO_MANY, "get", 400, "more than 1,000 parameters"),
        ("", "post", 405, "only answers GET and HEAD"),
    ],
)
def test_a_csv_export_answers_every_error_in_plain_text(client, path, query, method, status, said):
    response = refused(client, f"{path}?{query}", method)
    assert (response.status_code, response["Content-Type"]) == (
        status,
        "text/plain; charset=utf-8",
    )
    assert said in response.content.decode() and "<html" not in response.content.decode()


def test_a_405_from_an_export_still_says_which_methods_it_takes(client):
    assert client.post("/forms.json")["Allow"] == "GET, HEAD"


def test_pages_that_are_not_exports_keep_the_html_error_pages(client):
    for response in (client.get("/about/?a=%01"), client.get(f"/forms/?{TOO_MANY}")):
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
