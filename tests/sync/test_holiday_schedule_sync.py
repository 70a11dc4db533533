"""Issue 16: next year's holiday schedule, entered on one PC, reaches every PC by sync, and
each PC moves the due dates of its own open cases (with an event), through the real
services and the real sync engine on two data folders."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from counter_app.models import CaseFile, Event
from counter_app.services.deadlines.holiday_schedule import apply_schedule, catch_up, parse_schedule

from .hallkit import ServerTarget, make_counter, receive_by_service, seed_hall

SCHEDULE = "2027-01-01 2027-01-03 放假 元旦\n2027-02-06 2027-02-12 放假 春节\n2027-02-14 上班 春节调休\n"


def test_a_schedule_entered_on_one_pc_moves_the_dates_on_another(
        server: ServerTarget, tmp_path: Path, blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=2)

    def clock() -> datetime:
        return datetime(2026, 12, 4, 10, 0)

    sup, pc = (make_counter(tmp_path / n, code, server.url, ref.clerks[i], clock=clock,
                            template=blank_db)
               for i, (n, code) in enumerate((("sup", "01"), ("pc", "02"))))
    try:
        for c in (sup, pc):
            assert c.sync().ok
        case_id, case_no = receive_by_service(pc, ref)  # 20 working days from 4 December
        with pc.db.session() as s:
            before = s.get(CaseFile, case_id).statutory_due
        assert before == date(2027, 1, 1)  # Monday-Friday estimate: 1 January counted
        assert catch_up(pc.ctx) == ()  # nothing changed yet (baseline)
        assert pc.sync().ok

        result = apply_schedule(sup.ctx, parse_schedule(SCHEDULE), None)
        assert result.moved == ()  # the supervisor's PC has no cases of its own
        assert sup.sync().ok
        assert pc.sync().ok  # the schedule arrives
        moved = catch_up(pc.ctx)
        assert [no for no, _o, _n in moved] == [case_no]
        with pc.db.session() as s:
            after = s.get(CaseFile, case_id).statutory_due
            events = s.execute(select(Event.kind).where(Event.case_id == case_id)).scalars().all()
        assert after == date(2027, 1, 4)
        assert events.count("due_recomputed") == 1
        assert catch_up(pc.ctx) == ()  # once only
        assert pc.sync().ok
        with server.db.session() as s:  # the hall sees the moved date too
            assert s.execute(select(CaseFile.statutory_due).where(CaseFile.id == case_id)
                             ).scalar_one() == date(2027, 1, 4)
    finally:
        for c in (sup, pc):
            c.close()
