"""Time not counted (suspensions) and approved extensions move the due dates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from counter_app.models import Event
from counter_app.services.context import PermissionDenied
from counter_app.services.deadlines.clock_stops import (
    ClockError,
    ClockService,
    Stop,
    merge_stops,
    shifted_due,
)
from counter_app.services.deadlines.workdays import WorkCalendar
from counter_app.services.intake.service import IntakeService

from ..conftest import Hall
from ..helpers import complete_intake
from .conftest import accept, at, case_row

CAL = WorkCalendar()  # 2026: the official calendar is known


def test_a_stop_moves_the_due_date_by_its_working_days() -> None:
    base = date(2026, 12, 4)  # Friday
    # Mon 30 Nov - Wed 2 Dec: three working days not counted.
    assert shifted_due(CAL, base, [Stop(date(2026, 11, 30), date(2026, 12, 2))]) == date(2026, 12, 9)
    # A stop over a weekend costs only its working days.
    assert shifted_due(CAL, base, [Stop(date(2026, 11, 28), date(2026, 11, 30))]) == date(2026, 12, 7)
    # A stop after the due date changes nothing; an extension adds working days.
    assert shifted_due(CAL, base, [Stop(date(2026, 12, 7), date(2026, 12, 8))]) == base
    assert shifted_due(CAL, base, [], extension_days=10) == date(2026, 12, 18)


def test_overlapping_stops_count_once_and_holidays_do_not_count() -> None:
    stops = [Stop(date(2026, 11, 30), date(2026, 12, 1)), Stop(date(2026, 12, 1), date(2026, 12, 2))]
    assert merge_stops(stops, date(2026, 12, 31)) == [(date(2026, 11, 30), date(2026, 12, 2))]
    assert shifted_due(CAL, date(2026, 12, 4), stops) == date(2026, 12, 9)
    # The National Day holiday (1-7 Oct 2026) inside a stop costs nothing: 29, 30 Sep and 8 Oct
    # are lost, and three working days after 30 Sep end on Saturday 10 Oct, a make-up workday.
    due = shifted_due(CAL, date(2026, 9, 30), [Stop(date(2026, 9, 29), date(2026, 10, 8))])
    assert due == date(2026, 10, 10)
    # A stop that began before a due date it outlasts still counts; the moved date may catch
    # a later stop.
    later = [Stop(date(2026, 12, 3), date(2026, 12, 3)), Stop(date(2026, 12, 7), date(2026, 12, 7))]
    assert shifted_due(CAL, date(2026, 12, 4), later) == date(2026, 12, 8)


def test_suspend_resume_extend_record_events_and_move_dates(hall: Hall) -> None:
    no = accept(hall)
    case = case_row(hall, no)
    before = case.promised_due, case.statutory_due
    svc = ClockService(hall.ctx)
    at(hall, days=1)  # Tuesday 24 Nov
    svc.suspend(hall.approver, no, "inspection", "现场核查")
    with pytest.raises(ClockError, match="已在暂停计时中"):
        svc.suspend(hall.approver, no, "testing", "送检")
    lines, paused = svc.due_list(hall.supervisor, case.promised_due)
    assert paused == [no] and no not in {d.case_no for d in lines}
    new_due = svc.resume(hall.approver, no, date(2026, 11, 26))  # Tue-Thu not counted
    assert new_due == CAL.add_workdays(before[0], 3).date
    assert case_row(hall, no).statutory_due == CAL.add_workdays(before[1], 3).date
    svc.extend(hall.supervisor, no, 5, "案情复杂，经负责人批准延长")
    after = case_row(hall, no)
    assert after.promised_due == CAL.add_workdays(new_due, 5).date
    with hall.ctx.db.session() as s:
        kinds = s.execute(select(Event.kind).where(Event.case_id == case.id)
                          .order_by(Event.seq)).scalars().all()
    assert kinds[-3:] == ["suspended", "resumed_clock", "extended"]


def test_only_approvers_and_supervisors_stop_clocks(hall: Hall) -> None:
    no = accept(hall)
    svc = ClockService(hall.ctx)
    with pytest.raises(PermissionDenied):
        svc.suspend(hall.clerk, no, "testing", "送检")
    with pytest.raises(PermissionDenied):
        svc.extend(hall.clerk, no, 5, "理由")
    with pytest.raises(ClockError, match="理由"):
        svc.suspend(hall.approver, no, "testing", " ")
    with pytest.raises(ClockError, match="事由"):
        svc.suspend(hall.approver, no, "lunch", "x")
    with pytest.raises(ClockError, match="1 至 30"):
        svc.extend(hall.approver, no, 0, "理由")


def test_due_lists_by_role(hall: Hall) -> None:
    mine = accept(hall)
    intake_svc = IntakeService(hall.ctx)
    theirs = intake_svc.record(hall.trainee, complete_intake(intake_svc, hall.committed.code),
                               "accept", co_signer=hall.approver).case_no
    svc = ClockService(hall.ctx)
    due = case_row(hall, mine).promised_due
    # A clerk sees their own cases; the supervisor and the window's approver see all.
    assert [d.case_no for d in svc.due_list(hall.trainee, due)[0]] == [theirs]
    assert [d.case_no for d in svc.due_list(hall.clerk, due)[0]] == [mine]
    sup = svc.due_list(hall.supervisor, date(2026, 12, 31))[0]
    assert {d.case_no for d in sup} == {mine, theirs} and all(d.overdue for d in sup)
    assert {d.case_no for d in svc.due_list(hall.approver, due)[0]} == {mine, theirs}
