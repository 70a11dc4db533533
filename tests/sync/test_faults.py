"""Faults during sync: the server stopped at random points (50 times), the connection lost
after the server committed, a batch delivered twice, faults at every step, clocks hours
wrong. After recovery: nothing lost, nothing doubled, everything converged."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from collections import Counter as Tally
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.legacy_sync import list_conflicts
from counter_app.legacy_sync.apply import apply_batch
from counter_app.legacy_sync.engine import SyncEngine
from counter_app.legacy_sync.push import read_batch
from counter_app.models import CaseFile, HandoffBatch, SyncConflict, hall_now
from counter_app.models.database import Database
from counter_app.services.context import ServiceContext
from counter_app.sync.errors import ServerUnavailable
from counter_app.sync.report import SyncReport

from .hallkit import (
    Counter,
    HallRef,
    ServerTarget,
    assert_converged,
    hand_over,
    make_counter,
    outbox_size,
    receive_case,
    seed_hall,
    sign_on_server,
)

FAULTS = 50


class Clock:
    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def __call__(self):  # type: ignore[no-untyped-def]
        return hall_now() + self.offset


def _recover(counters: list[Counter]) -> int:
    """Quiet rounds after the faults; returns the resends the server ignored."""
    dup = 0
    for _ in range(3):
        for c in counters:
            rep = c.sync()
            assert rep.ok, rep.errors
            dup += rep.duplicates
    return dup


# -- the server stops at random points -----------------------------------------------------

def _pg_crashes(server: ServerTarget, counters: list[Counter], ref: HallRef,
                busy: threading.Event) -> Tally:
    """Immediate shutdown of PostgreSQL (no checkpoint, every backend killed) while three
    counters keep receiving and syncing in their own threads; then restart. Each stop waits
    until a round is talking to the server, then strikes at a random moment of it."""
    assert server.pg is not None
    tally: Tally = Tally()
    stop = threading.Event()
    lock = threading.Lock()

    def work(c: Counter) -> None:
        failed = 0
        while not stop.is_set():
            if failed % 5 == 0:  # a clerk receives while the server is down, not endlessly
                receive_case(c, ref)
            rep = c.sync()
            failed = failed + 1 if rep.errors else 0
            with lock:
                tally["rounds"] += 1
                tally["rounds failed"] += bool(rep.errors)
            if rep.errors:
                time.sleep(0.05)  # the app backs off (next_delay); here briefly

    threads = [threading.Thread(target=work, args=(c,)) for c in counters]
    for t in threads:
        t.start()
    rng = random.Random(20261127)
    try:
        for _ in range(FAULTS):
            busy.clear()
            tally["stops during a round"] += busy.wait(10)
            time.sleep(rng.uniform(0.0, 0.4))
            server.pg.crash()
            tally["server stops"] += 1
            server.pg.restart_after_crash()
    finally:
        if not server.pg.running:
            server.pg.restart_after_crash()
        stop.set()
        for t in threads:
            t.join(timeout=120)
    return tally


def _child(folder: str, code: str, url: str, clerk: str, ref: HallRef, ready, phase,  # type: ignore[no-untyped-def]
           stop=None) -> None:
    """A counter process receiving and syncing with the shared SQLite file: until killed,
    or until ``stop`` is set."""
    db = Database(f"sqlite:///{folder}/counter.sqlite3")
    ctx = ServiceContext(db=db, terminal=code)
    c = Counter(code, ctx, SyncEngine(db, url, code, batch_size=20, page_size=50), clerk)
    ready.set()
    while stop is None or not stop.is_set():
        phase.value = 1
        receive_case(c, ref)
        phase.value = 2
        c.sync()
    c.close()


def _sqlite_kills(server: ServerTarget, counters: list[Counter], ref: HallRef,
                  tmp: Path) -> Tally:
    """The shared SQLite file has no server process: what stops is a process writing it.
    A counter process is killed (SIGKILL) at a random moment, mid-transaction on the
    shared file or on its own, 50 times, while another counter process keeps syncing.
    (Processes are forked from a parent with no threads and no open connections.)"""
    tally: Tally = Tally()
    for c in counters:
        c.close()
    server.dispose()
    mp = multiprocessing.get_context("fork")
    stop, ready_b = mp.Event(), mp.Event()
    b = counters[1]
    other = mp.Process(target=_child, args=(str(tmp / "b"), b.code, server.url, b.clerk, ref,
                                            ready_b, mp.Value("i", 0), stop))
    other.start()
    assert ready_b.wait(60)
    a = counters[0]
    rng = random.Random(20261127)
    try:
        for _ in range(FAULTS):
            ready, phase = mp.Event(), mp.Value("i", 0)
            p = mp.Process(target=_child, args=(str(tmp / "a"), a.code, server.url, a.clerk,
                                                ref, ready, phase))
            p.start()
            assert ready.wait(60)
            time.sleep(rng.uniform(0.01, 0.3))
            os.kill(p.pid, signal.SIGKILL)
            p.join()
            tally["writer kills"] += 1
            tally["kills during sync" if phase.value == 2 else "kills during intake"] += 1
    finally:
        stop.set()
        other.join(timeout=120)
    assert other.exitcode == 0
    return tally


def test_server_stops_at_random_points(server: ServerTarget, tmp_path: Path, blank_db: Path,
                                       record_property: pytest.RecordProperty) -> None:
    ref = seed_hall(server.db, clerks=3)
    busy = threading.Event()

    def hook(point: str) -> None:
        if point in ("push.read", "pull.fetched"):
            busy.set()

    counters = [make_counter(tmp_path / n, f"0{i}", server.url, ref.clerks[i - 1],
                             template=blank_db, batch_size=20, page_size=50, hook=hook)
                for i, n in enumerate("abc", start=1)]
    for c in counters:
        assert c.sync().ok
    if server.kind == "postgresql":
        tally = _pg_crashes(server, counters, ref, busy)
        assert tally["server stops"] == FAULTS
    else:
        tally = _sqlite_kills(server, counters, ref, tmp_path)
        assert tally["writer kills"] == FAULTS
        counters = [make_counter(tmp_path / n, f"0{i}", server.url, ref.clerks[i - 1])
                    for i, n in enumerate("abc", start=1)]
    tally["resends ignored on recovery"] = _recover(counters)
    snap = assert_converged(server.db, counters)
    with counters[0].db.session() as s:  # the killed counter's cases: all on the server
        mine = set(s.execute(select(CaseFile.id).where(CaseFile.origin_terminal == "01"))
                   .scalars())
    assert mine and mine <= set(snap["case_file"])
    tally["cases"] = len(snap["case_file"])
    record_property("faults", dict(tally))
    print(f"\n[{server.kind}] faults: {dict(tally)}")
    for c in counters:
        c.close()


# -- the connection drops after the server committed -----------------------------------------

def test_connection_lost_after_server_commit(server: ServerTarget, tmp_path: Path,
                                             blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    drops = commits = 0
    armed = False

    def hook(point: str) -> None:
        """Every other commit's answer is lost (so each lost batch is resent once)."""
        nonlocal drops, commits
        if armed and point == "push.after_commit":
            commits += 1
            if commits % 2 == 1 and drops < 10:
                drops += 1
                raise ServerUnavailable("连接中断（测试注入：服务器已提交，终端未收到确认）")

    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db,
                     hook=hook, batch_size=4)
    assert c.sync().ok
    for _ in range(10):
        receive_case(c, ref)
    armed = True
    first = c.sync()  # the first batch (the case and its materials) lands; its answer is lost
    assert not first.ok and drops == 1
    # Before the resend the clerk corrects the phone number: a new change of a row the
    # server already has from this counter. It follows on, no conflict.
    with c.db.transaction() as s:
        s.get(CaseFile, c.made[0]).phone = "13900000000"  # type: ignore[union-attr]
    reports = [first, *(c.sync() for _ in range(12))]
    assert drops == 10
    # Every lost batch is resent once and ignored, except the corrected case row.
    assert sum(r.duplicates for r in reports) == 4 * drops - 1
    assert all(r.conflicts == 0 for r in reports)
    assert reports[-1].ok and outbox_size(c.db) == 0
    assert_converged(server.db, [c])
    with server.db.session() as s:
        assert s.get(CaseFile, c.made[0]).phone == "13900000000"  # type: ignore[union-attr]
    c.close()


def test_batch_delivered_twice(server: ServerTarget, tmp_path: Path, blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    for _ in range(3):
        receive_case(c, ref)
    with c.db.engine.begin() as conn:
        batch = read_batch(conn, 1000)
    engine = c.engine.server
    with engine.begin() as conn:
        first = apply_batch(conn, batch, origin=c.engine.instance, terminal="01")
    with engine.begin() as conn:
        second = apply_batch(conn, batch, origin=c.engine.instance, terminal="01")
    assert (first.applied, first.duplicates) == (len(batch), 0)
    assert (second.applied, second.duplicates) == (0, len(batch))
    rep = c.sync()  # the engine's own delivery is the third: ignored as well
    assert rep.ok and rep.duplicates == len(batch) and rep.pushed == 0
    with server.db.session() as s:
        assert len(s.execute(select(CaseFile)).scalars().all()) == 3
        assert s.execute(select(SyncConflict)).first() is None
    assert_converged(server.db, [c])
    c.close()


# -- faults at every step of a round ---------------------------------------------------------

POINTS = ("push.read", "push.before_commit", "push.after_commit", "push.confirmed",
          "pull.fetched", "pull.applied")


def test_faults_at_random_points_of_push_and_pull(server: ServerTarget, tmp_path: Path,
                                                  blank_db: Path) -> None:
    """Each round one point of the round, drawn at random, fails as a lost connection."""
    ref = seed_hall(server.db, clerks=2)
    rng = random.Random(7)
    tally: Tally = Tally()
    target = ""

    def hook(point: str) -> None:
        nonlocal target
        if point == target:
            target = ""
            tally["injected"] += 1
            tally[point] += 1
            raise ServerUnavailable(f"测试注入：在 {point} 断开")

    a, b = (make_counter(tmp_path / n, f"0{i}", server.url, ref.clerks[i - 1],
                         template=blank_db, hook=hook, batch_size=6, page_size=10)
            for i, n in enumerate("ab", start=1))
    for c in (a, b):  # joining (reference data) before the faults begin
        assert c.sync().ok
    rounds = 0
    while tally["injected"] < FAULTS and rounds < 300:
        rounds += 1
        for c in (a, b):
            receive_case(c, ref)
            target = rng.choice(POINTS) if tally["injected"] < FAULTS else ""
            c.sync()
        if rounds % 4 == 0:  # the approver works on the server meanwhile
            bid = hand_over(a, ref, a.made[-2:])
            target = ""
            a.sync()
            with server.db.session() as s:
                arrived = s.get(HandoffBatch, bid) is not None
            if arrived:
                sign_on_server(server.db, bid, ref.approver)
    target = ""
    assert tally["injected"] == FAULTS
    _recover([a, b])
    assert_converged(server.db, [a, b])
    assert set(POINTS) <= set(tally)
    print(f"\n[{server.kind}] injected faults by point: {dict(tally)}")
    for c in (a, b):
        c.close()


# -- a counter's clock is hours wrong --------------------------------------------------------

def test_clock_hours_wrong_decides_nothing(server: ServerTarget, tmp_path: Path,
                                           blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    clock = Clock(timedelta(hours=7))  # seven hours fast
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db,
                     clock=clock)
    assert c.sync().ok
    first, _ = receive_case(c, ref)
    second, _ = receive_case(c, ref)
    bid = hand_over(c, ref, [first, second])
    assert c.sync().ok
    sign_on_server(server.db, bid, ref.approver)  # the approver signs at the real time
    # Offline, the counter (clock +7 h: its writes look "newest") pulls the first file
    # back out of the batch. The approver already holds it: the counter's change is refused.
    with c.db.transaction() as s:
        case = s.get(CaseFile, first)
        assert case is not None
        case.status, case.phone, case.updated_at = "accepted", "13700000000", clock()
    rep = c.sync()
    assert rep.ok and rep.conflicts == 1
    with server.db.session() as s:
        case = s.get(CaseFile, first)
        assert case is not None and case.status == "with_approver"
        assert case.phone == "13812345678"
        [conflict] = list_conflicts(s, status=None)
        assert conflict.rule == "custody" and conflict.local["status"] == "accepted"
    # The approver returns the second file; the counter, now 9 hours slow, fixes its
    # phone number: an older clock loses nothing that only it changed.
    with server.db.transaction() as s:
        case = s.get(CaseFile, second)
        assert case is not None
        case.status, case.updated_at = "returned", hall_now()
    assert c.sync().ok
    clock.offset = timedelta(hours=-9)
    with c.db.transaction() as s:
        case = s.get(CaseFile, second)
        assert case is not None and case.status == "returned"
        case.phone, case.updated_at = "13600000000", clock()
    rep = c.sync()
    assert rep.ok and rep.conflicts == 0
    with server.db.session() as s:
        case = s.get(CaseFile, second)
        assert case is not None and (case.status, case.phone) == ("returned", "13600000000")
    assert_converged(server.db, [c])
    with c.db.session() as s:
        assert s.get(CaseFile, first).status == "with_approver"  # type: ignore[union-attr]
    c.close()


def test_unreachable_server_is_reported_and_loses_nothing(server: ServerTarget,
                                                          tmp_path: Path,
                                                          blank_db: Path) -> None:
    ref = seed_hall(server.db, clerks=1)
    c = make_counter(tmp_path / "a", "01", server.url, ref.clerks[0], template=blank_db)
    assert c.sync().ok
    receive_case(c, ref)
    waiting = outbox_size(c.db)
    c.engine.server_url = (server.url.replace(str(server.pg.port), "1")
                           if server.pg else "sqlite:///" + str(tmp_path / "nowhere" / "x.db"))
    c.engine.close()
    rep: SyncReport = c.sync()
    assert not rep.ok and ("无法连接" in rep.errors[0] or "不存在" in rep.errors[0])
    assert outbox_size(c.db) == waiting
    status = c.engine.status()
    assert status.last_error and status.waiting == waiting
    c.engine.server_url = server.url
    c.engine.close()
    assert c.sync().ok and outbox_size(c.db) == 0
    c.close()
