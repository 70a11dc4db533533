"""Load: 60 terminals (the hall's staffing) syncing every second for two minutes against
one service on PostgreSQL, on loopback, bounded in time and count; meanwhile an approver's
returns travel to a clerk's PC through the change feed. Every round must succeed and every
return arrive; the latencies are printed (they depend on the machine's load)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import pytest

from counter_app.hallsync.engine import HallSync
from counter_app.hallsync.feed import ChangeFeed
from counter_app.services.handoff.service import CaseCheck

from .conftest import Staffed
from .kit import PC, authorize, receive

pytestmark = pytest.mark.slow
TERMINALS = int(os.environ.get("COUNTER_LOAD_TERMINALS", "60"))
PROCESSES = 6
DURATION = float(os.environ.get("COUNTER_LOAD_SECONDS", "120"))
INTERVAL = 1.0


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def test_sixty_terminals_for_two_minutes(pg_staffed: Staffed) -> None:
    staffed = pg_staffed
    first = PC(staffed.tmp / "t00", staffed.server).enroll()
    authorize(first, first.login("boss"), "clerk", staffed.window)
    authorize(first, first.login("boss"), "clerk2", staffed.window)
    first.run()
    first.close()
    folders = [first.folder]
    for i in range(1, TERMINALS):
        pc = PC(staffed.tmp / f"t{i:02d}", staffed.server).enroll()
        pc.close()
        folders.append(pc.folder)
    # The approver's side, in this process: cases signed for, then returned one by one.
    a = PC(staffed.tmp / "clerk-a", staffed.server).enroll()
    c = PC(staffed.tmp / "approver-c", staffed.server).enroll("approver")
    # Another clerk's cases: returns count against the clerk who received them.
    clerk, approver = a.login("clerk2"), c.login("approver")
    cases = [receive(a, clerk, staffed.item_code) for _ in range(10)]
    (batch,) = a.handoff.create_batches(clerk, cases)
    a.run()
    c.run()
    c.handoff.sign(approver, batch, [CaseCheck(n) for n in cases])
    c.run()
    a.run()

    chunks = [folders[i::PROCESSES] for i in range(PROCESSES)]
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tests.hall.load_worker", str(DURATION), str(INTERVAL),
         staffed.item_code, *map(str, chunk)], stdout=subprocess.PIPE, text=True,
        cwd=os.getcwd()) for chunk in chunks]
    changed: list[float] = []
    feed = ChangeFeed(a.sync.client, lambda _s: changed.append(time.monotonic())).start()
    delays = []
    try:
        time.sleep(min(10.0, DURATION / 4))
        for case_no in cases:
            c.handoff.return_case(approver, case_no, "负载测试退回")
            t0 = time.monotonic()
            c.run()
            while a.status_of(case_no) != "returned":
                assert time.monotonic() - t0 < 30, "the return never reached the clerk"
                if changed and changed[-1] >= t0:
                    a.run()
                time.sleep(0.02)
            delays.append(time.monotonic() - t0)
            time.sleep(DURATION / 20)
    finally:
        feed.stop()
    results: dict = {}
    for p in procs:
        out, _ = p.communicate(timeout=DURATION + 300)
        assert p.returncode == 0
        results.update(json.loads(out))
    lat = [x for r in results.values() for x in r["latencies"]]
    errors = sum(r["errors"] for r in results.values())
    made = sum(r["cases"] for r in results.values())
    print(f"\nterminals {TERMINALS}, rounds {len(lat)}, errors {errors}, cases {made}; "
          f"round median {statistics.median(lat) * 1000:.0f} ms, p95 {_p95(lat) * 1000:.0f} ms; "
          f"return to clerk median {statistics.median(delays):.2f} s, p95 {_p95(delays):.2f} s")
    failed = {k: r["failed"] for k, r in results.items() if "failed" in r}
    assert not failed, failed
    assert len(results) == TERMINALS and errors == 0
    # A bound that holds even on a loaded 2-core CI box; the figures above go in the note
    # (targets: idle round p95 under 200 ms, decision to clerk p95 under 2 s).
    assert max(delays) < 60, "the change feed must carry every decision to the clerk"
    shutil.rmtree(staffed.tmp / "t00", ignore_errors=True)
    assert isinstance(a.sync, HallSync)
