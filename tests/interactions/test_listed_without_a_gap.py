"""Medicines the safety guide names with an interaction but no timing rule (audit M6): the
look-up finds each by its name and the names readers type, and says what the sources say,
with no made-up gap: a UK label lists it but gives no gap (ask a pharmacist), it makes the
body lose magnesium (the treating team may check the level), or, for zinc, very high doses
lower magnesium absorption."""

from urllib.parse import urlencode

import pytest

from tests.helpers import load_starter_content, visible_text

pytestmark = pytest.mark.django_db

ABSORPTION_LABEL = "oral magnesium-salt medicine (emc product 4841)"
LOSS_LABEL = "oral magnesium medicine (emc product 2678)"
ODS = "Magnesium: Fact Sheet for Health Professionals"
NO_GAP = ["iron", "azithromycin", "quinidine", "eltrombopag"]
LOSS = ["cisplatin", "ciclosporin", "aminoglycosides", "cetuximab", "foscarnet", "amphotericin-b"]


@pytest.fixture
def starter(db):
    load_starter_content()


def finder(client, typed: str) -> str:
    response = client.get("/interactions/?" + urlencode({"medicine": typed}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "typed, slug",
    [
        ("iron", "iron"),
        ("Iron tablets", "iron"),
        ("iron pills", "iron"),
        ("ferrous sulfate", "iron"),
        ("Ferrous Sulphate 200mg", "iron"),
        ("ferrous fumarate", "iron"),
        ("azithromycin", "azithromycin"),
        ("Zithromax", "azithromycin"),
        ("quinidine", "quinidine"),
        ("eltrombopag", "eltrombopag"),
        ("Revolade", "eltrombopag"),
        ("cisplatin", "cisplatin"),
        ("ciclosporin", "ciclosporin"),
        ("cyclosporine", "ciclosporin"),
        ("Neoral", "ciclosporin"),
        ("aminoglycosides", "aminoglycosides"),
        ("aminoglycoside", "aminoglycosides"),
        ("gentamicin", "aminoglycosides"),
        ("cetuximab", "cetuximab"),
        ("foscarnet", "foscarnet"),
        ("amphotericin B", "amphotericin-b"),
        ("zinc", "zinc"),
        ("zinc gluconate", "zinc"),
    ],
)
def test_the_finder_knows_each_medicine_the_safety_guide_names(client, starter, typed, slug):
    html = finder(client, typed)
    assert f'id="result-{slug}"' in html
    assert "not in our list" not in html


@pytest.mark.parametrize("slug", NO_GAP)
def test_a_medicine_listed_without_a_gap_says_so_and_shows_no_timing(client, starter, slug):
    response = client.get(f"/interactions/{slug}/")
    text = visible_text(response)
    assert "No gap known: ask your pharmacist." in text
    assert "UK label for a magnesium medicine" in text
    assert "no gap" in text or "without a gap" in text or "without giving a gap" in text
    assert ABSORPTION_LABEL in text
    html = response.content.decode()
    # No picture of the day and no way into the calculator's timetable.
    assert '<svg class="day"' not in html
    assert "/calculator/?medicine=" not in html


@pytest.mark.parametrize("slug", LOSS)
def test_a_medicine_that_makes_you_lose_magnesium_says_the_level_may_be_checked(
    client, starter, slug
):
    text = visible_text(client.get(f"/interactions/{slug}/"))
    assert "Changes your magnesium level. No spacing needed, but" in text
    assert "can make you lose magnesium, so your level can fall" in text
    assert "may check" in text
    assert LOSS_LABEL in text
    assert "Moderate: your magnesium level can change" in text


def test_zinc_gives_the_dose_that_matters_and_no_gap(client, starter):
    text = visible_text(client.get("/interactions/?medicine=zinc"))
    assert "Very high doses of zinc from supplements, around 142 mg a day" in text
    assert "ask your pharmacist how to take it with magnesium" in text
    assert ODS in text
    # Zinc keeps magnesium from being absorbed, not the other way round.
    assert "less of the medicine is absorbed" not in text.split("All medicines on our list")[0]


def test_the_list_puts_medicines_without_a_gap_under_their_own_heading(client, starter):
    html = client.get("/interactions/").content.decode()
    heading = html.index("Listed with magnesium, but no gap given: ask your pharmacist")
    levels = html.index("Changes your magnesium level</h2>")
    assert heading < html.index('href="/interactions/azithromycin/"') < levels
    assert levels < html.index('href="/interactions/cisplatin/"')


def test_the_json_gives_their_rule_without_hours_and_with_their_sources(client, starter):
    rows = {row["slug"]: row for row in client.get("/interactions.json").json()}
    for slug in NO_GAP:
        assert rows[slug]["rule"] == "ask"
        assert rows[slug]["before_hours"] is None and rows[slug]["after_hours"] is None
        assert rows[slug]["references"] == ["uk-smpc-magnesium-antacid"]
    for slug in LOSS:
        assert rows[slug]["rule"] == "monitor"
        assert rows[slug]["references"] == ["uk-smpc-magnesium"]
    assert rows["zinc"]["rule"] == "ask" and rows["zinc"]["references"] == ["ods-magnesium-hp"]
    assert "142 mg" in rows["zinc"]["summary"]
    assert "Zithromax" in rows["azithromycin"]["aliases"]
    assert "cyclosporine" in rows["ciclosporin"]["aliases"]


def test_the_safety_guide_links_each_medicine_in_its_table_to_its_entry(client, starter):
    """The guide and the finder give the same answer: every medicine the guide's table names
    leads to its own entry."""
    html = client.get("/articles/using-magnesium-safely/").content.decode()
    for slug in [*NO_GAP, *LOSS, "zinc", "penicillamine"]:
        assert f'href="/interactions/{slug}/"' in html, slug
