"""Faults while PCs sync, each followed by convergence with nothing lost and nothing
doubled: the service killed with SIGKILL mid-push, the answer cut after the service
committed, a PC frozen with SIGSTOP in mid-request.

What these prove: a process crash of the service (not a power cut of its machine) and lost
connections leave every acknowledged operation applied exactly once."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, select

from counter_app.models import CaseFile, HallOp
from counter_app.services.audit.chain import verify_chains
from counter_app.sync.report import SyncReport

from .conftest import Staffed
from .kit import PC, authorize, receive, snapshot
from .proxy import CuttingProxy

pytestmark = pytest.mark.slow
ROUNDS = 30
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


def _work(pc: PC, n: int) -> list[str]:
    clerk = pc.login("clerk")
    return [receive(pc, clerk, pc_item(pc), random.choice(NAMES)) for _ in range(n)]


def pc_item(pc: PC) -> str:
    return pc.item_code  # type: ignore[attr-defined,no-any-return]


def _ready(staffed: Staffed, name: str, server=None) -> PC:  # type: ignore[no-untyped-def]
    pc = PC(staffed.tmp / name, server or staffed.server).enroll()
    pc.item_code = staffed.item_code  # type: ignore[attr-defined]
    authorize(pc, pc.login("boss"), "clerk", staffed.window)
    pc.run()
    return pc


def _until_ok(pc: PC, tries: int = 20) -> None:
    for _ in range(tries):
        if not pc.run(ok=False):
            return
        time.sleep(0.5)
    raise AssertionError(pc.run(ok=False))


def _converged(staffed: Staffed, pcs: list[PC], numbers: list[str]) -> None:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            held = list(s.execute(select(CaseFile.case_no)).scalars())
            assert not verify_chains(s).problems
            ops = s.execute(select(func.count()).select_from(HallOp)).scalar_one()
            refused = s.execute(select(func.count()).select_from(HallOp).where(
                HallOp.status == "refused")).scalar_one()
        assert sorted(held) == sorted(numbers), "0 lost, 0 doubled"
        assert refused == 0
        want = snapshot(hall)
    finally:
        hall.db.dispose()
    made = sum(_ops_made(pc) for pc in pcs)
    assert ops == made, "every operation applied exactly once"
    for pc in pcs:
        got = snapshot(pc.ctx)
        for table in want:
            assert got[table] == want[table], f"{pc.folder.name}: {table}"
        with pc.ctx.db.session() as s:
            assert not verify_chains(s).problems


def _ops_made(pc: PC) -> int:
    from counter_app.models.oplog import OP_SEQ_KEY
    from counter_app.services.settings import get_setting

    with pc.ctx.db.session() as s:
        return int(get_setting(s, OP_SEQ_KEY) or 0)


def _faulted_rounds(a: PC, fault, repair, cases: int, within: float) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    """ROUNDS times: some offline work, a sync round, the fault at a random moment of it,
    the repair. Returns the case numbers made and how many rounds the fault interrupted."""
    numbers: list[str] = []
    interrupted = 0
    for _ in range(ROUNDS):
        numbers += _work(a, cases)
        report: list[SyncReport] = []
        t = threading.Thread(target=lambda r=report: r.append(a.sync.run_once()))
        t.start()
        time.sleep(random.uniform(0.0, within))
        fault()
        t.join(120)
        interrupted += bool(report and report[0].errors)
        repair()
    return numbers, interrupted


def test_service_killed_mid_push(staffed: Staffed) -> None:
    a = _ready(staffed, "counter-a")
    numbers, interrupted = _faulted_rounds(a, staffed.server.kill, staffed.server.start, 3, 0.3)
    _until_ok(a)
    _converged(staffed, [a], numbers)
    print(f"\nservice SIGKILLs: {ROUNDS}, rounds interrupted: {interrupted}")
    assert interrupted >= ROUNDS // 5, "the kills must land while rounds are under way"


def test_answer_cut_after_the_service_committed(staffed: Staffed) -> None:
    hall = staffed.server.hall()
    proxy = CuttingProxy(staffed.server.port, hall.op_count)
    try:
        via_proxy = dataclasses.replace(staffed.server, port=proxy.port)
        a = _ready(staffed, "counter-a", via_proxy)
        numbers: list[str] = []
        for i in range(ROUNDS):
            numbers += _work(a, 2)
            proxy.armed = True
            errors = a.run(ok=False)
            assert errors and proxy.cuts == i + 1, errors
            a.run()  # the resend gets the first answer back
        _converged(staffed, [a], numbers)
        print(f"\nanswers cut after commit: {proxy.cuts}")
    finally:
        proxy.close()
        hall.db.dispose()


def test_a_frozen_pc_holds_up_nobody(staffed: Staffed) -> None:
    a = _ready(staffed, "counter-a")
    b = _ready(staffed, "counter-b")
    numbers = _work(a, 120)  # a long push
    a.close()
    hall = staffed.server.hall()
    base = hall.op_count()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from counter_app.cli.main import main; sys.exit(main())",
         "--data-dir", str(a.folder), "hall-sync"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while hall.op_count() == base:  # A's request has reached the service: freeze A now
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    hall.db.dispose()
    proc.send_signal(signal.SIGSTOP)
    frozen_at = time.monotonic()
    try:
        worst = 0.0
        for _ in range(3):
            numbers += _work(b, 1)
            t0 = time.monotonic()
            b.run()
            worst = max(worst, time.monotonic() - t0)
        assert worst < 15, f"a round of B took {worst:.1f} s while A was frozen"
        time.sleep(max(0.0, 30 - (time.monotonic() - frozen_at)))
    finally:
        proc.send_signal(signal.SIGCONT)
    proc.wait(120)
    a.reopen()
    _until_ok(a)
    _until_ok(b)
    _converged(staffed, [a, b], numbers)
    print(f"\nB's slowest round while A was frozen: {worst:.2f} s")


def test_postgresql_stopped_immediately_mid_sync(pg_staffed: Staffed, hall_pg) -> None:  # type: ignore[no-untyped-def]
    """``pg_ctl -m immediate stop`` under the running service, 30 times."""
    staffed = pg_staffed
    a = _ready(staffed, "counter-a")
    numbers, interrupted = _faulted_rounds(a, hall_pg.crash, hall_pg.restart_after_crash, 4, 0.15)
    _until_ok(a)
    _converged(staffed, [a], numbers)
    print(f"\nPostgreSQL immediate stops: {ROUNDS}, rounds interrupted: {interrupted}")
    assert interrupted >= ROUNDS // 5, "the stops must land while rounds are under way"
