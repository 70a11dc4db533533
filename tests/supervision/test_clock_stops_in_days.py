"""Clock stops and extensions count in the item's unit (issue 22): an item in 日 loses the
calendar days of a stop, and its last day then moves off a rest day or holiday (民法典第二百零三条);
an item in 工作日 loses only the working days. 2026 calendar: 国庆 1-7 October, make-up working
days Sunday 20 September and Saturday 10 October."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.services.deadlines.clock_stops import ClockService, Stop, shifted_day_limit, shifted_limit
from counter_app.services.deadlines.workdays import WorkCalendar
from counter_app.services.people.staffing import set_training

from ..conftest import Hall
from .conftest import accept, at, case_row

CAL = WorkCalendar()


def test_a_stop_in_an_item_counted_in_days_costs_its_calendar_days() -> None:
    mon = date(2026, 11, 2)
    assert shifted_day_limit(CAL, mon, 10, []) == date(2026, 11, 12)
    # Wed-Fri stopped: three days; the 15th is a Sunday, so the period ends on Monday the 16th
    assert shifted_day_limit(CAL, mon, 10, [Stop(date(2026, 11, 4), date(2026, 11, 6))]) \
        == date(2026, 11, 16)
    # a stop over a weekend costs its two days too (in 工作日 it would cost nothing)
    weekend = [Stop(date(2026, 11, 7), date(2026, 11, 8))]
    assert shifted_limit(CAL, mon, 10, "day", weekend) == date(2026, 11, 16)  # 14th is a Saturday
    assert shifted_limit(CAL, mon, 10, "workday", weekend) == CAL.add_workdays(mon, 10).date
    # a stop after the last day changes nothing; an extension adds days
    assert shifted_day_limit(CAL, mon, 10, [Stop(date(2026, 11, 13), date(2026, 11, 13))]) \
        == date(2026, 11, 12)
    assert shifted_day_limit(CAL, mon, 10, [], extension_days=5) == date(2026, 11, 17)


def test_the_stop_moves_the_period_not_the_day_it_was_moved_to() -> None:
    """10日 from Friday 25 September 2026 end on 5 October, a 国庆 holiday: on the 8th. Three
    days stopped move the period's own last day to the 8th, a working day: still the 8th."""
    fri = date(2026, 9, 25)
    assert shifted_day_limit(CAL, fri, 10, []) == date(2026, 10, 8)
    assert shifted_day_limit(CAL, fri, 10, [Stop(date(2026, 9, 28), date(2026, 9, 30))]) \
        == date(2026, 10, 8)
    # a fourth day takes it to the 9th
    assert shifted_day_limit(CAL, fri, 10, [Stop(date(2026, 9, 28), date(2026, 10, 1))]) \
        == date(2026, 10, 9)
    # ... and a make-up Saturday is a working day where a period may end
    assert shifted_day_limit(CAL, fri, 15, []) == date(2026, 10, 10)


def test_a_case_in_days_and_one_in_working_days_suspended_alike(hall: Hall) -> None:
    with hall.ctx.db.transaction() as s:
        set_training(s, staff_id=hall.clerk.staff_id, scope="window", scope_code="GJJ",
                     stage="authorized", set_by_id=hall.supervisor.staff_id,
                     at=hall.clock.now, terminal="01")
    hall.clock.now = datetime(2026, 11, 23, 9, 30)  # Monday
    days = accept(hall, item="GJJ-0007")  # 住房公积金贷款: 15日, promised 10日
    work = accept(hall)  # an item in 工作日
    loan = case_row(hall, days)
    assert (loan.statutory_due, loan.promised_due) == (date(2026, 12, 8), date(2026, 12, 3))
    before = case_row(hall, work).promised_due
    svc = ClockService(hall.ctx)
    at(hall, days=1)
    for no in (days, work):
        svc.suspend(hall.approver, no, "appraisal", "房产评估")
        svc.resume(hall.approver, no, date(2026, 11, 26))  # Tue-Thu: 3 days, 3 working days
    loan = case_row(hall, days)
    assert loan.statutory_due == date(2026, 12, 11)  # 8 Dec + 3 days
    assert loan.promised_due == date(2026, 12, 7)  # 3 Dec + 3 days = Sunday 6th -> Monday
    assert case_row(hall, work).promised_due == CAL.add_workdays(before, 3).date
    svc.extend(hall.supervisor, days, 2, "经负责人批准延长")
    assert case_row(hall, days).statutory_due == date(2026, 12, 14)  # 13th is a Sunday
