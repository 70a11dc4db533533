"""Limits count in the statute's unit: 工作日, or 日 whose last day moves off a rest day
(民法典第二百零三条). Dates from the official 2025 calendar: 国庆 1-8 October, make-up working
days Sunday 28 September and Saturday 11 October."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from counter_app.models import CaseFile
from counter_app.services.deadlines.workdays import WorkCalendar
from counter_app.services.intake.service import IntakeService
from counter_app.services.people.staffing import set_training

from .conftest import Hall
from .helpers import complete_intake


def test_calendar_days_move_off_a_rest_day_and_working_days_skip_them() -> None:
    cal = WorkCalendar()
    wed = date(2025, 11, 5)
    assert cal.add_limit(wed, 3, "day").date == date(2025, 11, 10)  # Sat 8th -> Mon 10th
    assert cal.add_limit(wed, 15, "day").date == date(2025, 11, 20)
    assert cal.add_limit(wed, 15, "workday").date == date(2025, 11, 26)
    assert cal.add_limit(wed, 0, "onsite").date == wed
    # across 国庆: the 3rd of October is a holiday, the period ends on the 9th
    assert cal.add_limit(date(2025, 9, 30), 3, "day").date == date(2025, 10, 9)
    assert cal.add_limit(date(2025, 9, 30), 3, "workday").date == date(2025, 10, 11)
    # a make-up Sunday is a working day: a period ending on it stays there
    assert cal.add_limit(date(2025, 9, 25), 3, "day").date == date(2025, 9, 28)


def test_an_item_in_days_and_one_in_working_days_accepted_the_same_day(hall: Hall) -> None:
    hall.clock.now = datetime(2025, 9, 26, 10, 0)  # a Friday before 国庆
    with hall.ctx.db.transaction() as s:
        set_training(s, staff_id=hall.clerk.staff_id, scope="window", scope_code="GJJ",
                     stage="authorized", set_by_id=hall.supervisor.staff_id,
                     at=hall.clock.now, terminal="01")
    svc = IntakeService(hall.ctx)
    loan = svc.record(hall.clerk, complete_intake(svc, "GJJ-0007"), "accept")  # 15日 / 10日
    work = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    with hall.ctx.db.session() as s:
        by_no = {c.case_no: c for c in s.execute(select(CaseFile)).scalars()}
        gjj, other = by_no[loan.case_no], by_no[work.case_no]
        assert (gjj.statutory_due, gjj.promised_due) == (date(2025, 10, 11), date(2025, 10, 9))
        cal = WorkCalendar()
        assert other.promised_due == cal.add_workdays(date(2025, 9, 26),
                                                      hall.committed.promised_days).date
        assert other.statutory_due == cal.add_workdays(date(2025, 9, 26),
                                                       hall.committed.statutory_days).date


def test_a_promise_in_working_days_never_ends_after_a_deadline_in_days() -> None:
    from dataclasses import dataclass

    from counter_app.services.intake.rows import due_dates

    @dataclass
    class Limits:
        promised_days: int = 10
        promised_unit: str = "workday"
        statutory_days: int = 15
        statutory_unit: str = "day"

    promised, statutory, _ = due_dates(Limits(), date(2025, 9, 26), WorkCalendar())
    assert statutory == date(2025, 10, 11)  # 15日 end on the make-up Saturday
    assert promised == statutory  # 10 working days would end on the 16th
