"""When in the day magnesium can be taken so that every medicine's spacing rule holds.

Pure functions: no database, no request. The calculator passes the reader's medicines (with
their rules, e.g. `Medicine` rows or `Rule`s built by hand) and the times they take them.

API
---
`plan_day(doses) -> DayPlan`

- `doses`: an iterable of `Dose(medicine, times)`. `medicine` is anything with the
  attributes `name`, `slug`, `rule` ("space", "avoid", "ask" or "monitor"), `before_hours` and
  `after_hours` (whole hours; None unless the rule is "space"). `times` is a tuple of
  `datetime.time`: when the reader takes it; empty means one dose at `DEFAULT_DOSE_TIME`
  (08:00, a morning dose), and `DayPlan.assumed` names those medicines so the page can say so.
  `dose_for(medicine, times=())` builds one.
- A "space" rule forbids magnesium from `after_hours` before each dose until `before_hours`
  after it (the medicine goes at least `before_hours` before magnesium or at least
  `after_hours` after it); the edges are allowed. A forbidden window may cross midnight:
  a 22:00 dose with a 6-hour rule also rules out the early morning.
- "monitor" medicines change the magnesium level over time; they never restrict timing and
  are listed in `DayPlan.monitor`.
- "avoid" medicines (not recommended with magnesium at all) mean no time works:
  `DayPlan.avoid` lists them and `DayPlan.fits` is False.
- "ask" medicines interact with magnesium but no source gives a gap, so no time can be
  shown as safe without making one up: `DayPlan.ask` lists them and `DayPlan.fits` is False.

`DayPlan` has `slots` (every candidate time, each with `ok` and the names of the medicines
that rule it out), `windows` (the allowed stretches, as `Window(start, end)`; `exact` marks
a single instant with a gap on either side, allowed but with no margin), `fits` (some
time works; False too where a medicine cannot be timed at all) and `blocked` (medicines
that do restrict timing). Candidate times run from `DAY_START` (07:00) to `DAY_END` (22:00)
inclusive, every `STEP_MINUTES` (30).

From the reader's words to a plan (what the calculator's repeated `medicine` parameter needs):

    medicines = list(Medicine.objects.public().for_pages())   # 3 queries, however many
    search = lookup.find(request.GET.getlist("medicine"), medicines)  # any alias; notices
    plan = plan_day(dose_for(medicine) for medicine in search.medicines)

`search.unknown` holds names not on the list (with the nearest names) and `search.notices`
the values ignored; show both, and "ask your pharmacist" unless `plan.fits`.
A single name can also be looked up with `Medicine.objects.public().named(name)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

DEFAULT_DOSE_TIME = dt.time(8, 0)
DAY_START = dt.time(7, 0)
DAY_END = dt.time(22, 0)
STEP_MINUTES = 30
MINUTES_IN_DAY = 24 * 60


class HasRule(Protocol):
    name: str
    slug: str
    rule: str
    before_hours: int | None
    after_hours: int | None


@dataclass(frozen=True)
class Dose:
    medicine: HasRule
    times: tuple[dt.time, ...] = ()

    @property
    def assumed(self) -> bool:
        return not self.times

    @property
    def when(self) -> tuple[dt.time, ...]:
        return self.times or (DEFAULT_DOSE_TIME,)


def dose_for(medicine: HasRule, times: Iterable[dt.time] = ()) -> Dose:
    return Dose(medicine, tuple(sorted(set(times))))


@dataclass(frozen=True)
class Slot:
    time: dt.time
    ok: bool
    clashes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Window:
    start: dt.time
    end: dt.time
    # One instant with a gap on either side (10:00, between doses at 06:00 and 14:00 that
    # each need 4 hours): allowed, as a gap's edges are, but with no margin at all.
    exact: bool = False

    def __str__(self) -> str:
        if self.start == self.end:
            return f"{self.start:%H:%M}"
        return f"{self.start:%H:%M} to {self.end:%H:%M}"


@dataclass
class DayPlan:
    slots: list[Slot] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    ask: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return bool(self.windows) and not self.avoid and not self.ask


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def forbidden(dose_minutes: int, before_hours: int, after_hours: int, at: int) -> bool:
    """Whether magnesium at minute `at` of the day is too close to a dose at `dose_minutes`:
    strictly inside (dose - after_hours, dose + before_hours), on a 24-hour clock, and never
    at the dose itself, even where a source sets no gap on one side."""
    since = (at - dose_minutes) % MINUTES_IN_DAY  # minutes from the dose to magnesium
    until = (dose_minutes - at) % MINUTES_IN_DAY  # minutes from magnesium to the dose
    return since == 0 or since < before_hours * 60 or 0 < until < after_hours * 60


def plan_day(doses: Iterable[Dose]) -> DayPlan:
    """The times magnesium fits with every dose (see the module docstring)."""
    plan = DayPlan()
    spaced: list[tuple[str, int, int, int]] = []
    for dose in doses:
        medicine = dose.medicine
        if medicine.rule == "monitor":
            plan.monitor.append(medicine.name)
            continue
        if medicine.rule == "avoid":
            plan.avoid.append(medicine.name)
            continue
        if medicine.rule == "ask":
            plan.ask.append(medicine.name)
            continue
        if dose.assumed:
            plan.assumed.append(medicine.name)
        before, after = medicine.before_hours or 0, medicine.after_hours or 0
        plan.blocked.append(medicine.name)
        spaced += [(medicine.name, _minutes(t), before, after) for t in dose.when]

    unplanned = plan.avoid or plan.ask
    for at in range(_minutes(DAY_START), _minutes(DAY_END) + 1, STEP_MINUTES):
        names = (name for name, dose, before, after in spaced if forbidden(dose, before, after, at))
        clashes = tuple(dict.fromkeys(names))
        plan.slots.append(Slot(_time(at), ok=not clashes and not unplanned, clashes=clashes))
    plan.windows = [
        Window(w.start, w.end, exact=True) if _no_margin(w, spaced) else w
        for w in _windows(plan.slots)
    ]
    return plan


def _no_margin(window: Window, spaced: list[tuple[str, int, int, int]]) -> bool:
    """Whether a window of one time is a single instant: a minute earlier and a minute
    later both fall inside a gap (a window cut short by the day's end is not)."""
    if window.start != window.end:
        return False
    at = _minutes(window.start)
    return all(
        any(
            forbidden(dose, before, after, minute % MINUTES_IN_DAY)
            for _, dose, before, after in spaced
        )
        for minute in (at - 1, at + 1)
    )


def _windows(slots: list[Slot]) -> list[Window]:
    windows: list[Window] = []
    run: list[Slot] = []
    for slot in [*slots, None]:
        if slot is not None and slot.ok:
            run.append(slot)
            continue
        if run:
            windows.append(Window(run[0].time, run[-1].time))
            run = []
    return windows
