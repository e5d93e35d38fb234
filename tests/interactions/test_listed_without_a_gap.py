"""Medicines the safety guide names with an interaction but no timing rule (audit M6): the
look-up finds each by its name and the names readers type, and says what the sources say,
with no made-up gap: a UK label gives a gap for it (3 to 4 hours), or names it with no gap of
its own beside the two to four hours it asks for every other medicine, it makes the body lose
magnesium (the treating team may check the level), or, for zinc, the one medicine no source
gives a gap for, very high doses lower magnesium absorption (ask a pharmacist)."""

from urllib.parse import urlencode

import pytest

from tests.helpers import load_starter_content, visible_text

pytestmark = pytest.mark.django_db

# emc 4841, named "an oral magnesium-salt medicine" until the eleventh review found its name.
ABSORPTION_LABEL = "Epsom Salts BP (magnesium sulfate): Summary of Product Characteristics"
LOSS_LABEL = "oral magnesium medicine (emc product 2678)"
ODS = "Magnesium: Fact Sheet for Health Professionals"
# No source gives a gap for zinc (the "ask" rule); the others had one all along.
NO_GAP = ["zinc"]
# Named by emc 4841 (uk-smpc-magnesium-antacid) without a gap of their own, and "ask" until
# a reader's audit after the tenth review: the same label asks for two to four hours between
# its magnesium and any other medicine, so they get 4 hours, as digoxin does.
GENERAL_GAP = ["azithromycin", "mycophenolate"]
# Listed without a gap until the tenth review, which found the 3 to 4 hours in a UK label
# (emc 2678: uk-smpc-magnesium).
LABELS_GAP = ["iron", "quinidine", "eltrombopag", "penicillamine"]
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
        ("mycophenolate mofetil", "mycophenolate"),
        ("CellCept", "mycophenolate"),
        ("erlotinib", "erlotinib"),
        ("Tarceva", "erlotinib"),
        ("sodium polystyrene sulfonate", "polystyrene-sulfonate-resins"),
        ("Calcium Resonium", "polystyrene-sulfonate-resins"),
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
    assert "None of our sources gives a gap" in text
    assert ODS in text
    html = response.content.decode()
    # No picture of the day and no way into the calculator's timetable.
    assert '<svg class="day"' not in html
    assert "/calculator/?medicine=" not in html


@pytest.mark.parametrize("slug", GENERAL_GAP)
def test_a_medicine_named_by_the_label_without_its_own_gap_gets_the_labels_general_gap(
    client, starter, slug
):
    """Its label asks for two to four hours between its magnesium and any other medicine;
    the entry said "none of our sources gives" a gap, and digoxin, named by the same label
    the same way, already had 4 hours from it."""
    response = client.get(f"/interactions/{slug}/")
    text = visible_text(response)
    assert "Keep apart." in text and "No gap known" not in text
    assert f"Keep {slug} and magnesium 4 hours apart." in text
    assert "asks for two to four hours between that medicine and any other" in text
    assert "none of our sources gives one" not in text
    assert ABSORPTION_LABEL in text
    assert '<svg class="day"' in response.content.decode()
    row = client.get("/interactions.json", {"medicine": slug}).json()[0]
    assert (row["rule"], row["before_hours"], row["after_hours"]) == ("space", 4, 4)
    assert row["references"] == ["uk-smpc-magnesium-antacid"]


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
    assert heading < html.index('href="/interactions/zinc/"') < levels
    assert levels < html.index('href="/interactions/cisplatin/"')


def test_the_json_gives_their_rule_without_hours_and_with_their_sources(client, starter):
    rows = {row["slug"]: row for row in client.get("/interactions.json").json()}
    for slug in NO_GAP:
        assert rows[slug]["rule"] == "ask"
        assert rows[slug]["before_hours"] is None and rows[slug]["after_hours"] is None
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
    named = [*NO_GAP, *GENERAL_GAP, *LABELS_GAP, *LOSS, "erlotinib", "polystyrene-sulfonate-resins"]
    for slug in named:
        assert f'href="/interactions/{slug}/"' in html, slug


@pytest.mark.parametrize("slug", LABELS_GAP)
def test_a_medicine_the_label_gives_3_to_4_hours_for_is_kept_4_hours_apart(client, starter, slug):
    """emc 2678 gives 3 to 4 hours for iron, quinidine, eltrombopag and penicillamine; the
    timeline takes the longest gap the sources give (medicines.toml's header)."""
    response = client.get(f"/interactions/{slug}/")
    text = visible_text(response)
    assert "Keep apart." in text and "No gap known" not in text
    assert "3 to 4 hours" in text and "timeline uses 4 hours" in text
    assert LOSS_LABEL in text
    assert '<svg class="day"' in response.content.decode()
    row = client.get("/interactions.json", {"medicine": slug}).json()[0]
    assert (row["rule"], row["before_hours"], row["after_hours"]) == ("space", 4, 4)


def test_quinidine_warns_that_spacing_does_not_stop_its_level_rising(client, starter):
    text = visible_text(client.get("/interactions/quinidine/"))
    assert "Spacing does not help with a second effect" in text
    assert "unless the doctor who prescribes your quinidine agrees" in text
    assert "Major: the medicine may not work, or levels may become unsafe" in text
    assert "Gugler R, Musch E" in text
    assert "Quinidine sulfate tablets: US prescribing information" in text


def test_erlotinib_magnesium_4_hours_before_or_2_after(client, starter):
    """The label: magnesium "at least 4 hours before or 2 hours after erlotinib". The rule's
    hours are for the medicine: erlotinib at least 2 hours before magnesium, or 4 after."""
    row = client.get("/interactions.json", {"medicine": "Tarceva"}).json()[0]
    assert (row["rule"], row["before_hours"], row["after_hours"]) == ("space", 2, 4)
    assert set(row["references"]) == {"uk-smpc-magnesium-antacid", "uk-smpc-magnesium"}
    text = visible_text(client.get("/interactions/erlotinib/"))
    assert "Take magnesium at least 4 hours before erlotinib or at least 2 hours after it" in text


def test_polystyrene_sulfonate_resins_are_not_taken_with_magnesium_by_mouth(client, starter):
    row = client.get("/interactions.json", {"medicine": "Kayexalate"}).json()[0]
    assert row["rule"] == "avoid" and row["before_hours"] is None
    text = visible_text(client.get("/interactions/polystyrene-sulfonate-resins/"))
    assert "Not recommended together." in text
    assert "metabolic alkalosis" in text
    assert "unless the doctor who prescribes it agrees" in text
