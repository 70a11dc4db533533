"""Counters receive cases offline, then sync (two, then ten at once): afterwards every counter
and the server hold the same rows, every case number is unique, nothing missing or doubled."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from counter_app.models import CaseFile, Event, HandoffBatch, Staff
from counter_app.models.database import Database
from counter_app.services.audit.chain import verify_chains
from counter_app.sync.server import init_server

from .hallkit import (
    ServerTarget,
    assert_converged,
    converge,
    hand_over,
    make_counter,
    receive_by_service,
    receive_case,
    seed_hall,
)


def test_two_counters_offline_then_sync(server: ServerTarget, tmp_path: Path,
                                        blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=2)
    a = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    b = make_counter(tmp_path / "b", "02", server.url, ref.clerks[1], template=blank_db)
    for c in (a, b):  # joining: reference data comes down
        rep = c.sync()
        assert rep.ok and rep.pulled > 0, rep.errors
        with c.db.session() as s:
            assert s.execute(select(func.count()).select_from(Staff)).scalar_one() == 3
    # The network is down for a while: both keep receiving.
    for _ in range(3):
        receive_case(a, ref)
        receive_case(b, ref)
    for _ in range(2):  # and through the intake service itself
        receive_by_service(a, ref)
        receive_by_service(b, ref)
    hand_over(a, ref, a.made[:3])
    status = a.engine.status()
    assert status.waiting > 0 and status.last_sync_at is not None
    converge([a, b])
    snap = assert_converged(server.db, [a, b])
    assert len(snap["case_file"]) == 10 and len(snap["handoff_batch"]) == 1
    assert a.engine.status().waiting == 0
    with server.db.session() as s:
        report = verify_chains(s)
        assert report.problems == (), report.problems
    for c in (a, b):
        c.close()


def test_ten_counters_sync_concurrently(server: ServerTarget, tmp_path: Path,
                                        blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=10)
    counters = [make_counter(tmp_path / f"c{i:02d}", f"{i:02d}", server.url, ref.clerks[i - 1],
                             template=blank_db, batch_size=50)
                for i in range(1, 11)]
    for c in counters:
        assert c.sync().ok
    for c in counters:  # offline work
        for _ in range(6):
            receive_case(c, ref)
    errors: list[str] = []
    start = threading.Barrier(len(counters))

    def work(c):  # type: ignore[no-untyped-def]
        start.wait()
        for _ in range(3):  # keep receiving while syncing, all at once
            receive_case(c, ref)
            rep = c.sync()
            errors.extend(f"{c.code}: {e}" for e in rep.errors)

    threads = [threading.Thread(target=work, args=(c,)) for c in counters]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    converge(counters, rounds=2)
    snap = assert_converged(server.db, counters)
    assert len(snap["case_file"]) == 10 * 9
    with server.db.session() as s:
        assert s.execute(select(func.count(func.distinct(CaseFile.case_no)))).scalar_one() == 90
        assert s.execute(select(func.count()).select_from(Event)).scalar_one() == 90 * 3
        assert s.execute(select(func.count()).select_from(HandoffBatch)).scalar_one() == 0
        assert verify_chains(s).problems == ()
    for c in counters:
        c.close()


def test_moving_to_a_new_server_sends_everything_again(server: ServerTarget, tmp_path: Path,
                                                       blank_db: Path) -> None:
    """The hall outgrows its shared SQLite file and moves to a new server: counters notice
    the new server's identity and send all they hold; nothing is missed."""
    old_url = f"sqlite:///{tmp_path / 'old' / 'hall.sqlite3'}"
    init_server(old_url)
    old = Database(old_url)
    ref = seed_hall(old, clerks=1)
    old.dispose()
    c = make_counter(tmp_path / "a", "01", old_url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    for _ in range(3):
        receive_case(c, ref)
    assert c.sync().ok
    c.engine.close()
    c.engine.server_url = server.url  # the new, empty server
    rep = c.sync()
    assert rep.ok and rep.conflicts == 0 and rep.pushed > 3 * 8
    snap = assert_converged(server.db, [c])
    assert len(snap["case_file"]) == 3 and len(snap["staff"]) == 2
    c.close()
