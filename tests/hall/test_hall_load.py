"""Load: 60 terminals (the hall's staffing) syncing every second for two minutes against
one service on PostgreSQL, on loopback, bounded in time and count; meanwhile an approver's
returns travel to a clerk's PC through the change feed (the load: ``load.py``).

What must hold: no round is refused or fails for any reason but a late answer from the
loaded box (which the terminal retries the next second, losing nothing), and those are
rare; every whole PC ends with its last round through and nothing waiting; every case
they recorded is in the hall; every return reaches the clerk. The latencies are printed
(they depend on the machine's load; the targets are measured in bench/bench_hall_load.py)."""

from __future__ import annotations

import os
import statistics

import pytest
from sqlalchemy import func, select

from counter_app.models import CaseFile

from .conftest import Staffed
from .load import is_timeout, run_load

pytestmark = pytest.mark.slow
TERMINALS = int(os.environ.get("COUNTER_LOAD_TERMINALS", "60"))
FULL = int(os.environ.get("COUNTER_LOAD_FULL", "6"))
DURATION = float(os.environ.get("COUNTER_LOAD_SECONDS", "120"))
RETURNS = 10


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def _hall_cases(staffed: Staffed) -> int:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return int(s.execute(select(func.count()).select_from(CaseFile)).scalar_one())
    finally:
        hall.db.dispose()


def test_sixty_terminals_for_two_minutes(pg_staffed: Staffed) -> None:
    staffed = pg_staffed
    before = _hall_cases(staffed)
    run = run_load(staffed.server, staffed.tmp, staffed.item_code, staffed.window,
                   terminals=TERMINALS, full=FULL, seconds=DURATION, returns=RETURNS)
    errors = run.errors()
    lat = [x for r in run.full.values() for x in r["latencies"]]
    idle = run.light["idle"]
    made = sum(r["cases"] for r in run.full.values())
    print(f"\nterminals {TERMINALS} ({FULL} whole PCs), rounds {run.rounds()}, "
          f"late answers {sum(map(is_timeout, errors))}, cases {made}; whole PC round median "
          f"{statistics.median(lat) * 1000:.0f} ms, p95 {_p95(lat) * 1000:.0f} ms; idle round "
          f"p95 {_p95(idle) * 1000:.0f} ms; return to clerk median "
          f"{statistics.median(run.delays):.2f} s, p95 {_p95(run.delays):.2f} s")
    assert len(run.full) == FULL and len(run.delays) == RETURNS
    assert not [e for e in errors if not is_timeout(e)], errors
    assert len(errors) <= run.rounds() // 100, f"{len(errors)} late answers: {errors[:5]}"
    unfinished = {k: (r["last_errors"], r["waiting"]) for k, r in run.full.items()
                  if r["last_errors"] or r["waiting"]}
    assert not unfinished, unfinished
    assert made > 0 and len(idle) > TERMINALS
    assert _hall_cases(staffed) - before == made + RETURNS
