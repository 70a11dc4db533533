"""The bulletin's figures, from cases made through the real services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from counter_app.models import CaseFile
from counter_app.services.deadlines.clock_stops import ClockService
from counter_app.services.deadlines.five_day import flag_deemed_accepted
from counter_app.services.demo import generate as demo
from counter_app.services.intake.service import IntakeService
from counter_app.services.supervision.bulletin.build import (
    Counts,
    build_bulletin,
    charts,
    compute_bulletin,
    period_of,
    tables,
)
from counter_app.services.supervision.complaints import ComplaintService
from counter_app.services.supervision.consultations import ConsultationService
from counter_app.services.supervision.evaluations import EvaluationService

from ..conftest import Hall
from ..helpers import complete_intake, fill_person
from .conftest import accept, add_return, at, case_row, not_accept, notify, open_batch


def _busy_day(hall: Hall) -> dict[str, str]:
    """Monday 23 Nov 2026: every kind of action once or twice, and one training case."""
    cases = {"a1": accept(hall), "a2": accept(hall), "n": notify(hall), "x": not_accept(hall),
             "f": accept(hall, item=hall.immediate.code, decision="finish")}
    accept(hall, training=True)
    svc = IntakeService(hall.ctx)
    cases["t"] = svc.record(hall.trainee, complete_intake(svc, hall.committed.code), "accept",
                            co_signer=hall.approver).case_no
    add_return(hall, cases["a1"], datetime(2026, 11, 23, 11, 0))
    open_batch(hall, [cases["a2"]], datetime(2026, 11, 23, 10, 0))
    ComplaintService(hall.ctx).receive(hall.clerk, "等候时间过长", complainant="王先生",
                                       case_no=cases["a2"])
    ev = EvaluationService(hall.ctx)
    ev.submit(ev.open_rating(hall.clerk, cases["f"]), 2, "没有说清楚")
    ConsultationService(hall.ctx).log(hall.clerk, "answered", item_code=hall.committed.code)
    at(hall, hours=7.5)  # 17:00
    return cases


def test_day_counts_per_window_and_clerk(hall: Hall) -> None:
    _busy_day(hall)
    b = compute_bulletin(hall.ctx, "day")
    assert b.period.start == b.period.end == date(2026, 11, 23)
    t = b.totals
    assert (t.received, t.accepted, t.notices, t.not_accepted, t.finished, t.returns) == (6, 3, 1, 1, 1, 1)
    clerk = next(c for c in b.clerks if c.staff_id == hall.clerk.staff_id)
    assert (clerk.counts.received, clerk.counts.accepted, clerk.counts.notices,
            clerk.counts.not_accepted, clerk.counts.finished, clerk.counts.returns) == (5, 2, 1, 1, 1, 1)
    trainee = next(c for c in b.clerks if c.staff_id == hall.trainee.staff_id)
    assert (trainee.counts.received, trainee.counts.accepted) == (1, 1)
    assert trainee.stage == "phase2" and trainee.stage_label == "学生做，老师点"
    assert clerk.stage == "authorized" and clerk.authorized_by == "测试boss"
    assert clerk.on_duty and clerk.complaints == 1 and clerk.consultations == 1
    assert clerk.ratings == 1 and clerk.bad_ratings == 1
    # Windows add up to the totals; the staffing plan comes from the seed's table.
    summed = Counts()
    for w in b.windows:
        summed.add(w.counts)
    assert summed == t
    assert sum(w.planned for w in b.windows) == 55
    win = next(w for w in b.windows if w.code == hall.committed.window_code)
    assert win.batches_waiting == 1 and win.oldest_wait_hours == pytest.approx(7.0)
    assert [x.hours for x in b.batches] == [pytest.approx(7.0)]
    assert b.complaints_received == 1 and b.complaints_open == 1
    assert b.grades[2] == 1 and b.bad_total == 1 and len(b.bad_ratings) == 1
    assert b.followups_open == 1 and b.consultations["answered"] == 1
    assert "收件 6 件" in b.summary_lines()[0]


def test_training_cases_never_count(hall: Hall) -> None:
    for _ in range(3):
        accept(hall, training=True)
    b = compute_bulletin(hall.ctx, "day")
    assert b.totals == Counts()
    assert all(c.counts == Counts() for c in b.clerks)


def test_actions_count_on_the_day_they_happen(hall: Hall) -> None:
    no = notify(hall)
    at(hall, days=1)  # Tuesday: the applicant comes back with everything
    svc = IntakeService(hall.ctx)
    done = svc.supplement(hall.clerk, no, complete_intake(svc, hall.committed.code).materials)
    assert done.status == "accepted"
    monday = compute_bulletin(hall.ctx, "day", date(2026, 11, 23))
    tuesday = compute_bulletin(hall.ctx, "day", date(2026, 11, 24))
    assert (monday.totals.received, monday.totals.notices, monday.totals.accepted) == (1, 1, 0)
    assert (tuesday.totals.received, tuesday.totals.notices, tuesday.totals.accepted) == (0, 0, 1)
    week = compute_bulletin(hall.ctx, "week", date(2026, 11, 25))
    assert (week.totals.received, week.totals.accepted) == (1, 1)
    assert [p.received for p in week.series[:2]] == [1, 0]
    assert [p.accepted for p in week.series[:2]] == [0, 1]


def test_periods() -> None:
    assert period_of("week", date(2026, 11, 26)).start == date(2026, 11, 23)
    assert period_of("week", date(2026, 11, 26)).end == date(2026, 11, 29)
    m = period_of("month", date(2026, 2, 10))
    assert (m.start, m.end, m.title) == (date(2026, 2, 1), date(2026, 2, 28), "2026年2月")
    assert period_of("day", date(2026, 1, 5)).title == "2026年1月5日"
    with pytest.raises(ValueError):
        period_of("year", date(2026, 1, 5))


def test_deadlines_backlog_and_deemed_acceptance(hall: Hall) -> None:
    promised = hall.committed.promised_days
    near, late, paused = accept(hall), accept(hall), accept(hall)
    svc = IntakeService(hall.ctx)
    held = svc.record(hall.clerk, fill_person(svc.new_intake(hall.committed.code)), "hold").case_no
    # Late: its promised date is moved back by editing nothing but the clock.
    clock = ClockService(hall.ctx)
    clock.suspend(hall.approver, paused, "testing", "送检")
    hall.clock.now = datetime.combine(case_row(hall, near).promised_due, datetime.min.time()) \
        - timedelta(days=1) + timedelta(hours=17)
    b = compute_bulletin(hall.ctx, "day")
    assert promised >= 3
    assert b.near_total == 2 and b.overdue_total == 0  # near and late share a date; paused is out
    assert b.paused == [paused]
    assert [h.case_no for h in b.holds] == [held]
    hall.clock.now += timedelta(days=10)
    b = compute_bulletin(hall.ctx, "day")
    assert b.overdue_total == 2 and {d.case_no for d in b.overdue} == {near, late}
    assert all(d.workdays_left < 0 for d in b.overdue)
    # The held case is now past five working days: the deadline job deems it accepted.
    assert flag_deemed_accepted(hall.ctx) == [held]
    b = compute_bulletin(hall.ctx, "day")
    assert b.totals.deemed == 1 and b.holds == []


def test_two_returns_show_co_acceptance(hall: Hall) -> None:
    a, b_ = accept(hall), accept(hall)
    add_return(hall, a, datetime(2026, 11, 23, 10))
    add_return(hall, b_, datetime(2026, 11, 23, 11))
    at(hall, hours=3)
    b = compute_bulletin(hall.ctx, "day")
    clerk = next(c for c in b.clerks if c.staff_id == hall.clerk.staff_id)
    assert clerk.co_acceptance == [f"{hall.committed.code}（退回 2 次）"]
    assert clerk.counts.returns == 2


def test_demo_day_adds_up_and_uses_indexes(hall: Hall) -> None:
    demo.generate(hall.ctx, 600, 10, seed=5)
    day = hall.clock.now.date()
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        statements.append((statement, params))

    event.listen(hall.ctx.db.engine, "before_cursor_execute", capture)
    try:
        b = compute_bulletin(hall.ctx, "day", day)
    finally:
        event.remove(hall.ctx.db.engine, "before_cursor_execute", capture)
    with hall.ctx.db.session() as s:
        n = s.execute(select(func.count()).select_from(CaseFile).where(
            CaseFile.received_on == day, CaseFile.is_training.is_(False))).scalar_one()
        assert b.totals.received == n > 0
        assert sum(c.counts.received for c in b.clerks) == n
        # No statement walks a whole big table: every access to them goes through an index,
        # the open 差评 count included (ix_evaluation_followup_due).
        big = ("case_file", "event_log", "case_material", "consultation", "handoff_item")
        raw = s.connection().connection.driver_connection
        assert raw is not None
        evaluation_scans = 0
        for sql, params in statements:
            plan = raw.execute("EXPLAIN QUERY PLAN " + sql, params or ()).fetchall()
            for row in plan:
                detail = row[-1]
                assert not any(detail.startswith(f"SCAN {t}") for t in big), (detail, sql)
                evaluation_scans += detail.startswith("SCAN evaluation")
        assert evaluation_scans == 0  # ix_evaluation_followup_due (migrations 0003, 0017)
    assert len(statements) < 40


def test_tables_and_charts_share_the_figures(hall: Hall) -> None:
    _busy_day(hall)
    b = compute_bulletin(hall.ctx, "day")
    tbl = {t.key: t for t in tables(b)}
    total_row = tbl["windows"].rows[-1]
    assert total_row[0] == "合计" and total_row[4] == b.totals.received
    assert len(tbl["clerks"].rows) == len(b.clerks)
    volumes = charts(b)[0]
    assert sum(volumes.series[0][1]) == b.totals.received
    assert len(charts(b)) == 4


def test_past_day_uses_training_state_of_that_day(hall: Hall) -> None:
    with hall.ctx.db.session() as s:
        b = build_bulletin(s, period_of("day", date(2026, 11, 20)), hall.clock.now)
    assert all(c.stage == "" for c in b.clerks)  # the records were made on the 23rd


def test_both_plans_for_the_due_lists_agree(hall: Hall) -> None:
    from counter_app.services.deadlines.calendar_store import load_calendar
    from counter_app.services.deadlines.clock_stops import due_lines

    demo.generate(hall.ctx, 400, 15, seed=9)
    today = hall.clock.now.date()
    with hall.ctx.db.session() as s:
        cal = load_calendar(s)
        for which in ("overdue", "near", "all"):
            by_status = due_lines(s, cal, today, limit=50, which=which, by_due=False)
            by_date = due_lines(s, cal, today, limit=50, which=which, by_due=True)
            assert by_status == by_date
        assert due_lines(s, cal, today, which="overdue")[0]


@pytest.mark.parametrize("top", [0, 1, 4, 5, 9, 17, 41, 99, 203, 267, 2029, 270890])
def test_chart_axis_is_round_and_above_every_bar(top: int) -> None:
    from counter_app.services.supervision.bulletin.build import ChartData

    axis, step = ChartData("t", ["a", "b"], [("x", [top, top // 2])]).axis_max()
    assert axis >= top and axis % step == 0 and 1 <= axis // step <= 6
    assert str(step).strip("0") in ("1", "2", "5")
