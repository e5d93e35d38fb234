"""/forms.csv and /forms.json: the same rows, filters and order as the HTML table."""

import csv
import io

import pytest

from tests.comparisons.conftest import table_slugs

pytestmark = pytest.mark.django_db

EXPORT_COLUMNS = [
    "name",
    "slug",
    "url",
    "route",
    "routes",
    "elemental_percent",
    "elemental_basis",
    "bioavailability",
    "evidence",
    "tolerance",
    "uses",
    "dose_low_mg",
    "dose_high_mg",
    "summary",
    "dose_basis",
]


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_json_lists_every_form_with_the_documented_fields(client, forms):
    response = client.get("/forms.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    rows = response.json()
    assert isinstance(rows, list) and len(rows) == 6
    glycinate = next(row for row in rows if row["slug"] == "magnesium-glycinate")
    assert list(glycinate) == EXPORT_COLUMNS
    assert glycinate["elemental_percent"] == 14.1
    assert glycinate["uses"] == ["sleep"]
    assert glycinate["url"] == "http://testserver/forms/magnesium-glycinate/"
    assert glycinate["bioavailability"] == "good"
    assert glycinate["evidence"] == "limited"
    assert glycinate["tolerance"] == "gentle"
    assert glycinate["route"] == "oral"
    sulfate = next(row for row in rows if row["slug"] == "magnesium-sulfate")
    assert sulfate["dose_low_mg"] is None and sulfate["dose_high_mg"] is None
    assert sulfate["dose_basis"] is None  # no dose, so nothing to say what it is
    assert glycinate["dose_basis"] == "typical"


def test_a_text_stored_before_formulas_were_refused_is_shown_as_text_in_the_csv(client, forms):
    """Saved before the check (or written straight to the database): the CSV marks it as
    text, as spreadsheets do, so opening the file runs nothing. The JSON keeps it as it is."""
    from comparisons.models import MagnesiumCompound

    formula = '=HYPERLINK("https://evil.example","x")'
    MagnesiumCompound.objects.filter(slug="magnesium-glycinate").update(summary=formula)
    rows = read_csv(client.get("/forms.csv?q=glycinate"))
    assert rows[0]["summary"] == "'" + formula
    assert client.get("/forms.json?q=glycinate").json()[0]["summary"] == formula


def test_csv_has_a_header_row_with_the_same_column_names(client, forms):
    response = client.get("/forms.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == ",".join(EXPORT_COLUMNS)
    rows = read_csv(response)
    citrate = next(row for row in rows if row["slug"] == "magnesium-citrate")
    assert citrate["uses"] == "constipation|migraine"
    assert float(citrate["elemental_percent"]) == 16.2
    assert citrate["url"] == "http://testserver/forms/magnesium-citrate/"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "sort=-bioavailability",
        "bioavailability=low,good&sort=-elemental_percent",
        "route=oral&tolerance=laxative&sort=dose",
        "use=sleep&sort=-name",
        "q=magnesium&sort=tolerance",
        "route=topical&tolerance=gentle",
    ],
)
def test_exports_match_the_html_table_rows_and_order(client, forms, query):
    suffix = f"?{query}" if query else ""
    page = client.get(f"/forms/{suffix}")
    assert page.status_code == 200
    in_table = table_slugs(page)
    assert [row["slug"] for row in client.get(f"/forms.json{suffix}").json()] == in_table
    assert [row["slug"] for row in read_csv(client.get(f"/forms.csv{suffix}"))] == in_table


def test_table_links_to_exports_of_the_same_view(client, forms):
    html = client.get("/forms/?route=oral&sort=-dose").content.decode()
    assert 'href="/forms.csv?route=oral&amp;sort=-dose"' in html
    assert 'href="/forms.json?route=oral&amp;sort=-dose"' in html


def test_exports_refuse_unknown_values_with_a_400_saying_why(client, forms):
    response = client.get("/forms.json?route=underwater")
    assert response.status_code == 400
    assert "route=underwater" in response.json()["problems"][0]
    response = client.get("/forms.csv?sort=colour")
    assert response.status_code == 400
    assert "sort=colour" in response.content.decode()


def test_exports_accept_non_canonical_spellings(client, forms):
    rows = client.get("/forms.json?bioavailability=high&bioavailability=LOW").json()
    assert {row["bioavailability"] for row in rows} == {"high", "low"}


def test_exports_refuse_a_page_number_naming_the_parameter(client, forms):
    response = client.get("/forms.json?page=2")
    assert response.status_code == 400
    assert response.json()["problems"] == ["page: not a parameter this page understands"]
