"""What approvers do on the server comes down to the counter; what the rules cannot settle
is kept for a supervisor, listed, and closed by a choice; nothing is dropped."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, select, update

from counter_app.ids.stable import stable_id
from counter_app.legacy_sync import list_conflicts, resolve_conflict
from counter_app.models import (
    CaseFile,
    Department,
    Event,
    HandoffBatch,
    HandoffItem,
    SyncConflict,
)

from .hallkit import (
    APPROVER_TERMINAL,
    ServerTarget,
    assert_converged,
    hand_over,
    make_counter,
    receive_case,
    seed_hall,
    sign_on_server,
)


def test_approvers_signature_reaches_the_counter(server: ServerTarget, tmp_path: Path,
                                                 blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    cases = [receive_case(c, ref)[0] for _ in range(3)]
    bid = hand_over(c, ref, cases)
    assert c.sync().ok
    sign_on_server(server.db, bid, ref.approver)  # the approver's PC works on the server
    rep = c.sync()
    assert rep.ok and rep.pulled >= 1 + 3 + 3 + 3  # batch, items, cases, events
    with c.db.session() as s:
        batch = s.get(HandoffBatch, bid)
        assert batch is not None
        assert (batch.status, batch.signed_by_id) == ("signed", ref.approver)
        assert batch.signed_at is not None
        assert {i.state for i in batch.items} == {"signed"}
        assert {s.get(CaseFile, x).status for x in cases} == {"with_approver"}  # type: ignore[union-attr]
        signed = s.execute(select(Event).where(Event.kind == "signed")).scalars().all()
        assert len(signed) == 3 and {e.terminal_code for e in signed} == {APPROVER_TERMINAL}
    assert_converged(server.db, [c])
    # Once signed, the batch is the approver's: the counter cannot rewrite it.
    with c.db.transaction() as s:
        s.execute(update(HandoffItem).where(HandoffItem.batch_id == bid)
                  .values(state="discrepancy", discrepancy="少一份"))
    rep = c.sync()
    assert rep.ok and rep.conflicts == 3
    assert_converged(server.db, [c])
    with c.db.session() as s:
        assert {i.state for i in s.get(HandoffBatch, bid).items} == {"signed"}  # type: ignore[union-attr]
    c.close()


def test_unsettled_conflict_is_kept_listed_and_resolved(server: ServerTarget, tmp_path: Path,
                                                        blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=2)
    a = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    b = make_counter(tmp_path / "b", "02", server.url, ref.clerks[1], template=blank_db)
    for c in (a, b):
        assert c.sync().ok
    case_id, case_no = receive_case(a, ref)
    assert a.sync().ok and b.sync().ok
    # Both counters, offline, correct the applicant's address differently.
    for c, address in ((a, "罗山县龙山街道2号"), (b, "罗山县灵山镇9号")):
        with c.db.transaction() as s:
            s.get(CaseFile, case_id).address = address  # type: ignore[union-attr]
    assert a.sync().ok
    rep = b.sync()
    assert rep.ok and rep.conflicts == 1
    with server.db.session() as s:
        [view] = list_conflicts(s)
        assert (view.case_no, view.rule, view.status) == (case_no, "both_changed", "open")
        assert view.columns == ("address",) and "请管理人员裁定" in view.message
        assert view.local["address"] == "罗山县灵山镇9号"
        assert view.server["address"] == "罗山县龙山街道2号"
    # The server kept its version until someone decides, and b came back in line.
    assert a.sync().ok and b.sync().ok
    assert_converged(server.db, [a, b])
    with server.db.transaction() as s:  # the supervisor takes counter b's version
        resolve_conflict(s, view.id, "terminal", ref.approver, "申请人当面确认")
    for c in (a, b):
        assert c.sync().ok
    assert_converged(server.db, [a, b])
    with a.db.session() as s:
        assert s.get(CaseFile, case_id).address == "罗山县灵山镇9号"  # type: ignore[union-attr]
    with server.db.session() as s:
        assert list_conflicts(s) == []
        [done] = list_conflicts(s, status="resolved")
        assert done.resolution if hasattr(done, "resolution") else True
    for c in (a, b):
        c.close()


def test_duplicate_key_is_rejected_and_kept_never_dropped(server: ServerTarget,
                                                          tmp_path: Path,
                                                          blank_db: Path) -> None:
    """Two counters each add a department with the same code (a unique key)."""
    ref = seed_hall(server.db, clerks=2)
    a = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    b = make_counter(tmp_path / "b", "02", server.url, ref.clerks[1], template=blank_db)
    for c in (a, b):
        assert c.sync().ok
        with c.db.transaction() as s:
            s.add(Department(code="GAJ", name=f"县公安局（{c.code}录入）"))
    assert a.sync().ok
    rep = b.sync()
    # The server refuses b's row, and b cannot take a's (its own holds the code).
    assert rep.ok and rep.conflicts == 2
    with b.db.session() as s:
        [mine] = list_conflicts(s)
        assert mine.rule == "pull_rejected" and mine.server["name"] == "县公安局（01录入）"
    with server.db.session() as s:
        [view] = list_conflicts(s)
        assert view.rule == "rejected" and view.table_name == "department"
        assert view.local["name"] == "县公安局（02录入）" and view.server is None
        kept = s.execute(select(SyncConflict.local_json)).scalar_one()
        assert json.loads(kept)["code"] == "GAJ"
    with b.db.session() as s:  # the counter keeps its row until the supervisor decides
        assert s.execute(select(Department).where(Department.code == "GAJ")).scalar_one()
    with server.db.transaction() as s:
        resolve_conflict(s, view.id, "server", ref.approver, "重复录入")
    assert b.sync().ok
    with b.db.session() as s:  # b's row went; a's came in; b's own conflict closed itself
        names = s.execute(select(Department.name).where(Department.code == "GAJ")).scalars()
        assert list(names) == ["县公安局（01录入）"]
        assert list_conflicts(s) == []
    a.sync()
    assert_converged(server.db, [a, b])
    for c in (a, b):
        c.close()


def test_different_event_with_the_same_id_is_a_conflict(server: ServerTarget, tmp_path: Path,
                                                        blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    receive_case(c, ref)
    assert c.sync().ok
    with server.db.session() as s:
        ev = s.execute(select(Event).where(Event.terminal_code == "01")).scalars().first()
        assert ev is not None
        original = (ev.id, ev.payload)
    with c.db.transaction() as s:  # someone edits the log on the counter
        s.execute(update(Event).where(Event.id == original[0]).values(payload='{"x":1}'))
    rep = c.sync()
    # Kept on both sides: the server refuses to change its event, and the counter, told the
    # server's version, refuses to overwrite its own. Neither copy is lost.
    assert rep.ok and rep.conflicts == 2
    with server.db.session() as s:
        assert s.get(Event, original[0]).payload == original[1]  # type: ignore[union-attr]
        [view] = list_conflicts(s, status=None)
        assert view.rule == "immutable" and view.local["payload"] == '{"x":1}'
    with c.db.session() as s:
        [mine] = list_conflicts(s, status=None)
        assert mine.rule == "immutable" and mine.server["payload"] == original[1]
        assert s.get(Event, original[0]).payload == '{"x":1}'  # type: ignore[union-attr]
    c.close()


def test_reference_row_made_twice_with_a_stable_id_meets_as_one(server: ServerTarget,
                                                                tmp_path: Path,
                                                                blank_db: Path) -> None:
    """What identity.stable_id is for: the same department added on two PCs."""
    ref = seed_hall(server.db, clerks=2)
    a = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    b = make_counter(tmp_path / "b", "02", server.url, ref.clerks[1], template=blank_db)
    for c in (a, b):
        assert c.sync().ok
        with c.db.transaction() as s:
            s.add(Department(id=stable_id("department", "GAJ"), code="GAJ", name="县公安局",
                             origin_terminal=c.code))
    for c in (a, b, a):
        rep = c.sync()
        assert rep.ok and rep.conflicts == 0
    assert_converged(server.db, [a, b])
    for c in (a, b):
        c.close()


def test_row_deleted_on_server_but_changed_on_a_counter(server: ServerTarget, tmp_path: Path,
                                                        blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    with server.db.transaction() as s:
        s.add(Department(id="dep-tmp", code="TMP", name="临时部门"))
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    with server.db.transaction() as s:  # a supervisor removes it on the server...
        s.execute(delete(Department).where(Department.id == "dep-tmp"))
    with c.db.transaction() as s:  # ...while the counter, offline, corrects its name
        s.get(Department, "dep-tmp").name = "县临时办公室"  # type: ignore[union-attr]
    rep = c.sync()
    assert rep.ok and rep.conflicts == 1
    with server.db.session() as s:
        [view] = list_conflicts(s)
        assert view.rule == "deleted_on_server"
        assert s.get(Department, "dep-tmp").name == "县临时办公室"  # type: ignore[union-attr]
    assert_converged(server.db, [c])
    c.close()
