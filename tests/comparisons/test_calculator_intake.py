"""The intake tables behind the calculator: the RDA for age, sex and life stage, the upper
limit for supplements, the tables' constraints, their starter loader and their admin."""

import re
import textwrap
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from articles.loader import StarterContentError, StarterLoader
from comparisons import calculator as calc
from comparisons import loader as comparisons_loader
from comparisons.models import IntakeTable, RecommendedIntake, UpperIntakeLimit
from tests.comparisons.admin_posts import intake_post
from tests.comparisons.calculator_helpers import ADULT_WOMAN, calculate, visible_text
from tests.factories import RecommendedIntakeFactory, ReferenceFactory, UpperIntakeLimitFactory

pytestmark = pytest.mark.django_db


def test_upper_limit_is_exceeded_only_above_it():
    assert calc.above_upper_limit(Decimal(400), 350)
    assert not calc.above_upper_limit(Decimal(350), 350)
    assert calc.above_upper_limit(Decimal(120), 110)
    assert not calc.above_upper_limit(Decimal(5000), None)  # infants: no UL set


def test_recommended_intake_follows_sex_and_life_stage():
    row = RecommendedIntakeFactory.build()  # 31-50: men 420, women 320, pregnancy 360
    assert calc.recommended_mg(row, "female", "") == 320
    assert calc.recommended_mg(row, "male", "") == 420
    assert calc.recommended_mg(row, "female", "pregnant") == 360
    assert calc.recommended_mg(row, "female", "lactating") == 320
    assert calc.recommended_mg(row, "", "") is None  # it depends on sex
    child = RecommendedIntakeFactory.build(male_mg=130, female_mg=130)
    assert calc.recommended_mg(child, "", "") == 130


def test_intake_table_puts_male_before_female_as_the_food_article_does(client, calculator_site):
    # The food article's RDA table (and the NIH sheet it follows) reads Age, Male, Female,
    # Pregnancy, Breastfeeding; the calculator's table had the two sexes the other way round,
    # so a reader moving between them could read a woman's figure as a man's.
    response = client.get(reverse("comparisons:calculator"))
    page = response.content.decode()
    table = page[page.index('<table class="data intake-table">') :]
    headings = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table[: table.index("</thead>")])
    assert [h.replace("&shy;", "") for h in headings] == [
        "Age",
        "Male",
        "Female",
        "Pregnancy",
        "Breastfeeding",
    ]
    text = visible_text(response)
    assert "31 to 50 years 420 320 360 320" in text


def test_pregnancy_uses_the_pregnancy_rda(client, calculator_site):
    text = visible_text(
        calculate(
            client, form="magnesium-glycinate", mg="1000", life_stage="pregnant", **ADULT_WOMAN
        )
    )
    assert "39% of the RDA for your group (pregnancy, 31 to 50 years: 360 mg a day)" in text


@pytest.mark.parametrize(
    ("life_stage", "heading"),
    [("pregnant", "In pregnancy, ask first."), ("lactating", "While breastfeeding, ask first.")],
)
def test_pregnancy_and_breastfeeding_are_told_to_ask_their_doctor_or_midwife(
    client, calculator_site, life_stage, heading
):
    # Within the upper limit, as here, is not the same as advised: the safety guide asks
    # pregnant and breastfeeding readers to take supplements only with their doctor's or
    # midwife's agreement, and the calculator now says so where they enter their dose.
    text = visible_text(
        calculate(
            client, form="magnesium-glycinate", mg="1000", life_stage=life_stage, **ADULT_WOMAN
        )
    )
    assert heading in text
    assert "only if your doctor or midwife agrees" in text
    assert "The upper limit is the same 350 mg a day" in text


@pytest.mark.parametrize(
    ("life_stage", "while_"), [("pregnant", "in pregnancy"), ("lactating", "while breastfeeding")]
)
def test_pregnancy_without_an_age_still_adds_up_and_checks_the_upper_limit(
    client, calculator_site, life_stage, while_
):
    """The limit in pregnancy and breastfeeding is the one for anyone aged 9 or over: the
    sum was refused, limit check and all, until the reader chose an age group."""
    text = visible_text(
        calculate(client, form="magnesium-glycinate", mg="1000", life_stage=life_stage)
    )
    assert "141 mg of elemental magnesium a day" in text
    assert "Within the upper limit of 350 mg a day" in text
    assert "The upper limit is the same 350 mg a day" in text
    assert (
        f"Choose your age group in the form to compare this with the recommended intake {while_}"
        in text
    )
    assert "Younger children" not in text
    over = visible_text(
        calculate(client, form="magnesium-glycinate", mg="3000", life_stage=life_stage)
    )
    assert "Above the upper limit" in over and "Younger children" not in over


def test_no_pregnancy_caution_for_other_readers(client, calculator_site):
    text = visible_text(calculate(client, form="magnesium-glycinate", mg="1000", **ADULT_WOMAN))
    assert "doctor or midwife" not in text


def test_above_the_upper_limit_at_400_mg_for_an_adult(client, calculator_site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="400", **ADULT_WOMAN)
    )
    assert "Above the upper limit" in text
    assert "400 mg a day is more than 350 mg" in text


def test_no_warning_at_exactly_the_upper_limit(client, calculator_site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="350", **ADULT_WOMAN)
    )
    assert "Above the upper limit" not in text
    assert "Within the upper limit of 350 mg" in text


def test_above_the_lower_upper_limit_of_110_mg_at_120_mg_for_a_child_of_4_to_8(
    client, calculator_site
):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="120", age="4-8-years")
    )
    assert "Above the upper limit" in text
    assert "120 mg a day is more than 110 mg" in text
    # Children's RDA is the same for both sexes, so no sex is needed for the share.
    assert "92% of the RDA for your group (4 to 8 years: 130 mg a day)" in text


def test_infants_get_the_adequate_intake_and_medical_advice_only(client, calculator_site):
    text = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="30", age="0-6-months")
    )
    assert "100% of the AI for your group (birth to 6 months: 30 mg a day)" in text
    assert "Supplements only on medical advice" in text
    assert "No upper limit for magnesium supplements has been set for this age group" in text
    assert "Above the upper limit" not in text and "Within the upper limit" not in text


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


def test_intake_tables_are_listed_and_edited_as_a_whole_in_admin(staff_client, intake_tables):
    url = reverse("admin:comparisons_intaketable_changelist")
    assert "Dietary Reference Intakes for magnesium" in staff_client.get(url).content.decode()
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    page = staff_client.get(change).content.decode()
    assert 'name="recommended-7-female_mg"' in page and 'name="upper_limits-3-ul_mg"' in page


def test_editor_changes_an_intake_row_and_the_calculator_uses_it(staff_client, calculator_site):
    assert calculator_site["glycinate"]
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


def adults_upper_limit(table: IntakeTable) -> int:
    """The index of the oldest group's row among the upper limits, as the admin lists them."""
    return len(table.upper_limits.all()) - 1


@pytest.mark.parametrize(
    "slip, said",
    [
        ("ul_mg", "Give the upper limit for “"),
        ("DELETE", "No group holds the ages after “"),
    ],
)
def test_admin_refuses_an_adults_upper_limit_emptied_or_deleted(
    staff_client, calculator_site, slip, said
):
    """Either way the calculator told an adult taking 1,206 mg that no limit was set."""
    table = IntakeTable.objects.get()
    adults = adults_upper_limit(table)
    value = "" if slip == "ul_mg" else "on"
    change = reverse("admin:comparisons_intaketable_change", args=[table.pk])
    response = staff_client.post(
        change, intake_post(table, **{f"upper_limits-{adults}-{slip}": value})
    )
    assert response.status_code == 200
    assert said in response.content.decode()
    assert UpperIntakeLimit.objects.filter(max_age_years=None, ul_mg=350).exists()
    text = visible_text(
        calculate(staff_client, form="magnesium-glycinate", mg="4000", **ADULT_WOMAN)
    )
    assert "Above the upper limit" in text


def test_admin_refuses_a_gap_between_age_groups(staff_client, intake_tables):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    response = staff_client.post(
        change, intake_post(intake_tables, **{"recommended-7-max_age_years": "45"})
    )
    assert response.status_code == 200
    assert "No group holds the ages between “31 to 50 years” and “" in (response.content.decode())


def test_admin_refuses_a_recommended_intake_far_above_any_set(staff_client, intake_tables):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    response = staff_client.post(
        change, intake_post(intake_tables, **{"recommended-7-male_mg": "4200"})
    )
    assert response.status_code == 200
    [form] = [f for f in response.context["inline_admin_formsets"][0].formset.forms if f.errors]
    assert "4,200 mg a day is far above any recommended intake" in form.errors["male_mg"][0]
    assert RecommendedIntake.objects.get(age_group="31-50-years").male_mg == 420


def test_a_new_age_group_without_its_label_is_told_so_beside_it(staff_client, intake_tables):
    """The checks across rows read every row's label, and a row without one was a 500."""
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    data = intake_post(intake_tables)
    count = int(data["upper_limits-TOTAL_FORMS"])
    data |= {
        "upper_limits-TOTAL_FORMS": str(count + 1),
        f"upper_limits-{count}-table": str(intake_tables.pk),
        f"upper_limits-{count}-age_group": "100-plus-years",
        f"upper_limits-{count}-min_age_years": "100",
        f"upper_limits-{count}-ul_mg": "350",
    }
    response = staff_client.post(change, data)
    assert response.status_code == 200
    [formset] = [
        f.formset for f in response.context["inline_admin_formsets"] if "upper" in f.formset.prefix
    ]
    assert "This field is required." in formset.forms[count].errors["label"]


def test_admin_refuses_a_stale_save_of_an_intake_table(staff_client, intake_tables):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    stale = intake_post(intake_tables, **{"recommended-7-female_mg": "999"})
    intake_tables.save()  # changed in between, outside the admin: no version names who
    response = staff_client.post(change, stale)
    assert response.status_code == 200
    assert "This page was changed after you opened it" in response.content.decode()
    assert RecommendedIntake.objects.get(age_group="31-50-years").female_mg == 320
