"""/evidence.csv and /evidence.json: one row per cell, the matrix's filters, 400 on bad input."""

import csv
import io
import json

import pytest

from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import (
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
)

pytestmark = pytest.mark.django_db

COLUMNS = ["form", "outcome", "grade", "direction", "studies", "summary", "references"]


@pytest.fixture
def cells():
    migraine = OutcomeFactory(slug="migraine", position=1)
    sleep = OutcomeFactory(slug="sleep", position=2)
    citrate = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    EvidenceCellFactory(
        outcome=migraine,
        human_trials=3,
        human_reviews=1,
        lab_studies=0,
        summary="Fewer attacks.",
        references=[ReferenceFactory(key="peikert-1996"), ReferenceFactory(key="kirkland-2018")],
    )
    EvidenceCellFactory(outcome=migraine, compound=citrate, summary="Citrate trials.")
    EvidenceCellFactory(outcome=sleep, grade="none", direction="unclear", summary="Untested.")
    draft = DraftMagnesiumCompoundFactory(slug="magnesium-draft")
    EvidenceCellFactory(outcome=sleep, compound=draft, summary="Not public.")


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_the_documented_header_and_one_row_per_public_cell(client, cells):
    response = client.get("/evidence.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == ",".join(COLUMNS)
    rows = read_csv(response)
    assert [(row["form"], row["outcome"]) for row in rows] == [
        ("any", "migraine"),
        ("magnesium-citrate", "migraine"),
        ("any", "sleep"),
    ]
    first = rows[0]
    assert first["grade"] == "moderate" and first["direction"] == "benefit"
    assert first["studies"] == "human_trials=3|human_reviews=1|animal_or_cell=0"
    assert sorted(first["references"].split("|")) == ["kirkland-2018", "peikert-1996"]
    assert first["summary"] == "Fewer attacks."
    assert rows[2]["grade"] == "none" and rows[2]["references"] == ""
    assert rows[2]["direction"] == ""  # no evidence has no direction, as the pages show


def test_json_gives_lists_and_counts(client, cells):
    data = json.loads(client.get("/evidence.json").content)
    assert [list(row) for row in data] == [COLUMNS] * 3
    assert data[0]["studies"] == {"human_trials": 3, "human_reviews": 1, "animal_or_cell": 0}
    assert sorted(data[0]["references"]) == ["kirkland-2018", "peikert-1996"]
    assert data[0]["direction"] == "benefit" and data[2]["direction"] is None


@pytest.mark.parametrize("path", ["/evidence.csv", "/evidence.json"])
def test_exports_apply_the_filters(client, cells, path):
    def forms_and_outcomes(query):
        response = client.get(f"{path}?{query}")
        rows = read_csv(response) if path.endswith("csv") else json.loads(response.content)
        return [(row["form"], row["outcome"]) for row in rows]

    assert forms_and_outcomes("outcome=sleep") == [("any", "sleep")]
    assert forms_and_outcomes("form=magnesium-citrate") == [("magnesium-citrate", "migraine")]
    assert forms_and_outcomes("form=any&outcome=migraine") == [("any", "migraine")]


@pytest.mark.parametrize("path", ["/evidence.csv", "/evidence.json"])
@pytest.mark.parametrize(
    "query", ["outcome=unicorns", "form=magnesium-draft", "form=nope", "sort=grade"]
)
def test_exports_refuse_unknown_values_with_a_400_naming_them(client, cells, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


@pytest.mark.parametrize("path", ["/evidence.csv", "/evidence.json"])
def test_exports_set_no_cookies_and_refuse_posts(client, cells, path):
    response = client.get(path)
    assert response.status_code == 200 and not response.cookies
    assert client.post(path).status_code == 405
