"""The elemental magnesium calculator: its arithmetic against hand-computed cases, the page a
reader sees for good and bad input, the intake tables' loader, constraints and admin."""

import html
import re
import textwrap
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.loader import StarterContentError, StarterLoader
from comparisons import calculator as calc
from comparisons import loader as comparisons_loader
from comparisons.forms import parse_amount
from comparisons.models import IntakeTable, RecommendedIntake, UpperIntakeLimit
from tests.factories import (
    IntakeTableFactory,
    MagnesiumCompoundFactory,
    RecommendedIntakeFactory,
    ReferenceFactory,
    UpperIntakeLimitFactory,
)

pytestmark = pytest.mark.django_db

GLYCINATE = calc.Compound(name="Magnesium glycinate", elemental_percent=Decimal("14.1"))

# The Food and Nutrition Board's table (1997), as in comparisons/starter/intake.toml:
# age group, label, from age, up to age, male, female, pregnancy, lactation, adequate intake?
RDA_ROWS = [
    ("0-6-months", "Birth to 6 months", "0", "0.5", 30, 30, None, None, True),
    ("7-12-months", "7 to 12 months", "0.5", "1", 75, 75, None, None, True),
    ("1-3-years", "1 to 3 years", "1", "4", 80, 80, None, None, False),
    ("4-8-years", "4 to 8 years", "4", "9", 130, 130, None, None, False),
    ("9-13-years", "9 to 13 years", "9", "14", 240, 240, None, None, False),
    ("14-18-years", "14 to 18 years", "14", "19", 410, 360, 400, 360, False),
    ("19-30-years", "19 to 30 years", "19", "31", 400, 310, 350, 310, False),
    ("31-50-years", "31 to 50 years", "31", "51", 420, 320, 360, 320, False),
    ("51-plus-years", "51 years and older", "51", None, 420, 320, None, None, False),
]
UL_ROWS = [
    ("0-12-months", "Birth to 12 months", "0", "1", None),
    ("1-3-years", "1 to 3 years", "1", "4", 65),
    ("4-8-years", "4 to 8 years", "4", "9", 110),
    ("9-plus-years", "9 years and older", "9", None, 350),
]
ADULT_WOMAN = {"age": "31-50-years", "sex": "female"}


# Typography on the page, written plainly in the assertions below.
PLAIN = str.maketrans({"\u00d7": "x", "\u00f7": "/", "\u2019": "'", "\xa0": " "})


def visible_text(response) -> str:
    """The main content as a reader sees it: tags dropped, entities decoded, spaces single,
    and the multiplication and division signs and curly apostrophes in plain ASCII."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    text = html.unescape(re.sub(r"<[^>]+>", "", main)).translate(PLAIN)
    return re.sub(r"\s+", " ", text)


def stored_counts() -> dict[str, int]:
    """How many rows every model holds, to show that a request stored nothing."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def calculate(client, **params):
    return client.get(reverse("comparisons:calculator"), params)


# ---- arithmetic ----


def test_1000_mg_of_glycinate_at_14_1_percent_is_141_mg_elemental():
    assert calc.elemental_mg(Decimal(1000), Decimal("14.1")) == Decimal(141)
    result = calc.Calculation(compound=GLYCINATE, compound_mg=Decimal(1000))
    assert result.per_serving_whole == 141
    assert result.per_day_whole == 141


def test_two_servings_double_the_daily_amount():
    result = calc.Calculation(compound=GLYCINATE, compound_mg=Decimal(1000), servings=2)
    assert result.per_serving_whole == 141
    assert result.per_day_whole == 282


def test_rda_share_of_141_mg_for_a_woman_31_to_50_is_44_percent():
    assert calc.share_of(Decimal(141), 320) == 44  # 44.06%
    intake = calc.ReaderIntake("31 to 50 years", False, recommended_mg=320, upper_limit_mg=350)
    result = calc.Calculation(compound=GLYCINATE, compound_mg=Decimal(1000), intake=intake)
    assert result.rda_share == 44
    assert not result.over_upper_limit


def test_rounding_is_to_whole_mg_with_halves_up():
    # 500 mg x 14.1% = 70.5 mg per serving; two servings are exactly 141 mg.
    result = calc.Calculation(compound=GLYCINATE, compound_mg=Decimal(500), servings=2)
    assert result.per_serving_whole == 71
    assert result.per_day_whole == 141
    assert calc.whole(Decimal("0.5")) == 1
    assert calc.whole(Decimal("140.49")) == 140


def test_working_shows_each_step_as_a_reader_can_redo_it():
    intake = calc.ReaderIntake("31 to 50 years", False, recommended_mg=320, upper_limit_mg=350)
    result = calc.Calculation(
        compound=GLYCINATE, compound_mg=Decimal(500), servings=2, intake=intake
    )
    assert [step.translate(PLAIN) for step in result.working] == [
        "500 mg of magnesium glycinate x 14.1% = 70.5 mg of magnesium per serving",
        "70.5 mg x 2 servings = 141 mg of magnesium a day",
        "141 mg / 320 mg = 44% of your RDA",
    ]


def test_upper_limit_is_exceeded_only_above_it():
    assert calc.above_upper_limit(Decimal(400), 350)
    assert not calc.above_upper_limit(Decimal(350), 350)
    assert calc.above_upper_limit(Decimal(120), 110)
    assert not calc.above_upper_limit(Decimal(5000), None)  # infants: no UL set


def test_reverse_case_gives_the_compound_a_stated_elemental_amount_implies():
    assert calc.compound_mg_for(Decimal(141), Decimal("14.1")) == Decimal(1000)
    result = calc.Calculation(compound=GLYCINATE, label_elemental_mg=Decimal(141))
    assert result.implied_compound_whole == 1000
    assert result.per_day_whole == 141
    assert result.label_check is None


def test_label_with_more_magnesium_than_glycinate_holds_is_flagged():
    # 200 mg in 1000 mg is 20%: well above 14.1%, as in buffered (oxide-blended) products.
    result = calc.Calculation(
        compound=GLYCINATE, compound_mg=Decimal(1000), label_elemental_mg=Decimal(200)
    )
    assert result.label_percent == Decimal(20)
    assert result.label_check == calc.LabelCheck.TOO_HIGH
    # The totals use the label's own figure.
    assert result.per_day_whole == 200


@pytest.mark.parametrize(
    ("elemental", "expected"),
    [
        ("141", calc.LabelCheck.MATCHES),
        ("155", calc.LabelCheck.MATCHES),  # 15.5%: within 10% of 14.1% (up to 15.51%)
        ("156", calc.LabelCheck.TOO_HIGH),
        ("127", calc.LabelCheck.MATCHES),  # 12.7%: within 10% below (down to 12.69%)
        ("120", calc.LabelCheck.LOW),
    ],
)
def test_label_check_allows_ten_percent_either_way(elemental, expected):
    assert calc.check_label(Decimal(elemental) / 10, Decimal("14.1")) == expected


def test_recommended_intake_follows_sex_and_life_stage():
    row = RecommendedIntakeFactory.build()  # 31-50: men 420, women 320, pregnancy 360
    assert calc.recommended_mg(row, "female", "") == 320
    assert calc.recommended_mg(row, "male", "") == 420
    assert calc.recommended_mg(row, "female", "pregnant") == 360
    assert calc.recommended_mg(row, "female", "lactating") == 320
    assert calc.recommended_mg(row, "", "") is None  # it depends on sex
    child = RecommendedIntakeFactory.build(male_mg=130, female_mg=130)
    assert calc.recommended_mg(child, "", "") == 130


def test_hydrate_notes_are_recognised():
    assert calc.mentions_hydrates("The hexahydrate, MgCl2·6H2O ... Anhydrous MgCl2 is 25.5%")
    assert not calc.mentions_hydrates("Fully reacted magnesium bisglycinate, C4H8MgN2O4")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("500", Decimal(500)),
        (" 1,000 ", Decimal(1000)),
        ("12,500.5", Decimal("12500.5")),
        ("250 mg", Decimal(250)),
        (".5", Decimal("0.5")),
        ("1,5", None),
        ("1e3", None),
        ("NaN", None),
        ("inf", None),
        ("0x10", None),
        ("\x00", None),
        ("5\x00", None),
        ("", None),
    ],
)
def test_amounts_are_plain_numbers_with_optional_thousands_commas_and_unit(raw, expected):
    assert parse_amount(raw) == expected


# ---- the page ----


@pytest.fixture
def intake_tables(db):
    table = IntakeTableFactory(
        title="Dietary Reference Intakes for magnesium",
        refs=[ReferenceFactory(key="fnb-1997", title="Dietary Reference Intakes for Magnesium")],
    )
    for slug, label, low, high, male, female, pregnancy, lactation, is_ai in RDA_ROWS:
        RecommendedIntakeFactory(
            table=table,
            age_group=slug,
            label=label,
            min_age_years=Decimal(low),
            max_age_years=Decimal(high) if high else None,
            male_mg=male,
            female_mg=female,
            pregnancy_mg=pregnancy,
            lactation_mg=lactation,
            is_ai=is_ai,
        )
    for slug, label, low, high, limit in UL_ROWS:
        UpperIntakeLimitFactory(
            table=table,
            age_group=slug,
            label=label,
            min_age_years=Decimal(low),
            max_age_years=Decimal(high) if high else None,
            ul_mg=limit,
        )
    return table


@pytest.fixture
def site(intake_tables):
    """Three forms, the intake tables and the kidney caution's source."""
    ReferenceFactory(key="van-laecke-2023", title="An Update on Hypomagnesemia")
    return {
        "glycinate": MagnesiumCompoundFactory(
            name="Magnesium glycinate",
            slug="magnesium-glycinate",
            elemental_percent=Decimal("14.1"),
            elemental_basis="Fully reacted magnesium bisglycinate, C4H8MgN2O4.",
            elemental_refs=[ReferenceFactory(key="case-2021", title="Magnesium chelates")],
        ),
        "chloride": MagnesiumCompoundFactory(
            name="Magnesium chloride",
            slug="magnesium-chloride",
            elemental_percent=Decimal("12.0"),
            elemental_basis="The hexahydrate, MgCl2·6H2O: 12.0%. Anhydrous MgCl2 is 25.5%.",
        ),
        "sulfate": MagnesiumCompoundFactory(
            name="Magnesium sulfate (Epsom salt)",
            slug="magnesium-sulfate",
            route="topical",
            elemental_percent=Decimal("9.9"),
        ),
    }


def test_without_parameters_the_page_shows_the_form_and_how_it_works(client, site):
    response = calculate(client)
    text = visible_text(response)
    assert response.status_code == 200
    assert "How it works" in text and "Your result" not in text
    assert '<option value="magnesium-glycinate">Magnesium glycinate</option>' in (
        response.content.decode()
    )
    assert "31 to 50 years" in text  # the intake table is shown with its source
    assert "Dietary Reference Intakes for Magnesium" in text
    assert "Kidney disease?" in text
    assert not response.cookies


def test_a_link_from_a_form_page_preselects_that_form(client, site):
    response = calculate(client, form="magnesium-glycinate")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="magnesium-glycinate" selected>' in page
    assert 'href="/forms/magnesium-glycinate/">Back to Magnesium glycinate' in page
    assert "Your result" not in visible_text(response)
    assert "There is a problem" not in page and "error-summary" not in page


def test_form_page_links_to_the_calculator_set_to_that_form(client, site):
    page = client.get("/forms/magnesium-glycinate/").content.decode()
    assert 'href="/calculator/?form=magnesium-glycinate"' in page


def test_result_for_1000_mg_glycinate_for_a_woman_31_to_50(client, site):
    response = calculate(client, form="magnesium-glycinate", mg="1000", **ADULT_WOMAN)
    text = visible_text(response)
    assert response.status_code == 200
    assert "141 mg of elemental magnesium a day" in text
    assert "1,000 mg of magnesium glycinate x 14.1% = 141 mg of magnesium per serving" in text
    assert "44% of the RDA for your group (female, 31 to 50 years: 320 mg a day)" in text
    assert "Within the upper limit of 350 mg a day" in text
    assert "Above the upper limit" not in text
    assert "Kidney disease?" in text
    # The figures' sources are in the numbered reference list, with the form's page linked.
    assert "Magnesium chelates" in text and "Dietary Reference Intakes for Magnesium" in text
    assert "An Update on Hypomagnesemia" in text
    assert 'href="/forms/magnesium-glycinate/"' in response.content.decode()


def test_the_shareable_url_can_use_short_or_numeric_ages(client, site):
    for age in ["31-50", "40", "31-50-YEARS "]:
        text = visible_text(calculate(client, form="magnesium-glycinate", mg="1000", age=age))
        assert "31 to 50 years" in text and "Choose female or male" in text, age


def test_two_servings_double_the_result_on_the_page(client, site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", mg="1000", servings="2", **ADULT_WOMAN)
    )
    assert "282 mg of elemental magnesium a day" in text
    assert "141 mg x 2 servings = 282 mg of magnesium a day" in text
    assert "88% of the RDA" in text


def test_pregnancy_uses_the_pregnancy_rda(client, site):
    text = visible_text(
        calculate(
            client, form="magnesium-glycinate", mg="1000", life_stage="pregnant", **ADULT_WOMAN
        )
    )
    assert "39% of the RDA for your group (pregnancy, 31 to 50 years: 360 mg a day)" in text


def test_above_the_upper_limit_at_400_mg_for_an_adult(client, site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="400", **ADULT_WOMAN)
    )
    assert "Above the upper limit" in text
    assert "400 mg a day is more than 350 mg" in text


def test_no_warning_at_exactly_the_upper_limit(client, site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="350", **ADULT_WOMAN)
    )
    assert "Above the upper limit" not in text
    assert "Within the upper limit of 350 mg" in text


def test_above_the_lower_upper_limit_of_110_mg_at_120_mg_for_a_child_of_4_to_8(client, site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="120", age="4-8-years")
    )
    assert "Above the upper limit" in text
    assert "120 mg a day is more than 110 mg" in text
    # Children's RDA is the same for both sexes, so no sex is needed for the share.
    assert "92% of the RDA for your group (4 to 8 years: 130 mg a day)" in text


def test_infants_get_the_adequate_intake_and_medical_advice_only(client, site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="30", age="0-6-months")
    )
    assert "100% of the AI for your group (birth to 6 months: 30 mg a day)" in text
    assert "Supplements only on medical advice" in text
    assert "No upper limit for magnesium supplements has been set for this age group" in text
    assert "Above the upper limit" not in text and "Within the upper limit" not in text


def test_reverse_case_shows_the_compound_a_label_implies(client, site):
    text = visible_text(calculate(client, form="magnesium-glycinate", elemental_mg="141"))
    assert "141 mg of elemental magnesium a day" in text
    assert "each serving holds about 1,000 mg of magnesium glycinate" in text
    assert "141 mg of magnesium / 14.1% = 1,000 mg of magnesium glycinate per serving" in text


def test_buffered_glycinate_label_is_flagged_and_explained(client, site):
    response = calculate(
        client, form="magnesium-glycinate", mg="1000", elemental_mg="200", **ADULT_WOMAN
    )
    text = visible_text(response)
    assert response.status_code == 200
    assert "This label doesn't add up for pure magnesium glycinate" in text
    assert "20% magnesium by weight" in text and "can hold only 14.1%" in text
    assert "magnesium oxide" in text and "more than 10% above" in text
    assert "200 mg of elemental magnesium a day" in text


def test_matching_label_is_not_flagged(client, site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", mg="1000", elemental_mg="141")
    )
    assert "doesn't add up" not in text and "More magnesium than we expect" not in text


def test_hydrate_forms_are_flagged_with_the_hydrate_caveat(client, site):
    # 255 mg in 1000 mg is the anhydrous chloride's 25.5%, not the hexahydrate's 12%.
    text = visible_text(calculate(client, form="magnesium-chloride", mg="1000", elemental_mg="255"))
    assert "More magnesium than we expect from magnesium chloride" in text
    assert "a drier form of the salt" in text
    assert "Anhydrous MgCl2 is 25.5%" in text  # the form's own note on its figure


def test_topical_forms_say_what_the_figure_means(client, site):
    text = visible_text(calculate(client, form="magnesium-sulfate", mg="1000"))
    assert "99 mg of elemental magnesium a day" in text
    assert "Very little magnesium passes through the skin" in text


NUL = "\x00"
BAD_INPUT = [
    ({"form": "no-such-form", "mg": "500"}, "We have no form called “no-such-form”"),
    ({"form": "magnesium-glycinate", "mg": "-5"}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "0"}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "0.001"}, "Enter an amount above 0 mg"),
    ({"form": "magnesium-glycinate", "mg": "9" * 400}, "That is more than 50,000 mg"),
    ({"form": "magnesium-glycinate", "mg": "lots"}, "Enter the amount as a number"),
    ({"form": "magnesium-glycinate", "mg": "1e309"}, "Enter the amount as a number"),
    ({"form": "magnesium-glycinate", "mg": "NaN"}, "Enter the amount as a number"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "0"}, "at least 1 serving"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "1.5"}, "whole number"),
    ({"form": "magnesium-glycinate", "mg": "500", "servings": "99"}, "at most 20 servings"),
    ({"form": "magnesium-glycinate", "mg": "500", "age": "teen"}, "Choose your age group"),
    ({"form": "magnesium-glycinate", "mg": "500", "age": "200"}, "Choose your age group"),
    ({"form": "magnesium-glycinate", "mg": "500", "sex": "other"}, "Choose female or male"),
    ({"form": "magnesium-glycinate", "mg": "500", "life_stage": "x"}, "Choose pregnant"),
    ({"mg": "500"}, "Choose the form of magnesium named on the label"),
    ({"form": "magnesium-glycinate", "mg": ""}, "Enter the amount of the compound"),
    (
        {"form": "magnesium-glycinate", "mg": "100", "elemental_mg": "141"},
        "cannot weigh more than the compound",
    ),
    (
        {"form": "magnesium-glycinate", "mg": "500", "sex": "male", "life_stage": "pregnant"},
        "values are for women",
    ),
    (
        {"form": "magnesium-glycinate", "mg": "500", "age": "51-plus-years", "life_stage": "x"},
        "Choose pregnant, breastfeeding or neither",
    ),
    (
        {"form": "magnesium-glycinate", "mg": "500", "age": "4-8", "life_stage": "lactating"},
        "separate breastfeeding values only for 14 to 18 years",
    ),
    ({"form": "magnesium-glycinate", "mg": "500", "life_stage": "pregnant"}, "depend on it"),
]


@pytest.mark.parametrize(("params", "message"), BAD_INPUT)
def test_bad_input_reshows_the_form_with_the_message_next_to_the_field_and_changes_nothing(
    client, site, params, message
):
    before = stored_counts()
    response = calculate(client, **params)
    text = visible_text(response)
    assert response.status_code == 200
    assert message in text
    # In the summary at the top and again beside the field (an errorlist with the field's id).
    assert text.count(message) == 2
    assert re.search(r'<ul class="errorlist" id="id_[a-z_]+_error">', response.content.decode())
    assert "Your result" not in text
    assert stored_counts() == before


@pytest.mark.parametrize("field", ["form", "mg", "elemental_mg", "servings", "age", "sex"])
def test_nul_bytes_are_refused_with_a_clear_400_and_change_nothing(client, site, field):
    params = {"form": "magnesium-glycinate", "mg": "500", field: f"5{NUL}"}
    before = stored_counts()
    response = calculate(client, **params)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert stored_counts() == before


def test_a_bad_value_is_quoted_back_shortened_and_escaped(client, site):
    response = calculate(client, form="<script>alert(1)</script>" + "x" * 100, mg="1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;xxxx" in page and "xxxxx…" in page


def test_unknown_parameters_are_reported_as_ignored(client, site):
    response = calculate(client, form="magnesium-glycinate", mg="1000", colour="blue")
    text = visible_text(response)
    assert response.status_code == 200
    assert "Part of this link was ignored: colour is not a setting" in text
    assert "141 mg of elemental magnesium a day" in text


def test_the_number_of_queries_is_the_same_whatever_the_input(client, site):
    queries = [
        {},
        {"form": "magnesium-glycinate"},
        {"form": "magnesium-glycinate", "mg": "1000", **ADULT_WOMAN},
        {"form": "magnesium-chloride", "mg": "1000", "elemental_mg": "255", "servings": "3"},
        {"form": "magnesium-glycinate", "elemental_mg": "30", "age": "0-6-months"},
        {"form": "nope", "mg": "x", "age": "zz", "servings": "0"},
    ]
    counts = []
    for params in queries:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            calculate(client, **params)
        counts.append(len(captured))
    assert len(set(counts)) == 1, counts
    assert counts[0] <= 10


def test_calculator_is_in_the_main_navigation_and_on_the_home_page(client, site):
    home = client.get("/").content.decode()
    assert '<a href="/calculator/">Calculator</a>' in home
    assert home.count('href="/calculator/"') >= 2
    page = calculate(client).content.decode()
    assert '<a href="/calculator/" aria-current="page">Calculator</a>' in page


def test_result_pages_are_not_indexed_but_the_empty_calculator_is(client, site):
    assert 'name="robots"' not in calculate(client).content.decode()
    page = calculate(client, form="magnesium-glycinate", mg="1000").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in page
    assert '<link rel="canonical" href="http://testserver/calculator/">' in page


# ---- constraints ----


@pytest.mark.parametrize(
    "fields",
    [
        {"female_mg": 0},
        {"male_mg": 0},
        {"pregnancy_mg": 0},
        {"min_age_years": Decimal(51), "max_age_years": Decimal(31)},
        {"min_age_years": Decimal(31), "max_age_years": Decimal(31)},
        {"min_age_years": Decimal(-1)},
    ],
)
def test_database_refuses_impossible_intake_rows(intake_tables, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendedIntake.objects.create(
            **{
                "table": intake_tables,
                "age_group": "new-group",
                "label": "New",
                "min_age_years": Decimal(31),
                "max_age_years": Decimal(51),
                "male_mg": 420,
                "female_mg": 320,
                **fields,
            }
        )


def test_database_refuses_a_zero_upper_limit_and_a_repeated_age_group(intake_tables):
    with pytest.raises(IntegrityError), transaction.atomic():
        UpperIntakeLimitFactory(table=intake_tables, ul_mg=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendedIntakeFactory(age_group="31-50-years")


# ---- loading the starter tables ----


def test_starter_intake_tables_load_once_and_again_change_nothing(db):
    ReferenceFactory(key="fnb-1997")
    ReferenceFactory(key="ods-magnesium-hp")
    path = comparisons_loader.STARTER_DIR / "intake.toml"
    first = StarterLoader()
    comparisons_loader.load_intake(first, path)
    assert first.counts["created"] == 1
    table = IntakeTable.objects.get()
    assert sorted(table.refs.values_list("key", flat=True)) == ["fnb-1997", "ods-magnesium-hp"]
    women = RecommendedIntake.objects.get(age_group="31-50-years")
    assert (women.female_mg, women.male_mg, women.pregnancy_mg) == (320, 420, 360)
    assert RecommendedIntake.objects.get(age_group="51-plus-years").max_age_years is None
    assert RecommendedIntake.objects.get(age_group="0-6-months").is_ai
    limits = dict(UpperIntakeLimit.objects.values_list("age_group", "ul_mg"))
    assert limits == {"0-12-months": None, "1-3-years": 65, "4-8-years": 110, "9-plus-years": 350}

    again = StarterLoader()
    comparisons_loader.load_intake(again, path)
    assert again.counts == {"unchanged": 1}
    assert RecommendedIntake.objects.count() == 9 and UpperIntakeLimit.objects.count() == 4


def test_load_content_loads_the_intake_tables(db):
    call_command("load_content", verbosity=0)
    assert RecommendedIntake.objects.count() == 9
    call_command("load_content", verbosity=0)
    assert RecommendedIntake.objects.count() == 9


INTAKE = """
source_keys = ["fnb-1997"]

[[rda]]
age_group = "31-50-years"
label = "31 to 50 years"
min_age_years = 31.0
max_age_years = 51.0
male_mg = 420
female_mg = {female}
pregnancy_mg = 360
lactation_mg = 320
is_ai = false

[[ul]]
age_group = "9-plus-years"
label = "9 years and older"
min_age_years = 9.0
max_age_years = -1.0
ul_mg = 350
"""


def write_intake(tmp_path, female: int | str):
    path = tmp_path / "intake.toml"
    path.write_text(textwrap.dedent(INTAKE.format(female=female)), encoding="utf-8")
    return path


def test_loader_refreshes_an_untouched_table_but_never_an_edited_one(tmp_path, db):
    ReferenceFactory(key="fnb-1997")
    comparisons_loader.load_intake(StarterLoader(), write_intake(tmp_path, 320))
    updated = StarterLoader()
    comparisons_loader.load_intake(updated, write_intake(tmp_path, 325))
    assert updated.counts == {"updated": 1}
    assert RecommendedIntake.objects.get().female_mg == 325

    # An editor corrects a row: the next load keeps the whole table as they left it.
    RecommendedIntake.objects.update(female_mg=330)
    kept = StarterLoader()
    comparisons_loader.load_intake(kept, write_intake(tmp_path, 340))
    assert kept.counts == {"kept an editor's changes": 1}
    assert RecommendedIntake.objects.get().female_mg == 330


def test_a_bad_starter_row_is_a_clear_error_and_writes_nothing(tmp_path, db):
    ReferenceFactory(key="fnb-1997")
    with pytest.raises(StarterContentError, match="31-50-years"):
        comparisons_loader.load_intake(StarterLoader(), write_intake(tmp_path, 0))
    with pytest.raises(StarterContentError, match="female_mg"):
        comparisons_loader.load_intake(StarterLoader(), write_intake(tmp_path, '"lots"'))
    assert not IntakeTable.objects.exists()


# ---- admin ----


def intake_post(table: IntakeTable, **overrides) -> dict:
    """The admin's change form for a table, as the browser would submit it unchanged."""
    data = {
        "title": table.title,
        "slug": table.slug,
        "refs": [str(pk) for pk in table.refs.values_list("pk", flat=True)],
        "edit_token_seen": str(table.edit_token),
    }
    for prefix, rows, fields in [
        ("recommended", table.recommended.all(), IntakeTable.RECOMMENDED_FIELDS),
        ("upper_limits", table.upper_limits.all(), IntakeTable.UPPER_LIMIT_FIELDS),
    ]:
        rows = list(rows)
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(row.pk)
            data[f"{prefix}-{index}-table"] = str(table.pk)
            for name in fields:
                value = getattr(row, name)
                if name == "is_ai":
                    if value:
                        data[f"{prefix}-{index}-{name}"] = "on"
                    continue
                data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
    data.update(overrides)
    return data


def test_intake_tables_are_listed_and_edited_as_a_whole_in_admin(staff_client, intake_tables):
    url = reverse("admin:comparisons_intaketable_changelist")
    assert "Dietary Reference Intakes for magnesium" in staff_client.get(url).content.decode()
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    page = staff_client.get(change).content.decode()
    assert 'name="recommended-7-female_mg"' in page and 'name="upper_limits-3-ul_mg"' in page


def test_editor_changes_an_intake_row_and_the_calculator_uses_it(staff_client, site):
    assert site["glycinate"]
    table = IntakeTable.objects.get()
    change = reverse("admin:comparisons_intaketable_change", args=[table.pk])
    response = staff_client.post(change, intake_post(table, **{"recommended-7-female_mg": "330"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert RecommendedIntake.objects.get(age_group="31-50-years").female_mg == 330

    staff_client.logout()
    response = calculate(staff_client, form="magnesium-glycinate", mg="1000", **ADULT_WOMAN)
    text = visible_text(response)
    assert "43% of the RDA for your group (female, 31 to 50 years: 330 mg a day)" in text


def test_admin_refuses_overlapping_age_groups(staff_client, intake_tables):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    response = staff_client.post(
        change, intake_post(intake_tables, **{"recommended-7-max_age_years": "60"})
    )
    assert response.status_code == 200
    assert "overlap" in response.content.decode()
    assert RecommendedIntake.objects.get(age_group="31-50-years").max_age_years == 51


def test_admin_refuses_a_stale_save_of_an_intake_table(staff_client, intake_tables):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    stale = intake_post(intake_tables, **{"recommended-7-female_mg": "999"})
    intake_tables.save()  # someone else saved in between
    response = staff_client.post(change, stale)
    assert response.status_code == 200
    assert "saved a newer version" in response.content.decode()
    assert RecommendedIntake.objects.get(age_group="31-50-years").female_mg == 320
