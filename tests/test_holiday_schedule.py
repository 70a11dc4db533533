"""Issue 16: a year's holiday schedule entered from a small file ends the estimates and moves
the due dates of open cases, each with an event; supervisors are reminded from November."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.cli.main import main
from counter_app.models import CaseFile, Event
from counter_app.services.deadlines.holiday_schedule import (
    ScheduleError,
    apply_schedule,
    parse_schedule,
    pending_reminder,
)
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.intake.service import IntakeService

from .conftest import Hall
from .helpers import complete_intake

SCHEDULE_2027 = """# 2027 年节假日安排（测试用）
2027-01-01 2027-01-03 放假 元旦
2027-02-06 2027-02-12 放假 春节
2027-02-14 上班 春节调休
"""


def test_parse_reports_every_bad_line() -> None:
    with pytest.raises(ScheduleError) as exc:
        parse_schedule("2027-13-01 放假\n2027-01-02 休假\n2027-01-05 2027-01-01 放假\n"
                       "2027-01-01 放假\n2027-01-01 上班\n")
    text = str(exc.value)
    assert "第 1 行" in text and "第 2 行" in text and "第 3 行" in text and "第 5 行" in text
    assert "未作任何修改" in text
    with pytest.raises(ScheduleError, match="一个文件只录一年"):
        parse_schedule("2027-01-01 放假\n2028-01-01 放假\n")
    ok = parse_schedule(SCHEDULE_2027)
    assert ok.year == 2027 and len(ok.days) == 3 + 7 + 1


def test_entering_next_year_moves_due_dates_with_an_event(hall: Hall) -> None:
    hall.clock.now = datetime(2026, 12, 4, 10, 0)
    svc = IntakeService(hall.ctx)
    res = svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept")
    assert pending_reminder(hall.ctx, date(2026, 12, 4)).startswith("2027 年的法定节假日安排尚未录入")
    assert pending_reminder(hall.ctx, date(2026, 10, 30)) == ""  # not before November
    with hall.ctx.db.session() as s:
        before = s.execute(select(CaseFile).where(CaseFile.case_no == res.case_no)).scalar_one()
    assert before.statutory_due is not None and before.statutory_due.year == 2027

    result = apply_schedule(hall.ctx, parse_schedule(SCHEDULE_2027), hall.supervisor)
    assert (result.year, result.holidays, result.workdays) == (2027, 10, 1)
    with hall.ctx.db.session() as s:
        after = s.execute(select(CaseFile).where(CaseFile.case_no == res.case_no)).scalar_one()
        events = s.execute(select(Event).where(Event.case_id == after.id,
                                               Event.kind == "due_recomputed")).scalars().all()
    # 1 January is a holiday now, not a working day: the statutory date moves later.
    assert after.statutory_due > before.statutory_due
    assert [no for no, _o, _n in result.moved] == [res.case_no] and len(events) == 1
    assert pending_reminder(hall.ctx, date(2026, 12, 4)) == ""
    assert CaseQueries(hall.ctx).search(hall.clerk, res.case_no)[0].due_estimate == ""
    # Applying the same file again moves nothing and adds no event.
    assert apply_schedule(hall.ctx, parse_schedule(SCHEDULE_2027), None).moved == ()


def test_only_a_supervisor_enters_the_schedule(hall: Hall) -> None:
    from counter_app.services.context import PermissionDenied

    with pytest.raises(PermissionDenied):
        apply_schedule(hall.ctx, parse_schedule(SCHEDULE_2027), hall.clerk)


def test_holiday_import_from_the_cli(hall: Hall, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = Path(hall.ctx.db.url.removeprefix("sqlite:///")).parent
    hall.ctx.db.dispose()
    bad = tmp_path / "bad.txt"
    bad.write_text("2027-01-01 放\n", encoding="utf-8")
    assert main(["--data-dir", str(folder), "holiday", "import", str(bad)]) == 2
    assert "第 1 行" in capsys.readouterr().err
    good = tmp_path / "2027.txt"
    good.write_text(SCHEDULE_2027, encoding="utf-8")
    assert main(["--data-dir", str(folder), "holiday", "import", str(good)]) == 0
    out = capsys.readouterr().out
    assert "已录入 2027 年节假日安排：放假 10 天，调休上班 1 天" in out
    assert main(["--data-dir", str(folder), "holiday", "list", "--year", "2027"]) == 0
    listing = capsys.readouterr().out
    assert "2027-02-14  上班  春节调休" in listing and "尚未完整录入" not in listing
