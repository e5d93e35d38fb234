"""The calculator's medicines: when in the day magnesium fits around the reader's medicines.

A repeated group like the product lines (comparisons/calculator_lines.py): the n-th `medicine`
and the n-th `medicine_time` make up medicine line n.

    medicine       any name of a medicine on the interactions list, generic or brand, any
                   case or accents (`cipro`, `Synthroid`); at most 10 lines are read
    medicine_time  when the reader takes it, on a 24-hour clock: `20:00`, also `8`, `8:30`,
                   `20.30`, `0800`, `8pm`; left blank, one morning dose at 08:00 is assumed (the
                   planner's default). A medicine taken twice a day is entered twice, once
                   with each time; entered twice without them, it gets no suggested time.

Names are matched with `interactions.lookup.find` against the medicines loaded once (three
queries, however many lines), and the day is planned with `interactions.planning.plan_day`.
Nothing here is an error that stops the sum: a name not on the list, a time that cannot be
read, an overlong value or too many lines each become a notice beside the medicines' answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django import forms
from django.http import HttpRequest

from articles.citations import Cite, PageCitations
from comparisons.calculator_fields import shown
from comparisons.calculator_lines import LineForm, LineGroup, Lines
from comparisons.calculator_magnesium import MagnesiumAnswer, magnesium_answer
from comparisons.calculator_picture import day_picture
from interactions import lookup
from interactions.models import Medicine, Rule, normalise
from interactions.planning import (
    DAY_END,
    DAY_START,
    DEFAULT_DOSE_TIME,
    DayPlan,
    dose_for,
    plan_day,
)
from interactions.timeline import Timeline

TIME = re.compile(r"^(\d{1,2})(?:\s*[:.h]?\s*(\d{2})|\s*h)?\s*(a\.?m\.?|p\.?m\.?)?$")
NAMED_TIMES = {"noon": dt.time(12), "midday": dt.time(12), "midnight": dt.time(0)}


def parse_time(raw: str) -> dt.time | None:
    """'20:00', '8', '8:30', '20.30', '20h30', '8h', '0800', '24:00', '8pm', '8 p.m', 'noon'
    -> a time; None if it is not one."""
    if (named := NAMED_TIMES.get(raw.strip().lower())) is not None:
        return named
    match = TIME.match(raw.strip().lower())
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").replace(".", "")
    if hour == 24 and minute == 0 and not half:
        hour = 0  # midnight, written as the end of the day
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class MedicineLineForm(LineForm):
    """One medicine and, if the reader knows it, when they take it. Only the time is checked
    here; the name is looked up with the others (interactions.lookup)."""

    medicine = forms.CharField(
        required=False,
        strip=False,
        label="Medicine",
        help_text="Its generic or brand name, as on the box, e.g. “ciprofloxacin” or “Cipro”.",
        widget=forms.TextInput(attrs={"maxlength": lookup.MAX_LENGTH, "autocomplete": "off"}),
    )
    medicine_time = forms.CharField(
        required=False,
        label="When you take it (optional)",
        help_text="A 24-hour time, e.g. 20:00. Left empty, we assume 08:00.",
        widget=forms.TextInput(attrs={"maxlength": 10, "autocomplete": "off"}),
    )

    def clean_medicine_time(self) -> dt.time | None:
        raw = self.cleaned_data.get("medicine_time", "")
        if not raw.strip():
            return None
        if (value := parse_time(raw)) is None:
            raise forms.ValidationError(
                f"“{shown(raw)}” is not a time we can read: enter it as hours and minutes on "
                "a 24-hour clock, such as 08:00 or 20:30.",
                code="invalid",
            )
        return value


MEDICINES = LineGroup(
    key="medicine",
    title="Medicine",
    plural="medicine lines",
    form_class=MedicineLineForm,
    id_prefix="m",
    min_shown=2,
    max_lines=lookup.MAX_VALUES,
    # Too many medicines is a notice beside the answer (`_notices`), not the line groups'
    # error, which speaks of adding up.
    too_many_is_error=False,
)


@dataclass
class MedicineCard:
    """A medicine found, as interactions/_medicine.html shows it (no picture of its own: the
    day's picture shows every dose)."""

    medicine: Medicine
    cites: list[Cite]
    query: str
    times: tuple[dt.time, ...] = ()
    timeline: None = None

    @property
    def times_text(self) -> str:
        return " and ".join(f"{t:%H:%M}" for t in self.times)


@dataclass
class Unknown:
    query: str
    suggestions: list[tuple[lookup.Suggestion, str]]  # each with the page asking for it
    names_a_kind: bool = False  # "antibiotics": the suggestions are the medicines of that kind


@dataclass
class MedicinePlan:
    """What the page says about the reader's medicines."""

    cards: list[MedicineCard] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # Names of magnesium itself ("milk of magnesia"), and the source for names not on the list.
    magnesium: MagnesiumAnswer = field(default_factory=MagnesiumAnswer)
    plan: DayPlan | None = None
    picture: Timeline | None = None
    # A time the reader gave could not be read: no time for magnesium is suggested until it
    # is corrected (one assumed instead could fall on their real dose).
    times_unread: bool = False
    # The same, as a medicine taken more than once came without the time of every dose.
    doses_untimed: bool = False
    day_start: dt.time = DAY_START
    day_end: dt.time = DAY_END

    def _cites(self, names: list[str]) -> list[Cite]:
        cites: dict[int, Cite] = {}
        for card in self.cards:
            if card.medicine.name in names:
                cites.update((cite.number, cite) for cite in card.cites)
        return sorted(cites.values(), key=lambda cite: cite.number)

    def _cards(self, rule: str) -> list[MedicineCard]:
        return [card for card in self.cards if card.medicine.rule == rule]

    @property
    def spaced(self) -> list[MedicineCard]:
        return self._cards(Rule.SPACE)

    @property
    def avoid(self) -> list[MedicineCard]:
        return self._cards(Rule.AVOID)

    @property
    def ask(self) -> list[MedicineCard]:
        """Medicines a source lists with magnesium without a gap: no time is suggested."""
        return self._cards(Rule.ASK)

    @property
    def monitor(self) -> list[MedicineCard]:
        return self._cards(Rule.MONITOR)

    @property
    def assumed(self) -> list[MedicineCard]:
        return [card for card in self.spaced if not card.times]

    @property
    def spaced_cites(self) -> list[Cite]:
        return self._cites([card.medicine.name for card in self.spaced])

    @property
    def avoid_cites(self) -> list[Cite]:
        return self._cites([card.medicine.name for card in self.avoid])

    @property
    def ask_cites(self) -> list[Cite]:
        return self._cites([card.medicine.name for card in self.ask])

    @property
    def monitor_cites(self) -> list[Cite]:
        return self._cites([card.medicine.name for card in self.monitor])

    @property
    def prescriber_first(self) -> list[MedicineCard]:
        """Medicines whose rule says to start magnesium only if their prescriber agrees."""
        return [card for card in self.cards if card.medicine.prescriber_first]

    @property
    def prescriber_condition(self) -> str:
        """The condition the suggested times lead with: 'If the doctor who prescribes your
        quinidine agrees that you take magnesium'; empty when no medicine asks for it."""
        names = [card.medicine.name_in_sentence for card in self.prescriber_first]
        if not names:
            return ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if len(names) == 1:
            return f"If the doctor who prescribes your {listed} agrees that you take magnesium"
        return f"If the doctors who prescribe your {listed} agree that you take magnesium"

    @property
    def stretches(self) -> list:
        """The times offered for magnesium: the planner's windows but its single instants
        between two gaps (`instants`), which leave no margin."""
        return [w for w in self.plan.windows if not w.exact] if self.plan else []

    @property
    def instants(self) -> str:
        """'10:00 or 18:00': the only times left exactly at the edges of gaps, if any."""
        return " or ".join(f"{w.start:%H:%M}" for w in self.plan.windows if w.exact)

    @property
    def no_window(self) -> bool:
        """Spacing medicines leave no stretch of time (apart from any `avoid` medicine): at
        most single instants at the very edges of their gaps."""
        return self.plan is not None and bool(self.spaced) and not self.stretches


def _notices(lines: Lines, named: int) -> list[str]:
    """`named`: how many lines of the query name a medicine (the lines read are the first
    max_lines, named or not)."""
    notices = []
    most = lines.group.max_lines
    if named > most:
        notices.append(
            f"You entered {named} medicines; only the first {most} were looked up. Ask "
            "your pharmacist about the others."
        )
    elif lines.too_many:
        notices.append(
            f"This link has {lines.too_many} medicine lines; only the first {most} were read."
        )
    for line in lines.given:
        if not line.data.get("medicine", "").strip():
            notices.append(f"Medicine {line.number}: a time without a medicine name was ignored.")
            continue
        for message in line.errors.get("medicine_time", []):
            notices.append(f"Medicine {line.number}: {message}")
    return notices


def _suggestion_link(request: HttpRequest, query: str, name: str) -> str:
    """This page with the unknown name replaced by a suggested one, every other value kept
    (in a list typed in one box, the other names of the list)."""
    params = request.GET.copy()
    key = normalise(query)
    values = params.getlist("medicine")
    params.setlist("medicine", [lookup.replaced_in(value, key, name) for value in values])
    return f"{request.path}?{params.urlencode()}#result"


def _found_on(line: LineForm, names: dict, medicines: list[Medicine]) -> list[Medicine]:
    """The medicines a line names: one, or each of a list typed in its box, all taken at
    the line's time."""
    typed = lookup.typed_names([line.data.get("medicine", "")], names, medicines)
    found = (lookup.look_up(name, names) for name in typed if not lookup.problem(name))
    return [each[1] for each in found if each is not None]


def _times(
    lines: Lines, names: dict[str, tuple[str, Medicine]], medicines: list[Medicine]
) -> tuple[dict[int, set[dt.time]], set[int]]:
    """Each found medicine's doses (by its pk), from every line naming it by any name. A line
    without a time is the planner's morning dose: left out when no line for the medicine has
    a time, so that the page says it was assumed. A time that cannot be read is left out:
    the page then suggests no time (`times_unread`), and so it does for a medicine entered on
    several lines whose doses the morning one would merge (the second set): "cipro" twice, or
    once at 08:00 and once without a time, is taken twice, at a time the reader did not say."""
    doses: dict[int, list[dt.time | None]] = {}
    for line in lines.given:
        for medicine in _found_on(line, names, medicines) if line.is_valid() else []:
            doses.setdefault(medicine.pk, []).append(line.cleaned_data.get("medicine_time"))
    times = {
        pk: {when or DEFAULT_DOSE_TIME for when in whens}
        if any(when is not None for when in whens)
        else set()
        for pk, whens in doses.items()
    }
    untimed = {
        pk
        for pk, whens in doses.items()
        if None in whens and len(whens) > 1 and len(times[pk] or {None}) < len(whens)
    }
    return times, untimed


def names_medicines(lines: Lines) -> bool:
    """Whether the reader named at least one medicine."""
    return any(line.data.get("medicine", "").strip() for line in lines.given)


def plan_medicines(
    request: HttpRequest, lines: Lines, citations: PageCitations
) -> MedicinePlan | None:
    """The answer for the reader's medicine lines; None when they named none."""
    values = [line.data.get("medicine", "") for line in lines.given]
    named = sum(1 for value in request.GET.getlist("medicine") if value.strip())
    if not names_medicines(lines):
        if lines.given:  # only times, no names
            return MedicinePlan(notices=_notices(lines, named))
        return None
    medicines = list(Medicine.objects.public().for_pages())
    search = lookup.find(values, medicines)
    answer = MedicinePlan(notices=[*_notices(lines, named), *search.notices])
    answer.magnesium = magnesium_answer(request, search, citations)
    names = lookup.names_of(medicines)
    times, untimed = _times(lines, names, medicines)
    for query, medicine in search.found:
        answer.cards.append(
            MedicineCard(
                medicine,
                citations.cite(medicine.references.all()),
                query,
                tuple(sorted(times.get(medicine.pk, ()))),
            )
        )
    answer.unknown = [
        Unknown(
            query,
            [(s, _suggestion_link(request, query, s.name)) for s in suggestions],
            query in search.kinds,
        )
        for query, suggestions in search.unknown
    ]
    # Only a medicine that needs a gap makes an unreadable time matter (not one whose timing
    # does not matter, nor a name not on the list).
    unread = {
        medicine.pk
        for line in lines.given
        if "medicine_time" in line.errors
        for medicine in _found_on(line, names, medicines)
    }
    answer.doses_untimed = any(card.medicine.pk in untimed for card in answer.spaced)
    answer.times_unread = answer.doses_untimed or any(
        card.medicine.pk in unread for card in answer.spaced
    )
    answer.notices += [
        f"You entered {card.medicine.name_in_sentence} more than once, not each time with "
        "the time you take it: give the time of each dose."
        for card in answer.spaced
        if card.medicine.pk in untimed
    ]
    if answer.cards:
        answer.plan = plan_day(dose_for(card.medicine, card.times) for card in answer.cards)
        answer.picture = day_picture(answer)
    return answer
