"""Medicines and magnesium: the list, each medicine's page and the open data
(docs/public-surface.md)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from articles.citations import Cite, PageCitations
from articles.exports import refused_json
from articles.http import cache_unless_ignored, reader_page, reads_only
from interactions.lookup import MAX_LENGTH, MAX_VALUES, find, names_of, typed_names
from interactions.magnesium_names import (
    MagnesiumForm,
    calculator_link,
    label_salts_source,
    magnesium_in,
    not_listed,
    take_magnesium,
)
from interactions.models import Medicine, Rule
from interactions.timeline import Timeline, timeline_for

# The open-data fields, in order.
EXPORT_FIELDS = [
    "name",
    "slug",
    "aliases",
    "class",
    "rule",
    "before_hours",
    "after_hours",
    "summary",
    "severity",
    "references",
]
GROUPS = [
    (Rule.SPACE, "Keep apart: spacing needed", "spacing"),
    (Rule.AVOID, "Not recommended with magnesium", "avoid"),
    (Rule.ASK, "Listed with magnesium, but no gap given: ask your pharmacist", "no-gap"),
    (Rule.MONITOR, "Changes your magnesium level", "levels"),
]


@dataclass
class Card:
    medicine: Medicine
    cites: list[Cite]
    timeline: Timeline | None = None
    query: str = ""


def _public() -> list[Medicine]:
    return list(Medicine.objects.public().for_pages())


@reader_page
def medicine_list(request: HttpRequest) -> HttpResponse:
    """Every medicine by kind of rule; GET `medicine` (repeatable, any alias) shows the
    rule of each one found, with its picture of the day, and the nearest names for the rest."""
    medicines = _public()
    search = find(request.GET.getlist("medicine"), medicines)
    unknown_params = [name for name in request.GET if name != "medicine"]
    search.notices += [
        f"“{name[:40]}” is not something this page understands, so it was ignored."
        for name in unknown_params
    ]
    # "milk of magnesia" is magnesium itself, not a medicine missing from the list: the
    # calculator counts it as a product, with the medicines found kept for the day's plan.
    kept = [query for query, _medicine in search.found]
    magnesium = [
        (query, form, calculator_link(form.slug if form else "", kept))
        for query, form in take_magnesium(search)
    ]
    citations = PageCitations()
    # Numbered first: the line on antacids with magnesium comes before the medicines found.
    label_salts_cites = citations.cite(label_salts_source()) if not_listed(search) else []
    results = [
        Card(medicine, citations.cite(medicine.references.all()), timeline_for(medicine), query)
        for query, medicine in search.found
    ]
    groups = []
    for rule, heading, anchor in GROUPS:
        cards = [Card(m, citations.cite(m.references.all())) for m in medicines if m.rule == rule]
        if cards:
            groups.append({"heading": heading, "anchor": anchor, "cards": cards})
    response = render(
        request,
        "interactions/medicine_list.html",
        {
            "search": search,
            "magnesium": magnesium,
            "label_salts_cites": label_salts_cites,
            "results": results,
            "groups": groups,
            "references": citations.references(),
            # The medicines found stay in the form, so the box adds another to them; a name
            # not found is put back in the box, to be corrected.
            "kept": kept,
            "not_listed": not_listed(search),
            # The picture assumes one dose of each at 08:00; the calculator plans the day
            # around all of them at the reader's own times (where timing matters at all),
            # each by the name the reader gave it ("ciprofloxacin", not its class).
            "plan_query": urlencode([("medicine", card.query) for card in results])
            if any(card.medicine.spacing for card in results)
            else "",
            "query": next(iter(query for query, _suggestions in search.unknown), ""),
        },
    )
    # Not kept in the page cache when it ignored part of its address: a parameter it does
    # not read, a name too long or with a tab inside it, more than MAX_VALUES names.
    return cache_unless_ignored(response, unknown_params or search.notices)


@reader_page
@reads_only()
def medicine_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may open drafts, scheduled medicines and ones whose sources were deleted at
    # their real URL, as articles and forms; everyone else gets 404.
    medicines = Medicine.objects.all() if request.user.is_staff else Medicine.objects.public()
    medicine = get_object_or_404(medicines.for_pages(), slug=slug)
    citations = PageCitations()
    card = Card(medicine, citations.cite(medicine.references.all()), timeline_for(medicine))
    shown = medicine.is_public and bool(medicine.references.all())  # as readers may see it
    response = render(
        request,
        "interactions/medicine_detail.html",
        {
            "card": card,
            "medicine": medicine,
            "references": citations.references(),
            "is_preview": not shown,
        },
    )
    if not shown:
        add_never_cache_headers(response)
    return response


def export_row(medicine: Medicine) -> dict:
    return {
        "name": medicine.name,
        "slug": medicine.slug,
        "aliases": [alias.name for alias in medicine.aliases.all()],
        "class": medicine.drug_class,
        "rule": medicine.rule,
        "before_hours": medicine.before_hours,
        "after_hours": medicine.after_hours,
        "summary": medicine.summary,
        "severity": medicine.severity,
        "prescriber_first": medicine.prescriber_first,
        "references": [reference.key for reference in medicine.references.all()],
    }


def _named_for_export(values: list[str], medicines: list[Medicine]) -> tuple[list, list[str]]:
    """The medicines GET `medicine` names, in the order asked (a kind that covers several,
    "antibiotics", names each of them), and the problems that stop the export: a name not
    on the list (with the nearest names), too long, with a tab or line break inside, or
    more than MAX_VALUES of them. Blank values are skipped, as the page skips blank boxes,
    and so are tabs and line breaks around a name."""
    chosen: list[Medicine] = []
    problems: list[str | NotListed] = []
    # Counted as names: a list typed in one value ("cipro, gabapentin") is each of its names.
    if len(typed_names(values, names_of(medicines), medicines)) > MAX_VALUES:
        return [], [f"medicine: at most {MAX_VALUES} names"]
    for value in (value.strip() for value in values):
        if not value:
            continue
        shown = " ".join(value.split())[:MAX_LENGTH]
        if len(value) > MAX_LENGTH:
            problems.append(f"medicine={shown}...: longer than {MAX_LENGTH} characters")
            continue
        if any(ord(c) < 32 or ord(c) == 127 for c in value):  # a tab or line break inside
            problems.append(f"medicine={shown}: a tab or line break inside a name")
            continue
        search = find([value], medicines)
        of_it = search.medicines
        for name, suggestions in search.unknown:
            if name in search.kinds:
                of_it += [suggestion.medicine for suggestion in suggestions]
            else:
                problems.append(NotListed(shown, name, suggestions))
        chosen += [medicine for medicine in of_it if medicine not in chosen]
    # Names not on the list, all looked up at once: one may be magnesium itself.
    magnesium = magnesium_in([p.name for p in problems if isinstance(p, NotListed)])
    return chosen, [p.refusal(magnesium) if isinstance(p, NotListed) else p for p in problems]


@dataclass(frozen=True)
class NotListed:
    """A name the export cannot give, as the problem list shows it (`shown`), with the
    nearest names on the list."""

    shown: str
    name: str
    suggestions: list

    def refusal(self, magnesium: dict[str, MagnesiumForm | None]) -> str:
        """Magnesium itself (its form, if named: `magnesium_in`), or not a medicine on the
        list, with the nearest names."""
        # A name of a list typed in one value ("gabapentin, zzzz") is named on its own.
        part = "" if self.name == self.shown else f"“{self.name}” is "
        if self.name in magnesium:
            form = magnesium[self.name]
            named = f" ({form.name})" if form else ""
            return (
                f"medicine={self.shown}: {part}magnesium itself{named}, not a medicine on our list"
            )
        nearest = ", ".join(suggestion.name for suggestion in self.suggestions)
        return f"medicine={self.shown}: {part}not a medicine on our list" + (
            f" (nearest: {nearest})" if nearest else ""
        )


@reader_page
def medicines_json(request: HttpRequest) -> JsonResponse:
    """One object per medicine (fields: EXPORT_FIELDS): every published one, in list order,
    or with GET `medicine` (repeatable, any name as on /interactions/) the ones it names.
    Anything it cannot honour is refused with a 400 naming it rather than silently
    ignored, as the other exports do."""
    medicines = _public()
    problems = [f"{name}: unknown parameter" for name in sorted(request.GET) if name != "medicine"]
    if names := request.GET.getlist("medicine"):
        chosen, unknown = _named_for_export(names, medicines)
        problems += unknown
        if any(name.strip() for name in names):
            medicines = chosen
    if problems:
        return refused_json(problems[:20])
    return JsonResponse([export_row(m) for m in medicines], safe=False)
