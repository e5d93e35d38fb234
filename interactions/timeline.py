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
    dose_label: str
    blocked: list[Band]
    allowed: list[Band]
    text: str
    ticks: tuple[tuple[int, str], ...] = tuple(
        (hour * UNITS_PER_HOUR, f"{hour:02d}:00") for hour in range(0, DAY_HOURS + 1, 6)
    )
    # Further doses drawn as lines (the calculator's day of several medicines).
    more_doses: tuple[float, ...] = ()


def _band(start_hour: float, end_hour: float) -> Band:
    start, end = max(0.0, start_hour), min(float(DAY_HOURS), end_hour)
    return Band(start * UNITS_PER_HOUR, max(0.0, end - start) * UNITS_PER_HOUR)


def _hours(value) -> float:
    return value.hour + value.minute / 60


def timeline_for(medicine: Medicine) -> Timeline | None:
    """The picture for a 'keep apart' rule; None for rules that do not depend on timing."""
    if not medicine.spacing:
        return None
    dose = _hours(DEFAULT_DOSE_TIME)
    before, after = medicine.before_hours or 0, medicine.after_hours or 0
    plan = plan_day([dose_for(medicine)])
    allowed = [_band(_hours(w.start), _hours(w.end)) for w in plan.windows]
    gap_start, gap_end = dose - after, dose + before
    words = [f"If you take {medicine.name.lower()} at {DEFAULT_DOSE_TIME:%H:%M}"]
    if before or after:
        words.append(
            f", keep magnesium away from {_clock(gap_start)} to {_clock(gap_end)}"
            f" ({after} hours before the dose to {before} hours after it)."
        )
    else:
        words.append(", the rule sets no gap.")
    if plan.windows:
        spans = ", ".join(str(window) for window in plan.windows)
        words.append(f" Between {DAY_START:%H:%M} and {DAY_END:%H:%M}, magnesium fits at {spans}.")
    else:
        words.append(" No time between 07:00 and 22:00 works: ask your pharmacist.")
    return Timeline(
        dose_x=dose * UNITS_PER_HOUR,
        dose_label=f"{DEFAULT_DOSE_TIME:%H:%M}",
        # A gap reaching back past midnight also covers the end of the day before.
        blocked=[_band(gap_start, gap_end)]
        + ([_band(DAY_HOURS + gap_start, DAY_HOURS)] if gap_start < 0 else []),
        allowed=allowed,
        text="".join(words),
    )


def _clock(hours: float) -> str:
    hours %= DAY_HOURS
    return f"{int(hours):02d}:{round((hours % 1) * 60):02d}"
