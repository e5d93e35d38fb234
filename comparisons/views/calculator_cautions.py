"""The calculator's cautions for the reader's own case: reduced kidney function, a child's
group, pregnancy or breastfeeding (templates/comparisons/_calc_cautions.html), and the limit
each compares against."""

from __future__ import annotations

from decimal import Decimal

from articles.citations import PageCitations
from comparisons.calculator import ReaderIntake
from comparisons.forms import CalculatorForm
from comparisons.models import RecommendedIntake, UpperIntakeLimit

# The kidney cautions cite these: severe hypermagnesaemia occurs almost uniformly in severe
# renal failure exposed to magnesium supplements or antacids (Van Laecke, Kidney and Dialysis
# 2023; research notes c8), and the risk of toxicity rises as kidney function falls (ODS).
KIDNEY_CAUTION_REFERENCE_KEY = "van-laecke-2023"
# Toxicity from very large doses of laxatives and antacids, and its signs (ODS).
TOXICITY_REFERENCE_KEY = "ods-magnesium-hp"
KIDNEY_REFERENCE_KEYS = (KIDNEY_CAUTION_REFERENCE_KEY, TOXICITY_REFERENCE_KEY)
# No useful amount of magnesium shown to pass through the skin (Gröber 2017), for Epsom salt.
SKIN_REFERENCE_KEY = "grober-2017"
# The intake tables' children's groups end at 14 (9 to 13 years); from then on a reader
# gets the adult upper limit.
CHILD_UNTIL_YEARS = Decimal(14)


def intake_for(
    group: RecommendedIntake | None, upper_limits: list[UpperIntakeLimit], data: dict
) -> tuple[ReaderIntake | None, UpperIntakeLimit | None]:
    if group is None:
        return None, None
    upper = next((limit for limit in upper_limits if limit.covers(group)), None)
    return ReaderIntake.for_reader(group, upper, data["sex"], data["life_stage"]), upper


def limit_for_any_age(upper_limits: list[UpperIntakeLimit]) -> dict:
    """With no age chosen, the upper limit that holds from some age on (350 mg from 9), and
    the lower limits of the younger groups, so an amount is still checked against a limit."""
    open_ended = [limit for limit in upper_limits if limit.max_age_years is None and limit.ul_mg]
    if not open_ended:
        return {}
    limit = open_ended[-1]
    return {
        "any_age_limit": limit,
        "younger_limits": [
            row for row in upper_limits if row.ul_mg and row.min_age_years < limit.min_age_years
        ],
    }


def reader_cautions(
    data, group, intake, upper, upper_limits, citations, refs, *, result=True
) -> dict:
    """The reader's own cautions (_calc_cautions.html), each saying to ask a doctor before
    taking magnesium at all: reduced kidney function, a child's group, pregnancy or
    breastfeeding; with the limit they compare against and its sources. Above a result, or
    above the medicines' times when nothing is added up (`result` false): there the limit's
    sources are cited only where a caution gives the limit."""
    kidney_reader_cites = (
        citations.cite(refs[key] for key in KIDNEY_REFERENCE_KEYS if key in refs)
        if data.get("kidney")
        else []
    )
    any_age = limit_for_any_age(upper_limits) if group is None else {}
    limit_table = upper.table if upper else getattr(any_age.get("any_age_limit"), "table", None)
    limit_known = intake is not None and intake.upper_limit_mg is not None
    child = bool(
        limit_known and group.max_age_years is not None and group.max_age_years <= CHILD_UNTIL_YEARS
    )
    # A baby's group, for which no upper limit is set.
    infant = intake is not None and intake.upper_limit_mg is None
    life_stage = data.get("life_stage") or ""
    cite_limit = limit_table and (result or child or infant or life_stage)
    return {
        "kidney": bool(data.get("kidney")),
        # "pregnant" or "lactating" (validated against the age group), or "".
        "life_stage": life_stage,
        "child": child,
        "infant": infant,
        # Whether a child's limit is below the oldest group's (adults'): from 9 it is not.
        "below_adult_limit": bool(
            limit_known
            and upper_limits[-1].ul_mg
            and intake.upper_limit_mg < upper_limits[-1].ul_mg
        ),
        **any_age,
        "kidney_reader_cites": kidney_reader_cites,
        "upper_cites": citations.cite(limit_table.refs.all()) if cite_limit else [],
    }


def cautions_without_result(
    form: CalculatorForm, upper_limits: list[UpperIntakeLimit], citations: PageCitations, refs
) -> dict:
    """The cautions above the medicines' times when nothing is added up: with kidney
    disease, for a child or in pregnancy, the times hold only once a doctor agrees to
    magnesium at all. An age or sex still to correct gives no intake."""
    data = form.cleaned_data
    group = form.groups.get(data.get("age")) if form.is_valid() else None
    intake, upper = intake_for(group, upper_limits, data)
    cautions = reader_cautions(
        data, group, intake, upper, upper_limits, citations, refs, result=False
    )
    return {"intake": intake, **cautions}
