"""The elemental magnesium calculator page: a reader's products and food for a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import render

from articles.citations import Cite, PageCitations
from articles.http import cache_unless_ignored, reader_page
from articles.models import Reference
from comparisons.calculator import (
    Calculation,
    Compound,
    above_upper_limit,
    mentions_hydrates,
)
from comparisons.calculator_day import (
    DayTotal,
    ElementalReading,
    FoodServing,
    LabelProduct,
    Product,
)
from comparisons.calculator_fields import OTHER, OTHER_ALIASES
from comparisons.calculator_lines import FOODS, PRODUCTS, LineForm
from comparisons.calculator_medicines import MEDICINES, names_medicines, plan_medicines
from comparisons.forms import GROUP_FIELDS, CalculatorForm, shown
from comparisons.models import (
    CompoundSalt,
    Food,
    IntakeTable,
    MagnesiumCompound,
    Route,
)
from comparisons.moved_forms import calculator_forms_now
from comparisons.views.calculator_cautions import (
    KIDNEY_CAUTION_REFERENCE_KEY,
    KIDNEY_REFERENCE_KEYS,
    SKIN_REFERENCE_KEY,
    TOXICITY_REFERENCE_KEY,
    cautions_without_result,
    intake_for,
    reader_cautions,
)
from comparisons.views.tables import query_pairs, with_query

# Any of these in the query asks for a sum; `form` alone only fills in the form.
CALCULATING_PARAMS = ("mg", "elemental_mg", "food", "food_servings")
KNOWN_PARAMS = frozenset(
    (*PRODUCTS.names, *FOODS.names, *MEDICINES.names, *GROUP_FIELDS),
)
# At most this many unknown parameter names are listed in the "ignored" notice.
IGNORED_PARAMS_SHOWN = 5


@dataclass
class ShownProduct:
    """A product line of the result, with what its template needs."""

    number: int
    product: Product
    compound: MagnesiumCompound | None = None
    salt: CompoundSalt | None = None
    other_salts: list[tuple[CompoundSalt, str]] = field(default_factory=list)
    basis_note: str = ""
    elemental_refs: list[Reference] = field(default_factory=list)
    elemental_cites: list[Cite] = field(default_factory=list)
    # For a form used mostly on the skin (Epsom salt): the same day without this line.
    without_url: str = ""
    skin_cites: list[Cite] = field(default_factory=list)
    # For a form taken by mouth and rated low for absorption (oxide): that rating's sources.
    absorption_cites: list[Cite] = field(default_factory=list)
    # Its compound amount read as the magnesium itself, where that would go over the limit,
    # and the same day with the amount moved to the magnesium box.
    as_elemental: ElementalReading | None = None
    as_elemental_url: str = ""


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
    request: HttpRequest, line: LineForm, compound: MagnesiumCompound, salt: CompoundSalt | None
) -> list[tuple[CompoundSalt, str]]:
    """The form's other salts, each with this same sum worked out for it (this line's
    `form` replaced, every other value kept)."""
    others = []
    for other in compound.salts.all():
        if other != salt:
            query = request.GET.copy()
            values = query.getlist("form")
            values[line.position] = other.choice_value
            query.setlist("form", values)
            others.append((other, f"{request.path}?{query.urlencode()}#result"))
    return others


def _without_line(request: HttpRequest, line: LineForm) -> str:
    """The calculator with every other value kept and this product line left out."""
    query = request.GET.copy()
    for name in PRODUCTS.names:
        values = query.getlist(name)
        if line.position < len(values):
            del values[line.position]
            query.setlist(name, values)
    return f"{request.path}?{query.urlencode()}#result"


def _as_elemental_link(request: HttpRequest, line: LineForm) -> str:
    """The calculator with this line's compound amount, as typed, in its magnesium box and
    its compound box left empty (both filled would be refused as more than any salt holds),
    every other value kept."""
    query = request.GET.copy()
    for name, value in (("mg", ""), ("elemental_mg", line.data["mg"])):
        values = query.getlist(name)
        values += [""] * (line.position + 1 - len(values))
        values[line.position] = value
        query.setlist(name, values)
    return f"{request.path}?{query.urlencode()}#result"


def _shown_product(request: HttpRequest, line: LineForm) -> ShownProduct:
    data = line.cleaned_data
    compound, salt = line.chosen()
    if compound is None:  # `other`: the label's own figure
        return ShownProduct(line.number, LabelProduct(data["elemental_mg"], data["servings"]))
    # A salt's own sources and note where it has them; else the form's, for its figure.
    salt_refs = list(salt.refs.all()) if salt is not None else []
    return ShownProduct(
        number=line.number,
        product=Calculation(
            compound=_as_compound(compound, salt),
            servings=data["servings"],
            compound_mg=data["mg"],
            label_elemental_mg=data["elemental_mg"],
        ),
        compound=compound,
        salt=salt,
        other_salts=_other_salts(request, line, compound, salt),
        basis_note=salt.note if salt is not None and salt.note else compound.elemental_basis,
        elemental_refs=salt_refs or list(compound.elemental_refs.all()),
        without_url=_without_line(request, line) if compound.route == Route.TOPICAL else "",
    )


def _result(request, form, products, foods, upper_limits, citations, refs) -> dict:
    """The sum and everything the result shows beside it; `refs` are the cautions' sources
    by key. Sources are numbered in the order the result shows them: the warnings and
    cautions under the total come before each line's working."""
    data = form.cleaned_data
    shown_products = [_shown_product(request, line) for line in products.given]
    chosen_foods = [(line.chosen(), line.cleaned_data["food_servings"]) for line in foods.given]
    group = form.groups.get(data["age"])
    intake, upper = intake_for(group, upper_limits, data)
    day = DayTotal(
        products=tuple(shown.product for shown in shown_products),
        foods=tuple(
            FoodServing(food.name, food.serving, food.mg, servings)
            for food, servings in chosen_foods
        ),
        intake=intake,
    )
    # Shown first: a soak's note, the poisoning range, the reader's kidney caution, then the
    # limits and the intake.
    skin = [refs[SKIN_REFERENCE_KEY]] if SKIN_REFERENCE_KEY in refs else []
    for product in shown_products:
        if product.without_url:
            product.skin_cites = citations.cite(skin)
    toxicity = [refs[TOXICITY_REFERENCE_KEY]] if TOXICITY_REFERENCE_KEY in refs else []
    if day.in_poisoning_range:
        citations.cite(toxicity)  # numbered first: its notice opens the result
    cautions = reader_cautions(data, group, intake, upper, upper_limits, citations, refs)
    any_age_over = "any_age_limit" in cautions and above_upper_limit(
        day.supplements_mg, cautions["any_age_limit"].ul_mg
    )
    # A baby's group has no limit: an amount above the youngest limit set (1 to 3 years) is
    # more than is advised for an older child, and flagged so.
    youngest = min(
        (row for row in upper_limits if row.ul_mg), key=lambda row: row.min_age_years, default=None
    )
    baby_over = bool(
        intake
        and not day.upper_limit_known
        and youngest
        and above_upper_limit(day.supplements_mg, youngest.ul_mg)
    )
    # Cited where shown: in the poisoning notice, or the flag above the limit (a reference
    # keeps the number it was first given).
    shows_toxicity = day.in_poisoning_range or day.over_upper_limit or any_age_over or baby_over
    toxicity_cites = citations.cite(toxicity) if shows_toxicity else []
    # The limit the verdict compares with: the reader's group's, from age 9 on when no age is
    # given, or, for a baby (none set), the youngest set.
    if intake is None:
        reading_limit = cautions.get("any_age_limit")
    else:
        reading_limit = upper if day.upper_limit_known else youngest
    limit_mg = reading_limit.ul_mg if reading_limit else None
    for index, (line, product) in enumerate(zip(products.given, shown_products, strict=True)):
        product.as_elemental = day.read_as_elemental(index, limit_mg)
        if product.as_elemental:
            product.as_elemental_url = _as_elemental_link(request, line)
    intake_cites = citations.cite(group.table.refs.all()) if group else []
    for product in shown_products:
        product.elemental_cites = citations.cite(product.elemental_refs)
        if (compound := product.compound) and compound.absorbed_poorly_by_mouth:
            product.absorption_cites = citations.cite(compound.bioavailability_refs.all())
    food_rows = [
        (serving, citations.cite(food.refs.all()))
        for serving, (food, _servings) in zip(day.foods, chosen_foods, strict=True)
    ]
    # One product and no food: its working and the share of the RDA are one list.
    single_steps = (
        [*day.products[0].working, *day.working] if not day.several and day.products else []
    )
    return {
        "day": day,
        "single_steps": single_steps,
        "shown_products": shown_products,
        "food_rows": food_rows,
        "group": group,
        **cautions,
        "any_age_over": any_age_over,
        "baby_over_limit": youngest if baby_over else None,
        "reading_limit": reading_limit,
        "toxicity_cites": toxicity_cites,
        "intake_cites": intake_cites,
    }


def _too_many_fields(request: HttpRequest) -> str:
    """A link with more parameters than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS) is far
    more than 20 lines: answered like too many lines, a message over an empty form, rather
    than Django's 400. Its parameters are left unread."""
    try:
        request.GET  # noqa: B018 - reading it is the check
    except TooManyFieldsSent:
        request.GET = QueryDict()
        return (
            f"This link has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} values; the "
            f"calculator adds up at most {PRODUCTS.max_lines} product lines and "
            f"{FOODS.max_lines} food lines at a time, so nothing was read or added up. Enter "
            "your products in the form below."
        )
    return ""


def _lines_filled(data) -> bool:
    """Whether any product or food line has a value of its own."""
    return any(
        not group.is_blank(raw) for group in (PRODUCTS, FOODS) for raw in group.raw_lines(data)
    )


@reader_page
def calculator(request: HttpRequest) -> HttpResponse:
    """The elemental magnesium calculator, a plain GET form (its grammar: comparisons/forms.py,
    comparisons/calculator_lines.py and, for the reader's medicines,
    comparisons/calculator_medicines.py).

    Every request runs the same few queries, whatever it asks and however many lines it
    has. Invalid input is answered with the form again (200, like any re-shown form), a
    summary of what to correct at the top and each message next to its field; nothing is
    calculated and nothing is stored.
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
    cited_keys = (*KIDNEY_REFERENCE_KEYS, SKIN_REFERENCE_KEY)
    refs = {ref.key: ref for ref in Reference.objects.filter(key__in=cited_keys)}
    foods = {food.slug: food for food in Food.objects.with_sources().order_by("name")}

    too_many = _too_many_fields(request)
    data = request.GET
    # A form's earlier slug, as on the compare page: the same sum under its slug now.
    known = {compound.slug for compound in compounds} | {OTHER, *OTHER_ALIASES}
    if moved := calculator_forms_now(data.getlist("form"), known):
        now = iter(moved)  # in the link's own order, every other value as it was
        pairs = [(k, next(now, v) if k == "form" else v) for k, v in query_pairs(request)]
        return HttpResponsePermanentRedirect(with_query(request.path, urlencode(pairs)))
    calculates = any(name in data for name in CALCULATING_PARAMS)
    # The reader's medicines never stop the sum: their problems are notices of their own.
    medicine_lines = MEDICINES.bind(data, calculates=False)
    if calculates and names_medicines(medicine_lines) and not _lines_filled(data):
        # The form sent blank product boxes with the medicines: answer for the medicines
        # alone rather than ask for a product.
        calculates = False
    form = CalculatorForm(data or None, groups=groups)
    food_lines = FOODS.bind(data, calculates=calculates, foods=foods)
    product_lines = PRODUCTS.bind(
        data,
        calculates=calculates,
        at_least_one=calculates and not food_lines.given,
        compounds=compounds,
    )
    # Each part is validated, so that every mistake is shown at once.
    valid = [form.is_valid(), product_lines.is_valid(), food_lines.is_valid()]
    citations = PageCitations()
    context: dict = {
        "calc": form,
        "product_lines": product_lines,
        "food_lines": food_lines,
        "medicine_lines": medicine_lines,
        "errors": [
            *([("product", "product-lines", too_many)] if too_many else []),
            *product_lines.ordered_errors(),
            *food_lines.ordered_errors(),
            *form.ordered_errors(),
        ],
        "day": None,
    }
    if calculates and all(valid):
        context.update(
            _result(request, form, product_lines, food_lines, upper_limits, citations, refs)
        )
    # References are numbered in reading order: the medicines come after the result (and its
    # kidney caution) but before the explainer that repeats that caution without one.
    if context["day"] is None:
        if medicine_lines.given and form.is_bound:
            # Times for the medicines alone still come after the reader's cautions.
            context.update(cautions_without_result(form, upper_limits, citations, refs))
        context["medicines"] = plan_medicines(request, medicine_lines, citations)
    context["kidney_cites"] = citations.cite(
        [refs[KIDNEY_CAUTION_REFERENCE_KEY]] if KIDNEY_CAUTION_REFERENCE_KEY in refs else []
    )
    if context["day"] is not None:
        context["medicines"] = plan_medicines(request, medicine_lines, citations)
    context["tables"] = [(table, citations.cite(table.refs.all())) for table in tables]
    context["references"] = citations.references()
    context["ignored"] = [shown(name) for name in data if name not in KNOWN_PARAMS][
        :IGNORED_PARAMS_SHOWN
    ]
    # The reader is one person: a second age or sex in the link is not summed, the last wins.
    context["repeated"] = [name for name in GROUP_FIELDS if len(data.getlist(name)) > 1]
    first = product_lines.given[0] if product_lines.given else None
    context["form_page"] = first.chosen()[0] if first is not None and first.is_valid() else None
    response = render(request, "comparisons/calculator.html", context)
    return cache_unless_ignored(response, _said_no(context))


def _said_no(context: dict) -> bool:
    """Whether the answer ignored or refused part of its link: a parameter it does not
    know, one of the reader's settings given twice, a value to correct, or a notice on the
    medicine lines (a name too long, a time it cannot read, too many lines). Such an answer
    is not kept in the page cache (docs/public-surface.md, "Bad input"), where each
    made-up link would add an entry."""
    medicines = context.get("medicines")
    return bool(
        context["ignored"]
        or context["repeated"]
        or context["errors"]
        or (medicines is not None and medicines.notices)
    )
