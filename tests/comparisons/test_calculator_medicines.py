"""The calculator's medicines (issue 23): a reader names their medicines, by any name, and
the page suggests when in the day to take magnesium so that every spacing rule holds, or says
that no time works and to ask a pharmacist. Every statement cites the medicines' sources."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.calculator_medicines import parse_time
from interactions.models import Medicine
from tests.comparisons.calculator_helpers import (
    calculate,
    calculate_query,
    medicine_part,
    stored_counts,
    visible_text,
)
from tests.factories import (
    ReferenceFactory,
)
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def test_with_kidney_disease_the_times_are_for_when_a_doctor_agrees_to_magnesium(client, medicines):
    part = medicine_part(
        calculate(client, form="other", elemental_mg="100", kidney="1", medicine="cipro")
    )
    assert "If your doctor agrees that you take magnesium, these times keep it clear" in part
    assert "Suggested times" not in part


@pytest.mark.parametrize(
    "params",
    [
        {"medicine": "cipro", "medicine_time": "06:00", "kidney": "1"},
        # A mistake in the products: nothing is added up, the medicines are planned.
        {"medicine": "cipro", "kidney": "1", "form": "magnesium-glycinate", "mg": "abc"},
    ],
)
def test_with_kidney_disease_and_only_medicines_the_kidney_caution_comes_before_the_times(
    client, medicines, params
):
    part = medicine_part(calculate(client, **params))
    caution = part.index("With reduced kidney function, ask your doctor first.")
    assert "only if your doctor advises it" in part
    assert caution < part.index("If your doctor agrees that you take magnesium, these times")
    assert "Suggested times" not in part


@pytest.mark.parametrize(
    ("age", "caution"),
    [
        ("1-3-years", "For a child. The upper limit for 1 to 3 years is 65 mg a day"),
        ("0-6-months", "Give a baby a magnesium supplement only if a doctor advises it."),
    ],
)
def test_for_a_child_and_only_medicines_the_childs_caution_comes_before_the_times(
    client, medicines, age, caution
):
    part = medicine_part(calculate(client, medicine="cipro", age=age))
    assert part.index(caution) < part.index("If a doctor advises magnesium for your child")
    assert "Suggested times" not in part


def test_in_pregnancy_with_only_medicines_the_times_are_for_when_a_doctor_agrees(client, medicines):
    part = medicine_part(calculate(client, medicine="cipro", life_stage="pregnant"))
    assert "In pregnancy, ask first. The upper limit is the same 350 mg a day" in part
    assert "If your doctor agrees that you take magnesium, these times" in part


def test_a_list_of_medicines_on_one_line_is_planned_as_each_taken_at_its_time(client, medicines):
    part = medicine_part(calculate(client, medicine="Cipro, levothyroxine", medicine_time="06:00"))
    assert "Quinolone antibiotics (you entered “Cipro”) at 06:00" in part
    assert "Levothyroxine at 06:00" in part
    assert "not in our list" not in part


def test_a_suggestion_for_a_name_in_a_list_keeps_the_lists_other_names(client, medicines):
    response = calculate(client, medicine="levothyroxine and ciproo")
    assert "“ciproo” is not in our list" in medicine_part(response)
    assert "?medicine=levothyroxine%2C+Cipro#result" in response.content.decode()


def test_a_suggestion_for_a_name_with_a_slash_in_it_replaces_the_whole_name(client, medicines):
    response = calculate(client, medicine="ciproflaxin 500mg/5ml")
    assert "?medicine=ciprofloxacin#result" in response.content.decode()


def test_a_line_the_page_says_was_ignored_gives_the_plan_no_dose(client, medicines):
    too_long = "cipro, " + "x" * 100
    response = calculate(client, medicine=["cipro", too_long], medicine_time=["08:00", "20:00"])
    part = medicine_part(response)
    assert "A name longer than 100 characters was ignored." in part
    assert "Quinolone antibiotics (you entered “cipro”) at 08:00 " in part
    assert "20:00" not in part.split("Quinolone antibiotics (you entered")[1][:40]


def test_a_brand_name_in_any_case_gives_its_rule_sources_and_the_times_for_magnesium(
    client, medicines
):
    response = calculate(client, medicine="  CIPRO ")
    assert response.status_code == 200
    part = medicine_part(response)
    # A morning dose at 08:00 rules out magnesium from 02:00 to 10:00.
    assert "Suggested times for magnesium: 10:00 to 22:00." in part
    assert "Quinolone antibiotics (you entered “CIPRO”)" in part
    assert "we assumed one morning dose at 08:00" in part
    assert "Take the antibiotic 2 hours before magnesium or 6 hours after it." in part
    page = response.content.decode()
    assert 'href="/interactions/quinolones/"' in page
    assert "Magnesium fact sheet" in visible_text(response).split("References")[-1]
    assert re.search(r'class="cite-ref" href="#ref-\d+" title="Magnesium fact sheet"', page)
    # Nothing about the products was asked, so nothing about them is a mistake.
    assert "Please correct" not in page


def test_accents_and_generic_names_find_the_same_medicine(client, medicines):
    part = medicine_part(calculate(client, medicine="levofloxacin"))
    assert "Quinolone antibiotics" in part
    assert "not in our list" not in part


def test_a_name_with_its_strength_is_planned_at_the_time_given(client, medicines):
    part = medicine_part(calculate_query(client, "medicine=Cipro+500mg&medicine_time=07:00"))
    assert (
        "Quinolone antibiotics at 07:00: no magnesium from just after 01:00 to just before 09:00"
        in part
    )
    assert "not in our list" not in part


def test_a_kind_of_several_medicines_asks_which_one(client, medicines):
    for name in ("Loop diuretics", "Thiazide diuretics"):
        MedicineFactory(name=name, drug_class="Diuretic (water tablet)", before_hours=2)
    part = medicine_part(calculate(client, medicine="water pills"))
    assert "“water pills” covers more than one medicine on our list, each with its own rule." in (
        part
    )
    assert "Choose yours: Loop diuretics, Thiazide diuretics." in part
    assert "Suggested times" not in part


def test_two_medicines_at_their_own_times_leave_the_times_between_them(client, medicines):
    query = "medicine=cipro&medicine_time=07:00&medicine=Synthroid&medicine_time=22:00"
    part = medicine_part(calculate_query(client, query))
    # Cipro at 07:00: not from 01:00 to 09:00; levothyroxine at 22:00: not from 18:00.
    assert "Suggested times for magnesium: 09:00 to 18:00." in part
    assert (
        "Quinolone antibiotics at 07:00: no magnesium from just after 01:00 to just before 09:00"
        in part
    )
    assert "Levothyroxine at 22:00: no magnesium from just after 18:00 to just before 02:00" in part
    assert "we assumed" not in part


def test_a_medicine_taken_twice_is_entered_twice_and_both_doses_count(client, medicines):
    query = "medicine=cipro&medicine_time=8&medicine=ciprofloxacin&medicine_time=8pm"
    part = medicine_part(calculate_query(client, query))
    assert "Quinolone antibiotics (you entered “cipro”) at 08:00 and 20:00" in part
    # 22:00, two hours after the evening dose, is just far enough.
    assert "Suggested times for magnesium: 10:00 to 14:00, or 22:00." in part


def test_a_day_where_no_time_works_says_to_ask_a_pharmacist(client, medicines):
    query = "medicine=long-gap+medicine&medicine_time=08:00&medicine=Synthroid&medicine_time=20:00"
    part = medicine_part(calculate_query(client, query))
    assert "No time works: ask your pharmacist." in part
    assert "Suggested times" not in part


def test_a_medicine_not_to_be_taken_with_magnesium_means_no_time_works(client, medicines):
    response = calculate(client, medicine=["isentress", "cipro"])
    part = medicine_part(response)
    assert (
        "No time works: ask your pharmacist. Taking magnesium by mouth is not recommended with "
        "raltegravir, and spacing the doses is not known to help, so no time can be suggested"
        in part
    )
    assert "The entry below says exactly what to avoid." in part
    assert "Suggested times" not in part
    assert 'href="/interactions/raltegravir/"' in response.content.decode()


def resins() -> Medicine:
    return MedicineFactory(
        name="Polystyrene sulfonate resins",
        slug="polystyrene-sulfonate-resins",
        rule=Medicine.Rule.AVOID,
        before_hours=None,
        after_hours=None,
        aliases=["Calcium Resonium", "Kayexalate"],
    )


def test_medicines_not_to_be_taken_with_magnesium_are_each_named_in_one_sentence(client, medicines):
    """The answer said "its sources advise against taking it ... even hours apart" of a
    plural name, and more than the resins' label says (a risk with magnesium by mouth)."""
    resins()
    part = medicine_part(calculate(client, medicine=["Kayexalate", "isentress"]))
    assert (
        "Taking magnesium by mouth is not recommended with polystyrene sulfonate resins or "
        "raltegravir, and spacing the doses is not known to help" in part
    )
    assert "The entries below say exactly what to avoid." in part
    assert "even hours apart" not in part


def test_the_day_picture_says_a_medicine_not_to_be_taken_with_magnesium_leaves_no_time(
    client, medicines
):
    """Beside levothyroxine's gap, the resins leave no time: the words and the key say so,
    rather than "no time is clear" under levothyroxine's gap alone, with the grey of the
    rest of the day unexplained."""
    resins()
    part = medicine_part(
        calculate(client, medicine=["Synthroid", "Calcium Resonium"], medicine_time="08:00")
    )
    assert (
        "Levothyroxine at 08:00: no magnesium from just after 04:00 to just before 12:00." in part
    )
    assert (
        "No time is shown for magnesium, as taking it by mouth is not recommended with "
        "polystyrene sulfonate resins, and spacing the doses is not known to help." in part
    )
    assert "is clear" not in part
    assert (
        "Key: line = your dose; orange = no magnesium; grey = no time for magnesium, as it is "
        "not recommended with polystyrene sulfonate resins." in part
    )


def test_the_day_pictures_key_says_what_grey_and_green_are(client, medicines):
    part = medicine_part(calculate(client, medicine="cipro", medicine_time="08:00"))
    assert (
        "Key: line = your dose; orange = no magnesium; green = times magnesium fits; "
        "grey = before 07:00 and after 22:00, hours we do not plan (a gap that reaches into "
        "them is orange there too)." in part
    )
    part = medicine_part(calculate(client, medicine="cipro", medicine_time="14:00"))
    assert "grey = before 07:00 and after 22:00, hours we do not plan." in part


def test_a_medicine_that_changes_magnesium_levels_is_listed_as_such(client, medicines):
    part = medicine_part(calculate(client, medicine="Prilosec"))
    assert "The time of day does not matter for proton pump inhibitors" in part
    assert "change your magnesium level over time" in part
    assert "No time works" not in part
    assert "Suggested times" not in part


def listed_without_a_gap(**fields) -> Medicine:
    """A medicine a source lists with magnesium without a gap (the "ask" rule), as high-dose
    zinc is in the starter list."""
    fields = {
        "name": "Zinc (high doses)",
        "slug": "zinc",
        "rule": Medicine.Rule.ASK,
        "before_hours": None,
        "after_hours": None,
        "summary": "Very high doses of zinc lower magnesium absorption; no source gives a gap.",
        "aliases": ["zinc gluconate"],
        "references": [ReferenceFactory(key="zinc-source", title="Zinc fact sheet")],
        **fields,
    }
    return MedicineFactory(**fields)


def test_a_medicine_listed_without_a_gap_gets_no_made_up_time(client, medicines):
    """No source gives a gap for it, so any time the calculator showed would be invented:
    it says so, cites the label, and sends the reader to a pharmacist."""
    listed_without_a_gap()
    response = calculate(client, medicine="zinc gluconate", medicine_time="08:00")
    part = medicine_part(response)
    assert (
        "We cannot suggest a time: ask your pharmacist. Zinc (high doses): our sources say it "
        "interacts with magnesium but give no gap" in part
    )
    assert "any time we showed would be a guess" in part
    assert "Suggested times" not in part
    assert "No time works" not in part
    assert "magnesium fits at" not in part
    assert re.search(
        r'class="cite-ref" href="#ref-\d+" title="Zinc fact sheet"', response.content.decode()
    )


def test_a_medicine_without_a_gap_beside_a_spaced_one_still_gets_no_times(client, medicines):
    """Ciprofloxacin alone leaves 10:00 to 22:00; with high-dose zinc, whose gap nobody
    gives, those times would be a guess."""
    listed_without_a_gap()
    part = medicine_part(calculate(client, medicine=["cipro", "zinc gluconate"]))
    assert "We cannot suggest a time: ask your pharmacist. Zinc (high doses):" in part
    assert "Suggested times" not in part
    assert "magnesium fits at" not in part
    assert "No time is shown for magnesium, as no source gives a gap for zinc (high doses)." in part
    assert (
        "no magnesium from just after 02:00 to just before 10:00" in part
    )  # the known gap is still drawn


def test_an_unknown_name_says_ask_your_pharmacist_and_offers_the_nearest_names(client, medicines):
    response = calculate(client, medicine=["ciprofloxacine", "zzzz"])
    part = medicine_part(response)
    assert "“ciprofloxacine” is not in our list: ask your pharmacist" in part
    assert "Did you mean ciprofloxacin (Quinolone antibiotics)" in part
    # One name a medicine: the others would only lead to the same rule.
    assert part.count("(Quinolone antibiotics)") == 1
    assert "“zzzz” is not in our list: ask your pharmacist" in part
    # The suggestion is this page with the name corrected and the rest kept.
    assert "/calculator/?medicine=ciprofloxacin&amp;medicine=zzzz#result" in (
        response.content.decode()
    )


def test_the_medicines_work_beside_a_sum_of_products(client, medicines):
    response = calculate(
        client, form="magnesium-glycinate", mg="1000", medicine="cipro", medicine_time="20:00"
    )
    text = visible_text(response)
    assert "141 mg of elemental magnesium a day" in text
    assert "Suggested times for magnesium: 07:00 to 14:00, or 22:00." in medicine_part(response)
    assert 'id="medicines"' in response.content.decode()


@pytest.mark.parametrize(
    "query, notice",
    [
        ("medicine=" + "x" * 5000, "A name longer than 100 characters was ignored."),
        ("medicine=cipro%09x", "A name with control characters was ignored."),
        ("medicine=cipro&medicine_time=25:99", "is not a time we can read"),
        ("medicine=cipro&medicine_time=" + "9" * 3000, "is not a time we can read"),
        ("medicine=&medicine_time=09:00", "a time without a medicine name was ignored"),
        ("&".join(["medicine=cipro"] * 11 + ["medicine=prilosec"]), "only the first 10"),
        ("medicine=%F0%9F%A7%B2", "is not in our list: ask your pharmacist"),
        ("medicine=%ff", "is not in our list: ask your pharmacist"),
    ],
)
def test_junk_becomes_a_notice_never_an_error_page(client, medicines, query, notice):
    before = stored_counts()
    response = calculate_query(client, query)
    assert response.status_code == 200
    assert notice in medicine_part(response)
    assert stored_counts() == before


# Twelve medicine lines, two more than are looked up: the last two name other medicines.
TWELVE_MEDICINES = "&".join(["medicine=cipro"] * 10 + ["medicine=synthroid", "medicine=prilosec"])
TOO_MANY_MEDICINES = (
    "You entered 12 medicines; only the first 10 were looked up. Ask your pharmacist about "
    "the others."
)


def test_more_medicine_lines_than_are_looked_up_is_one_notice_and_the_first_ten_count(
    client, medicines
):
    response = calculate_query(client, TWELVE_MEDICINES)
    text = visible_text(response)
    assert text.count(TOO_MANY_MEDICINES) == 1
    part = medicine_part(response)
    assert "Quinolone antibiotics" in part
    assert "Levothyroxine" not in part and "proton pump inhibitors" not in part
    # Medicines are not added up: too many of them is no error about adding up.
    assert "adds up at most" not in text
    assert "Please correct" not in text
    page = response.content.decode()
    assert 'id="id_m10_medicine"' in page and 'id="id_m11_medicine"' not in page


def test_more_medicine_lines_than_are_looked_up_still_lets_the_products_add_up(client, medicines):
    response = calculate_query(client, f"form=magnesium-glycinate&mg=1000&{TWELVE_MEDICINES}")
    text = visible_text(response)
    assert "141 mg of elemental magnesium a day" in text
    assert text.count(TOO_MANY_MEDICINES) == 1
    assert "adds up at most" not in text


def test_too_many_products_is_an_error_and_too_many_medicines_a_notice_on_one_page(
    client, medicines
):
    products = "&".join(["form=magnesium-glycinate&mg=100"] * 21)
    response = calculate_query(client, f"{products}&{TWELVE_MEDICINES}")
    text = visible_text(response)
    message = "This link has 21 product lines; the calculator adds up at most 20"
    assert text.count(message) == 2  # in the summary and above the product lines
    assert "Please correct this entry" in text
    assert "Your result" not in text
    assert text.count(TOO_MANY_MEDICINES) == 1
    assert "medicine lines" not in text


@pytest.mark.parametrize("query", ["medicine=", "medicine=+++&medicine=", "medicine_time="])
def test_blank_medicines_are_just_blank(client, medicines, query):
    response = calculate_query(client, query)
    assert response.status_code == 200
    assert "When to take magnesium with your medicines" not in visible_text(response)
    assert "ignored" not in visible_text(response)


def test_the_form_has_medicine_boxes_and_keeps_what_was_entered(client, medicines):
    page = calculate_query(client, "medicine=Synthroid&medicine_time=07:30").content.decode()
    assert re.search(r'<input[^>]*name="medicine"[^>]*value="Synthroid"', page)
    assert re.search(r'<input[^>]*name="medicine_time"[^>]*value="07:30"', page)
    # A spare blank line after the one filled in, without JavaScript.
    assert 'id="id_m2_medicine"' in page
    assert "<legend>Medicine 2</legend>" in page


def test_the_number_of_queries_does_not_grow_with_the_medicines(client, medicines):
    def queries(names: list[str]) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert calculate(client, medicine=names).status_code == 200
        return len(captured)

    known = ["cipro", "synthroid", "isentress", "prilosec", "long-gap medicine"]
    assert queries(["cipro"]) == queries(known)
    # A name not on the list is looked up among the forms of magnesium, and its line cites
    # its source: the same queries for one such name as for several.
    assert queries(["nope"]) == queries([*known, "nope", "x", "y"])


def test_medicines_sent_with_the_forms_blank_product_boxes_ask_for_no_product(client, medicines):
    query = "form=&mg=&elemental_mg=&servings=1&food=&food_servings=&medicine=cipro&age="
    response = calculate_query(client, query)
    assert "Please correct" not in response.content.decode()
    assert "Suggested times for magnesium: 10:00 to 22:00." in medicine_part(response)


def test_a_second_line_without_a_time_counts_as_the_morning_dose(client, medicines):
    query = "medicine=cipro&medicine_time=20:00&medicine=Cipro&medicine_time="
    part = medicine_part(calculate_query(client, query))
    assert "(you entered “cipro”) at 08:00 and 20:00" in part
    assert "Suggested times for magnesium: 10:00 to 14:00, or 22:00." in part


def test_two_medicines_without_times_are_both_taken_as_morning_doses(client, medicines):
    part = medicine_part(calculate(client, medicine=["cipro", "synthroid"]))
    assert (
        "You gave no time for quinolone antibiotics or levothyroxine, so we assumed one morning "
        "dose of each at 08:00." in part
    )
    # 02:00 to 10:00 and 04:00 to 12:00 are ruled out.
    assert "Suggested times for magnesium: 12:00 to 22:00." in part


@pytest.mark.parametrize(
    "written, read",
    [
        ("20:00", dt.time(20)),
        ("8", dt.time(8)),
        ("8:30", dt.time(8, 30)),
        ("20.30", dt.time(20, 30)),
        ("0800", dt.time(8)),
        ("24:00", dt.time(0)),
        ("8pm", dt.time(20)),
        ("8 p.m", dt.time(20)),
        ("12am", dt.time(0)),
        ("12pm", dt.time(12)),
        ("0pm", None),
        ("25:00", None),
        ("8:60", None),
        ("20h30", dt.time(20, 30)),
        ("8h", dt.time(8)),
        ("noon", dt.time(12)),
        ("Midnight", dt.time(0)),
        ("bedtime", None),
    ],
)
def test_dose_times_are_read_as_people_write_them(written, read):
    assert parse_time(written) == read


def test_times_without_names_are_not_counted_as_medicines(client, medicines):
    response = calculate_query(client, "&".join(["medicine_time=8"] * 300))
    text = medicine_part(response)
    assert "You entered 300 medicines" not in text
    assert "This link has 300 medicine lines; only the first 10 were read." in text
    assert "Medicine 1: a time without a medicine name was ignored." in text


@pytest.mark.parametrize("written", ["25:99", "bedtime"])
def test_an_unreadable_time_suggests_no_time_until_it_is_corrected(client, medicines, written):
    """An assumed 08:00 would suggest times that may fall on the real dose."""
    query = f"medicine=cipro&medicine_time={written}"
    text = medicine_part(calculate_query(client, query))
    assert f"Medicine 1: “{written}” is not a time we can read" in text
    assert "Correct the time you gave for your medicine to see when magnesium fits" in text
    assert "Suggested times for magnesium" not in text
    assert "You gave no time" not in text and "08:00" not in text.split("Correct the time")[1]
    assert "Quinolone antibiotics" in text  # its rule is still shown


@pytest.mark.parametrize(
    "query",
    [
        "medicine=cipro&medicine=cipro",
        "medicine=cipro&medicine_time=08:00&medicine=ciprofloxacin",
    ],
)
def test_a_medicine_entered_twice_without_every_time_suggests_no_time(client, medicines, query):
    """Both lines were read as one dose at 08:00, and magnesium was suggested at 10:00 to
    22:00: over a twice-daily antibiotic's evening dose."""
    text = medicine_part(calculate_query(client, query))
    assert "You entered quinolone antibiotics more than once" in text
    assert "Give the time of each dose of your medicine to see when magnesium fits" in text
    assert "Suggested times for magnesium" not in text and "You gave no time" not in text
    # Each dose with its time, the plan is made.
    text = medicine_part(
        calculate_query(
            client, "medicine=cipro&medicine_time=08:00&medicine=cipro&medicine_time=20:00"
        )
    )
    assert "Suggested times for magnesium" in text


@pytest.mark.parametrize("unread", ["omeprazole", "zzzunknown"])
def test_an_unreadable_time_of_a_medicine_needing_no_gap_leaves_the_suggestion(
    client, medicines, unread
):
    """Timing does not matter for omeprazole, and a name not on the list has no gap here."""
    query = f"medicine=cipro&medicine_time=20:00&medicine={unread}&medicine_time=bedtime"
    text = medicine_part(calculate_query(client, query))
    assert "Suggested times for magnesium" in text
    assert "Correct the time you gave" not in text


def test_a_product_error_beside_medicines_says_what_was_and_was_not_worked_out(client, medicines):
    query = "form=magnesium-glycinate&mg=abc&servings=0&medicine=cipro&medicine_time=20:00"
    text = visible_text(calculate_query(client, query))
    assert "Nothing was calculated" not in text
    assert "No amount was added up; the times for your medicines are planned below" in text
    assert "Suggested times for magnesium" in text


@pytest.mark.parametrize(
    "typed", ["Calcium Resonium powder", "Kayexalate powder", "Kayexalate oral suspension"]
)
def test_a_resin_named_as_on_its_box_gets_its_rule_in_the_calculator(client, medicines, typed):
    resins()
    part = medicine_part(calculate(client, medicine=typed))
    assert f"Polystyrene sulfonate resins (you entered “{typed}”)" in part
    assert "is not in our list" not in part
