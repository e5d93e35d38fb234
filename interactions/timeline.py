"""A medicine's rule as a picture of one day: what the template draws, and the same in words.

The day runs from midnight to midnight, 10 units an hour, so the SVG's viewBox is 240 wide.
The dose is the planner's default morning dose (interactions/planning.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from interactions.models import Medicine
from interactions.planning import DAY_END, DAY_START, DEFAULT_DOSE_TIME, dose_for, plan_day

UNITS_PER_HOUR = 10
DAY_HOURS = 24


@dataclass(frozen=True)
class Band:
    x: float
    width: float


@dataclass(frozen=True)
class Timeline:
    dose_x: float
    blocked: list[Band]
    allowed: list[Band]
    text: str
    ticks: tuple[tuple[int, str], ...] = tuple(
        (hour * UNITS_PER_HOUR, f"{hour:02d}:00") for hour in range(0, DAY_HOURS + 1, 6)
    )
    # Further doses drawn as lines (the calculator's day of several medicines).
    more_doses: tuple[float, ...] = ()
    # Single instants magnesium fits at, with a gap either side (`Window.exact`): a band of
    # no width would not show, so each is drawn as a narrow mark over the gaps.
    marks: tuple[float, ...] = ()
    # What the grey left of the day means, for the key: hours not planned, or, where no time
    # is shown at all, why (a medicine not to be taken with magnesium, or one with no gap).
    grey: str = ""


def unplanned_hours(start, end, blocked: list[Band]) -> str:
    """The key's words for the grey outside the hours planned. A gap reaching into those
    hours is drawn there in orange (a 08:00 dose with a 4-hour gap keeps magnesium away from
    04:00, which is still a time not to take it), so the key says so: "grey = before 07:00"
    beside an orange 04:00 to 07:00 had the picture contradict it."""
    words = f"before {start:%H:%M} and after {end:%H:%M}, hours we do not plan"
    first, last = hours(start) * UNITS_PER_HOUR, hours(end) * UNITS_PER_HOUR
    if any(band.x < first or band.x + band.width > last for band in blocked):
        words += " (a gap that reaches into them is orange there too)"
    return words


def _band(start_hour: float, end_hour: float) -> Band:
    start, end = max(0.0, start_hour), min(float(DAY_HOURS), end_hour)
    return Band(start * UNITS_PER_HOUR, max(0.0, end - start) * UNITS_PER_HOUR)


def hours(value) -> float:
    """A time of day in hours from midnight (08:30 is 8.5)."""
    return value.hour + value.minute / 60


def forbidden_bands(start: float, end: float) -> list[Band]:
    """A forbidden stretch in hours from midnight, split where it crosses midnight at either
    end (a 22:00 dose with a 6-hour gap also rules out the early morning)."""
    pieces = [(start, end)]
    if start < 0:
        pieces = [(0, end), (DAY_HOURS + start, DAY_HOURS)]
    elif end > DAY_HOURS:
        pieces = [(start, DAY_HOURS), (0, end - DAY_HOURS)]
    return [Band(a * UNITS_PER_HOUR, (b - a) * UNITS_PER_HOUR) for a, b in pieces if b > a]


def clock(hours_: float) -> str:
    """Hours from midnight as a time on the clock: 26.5 is 02:30, -2 is 22:00."""
    minutes = round(hours_ * 60) % (DAY_HOURS * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def gap_words(dose: float, before: int, after: int) -> str:
    """The hours a dose keeps magnesium from, edges excluded as the planner excludes them
    (exactly 4 hours from a 4-hour gap is allowed): "from just after 04:00 to just before
    12:00". A side without a gap ends at the dose itself, which is never allowed."""
    start = f"just after {clock(dose - after)}" if after else f"{clock(dose)}, the dose,"
    end = f"just before {clock(dose + before)}" if before else f"{clock(dose)}, the dose"
    return f"from {start} to {end}"


def instant_marks(windows) -> tuple[float, ...]:
    """Where to draw the planner's single instants (`Window.exact`), centred on the time."""
    return tuple(hours(w.start) * UNITS_PER_HOUR - 1.5 for w in windows if w.exact)


def fits_words(windows, separator: str = ", or ") -> str:
    """When magnesium fits: "fits at 12:00 to 22:00", the stretches first, then any single
    instants (`Window.exact`) apart, as a time exactly at a gap's edge leaves no margin for
    a dose taken a little early or late, and is not offered as casually as a stretch."""
    stretches = separator.join(str(w) for w in windows if not w.exact)
    instants = [f"{w.start:%H:%M}" for w in windows if w.exact]
    if not instants:
        return f"fits at {stretches}"
    each = "each " if len(instants) > 1 else ""
    exact = f"exactly {' or '.join(instants)}, {each}at the very edge of a gap, with no margin"
    if stretches:
        return f"fits at {stretches}; also at {exact}"
    return f"fits only at {exact}: ask your pharmacist whether your doses can move"


def timeline_for(medicine: Medicine) -> Timeline | None:
    """The picture for a 'keep apart' rule; None for rules that do not depend on timing."""
    if not medicine.spacing:
        return None
    dose = hours(DEFAULT_DOSE_TIME)
    before, after = medicine.before_hours or 0, medicine.after_hours or 0
    plan = plan_day([dose_for(medicine)])
    allowed = [_band(hours(w.start), hours(w.end)) for w in plan.windows if not w.exact]
    gap_start, gap_end = dose - after, dose + before
    words = [f"If you take {medicine.name.lower()} once a day, at {DEFAULT_DOSE_TIME:%H:%M}"]
    if before or after:
        words.append(
            f", keep magnesium away {gap_words(dose, before, after)}"
            f" ({after} hours before the dose to {before} hours after it)."
        )
    else:
        words.append(", the rule sets no gap.")
    if plan.windows:
        fits = fits_words(plan.windows, separator=", ")
        words.append(f" Between {DAY_START:%H:%M} and {DAY_END:%H:%M}, magnesium {fits}.")
    else:
        words.append(" No time between 07:00 and 22:00 works: ask your pharmacist.")
    if before or after:
        # Gabapentin is often taken three times a day, ciprofloxacin twice: the times above
        # would fall on a later dose's gap.
        words.append(
            " Taken more than once a day, it needs the same gap around each dose,"
            " and these times no longer hold."
        )
    blocked = forbidden_bands(gap_start, gap_end)
    return Timeline(
        dose_x=dose * UNITS_PER_HOUR,
        blocked=blocked,
        allowed=allowed,
        text="".join(words),
        marks=instant_marks(plan.windows),
        grey=unplanned_hours(DAY_START, DAY_END, blocked),
    )
