"""The day planner: when magnesium fits with every medicine's spacing rule, or that no time
does. Rules are built by hand: the planner needs no database."""

import datetime as dt
from dataclasses import dataclass

from interactions.planning import DEFAULT_DOSE_TIME, Window, dose_for, plan_day


@dataclass
class Rule:
    name: str
    rule: str = "space"
    before_hours: int | None = 2
    after_hours: int | None = 6
    slug: str = ""


def at(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


def ok_times(plan) -> list[dt.time]:
    return [slot.time for slot in plan.slots if slot.ok]


def test_no_medicines_leaves_the_whole_day_from_7_to_22_in_half_hours():
    plan = plan_day([])
    assert plan.fits
    assert plan.windows == [Window(at(7), at(22))]
    assert len(plan.slots) == 31


def test_one_medicine_at_8_rules_out_magnesium_from_2_until_10():
    plan = plan_day([dose_for(Rule("Cipro"), [at(8)])])
    assert plan.windows == [Window(at(10), at(22))]
    assert plan.fits
    slot = next(s for s in plan.slots if s.time == at(9, 30))
    assert slot.clashes == ("Cipro",)


def test_the_edges_of_a_gap_are_allowed():
    plan = plan_day([dose_for(Rule("Gabapentin", before_hours=2, after_hours=2), [at(12)])])
    assert at(10) in ok_times(plan) and at(14) in ok_times(plan)
    assert at(10, 30) not in ok_times(plan) and at(13, 30) not in ok_times(plan)


def test_a_gap_of_0_hours_on_one_side_still_rules_out_the_dose_time_itself():
    plan = plan_day([dose_for(Rule("Gabapentin", before_hours=0, after_hours=2), [at(12)])])
    assert at(12) not in ok_times(plan)
    assert at(12, 30) in ok_times(plan)
    assert at(11, 30) not in ok_times(plan) and at(10) in ok_times(plan)


def test_no_time_given_assumes_a_morning_dose_and_says_so():
    plan = plan_day([dose_for(Rule("Cipro"))])
    assert at(8) == DEFAULT_DOSE_TIME
    assert plan.assumed == ["Cipro"]
    assert plan.windows == [Window(at(10), at(22))]


def test_several_medicines_leave_only_the_times_every_rule_allows():
    plan = plan_day(
        [
            dose_for(Rule("Cipro", before_hours=2, after_hours=6), [at(8), at(20)]),
            dose_for(Rule("Levothyroxine", before_hours=4, after_hours=4), [at(7)]),
        ]
    )
    # Cipro at 08:00 blocks until 10:00, and from 14:00 (6 hours before 20:00) until 22:00
    # (2 hours after it); levothyroxine at 07:00 blocks until 11:00.
    assert plan.windows == [Window(at(11), at(14)), Window(at(22), at(22))]
    assert plan.blocked == ["Cipro", "Levothyroxine"]


def test_a_day_where_no_time_works_says_ask_a_pharmacist():
    plan = plan_day(
        [dose_for(Rule("Tetracycline", before_hours=3, after_hours=6), [at(8), at(14), at(20)])]
    )
    assert plan.windows == []
    assert not plan.fits


def test_a_late_dose_with_a_long_gap_reaches_past_midnight_into_the_morning():
    plan = plan_day([dose_for(Rule("Dolutegravir", before_hours=10, after_hours=0), [at(23)])])
    # 23:00 plus 10 hours is 09:00 the next morning.
    assert plan.windows[0].start == at(9)


def test_monitor_medicines_never_restrict_timing():
    plan = plan_day(
        [dose_for(Rule("Omeprazole", rule="monitor", before_hours=None, after_hours=None))]
    )
    assert plan.windows == [Window(at(7), at(22))]
    assert plan.monitor == ["Omeprazole"]
    assert plan.blocked == [] and plan.assumed == []


def test_a_medicine_not_recommended_with_magnesium_means_no_time_works():
    plan = plan_day(
        [dose_for(Rule("Raltegravir", rule="avoid", before_hours=None, after_hours=None))]
    )
    assert not plan.fits
    assert plan.avoid == ["Raltegravir"]
    assert not any(slot.ok for slot in plan.slots)


def test_a_medicine_listed_without_a_gap_leaves_no_time_rather_than_a_guessed_one():
    """A source says high-dose zinc lowers magnesium absorption but gives no gap: the
    planner suggests no time, even where the other medicines leave some."""
    zinc = Rule("Zinc (high doses)", rule="ask", before_hours=None, after_hours=None)
    plan = plan_day([dose_for(Rule("Cipro"), [at(8)]), dose_for(zinc, [at(8)])])
    assert not plan.fits
    assert plan.ask == ["Zinc (high doses)"] and plan.blocked == ["Cipro"]
    assert plan.windows == [] and not any(slot.ok for slot in plan.slots)


def test_the_planner_takes_medicine_records_from_the_database(db):
    from tests.interactions.factories import MedicineFactory

    medicine = MedicineFactory(name="Gabapentin", before_hours=2, after_hours=2)
    plan = plan_day([dose_for(medicine, [at(12)])])
    assert plan.windows == [Window(at(7), at(10)), Window(at(14), at(22))]
