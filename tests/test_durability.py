"""A process crash at any moment leaves every acknowledged case intact.

A child process records cases in a loop and reports each committed case number; it is
killed with SIGKILL at random moments, 100 times. Afterwards PRAGMA integrity_check is ok
and every case it reported is there, complete (materials and events).

This is process-crash durability only: after SIGKILL the operating system still writes out
what the process handed it, so this test passes even with ``synchronous=OFF``. It says
nothing about a power cut. What a power cut needs (WAL with ``synchronous=FULL``: each commit
fsynced before it is acknowledged) is checked on every connection the app opens by
tests/test_connection_pragmas.py.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import Hall

KILLS = int(os.environ.get("COUNTER_DURABILITY_KILLS", "100"))
CHILD = Path(__file__).with_name("durability_child.py")


def _run_and_kill(hall: Hall, rng: random.Random) -> list[str]:
    folder = hall.ctx.db.url.removeprefix("sqlite:///").rsplit("/", 1)[0]
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), folder, hall.committed.code, hall.clerk.username],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() == "ready", proc.stderr.read() if proc.stderr else first
    time.sleep(rng.uniform(0.05, 0.8))
    os.kill(proc.pid, signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    # Only whole lines were acknowledged: a line cut mid-write was never reported.
    return [line for line in out.split("\n")[:-1] if line]


@pytest.mark.slow
def test_sigkill_loses_no_acknowledged_case(hall: Hall) -> None:
    hall.ctx.db.dispose()
    rng = random.Random(20261127)
    reported: list[str] = []
    for _ in range(KILLS):
        reported += _run_and_kill(hall, rng)
    assert len(reported) >= KILLS  # the child did real work between kills
    path = hall.ctx.db.url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        expected = len(hall.committed.materials)
        rows = {
            no: (mats, evs)
            for no, mats, evs in con.execute(
                "SELECT c.case_no, (SELECT COUNT(*) FROM case_material m WHERE m.case_id = c.id),"
                " (SELECT COUNT(*) FROM event_log e WHERE e.case_id = c.id) FROM case_file c"
            )
        }
    finally:
        con.close()
    missing = [no for no in reported if no not in rows]
    assert missing == []
    incomplete = [no for no in reported if rows[no] != (expected, 2)]
    assert incomplete == []
    assert len(set(reported)) == len(reported)
