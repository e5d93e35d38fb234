"""/interactions/, a medicine's page and /interactions.json, read through their URLs: alias
search (brand, generic, case, accents, spacing), unknown and junk names, the picture of the
day, the sources, the export's columns and the starter list loaded by load_content."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from interactions.models import Medicine
from tests.helpers import load_starter_content, visible_text
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter(db):
    load_starter_content()


@pytest.fixture
def meds(db):
    """A small list: enough for searching, without loading all the starter content."""
    MedicineFactory(
        name="Quinolone antibiotics",
        slug="quinolones",
        before_hours=2,
        after_hours=6,
        summary="Take the antibiotic at least 2 hours before magnesium, or 4 to 6 hours after it.",
        aliases=["ciprofloxacin", "Cipro", "levofloxacin", "Levaquin", "ofloxacin"],
    )
    MedicineFactory(name="Gabapentin", slug="gabapentin", before_hours=2, after_hours=2)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "name", ["cipro", "Cipro", "CIPROFLOXACIN", "  levofloxacin ", "Lévofloxacin", "Levaquin"]
)
def test_a_medicine_is_found_by_any_alias_ignoring_case_accents_and_spaces(client, meds, name):
    html = page(client, f"/interactions/?medicine={name}")
    assert 'id="result-quinolones"' in html
    assert "4 to 6 hours after it" in html
    assert "not in our list" not in html


def test_a_found_medicine_shows_its_day_picture_with_words_and_its_sources(client, starter):
    html = page(client, "/interactions/?medicine=cipro")
    assert '<svg class="day"' in html
    assert "keep magnesium away from just after 02:00 to just before 10:00" in html
    assert "magnesium fits at 10:00 to 22:00" in html
    assert "Magnesium: Fact Sheet for Health Professionals" in html
    assert 'id="ref-1"' in html


def test_the_day_pictures_key_says_a_gap_before_07_00_is_drawn_orange(client, meds):
    """The key said "grey = before 07:00 and after 22:00, hours we do not plan" while the bar
    was orange from 02:00, where a 08:00 dose's gap starts: the key now says why. A gap within
    the planned hours leaves the key as it was."""
    cipro = visible_text(client.get("/interactions/?medicine=cipro"))
    assert '<rect class="no" x="20.0"' in page(client, "/interactions/?medicine=cipro")
    assert (
        "grey = before 07:00 and after 22:00, hours we do not plan (a gap that reaches into "
        "them is orange there too)."
    ) in cipro
    MedicineFactory(name="Hourlong", slug="hourlong", before_hours=1, after_hours=1)
    within = visible_text(client.get("/interactions/?medicine=hourlong"))  # 07:00 to 09:00
    assert "grey = before 07:00 and after 22:00, hours we do not plan." in within


def test_the_day_picture_says_it_is_for_one_dose_and_links_to_planning_several(client, starter):
    """Gabapentin is often taken three times a day: "magnesium fits at 10:00 to 22:00", said
    of one 08:00 dose, would put magnesium inside the gap of the next."""
    for url in ("/interactions/?medicine=Neurontin", "/interactions/gabapentin/"):
        text = visible_text(client.get(url))
        assert "If you take gabapentin once a day, at 08:00, keep magnesium away from" in text
        assert (
            "Taken more than once a day, it needs the same gap around each dose, and these "
            "times no longer hold."
        ) in text
        assert "Take it more than once a day, at another time, or with other medicines? Plan " in (
            text
        )


def test_a_gap_reaching_past_midnight_is_drawn_into_the_early_morning(client):
    """A 20-hour gap after an 08:00 dose runs to 04:00 the next day: the picture blocks
    00:00 to 04:00 too, and the words name the times on the clock."""
    MedicineFactory(name="Longacycline", slug="longacycline", before_hours=20, after_hours=2)
    html = page(client, "/interactions/?medicine=longacycline")
    assert "keep magnesium away from just after 06:00 to just before 04:00" in html
    assert '<rect class="no" x="0.0" y="4" width="40.0" height="14"/>' in html  # 00:00-04:00
    assert '<rect class="no" x="60.0" y="4" width="180.0" height="14"/>' in html  # 06:00-24:00


def test_repeated_medicine_values_show_each_one(client, starter):
    html = page(client, "/interactions/?medicine=Synthroid&medicine=Neurontin&medicine=nexium")
    for slug in ("levothyroxine", "gabapentin", "proton-pump-inhibitors"):
        assert f'id="result-{slug}"' in html
    # A medicine that changes levels has no picture: timing does not matter for it.
    assert html.count('<svg class="day"') == 2


def test_an_unknown_name_says_ask_your_pharmacist_and_offers_the_nearest_names(client, meds):
    html = page(client, "/interactions/?medicine=ciprofloxacine")
    assert "is not in our list: ask your pharmacist" in html
    assert "?medicine=ciprofloxacin" in html


def test_a_name_that_turns_text_around_cannot_turn_the_sites_words_around(client, meds):
    """A right-to-left override in a link would show "ask your pharmacist" backwards: the
    reader's text is isolated (<bdi>) from the sentence around it."""
    html = page(client, "/interactions/?medicine=%E2%80%AEciprofloxacine")
    assert "“<bdi>\u202eciprofloxacine</bdi>” is not in our list: ask your pharmacist" in html
    found = page(client, "/interactions/?medicine=%E2%80%AEciprofloxacin")
    assert 'id="result-quinolones"' in found
    assert "Showing <bdi>\u202eciprofloxacin</bdi>. <a href=" in found


def test_a_kind_of_medicine_offers_every_medicine_of_that_kind(client, meds):
    """A reader who knows only that it is "an antibiotic" or "for the thyroid" is offered
    each medicine of that kind, once, before names that are merely spelt alike."""
    MedicineFactory(name="Tetracycline antibiotics", slug="tetracyclines", aliases=["doxycycline"])
    MedicineFactory(
        name="Levothyroxine",
        slug="levothyroxine",
        drug_class="Thyroid hormone",
        aliases=["thyroxine", "Synthroid", "Unithroid"],
    )
    html = page(client, "/interactions/?medicine=antibiotic")
    assert "“<bdi>antibiotic</bdi>” covers more than one medicine on our list" in html
    assert "is not in our list" not in html
    assert "?medicine=Quinolone%20antibiotics#medicine-finder" in html
    assert "?medicine=Tetracycline%20antibiotics#medicine-finder" in html
    notice = page(client, "/interactions/?medicine=thyroid").split("Did you mean", 1)[1]
    notice = notice.split("</p>", 1)[0]
    assert notice.count("(Levothyroxine)") + notice.count(">Levothyroxine</a>") == 1


@pytest.mark.parametrize(
    "typed, offered",
    [
        ("levofloxacine", "levofloxacin"),
        ("gabapentinn", "Gabapentin"),
        ("levoflox", "levofloxacin"),
        ("ciproflaxin", "ciprofloxacin"),
        ("levoflaxin", "levofloxacin"),
    ],
)
def test_a_misspelt_or_unfinished_name_is_offered_the_medicine_it_may_mean(
    client, meds, typed, offered
):
    notice = page(client, f"/interactions/?medicine={typed}").split("Did you mean", 1)[1]
    assert f">{offered}</a>" in notice.split("</p>", 1)[0]


@pytest.mark.parametrize("typed", ["moxifloxacin", "gatifloxacin", "norfloxacin"])
def test_another_medicine_spelt_alike_is_not_offered_a_listed_ones_rule(client, meds, typed):
    """Moxifloxacin's own label asks for longer gaps than the quinolones on the list:
    offering "levofloxacin" would give its reader the wrong hours."""
    html = page(client, f"/interactions/?medicine={typed}")
    assert "is not in our list: ask your pharmacist" in html
    assert "Did you mean" not in html


def test_a_name_ending_otherwise_is_not_offered_a_long_medicine_three_letters_away(client, meds):
    """Penicillin is not penicillamine, whose rule (two hours apart) it does not share."""
    MedicineFactory(name="Penicillamine", slug="penicillamine", aliases=["Cuprimine"])
    html = page(client, "/interactions/?medicine=penicillin")
    assert "is not in our list: ask your pharmacist" in html
    assert "Did you mean" not in html


def test_a_name_with_no_near_match_still_gets_the_message(client, meds):
    html = page(client, "/interactions/?medicine=zzzzqqq")
    assert "“<bdi>zzzzqqq</bdi>” is not in our list: ask your pharmacist" in html


@pytest.mark.parametrize("query", ["%F0%9F%A7%B2", "%ff", "%EF%BB%BF", ",,,", "%25"])
def test_a_name_of_symbols_alone_is_not_in_the_list_rather_than_skipped(client, meds, query):
    html = page(client, f"/interactions/?medicine={query}")
    assert "is not in our list: ask your pharmacist" in html


@pytest.mark.parametrize(
    "query",
    [
        "medicine=" + "x" * 5000,
        "medicine=",
        "medicine=%20%20",
        "medicine=%F0%9F%92%8A",
        "medicine=<script>alert(1)</script>",
        "&".join(["medicine=cipro"] * 300),
        "&".join(f"medicine=name{i}" for i in range(50)),
        "unknown=1",
    ],
)
def test_junk_input_never_gives_an_error(client, meds, query):
    response = client.get(f"/interactions/?{query}")
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("query", ["medicine=cipro%00", "medicine=%00"])
def test_a_nul_character_is_a_bad_request_with_a_reason_never_a_server_error(client, meds, query):
    response = client.get(f"/interactions/?{query}")
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_too_many_values_are_cut_with_a_notice(client, meds):
    html = page(client, "/interactions/?" + "&".join(f"medicine=n{i}" for i in range(50)))
    assert "only the first 10 are shown" in html


def test_the_list_groups_spacing_rules_apart_from_level_changes(client, starter):
    html = page(client, "/interactions/")
    spacing = html.index("Keep apart: spacing needed")
    levels = html.index("Changes your magnesium level")
    assert spacing < html.index("Gabapentin") < levels < html.index("Loop diuretics")


def test_a_medicine_has_its_own_page_and_drafts_do_not(client, starter):
    html = page(client, "/interactions/gabapentin/")
    assert "Gabapentin and magnesium" in html and '<svg class="day"' in html
    MedicineFactory(slug="draft-medicine", status="draft", published_at=None)
    assert client.get("/interactions/draft-medicine/").status_code == 404
    assert "draft-medicine" not in page(client, "/interactions/")


def test_a_medicines_page_leads_on_to_planning_the_day_at_the_readers_own_times(client, starter):
    """The picture assumes an 08:00 dose; levothyroxine is often taken earlier, and readers
    take other medicines too: the calculator plans around their own times."""
    html = page(client, "/interactions/levothyroxine/")
    assert 'href="/calculator/?medicine=Levothyroxine#result"' in html
    calculator = page(client, "/calculator/?medicine=Levothyroxine")
    assert "You gave no time for levothyroxine" in calculator
    # Timing does not matter for a medicine that changes magnesium levels.
    assert "/calculator/?medicine=" not in page(client, "/interactions/proton-pump-inhibitors/")


def test_medicines_found_together_lead_on_to_one_plan_around_all_of_them(client, starter):
    """Each medicine's picture stands alone; the calculator finds when magnesium fits around
    them all: 12:00 for levothyroxine (4 hours) with a quinolone (2 hours after it)."""
    html = page(client, "/interactions/?medicine=levothyroxine&medicine=cipro")
    # Each by the name the reader gave it, which the calculator knows as well.
    plan = "/calculator/?medicine=levothyroxine&amp;medicine=cipro#result"
    assert f'<a href="{plan}">Plan magnesium around all of them' in html
    calculator = page(client, plan.replace("&amp;", "&"))
    assert "Suggested times for magnesium: <strong>12:00 to 22:00</strong>" in calculator
    html = page(client, "/interactions/?medicine=levothyroxine")
    assert 'href="/calculator/?medicine=levothyroxine#result"' in html
    # Timing does not matter for a medicine that changes magnesium levels.
    html = page(client, "/interactions/?medicine=omeprazole")
    assert 'id="result-proton-pump-inhibitors"' in html
    assert "/calculator/?medicine=" not in html


def test_a_medicine_whose_sources_were_all_deleted_is_not_shown(client):
    medicine = MedicineFactory(name="Unsourced", slug="unsourced")
    medicine.references.all().delete()
    assert client.get("/interactions/unsourced/").status_code == 404
    assert "Unsourced" not in page(client, "/interactions/?medicine=unsourced")


def test_the_json_export_lists_every_published_medicine_with_its_columns(client, starter):
    response = client.get("/interactions.json")
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()}
    assert set(rows) == set(Medicine.objects.public().values_list("slug", flat=True))
    quinolones = rows["quinolones"]
    assert set(quinolones) >= {
        "name",
        "aliases",
        "class",
        "before_hours",
        "after_hours",
        "rule",
        "severity",
        "references",
    }
    assert quinolones["before_hours"] == 2 and quinolones["after_hours"] == 6
    assert "Cipro" in quinolones["aliases"]
    assert quinolones["references"] == ["ods-magnesium-hp"]
    assert rows["loop-diuretics"]["rule"] == "monitor"
    assert rows["loop-diuretics"]["before_hours"] is None


def test_the_json_export_refuses_unknown_parameters(client):
    response = client.get("/interactions.json?drug=cipro")
    assert response.status_code == 400
    assert response.json()["problems"] == ["drug: unknown parameter"]


def export_slugs(client, query: str) -> list[str]:
    response = client.get(f"/interactions.json?{query}")
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()]


@pytest.mark.parametrize("name", ["cipro", "CIPROFLOXACIN", "Lévofloxacin", "cipro 500 mg"])
def test_the_json_export_gives_the_rule_of_a_medicine_named_by_any_alias(client, meds, name):
    response = client.get("/interactions.json", {"medicine": name})
    assert response.status_code == 200
    (row,) = response.json()
    assert (row["slug"], row["before_hours"], row["after_hours"]) == ("quinolones", 2, 6)


def test_the_json_export_gives_the_medicines_named_in_the_order_asked(client, meds):
    query = "medicine=gabapentin&medicine=Levaquin&medicine=cipro&medicine="
    assert export_slugs(client, query) == ["gabapentin", "quinolones"]
    assert export_slugs(client, "medicine=") == export_slugs(client, "")  # every one


def test_the_json_export_gives_every_medicine_of_a_kind_named(client, starter):
    slugs = export_slugs(client, "medicine=water+pills")
    assert set(slugs) == {"loop-diuretics", "thiazide-diuretics", "potassium-sparing-diuretics"}


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        (
            "medicine=ciprofloxacn",
            "medicine=ciprofloxacn: not a medicine on our list (nearest: ciprofloxacin)",
        ),
        ("medicine=zzzz", "medicine=zzzz: not a medicine on our list"),
        ("medicine=" + "x" * 101, "longer than 100 characters"),
        ("medicine=cipro%09500", "medicine=cipro 500: a tab or line break inside a name"),
        ("medicine=cipro" + "&medicine=cipro" * 10, "medicine: at most 10 names"),
        ("medicine=cipro&page=2", "page: unknown parameter"),
    ],
)
def test_the_json_export_refuses_a_medicine_it_cannot_find_naming_it(client, meds, query, problem):
    response = client.get(f"/interactions.json?{query}")
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    (said,) = response.json()["problems"]
    assert problem in said


def test_the_starter_list_covers_the_classes_the_issue_names(starter):
    names = set(Medicine.objects.values_list("slug", flat=True))
    assert names >= {
        "tetracyclines",
        "quinolones",
        "bisphosphonates",
        "levothyroxine",
        "gabapentin",
        "dolutegravir",
        "bictegravir",
        "raltegravir",
        "penicillamine",
        "proton-pump-inhibitors",
        "loop-diuretics",
        "thiazide-diuretics",
        "potassium-sparing-diuretics",
    }
    assert all(m.references.exists() for m in Medicine.objects.all())


def test_loading_the_starter_list_twice_changes_nothing(starter):
    before = list(Medicine.objects.values_list("slug", "edit_token"))
    call_command("load_content", verbosity=0)
    assert list(Medicine.objects.values_list("slug", "edit_token")) == before


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_runs_the_same_queries_with_5_or_50_medicines(client, no_page_cache):
    for n in range(5):
        MedicineFactory(aliases=[f"Brand {n}"])
    urls = ["/interactions/", "/interactions/?medicine=brand+1&medicine=nope&medicine=brand+2"]
    for url in urls:
        client.get(url)
    small = [query_count(client, url) for url in urls]
    for n in range(5, 50):
        MedicineFactory(aliases=[f"Brand {n}", f"Other {n}"])
    assert [query_count(client, url) for url in urls] == small
    for url in ("/interactions.json", "/interactions.json?medicine=brand+1&medicine=other+9"):
        assert query_count(client, url) == query_count(client, url)


@pytest.mark.parametrize("name", ["l thyroxine", "L-Thyroxine", "L\u2010thyroxine", "l.thyroxine"])
def test_hyphens_and_other_punctuation_in_a_name_read_as_spaces(client, name):
    MedicineFactory(name="Levothyroxine", slug="levothyroxine", aliases=["L-thyroxine"])
    html = page(client, f"/interactions/?medicine={name}")
    assert 'id="result-levothyroxine"' in html
    assert "not in our list" not in html


def test_a_reader_who_takes_several_adds_them_one_by_one(client, meds):
    """The medicines found stay in the form, so its box adds another; a name not found goes
    back in the box, and its suggestions keep the medicines already found."""
    html = page(client, "/interactions/?medicine=cipro")
    form = html.split('id="medicine-finder"')[1].split("</form>")[0]
    assert '<input type="hidden" name="medicine" value="cipro">' in form
    assert "Add another medicine you take" in form
    assert 'name="medicine" maxlength="100" value=""' in form
    html = page(client, "/interactions/?medicine=cipro&medicine=gabapentinn")
    form = html.split('id="medicine-finder"')[1].split("</form>")[0]
    assert 'value="gabapentinn"' in form  # to correct
    assert "?medicine=cipro&amp;medicine=Gabapentin#medicine-finder" in html
    html = page(client, "/interactions/?medicine=cipro&medicine=Gabapentin")
    assert 'id="result-quinolones"' in html and 'id="result-gabapentin"' in html


@pytest.mark.parametrize(
    "typed",
    ["Cipro, gabapentin", "cipro and Gabapentin", "cipro 500 mg; gabapentin"],
)
def test_a_list_of_medicines_typed_in_one_box_finds_each_of_them(client, meds, typed):
    html = page(client, f"/interactions/?{urlencode({'medicine': typed})}")
    assert 'id="result-quinolones"' in html and 'id="result-gabapentin"' in html
    assert "not in our list" not in html
    assert export_slugs(client, urlencode({"medicine": typed})) == ["quinolones", "gabapentin"]


def test_a_name_not_on_the_list_in_a_list_typed_in_one_box_is_named_on_its_own(client, meds):
    response = client.get("/interactions/?medicine=cipro+and+zzzz")
    assert 'id="result-quinolones"' in response.content.decode()
    assert "“zzzz” is not in our list" in visible_text(response)
    response = client.get("/interactions.json?medicine=cipro+and+zzzz")
    assert response.json()["problems"] == [
        "medicine=cipro and zzzz: “zzzz” is not a medicine on our list"
    ]


@pytest.mark.parametrize(
    "typed", ["cipro 500mg, gabapentin 0,3 g", "cipro 2/5 mg & gabapentin", "cipro+gabapentin"]
)
def test_strengths_in_a_list_typed_in_one_box_stay_with_their_names(client, meds, typed):
    assert export_slugs(client, urlencode({"medicine": typed})) == ["quinolones", "gabapentin"]


def test_a_list_in_one_value_counts_as_its_names_towards_the_exports_ten(client, meds):
    response = client.get(
        "/interactions.json?" + urlencode({"medicine": ", ".join(["cipro"] * 11)})
    )
    assert response.status_code == 400
    assert response.json()["problems"] == ["medicine: at most 10 names"]


def test_a_box_naming_nothing_on_the_list_is_one_name_not_on_it(client, meds):
    text = visible_text(client.get("/interactions/?medicine=salt+and+vinegar"))
    assert "“salt and vinegar” is not in our list" in text


@pytest.mark.parametrize("name", ["nifedipine", "amlodipine", "calcium channel blocker"])
def test_calcium_channel_blockers_send_the_reader_to_a_pharmacist(client, starter, name):
    # research/facts.md names them only from a secondary site, about injected magnesium with
    # nifedipine in pregnancy; no primary source on file gives a rule for magnesium supplements
    # (docs/fact-check.md). The list leaves them out, so a lookup gives neither a rule nor a
    # clean bill of health.
    html = page(client, f"/interactions/?medicine={name}")
    assert "is not in our list: ask your pharmacist" in html


def test_a_line_break_pasted_after_a_name_is_not_part_of_it(client):
    MedicineFactory(
        name="Quinolone antibiotics", slug="quinolones", aliases=["ciprofloxacin", "cipro"]
    )
    html = page(client, "/interactions/?medicine=cipro%0d%0a")
    assert "control characters" not in html
    assert 'id="result-quinolones"' in html  # its rule, shown as found


@pytest.mark.parametrize("typed", ["water tablets", "Water pills"])
def test_the_everyday_words_for_a_kind_offer_its_medicines(client, typed):
    MedicineFactory(name="Loop diuretics", drug_class="Diuretic (water tablet)")
    MedicineFactory(name="Thiazide diuretics", drug_class="Diuretic (water tablet)")
    html = page(client, "/interactions/?" + urlencode({"medicine": typed}))
    assert f"“<bdi>{typed}</bdi>” covers more than one medicine on our list" in html
    assert "medicine=Loop%20diuretics#medicine-finder" in html
    assert "medicine=Thiazide%20diuretics#medicine-finder" in html


def test_a_kind_with_one_medicine_on_the_list_shows_its_rule(client):
    MedicineFactory(
        name="Loop diuretics", slug="loop-diuretics", drug_class="Diuretic (water tablet)"
    )
    html = page(client, "/interactions/?medicine=water+pills")
    assert 'id="result-loop-diuretics"' in html
    assert "(you searched for “<bdi>water pills</bdi>”)" in html


@pytest.mark.parametrize("typed", ["Cipro 500", "cipro 500mg", "ciprofloxacin 250 mg tablets"])
def test_a_name_with_its_strength_after_it_is_found(client, meds, typed):
    html = page(client, "/interactions/?" + urlencode({"medicine": typed}))
    assert 'id="result-quinolones"' in html
    assert "is not in our list" not in html


@pytest.mark.parametrize(
    "typed",
    [
        "Ciprofloxacin hydrochloride",
        "levofloxacin tablets",
        "Ciprofloxacin 500 mg film-coated tablets",
        "Cipro XR 500",
    ],
)
def test_a_name_as_printed_on_the_box_is_found(client, meds, typed):
    """Readers copy the box: the salt and the kind of tablet came after the name, and the
    finder said the medicine was not on the list."""
    html = page(client, "/interactions/?" + urlencode({"medicine": typed}))
    assert 'id="result-quinolones"' in html
    assert "is not in our list" not in html


@pytest.mark.parametrize(
    "typed",
    [
        "Calcium Resonium powder",
        "Kayexalate powder",
        "Kayexalate oral suspension",
        "Kayexalate powder for oral suspension",
        "Resonium A 15 g sachets",
    ],
)
def test_a_powder_or_liquid_as_printed_on_the_box_is_found(client, typed):
    """The resins come as a powder to stir into a drink: "powder" and "suspension" on the
    box after the name left the reader told the medicine was not on the list."""
    MedicineFactory(
        name="Polystyrene sulfonate resins",
        slug="polystyrene-sulfonate-resins",
        rule=Medicine.Rule.AVOID,
        before_hours=None,
        after_hours=None,
        aliases=["Calcium Resonium", "Resonium A", "Kayexalate"],
    )
    html = page(client, "/interactions/?" + urlencode({"medicine": typed}))
    assert 'id="result-polystyrene-sulfonate-resins"' in html
    assert "is not in our list" not in html


def test_the_salt_on_a_thyroid_box_is_read_but_a_supplement_of_zinc_and_magnesium_is_not_zinc(
    client,
):
    MedicineFactory(name="Levothyroxine", slug="levothyroxine", aliases=["Eltroxin"])
    MedicineFactory(name="Zinc (high doses)", slug="zinc", aliases=["zinc"])
    html = page(client, "/interactions/?medicine=Levothyroxine+sodium+tablets+100+mcg")
    assert 'id="result-levothyroxine"' in html
    # One tablet of both is no zinc salt: zinc's rule (keep it apart from magnesium) would
    # make no sense for it.
    html = page(client, "/interactions/?medicine=zinc+magnesium+tablets")
    assert 'id="result-zinc"' not in html
    assert "is not in our list: ask your pharmacist" in html


def test_a_medicine_given_into_a_vein_is_not_given_the_rule_for_tablets(client, meds):
    html = page(client, "/interactions/?medicine=ciprofloxacin+injection")
    assert 'id="result-quinolones"' not in html
    assert "is not in our list: ask your pharmacist" in html


def test_a_medicine_that_changes_magnesium_levels_does_not_say_it_is_absorbed_less(client):
    medicine = MedicineFactory(
        name="Loop diuretics",
        rule="monitor",
        severity="moderate",
        before_hours=None,
        after_hours=None,
    )
    html = page(client, medicine.get_absolute_url())
    assert "Moderate: your magnesium level can change" in html
    assert "less of the medicine is absorbed" not in html


def test_a_parameter_the_finder_does_not_take_is_said_to_be_ignored(client):
    html = page(client, "/interactions/?medicine%5B%5D=cipro")
    assert "“medicine[]” is not something this page understands, so it was ignored." in html


def test_a_figures_sources_are_listed_in_the_order_of_their_numbers(client):
    from tests.factories import ReferenceFactory

    label, review = ReferenceFactory(key="zeta-label"), ReferenceFactory(key="alpha-review")
    MedicineFactory(name="Aaa first", references=[label])
    MedicineFactory(name="Bbb second", references=[review, label])
    html = page(client, "/interactions/")
    second = html.split("Bbb second", 1)[1].split("</p>", 2)[1]
    assert second.index('href="#ref-1"') < second.index('href="#ref-2"')


def test_staff_preview_a_draft_or_unsourced_medicine_at_its_address_readers_get_404(
    staff_client,
):
    """As with articles and forms: an editor checks the page before it goes public."""
    reader = Client()
    MedicineFactory(name="Draftine", slug="draftine", status="draft", published_at=None)
    response = staff_client.get("/interactions/draftine/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft - not public." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in response["Cache-Control"]
    assert reader.get("/interactions/draftine/").status_code == 404
    unsourced = MedicineFactory(name="Unsourced", slug="unsourced")
    unsourced.references.clear()
    html = staff_client.get("/interactions/unsourced/").content.decode()
    assert "Readers cannot see this medicine until its rule cites a reference." in html
    assert reader.get("/interactions/unsourced/").status_code == 404
    # A public medicine reads as readers see it.
    published = MedicineFactory(name="Public one", slug="public-one")
    html = staff_client.get(published.get_absolute_url()).content.decode()
    assert "draft-banner" not in html
