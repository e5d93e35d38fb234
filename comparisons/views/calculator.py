"""The elemental magnesium calculator page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.models import Reference
from comparisons.calculator import Calculation, Compound, ReaderIntake, mentions_hydrates
from comparisons.citations import PageCitations
from comparisons.forms import FIELD_ORDER, CalculatorForm, shown
from comparisons.models import (
    CompoundSalt,
    IntakeTable,
    MagnesiumCompound,
    RecommendedIntake,
    Route,
    UpperIntakeLimit,
)

# The calculator's kidney caution cites this review: severe hypermagnesaemia occurs almost
# uniformly in severe renal failure exposed to magnesium supplements or antacids (Van Laecke,
# Kidney and Dialysis 2023; research notes c8).
KIDNEY_CAUTION_REFERENCE_KEY = "van-laecke-2023"
# At most this many unknown parameter names are listed in the "ignored" notice.
IGNORED_PARAMS_SHOWN = 5


def _intake_for(
    group: RecommendedIntake | None, upper_limits: list[UpperIntakeLimit], data: dict
) -> tuple[ReaderIntake | None, UpperIntakeLimit | None]:
    if group is None:
        return None, None
    upper = next((limit for limit in upper_limits if limit.covers(group)), None)
    return ReaderIntake.for_reader(group, upper, data["sex"], data["life_stage"]), upper


def _as_compound(compound: MagnesiumCompound, salt: CompoundSalt | None) -> Compound:
    """The arithmetic's view of a form as one salt. The default salt's figure is the form's
    own (the admin and the loader keep them equal), so the table's figure is used for it."""
    salts = compound.salts.all()
    return Compound(
        name=compound.name,
        elemental_percent=salt.figure if salt is not None else compound.elemental_percent,
        has_hydrates=mentions_hydrates(compound.elemental_basis) or len(salts) > 1,
        topical=compound.route == Route.TOPICAL,
        basis=salt.name if salt is not None else "",
        formula=salt.formula if salt is not None else "",
        molar_mass=salt.molar_mass if salt is not None else None,
    )


def _other_salts(
    request: HttpRequest, compound: MagnesiumCompound, salt: CompoundSalt | None
) -> list[tuple[CompoundSalt, str]]:
    """The form's other salts, each with this same sum worked out for it."""
    others = []
    for other in compound.salts.all():
        if other != salt:
            query = request.GET.copy()
            query["form"] = other.choice_value
            others.append((other, f"{request.path}?{query.urlencode()}#result"))
    return others


@require_safe
def calculator(request: HttpRequest) -> HttpResponse:
    """The elemental magnesium calculator, a plain GET form (its grammar: comparisons/forms.py).

    Every request runs the same few queries, whatever it asks. Invalid input is answered
    with the form again (200, like any re-shown form), a summary of what to correct at the
    top and each message next to its field; nothing is calculated and nothing is stored.
    """
    compounds = list(MagnesiumCompound.objects.published().for_calculator())
    tables = list(IntakeTable.objects.with_rows())
    groups = sorted(
        (row for table in tables for row in table.recommended.all()),
        key=lambda row: row.min_age_years,
    )
    upper_limits = sorted(
        (row for table in tables for row in table.upper_limits.all()),
        key=lambda row: row.min_age_years,
    )
    kidney_refs = list(Reference.objects.filter(key=KIDNEY_CAUTION_REFERENCE_KEY))

    form = CalculatorForm(request.GET or None, compounds=compounds, groups=groups)
    citations = PageCitations()
    context: dict = {"calc": form, "calculation": None}
    if form.is_valid() and form.calculates:
        data = form.cleaned_data
        compound, salt = form.chosen(data["form"])
        group = form.groups.get(data["age"])
        intake, upper = _intake_for(group, upper_limits, data)
        # A salt's own sources and note where it has them; else the form's, for its figure.
        salt_refs = list(salt.refs.all()) if salt is not None else []
        context.update(
            calculation=Calculation(
                compound=_as_compound(compound, salt),
                servings=data["servings"],
                compound_mg=data["mg"],
                label_elemental_mg=data["elemental_mg"],
                intake=intake,
            ),
            compound=compound,
            salt=salt,
            other_salts=_other_salts(request, compound, salt),
            basis_note=(salt.note if salt is not None and salt.note else compound.elemental_basis),
            group=group,
            elemental_cites=citations.cite(salt_refs or compound.elemental_refs.all()),
            intake_cites=citations.cite(group.table.refs.all()) if group else [],
            upper_cites=citations.cite(upper.table.refs.all()) if upper else [],
        )
    context["kidney_cites"] = citations.cite(kidney_refs)
    context["tables"] = [(table, citations.cite(table.refs.all())) for table in tables]
    context["references"] = citations.references()
    context["ignored"] = [shown(name) for name in request.GET if name not in FIELD_ORDER][
        :IGNORED_PARAMS_SHOWN
    ]
    context["form_page"] = (
        form.chosen(form.cleaned_data.get("form", ""))[0] if form.is_bound else None
    )
    return render(request, "comparisons/calculator.html", context)
