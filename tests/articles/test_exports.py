"""Every open-data export refuses what it cannot honour in the same words, byte for byte
(docs/public-surface.md): outside checks read these bodies."""

import json

import pytest

pytestmark = pytest.mark.django_db

JSON_REFUSAL = b'{"error": "Unknown parameters or values.", "problems": '


@pytest.mark.parametrize(
    ("path", "query"),
    [("/forms", "?route=underwater&sort=colour"), ("/evidence", "?outcome=unicorns&sort=grade")],
)
def test_a_refused_export_names_each_problem_in_json_and_in_plain_text(client, path, query):
    response = client.get(f"{path}.json{query}")
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    problems = response.json()["problems"]
    assert len(problems) == 2
    assert response.content == JSON_REFUSAL + json.dumps(problems).encode() + b"}"

    response = client.get(f"{path}.csv{query}")
    assert (response.status_code, response["Content-Type"]) == (400, "text/plain; charset=utf-8")
    assert response.content == ("Unknown parameters or values:\n" + "\n".join(problems)).encode()


def test_the_medicines_export_refuses_what_it_cannot_honour_in_the_same_words(client):
    response = client.get("/interactions.json?medicine=nothing-like-it&sort=name")
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.content == JSON_REFUSAL + (
        b'["sort: unknown parameter", "medicine=nothing-like-it: not a medicine on our list"]}'
    )
