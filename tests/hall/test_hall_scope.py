"""What each PC holds (issue 23, least data per PC): a hall of two windows, an approver PC
of one department and a supervisor's PC, each its own data folder on a real
``counter-server``. The expected holdings are written out case by case, not computed by
the code under test."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.hall.store import Hall
from counter_app.models import CaseFile, Event
from counter_app.services.audit.chain import verify_chains
from counter_app.services.audit.verify import verify_folder
from counter_app.services.catalog.store import current_versions
from counter_app.sync.tables import synced_tables

from .conftest import Staffed
from .kit import PC, authorize, receive, snapshot


def _other_item(hall: Hall, window: str, department: str, *more: str) -> tuple[str, str]:
    """An item of another window and another department (not ``more`` either): its code
    and window."""
    with hall.db.session() as s:
        v = next(v for v in current_versions(s) if v.kind == "committed" and v.window_code
                 and v.window_code not in (window, *more) and v.department_code
                 and v.department_code not in (department, *more))
        return v.code, v.window_code


def _department(hall: Hall, item: str) -> str:
    with hall.db.session() as s:
        return next(v.department_code for v in current_versions(s) if v.code == item)


def _case_ids(pc: PC | Hall) -> dict[str, str]:
    with pc.ctx.db.session() if isinstance(pc, PC) else pc.db.session() as s:
        return dict(s.execute(select(CaseFile.case_no, CaseFile.id)).all())


def _holds_exactly(pc: PC, hall_rows: dict[str, dict[str, dict]], case_ids: set[str],
                   batch_ids: set[str]) -> None:
    """The PC's rows are the hall's rows of its cases and batches, and every row of no
    case (catalog, staff, calendar): nothing more, nothing less, nothing different."""
    got = snapshot(pc.ctx)
    for t in synced_tables():
        want = {}
        for rid, row in hall_rows[t.name].items():
            if t.name == "event_log" and row["kind"] == "accessed":  # who looked: its own only
                keep = row["terminal_code"] == pc.ctx.terminal
            elif t.name == "case_file":
                keep = rid in case_ids
            elif t.name == "handoff_batch":
                keep = rid in batch_ids
            elif row.get("case_id"):
                keep = row["case_id"] in case_ids
            elif row.get("batch_id"):
                keep = row["batch_id"] in batch_ids
            else:
                keep = t.name not in ("complaint", "consultation")
            if keep:
                want[rid] = row
        assert got[t.name] == want, f"{pc.folder.name}: {t.name} is not the hall's rows of its scope"


def test_each_pc_holds_its_window_or_department(staffed: Staffed) -> None:
    """Three windows, an approver's PC of one department, a supervisor's PC."""
    server = staffed.server.hall()
    item2, window2 = _other_item(server, staffed.window, staffed.department)
    item3, window3 = _other_item(server, staffed.window, staffed.department, window2,
                                 _department(server, item2))
    server.db.dispose()
    staffed.server.add_staff("clerkb", ["clerk"], window=window2)
    staffed.server.add_staff("clerkc", ["clerk"], window=window3)
    boss_pc = staffed.pc("supervisor", "counter")  # the whole hall
    a = staffed.pc("window-a", window=staffed.window)
    b = staffed.pc("window-b", window=window2)
    w3 = staffed.pc("window-c", window=window3)
    c = staffed.pc("approver-c", "approver", department=staffed.department)
    boss = boss_pc.login("boss")
    authorize(boss_pc, boss, "clerk", staffed.window)
    authorize(boss_pc, boss, "clerk", window2)  # 一窗受理: window A takes window B's items too
    authorize(boss_pc, boss, "clerkb", window2)
    authorize(boss_pc, boss, "clerkc", window3)
    boss_pc.run()
    for pc in (a, b, w3, c):
        pc.run()

    clerk = a.login("clerk")
    own = receive(a, clerk, staffed.item_code, name="李娜")       # window A, department D
    foreign = receive(a, clerk, item2, name="王芳")              # window B, received at A
    (batch_no,) = a.handoff.create_batches(clerk, [own])
    a.run()
    b_case = receive(b, b.login("clerkb"), item2, name="赵强")   # window B, received at B
    b.run()
    c_case = receive(w3, w3.login("clerkc"), item3, name="孙丽")  # window C
    w3.run()
    c.run()
    approver = c.login("approver")
    from counter_app.services.handoff.service import CaseCheck

    c.handoff.sign(approver, batch_no, [CaseCheck(own)])  # the approver PC works on what it holds
    c.run()
    for pc in (boss_pc, a, b, w3, c):
        pc.run()
    assert a.status_of(own) == "with_approver", "the approver's signature reaches window A"

    hall = staffed.server.hall()
    try:
        ids = _case_ids(hall)
        rows = snapshot(hall)
    finally:
        hall.db.dispose()
    batch = next(rid for rid, r in rows["handoff_batch"].items() if r["batch_no"] == batch_no)
    assert set(_case_ids(a)) == {own, foreign}, "window A: its window's case and what it received"
    assert set(_case_ids(b)) == {foreign, b_case}, "window B: its window's cases, wherever received"
    assert set(_case_ids(w3)) == {c_case}, "window C: its own window's only"
    assert set(_case_ids(c)) == {own}, "the approver PC: its department's case only"
    assert set(_case_ids(boss_pc)) == {own, foreign, b_case, c_case}, "the supervisor's PC: all"
    _holds_exactly(a, rows, {ids[own], ids[foreign]}, {batch})
    _holds_exactly(b, rows, {ids[foreign], ids[b_case]}, set())
    _holds_exactly(w3, rows, {ids[c_case]}, set())
    _holds_exactly(c, rows, {ids[own]}, {batch})
    for pc in (a, b, w3, c):
        with pc.ctx.db.session() as s:
            report = verify_chains(s, frozenset({pc.ctx.terminal}))
            assert report.ok, f"{pc.folder.name}: {report.problems}"
        full = verify_folder(pc.folder, workers=1)  # what counter-admin verify-audit runs
        assert full.ok, f"{pc.folder.name}: {[str(f) for f in full.findings]}"
    with boss_pc.ctx.db.session() as s:
        assert verify_chains(s).ok, "the whole hall's PC holds every chain whole"


def _two_windows(staffed: Staffed) -> tuple[str, str, PC, PC, PC]:
    """A supervisor's PC and the PCs of window A and of another window B with its clerk
    authorised: (B's item, B's window, supervisor's PC, A, B)."""
    server = staffed.server.hall()
    item2, window2 = _other_item(server, staffed.window, staffed.department)
    server.db.dispose()
    staffed.server.add_staff("clerkb", ["clerk"], window=window2)
    boss_pc = staffed.pc("supervisor")
    a = staffed.pc("window-a", window=staffed.window)
    b = staffed.pc("window-b", window=window2)
    authorize(boss_pc, boss_pc.login("boss"), "clerkb", window2)
    return item2, window2, boss_pc, a, b


def test_scope_change_and_retention(staffed: Staffed) -> None:
    item2, window2, boss_pc, a, b = _two_windows(staffed)
    c = staffed.pc("approver-c", "approver", department=staffed.department)
    authorize(boss_pc, boss_pc.login("boss"), "clerk", staffed.window)
    boss_pc.run()
    a.run()
    b.run()
    clerk = a.login("clerk")
    own = receive(a, clerk, staffed.item_code)
    b_case = receive(b, b.login("clerkb"), item2)
    a.run()
    b.run()
    a.run()
    assert set(_case_ids(a)) == {own}

    # The administrator moves PC A to window B: it drops window A's cases except its own.
    hall = staffed.server.hall()
    try:
        hall.set_scope(a.ctx.terminal, window=window2)
    finally:
        hall.db.dispose()
    a.run()
    assert set(_case_ids(a)) == {own, b_case}
    hall = staffed.server.hall()
    try:
        hall.set_scope(a.ctx.terminal, window=staffed.window)
        hall.set_retention_days(0)  # closed cases leave the PCs at their next round
    finally:
        hall.db.dispose()
    a.run()
    assert set(_case_ids(a)) == {own}
    verified = verify_folder(a.folder, workers=1)  # the heads a daily run starts from
    assert verified.ok, [str(f) for f in verified.findings]

    # A refusal closes the case: it leaves windows and approver PCs, not the hall.
    (batch_no,) = a.handoff.create_batches(clerk, [own])
    a.run()
    c.run()
    approver = c.login("approver")
    from counter_app.services.handoff.service import CaseCheck

    c.handoff.sign(approver, batch_no, [CaseCheck(own)])
    c.handoff.decide(approver, own, "denied", reason="不符合法定条件")
    c.run()
    a.run()
    boss_pc.run()
    assert own not in _case_ids(a) and own not in _case_ids(c), "closed: gone from the PCs"
    assert own in _case_ids(boss_pc), "the supervisor's PC keeps the whole hall"
    hall = staffed.server.hall()
    try:
        case_id = _case_ids(hall)[own]
    finally:
        hall.db.dispose()
    with a.ctx.db.session() as s:
        events = s.execute(select(Event.kind).where(Event.case_id == case_id)).scalars().all()
        assert "accepted" in events or "received" in events, "its custody events stay on the PC"
        assert verify_chains(s, frozenset({a.ctx.terminal})).ok
    full = verify_folder(a.folder, workers=1)
    assert full.ok and full.not_held >= 1, [str(f) for f in full.findings]
    daily = verify_folder(a.folder, since=verified.heads)  # let go after retention, not deleted
    assert daily.ok and daily.not_held >= 1 and daily.events > 0, [str(f) for f in daily.findings]
    late = staffed.pc("window-a2", window=staffed.window)
    assert own not in _case_ids(late), "a PC enrolled later is not sent the closed case"


def test_a_case_outside_the_scope_is_read_from_the_hall_and_logged(staffed: Staffed) -> None:
    import json

    from counter_app.hallsync.lookup import ask_hall
    from counter_app.services.handoff.case_queries import CaseQueries
    from counter_app.sync.errors import SyncError

    item2, _window2, boss_pc, a, b = _two_windows(staffed)
    boss_pc.run()
    b.run()
    b_case = receive(b, b.login("clerkb"), item2, name="赵强")
    b.run()
    a.run()
    clerk = a.login("clerk")
    assert CaseQueries(a.ctx).search(clerk, b_case) == [], "window A does not hold it"
    before = snapshot(a.ctx)

    rows, more = ask_hall(a.ctx.db, clerk, b_case)
    assert [r.case_no for r in rows] == [b_case] and more == 0
    assert rows[0].applicant_name == "赵强" and "*" in rows[0].id_no, "a list line: the ID masked"
    assert snapshot(a.ctx) == before, "shown, not stored: nothing of it is written on the PC"

    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            looks = [json.loads(e.payload) | {"actor": e.actor_id} for e in s.execute(
                select(Event).where(Event.kind == "accessed", Event.terminal_code == "00")).scalars()]
    finally:
        hall.db.dispose()
    assert len(looks) == 1, "one lookup, one entry in the hall's log"
    assert looks[0]["actor"] == clerk.staff_id and f"终端 {a.ctx.terminal}" in looks[0]["detail"]

    staffed.server.stop()
    try:
        ask_hall(a.ctx.db, clerk, b_case)
    except SyncError as exc:
        assert "无法连接" in str(exc) or "连接" in str(exc), str(exc)
    else:
        raise AssertionError("offline: the lookup says it cannot reach the hall")
