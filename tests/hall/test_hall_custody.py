"""The service decides: custody, department and the staff record are judged on the hall's
data, whatever a PC believed offline. Each refusal leaves a consistent case on every PC and
is listed, with its reason, on the PC and on the service."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from counter_app.models import HallOp, SyncOp
from counter_app.services.handoff.service import CaseCheck

from .conftest import Staffed
from .kit import authorize, receive, signed_behind, snapshot, with_approver


def _refused(pc) -> list[SyncOp]:  # type: ignore[no-untyped-def]
    return pc.sync.refused()


def _hall_refused(staffed: Staffed) -> list[HallOp]:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return list(s.execute(select(HallOp).where(HallOp.status == "refused")).scalars())
    finally:
        hall.db.dispose()


def _same_as_hall(staffed: Staffed, *pcs) -> None:  # type: ignore[no-untyped-def]
    hall = staffed.server.hall()
    try:
        want = snapshot(hall)
    finally:
        hall.db.dispose()
    for pc in pcs:
        got = snapshot(pc.ctx)
        for table in want:
            assert got[table] == want[table], f"{pc.folder.name}: {table}"


def _setup(staffed: Staffed):  # type: ignore[no-untyped-def]
    a, b = staffed.pc("counter-a"), staffed.pc("counter-b")
    c = staffed.pc("approver-c", "approver")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    authorize(a, a.login("boss"), "clerk2", staffed.window)
    a.run()
    b.run()
    c.run()
    return a, b, c


def test_batching_a_case_already_signed_for_is_refused(staffed: Staffed, capsys) -> None:  # type: ignore[no-untyped-def]
    """Counter B, offline, batches a case that A batched and the approver signed since."""
    a, b, c = _setup(staffed)
    case_no = signed_behind(a, b, c, staffed.item_code)
    clerk2 = b.login("clerk2")
    b.handoff.create_batches(clerk2, [case_no])  # offline: fine on B's own copy
    assert b.status_of(case_no) == "in_handoff"
    b.run()  # back online
    (op,) = _refused(b)
    assert op.name == "handoff.create_batches" and "不能移交" in op.reason
    assert b.status_of(case_no) == "with_approver", "B now shows the hall's truth"
    assert [o.name for o in _hall_refused(staffed)] == ["handoff.create_batches"]
    from counter_app.hall.cli import main as server_main

    assert server_main(["--data-dir", str(staffed.server.folder), "refused"]) == 0
    listed = capsys.readouterr().out
    assert "测试clerk2" in listed and "handoff.create_batches" in listed and "不能移交" in listed
    for pc in (a, b, c):
        pc.run()
    _same_as_hall(staffed, a, b, c)


def test_return_then_offline_approval(staffed: Staffed) -> None:
    """One approver returns the case online; another PC, offline, approved it: refused."""
    a, _b, c = _setup(staffed)
    d = staffed.pc("approver-d", "approver")
    case_no, approver = with_approver(a, c, staffed.item_code)
    d.run()  # D has the case with the approver, then goes offline
    c.handoff.return_case(approver, case_no, "缺少法定代表人签字")
    c.run()
    d.handoff.decide(d.login("approver"), case_no, "approved", decision_no="罗准〔2026〕2号")
    d.run()
    (op,) = _refused(d)
    assert op.name == "handoff.decide" and "不在审批环节" in op.reason
    assert d.status_of(case_no) == "returned"
    a.run()
    assert a.status_of(case_no) == "returned"
    for pc in (a, c, d):
        pc.run()
    _same_as_hall(staffed, a, c, d)


def test_the_hall_judges_the_person_not_the_pc(staffed: Staffed) -> None:
    """A PC whose own copy of the staff table was altered (an approver of another
    department made to look like one of this) is still judged by the hall's record."""
    a, _b, c = _setup(staffed)
    staffed.server.add_staff("other", ["approver"], department=staffed.other_department)
    c.run()
    clerk = a.login("clerk")
    case_no = receive(a, clerk, staffed.item_code)
    (batch,) = a.handoff.create_batches(clerk, [case_no])
    a.run()
    c.run()
    con = sqlite3.connect(c.folder / "counter.sqlite3")
    with con:  # tampering with the PC's file, as someone with the disk could
        con.execute("UPDATE sync_capture SET mode = 'applying'")
        con.execute("UPDATE staff SET department_id = (SELECT department_id FROM staff "
                    "WHERE username = 'approver') WHERE username = 'other'")
        con.execute("UPDATE sync_capture SET mode = 'terminal'")
    con.close()
    c.handoff.sign(c.login("other"), batch, [CaseCheck(case_no)])
    c.run()
    (op,) = _refused(c)
    assert op.name == "handoff.sign" and "不能办理" in op.reason
    assert c.status_of(case_no) == "in_handoff"


def test_a_clerk_given_the_approver_role_on_a_pc_is_refused(staffed: Staffed) -> None:
    a, _b, _c = _setup(staffed)
    clerk = a.login("clerk")
    case_no = receive(a, clerk, staffed.item_code)
    (batch,) = a.handoff.create_batches(clerk, [case_no])
    a.run()
    con = sqlite3.connect(a.folder / "counter.sqlite3")
    with con:
        con.execute("UPDATE sync_capture SET mode = 'applying'")
        con.execute("INSERT INTO staff_role (id, created_at, updated_at, origin_terminal, "
                    "staff_id, role) SELECT 'forged', '2026-01-01', '2026-01-01', '', id, "
                    "'approver' FROM staff WHERE username = 'clerk'")
        con.execute("UPDATE sync_capture SET mode = 'terminal'")
    con.close()
    a.handoff.sign(a.login("clerk"), batch, [CaseCheck(case_no)])
    assert a.status_of(case_no) == "with_approver"  # on the PC's own copy, for now
    a.run()
    (op,) = _refused(a)
    assert op.name == "handoff.sign" and "没有权限" in op.reason
    assert a.status_of(case_no) == "in_handoff"


def test_a_supervisors_holiday_schedule_reaches_every_pc(staffed: Staffed) -> None:
    """The year's schedule entered at one PC reaches every PC, and moves the due dates of
    every open case in the hall, another counter's included."""
    from datetime import timedelta

    from counter_app.models import CaseFile, HolidayOverride
    from counter_app.services.deadlines.holiday_schedule import HolidayService, parse_schedule

    a, b, _c = _setup(staffed)
    at_b = receive(b, b.login("clerk2"), staffed.item_code)
    b.run()
    a.run()
    with a.ctx.db.session() as s:
        accepted, before = s.execute(select(CaseFile.accepted_on, CaseFile.statutory_due).where(
            CaseFile.case_no == at_b)).one()
    start = accepted + timedelta(days=2)  # a week of holidays inside the case's limit
    if (start + timedelta(days=6)).year != start.year:
        start = start.replace(year=start.year + 1, month=1, day=2)
    end = start + timedelta(days=6)
    HolidayService(a.ctx).apply(a.login("boss"), parse_schedule(f"{start} {end} 放假 测试\n"))
    a.run()
    b.run()
    with b.ctx.db.session() as s:
        days = {o.day: o.is_workday for o in s.execute(select(HolidayOverride)).scalars()}
        after = s.execute(select(CaseFile.statutory_due).where(CaseFile.case_no == at_b)).scalar_one()
    assert len(days) == 7 and not any(days.values())
    assert after > before, "another counter's open case moves too"
    assert not _refused(a)
