"""The picture of the calculator's day: every dose of the reader's spacing medicines, the
hours each keeps magnesium from, and the times left for it, drawn as the medicine pages draw
one rule (interactions/_timeline.html) and said in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interactions.planning import DEFAULT_DOSE_TIME
from interactions.timeline import (
    UNITS_PER_HOUR,
    Band,
    Timeline,
    fits_words,
    forbidden_bands,
    gap_words,
    hours,
    instant_marks,
    unplanned_hours,
)

if TYPE_CHECKING:
    from comparisons.calculator_medicines import MedicinePlan


def day_picture(answer: MedicinePlan) -> Timeline | None:
    """Every dose of the spacing medicines on one day, the hours they keep magnesium away from
    and the times left for it, in a picture and in words; None without spacing medicines."""
    doses, blocked, words = [], [], []
    for card in answer.spaced:
        before, after = card.medicine.before_hours or 0, card.medicine.after_hours or 0
        for when in card.times or (DEFAULT_DOSE_TIME,):
            dose = hours(when)
            doses.append(dose)
            blocked += forbidden_bands(dose - after, dose + before)
            gap = (
                f"no magnesium {gap_words(dose, before, after)}"
                if before or after
                else "no gap needed"
            )
            words.append(f"{card.medicine.name} at {when:%H:%M}: {gap}")
    if not doses:
        return None
    plan = answer.plan
    text = "; ".join(words) + "."
    grey = unplanned_hours(answer.day_start, answer.day_end, blocked)
    if plan.windows:
        text += f" Between {answer.day_start:%H:%M} and {answer.day_end:%H:%M}, magnesium"
        text += f" {fits_words(plan.windows)}."
    elif plan.avoid:
        # Named, so the reader does not take the medicine drawn for the reason no time fits.
        names = " or ".join(card.medicine.name_in_sentence for card in answer.avoid)
        grey = f"no time for magnesium, as it is not recommended with {names}"
        text += " No time is shown for magnesium, as taking it by mouth is not recommended"
        text += f" with {names}, and spacing the doses is not known to help."
    elif plan.ask:
        # The other gaps may leave times, but one medicine's gap is unknown.
        names = " and ".join(card.medicine.name_in_sentence for card in answer.ask)
        grey = f"no time shown, as no source gives a gap for {names}"
        text += f" No time is shown for magnesium, as no source gives a gap for {names}."
    else:
        text += f" No time between {answer.day_start:%H:%M} and {answer.day_end:%H:%M} is clear"
        text += " of these gaps."
    # A window of one time cut short by the day's end (22:00) is drawn a little wide, so that
    # it shows; a single instant between two gaps is a mark of its own (`instant_marks`).
    allowed = [
        Band(
            hours(w.start) * UNITS_PER_HOUR,
            max(hours(w.end) - hours(w.start), 0.2) * UNITS_PER_HOUR,
        )
        for w in plan.windows
        if not w.exact
    ]
    return Timeline(
        dose_x=doses[0] * UNITS_PER_HOUR,
        blocked=blocked,
        allowed=allowed,
        text=text,
        more_doses=tuple(dose * UNITS_PER_HOUR for dose in doses[1:]),
        marks=instant_marks(plan.windows),
        grey=grey,
    )
