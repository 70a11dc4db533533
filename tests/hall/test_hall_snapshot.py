"""A PC's first sync as one snapshot download, and an idle round as one request, on a real
``counter-server`` with PCs as their own data folders."""

from __future__ import annotations

import httpx
from sqlalchemy import select, text

from counter_app.bootstrap import open_context
from counter_app.hall.timing import server_ms
from counter_app.hallsync import config
from counter_app.hallsync import snapshot as snap
from counter_app.hallsync.engine import HallSync
from counter_app.hallsync.enroll import enroll
from counter_app.models import CaseFile

from .conftest import Staffed
from .kit import PC, authorize, receive
from .kit import snapshot as rows_of
from .test_hall_scope import _holds_exactly, _other_item


def _pc_with_hook(staffed: Staffed, name: str, window: str) -> tuple[PC, list[str]]:
    """A PC enrolled for a window, not yet synced, whose sync engine reports its steps."""
    pc = PC(staffed.tmp / name, staffed.server)
    pc.ctx = open_context(pc.folder)
    enroll(pc.ctx.db, staffed.server.url, staffed.server.code(window), name=name)
    pc.ctx.db.dispose()
    pc.ctx = open_context(pc.folder)
    steps: list[str] = []
    pc.sync = HallSync(pc.ctx.db, pc.ctx.terminal, clock=pc.ctx.clock, hook=steps.append)
    return pc, steps


def _indexes_and_triggers(pc: PC) -> set[tuple[str, str]]:
    with pc.ctx.db.read() as conn:
        return {(n, q) for n, q in conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL")).all()}


def _requests(pc: PC) -> list[httpx.Response]:
    seen: list[httpx.Response] = []
    pc.sync.client().http.event_hooks["response"].append(seen.append)
    return seen


def test_first_sync_is_one_snapshot_of_the_scope(any_staffed: Staffed) -> None:
    """On the embedded SQLite and on PostgreSQL (which writes the stored form itself)."""
    staffed = any_staffed
    server = staffed.server.hall()
    item2, window2 = _other_item(server, staffed.window, staffed.department)
    server.db.dispose()
    staffed.server.add_staff("clerkb", ["clerk"], window=window2)
    boss_pc = staffed.pc("supervisor")
    authorize(boss_pc, boss_pc.login("boss"), "clerk", staffed.window)
    authorize(boss_pc, boss_pc.login("boss"), "clerkb", window2)
    boss_pc.run()
    a = staffed.pc("window-a", window=staffed.window)
    b = staffed.pc("window-b", window=window2)
    mine = [receive(a, a.login("clerk"), staffed.item_code) for _ in range(3)]
    other = receive(b, b.login("clerkb"), item2)
    a.run()
    b.run()

    new, steps = _pc_with_hook(staffed, "window-a2", staffed.window)
    schema = _indexes_and_triggers(new)
    report = new.sync.run_once()
    assert report.ok, report.errors
    assert "snapshot.fetched" in steps, "a PC holding nothing takes its scope in one download"
    assert steps.count("pull.fetched") == 1, "then one pull after the snapshot's sequence"
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            ids = dict(s.execute(select(CaseFile.case_no, CaseFile.id)).all())
        hall_rows = rows_of(hall)
        journal = hall.journal_seq()
    finally:
        hall.db.dispose()
    _holds_exactly(new, hall_rows, {ids[n] for n in mine}, set())
    assert other in ids and ids[other] not in rows_of(new.ctx)["case_file"], "not window B's"
    with new.ctx.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one() == 0, \
            "loaded rows are the hall's: nothing queued to go back"
        pulled = conn.execute(text("SELECT value FROM setting WHERE key = :k"),
                              {"k": config.K_PULL}).scalar()
    assert pulled is not None and int(pulled) == journal
    assert _indexes_and_triggers(new) == schema, "indexes and capture triggers put back as they were"

    later = receive(a, a.login("clerk"), staffed.item_code)  # after the snapshot: pulled
    a.run()
    steps.clear()
    assert new.sync.run_once().ok
    assert "snapshot.fetched" not in steps
    with new.ctx.db.session() as s:
        assert later in set(s.execute(select(CaseFile.case_no)).scalars())

    # The capture triggers lifted for the load are back: the PC's own work is queued.
    own = receive(new, new.login("clerk"), staffed.item_code)
    with new.ctx.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one() > 0
    assert new.sync.run_once().ok
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            assert own in set(s.execute(select(CaseFile.case_no)).scalars())
    finally:
        hall.db.dispose()


def _window_a(staffed: Staffed) -> PC:
    """Window A's PC, its clerk authorised for the window by the supervisor."""
    boss_pc = staffed.pc("supervisor")
    authorize(boss_pc, boss_pc.login("boss"), "clerk", staffed.window)
    boss_pc.run()
    return staffed.pc("window-a", window=staffed.window)


def test_a_snapshot_that_does_not_fit_loads_nothing(staffed: Staffed) -> None:
    a = _window_a(staffed)
    new, _steps = _pc_with_hook(staffed, "window-a2", staffed.window)
    receive(a, a.login("clerk"), staffed.item_code)
    a.run()
    data = snap.fetch(new.sync.client())
    assert data is not None and data["tables"]["case_file"]["rows"]
    before = rows_of(new.ctx)
    data["tables"]["case_file"]["columns"][-1] = "no_such_column"  # a newer hall, say
    try:
        with new.ctx.db.engine.begin() as conn:
            snap.load(conn, data, new.ctx.terminal)
    except snap.Unusable:
        pass
    else:
        raise AssertionError("a snapshot of other columns is refused")
    assert rows_of(new.ctx) == before, "rolled back whole"
    assert new.sync.run_once().ok  # the real one, as the hall sends it
    with new.ctx.db.session() as s:
        assert s.execute(select(CaseFile.case_no)).scalars().all()


def test_an_idle_round_is_one_request(staffed: Staffed) -> None:
    a = _window_a(staffed)
    b = staffed.pc("window-b", window=staffed.window)
    a.run()  # b's enrollment (the hall's list of terminals) comes down
    seen = _requests(a)
    a.run()
    assert [r.request.url.path for r in seen] == ["/v1/hello"], "nothing new: check-in only"
    assert all(server_ms(r.headers) is not None for r in seen), "the service says its own time"
    receive(b, b.login("clerk"), staffed.item_code)
    b.run()
    seen.clear()
    a.run()
    assert [r.request.url.path for r in seen][:2] == ["/v1/hello", "/v1/pull"], \
        "something new: pulled in the same round"
    assert len(a.status_of_all()) == 1
