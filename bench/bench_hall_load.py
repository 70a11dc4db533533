"""The hall under its staffing (issue 12): 60 terminals syncing every second against one
``counter-server`` on PostgreSQL, on loopback, while an approver's returns travel to a
clerk's PC through the change feed. Targets: an idle round p95 under 200 ms; a decision on
the clerk's PC p95 under 2 s.

The load (``tests/hall/load.py``, which the test ``tests/hall/test_hall_load.py`` runs too):
FULL (default 6) whole PCs, the rest (default 54) light terminals speaking the real protocol
of a round, the clerk's and the approver's PCs whole. The service's own time per request
comes from its ``Server-Timing`` header; the baseline is a bare ``GET /v1/ca`` sent every
second under the same load at the same time.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hall.conftest import staffed_hall  # noqa: E402
from tests.hall.load import LoadRun, run_load  # noqa: E402
from tests.pgtest import PgServer  # noqa: E402

TERMINALS = int(os.environ.get("COUNTER_LOAD_TERMINALS", "60"))
FULL = int(os.environ.get("COUNTER_LOAD_FULL", "6"))
DURATION = float(os.environ.get("COUNTER_LOAD_SECONDS", "120"))
RETURNS = int(os.environ.get("COUNTER_LOAD_RETURNS", "20"))


def _p(xs: list[float], q: float) -> float:
    return sorted(xs)[max(0, int(len(xs) * q) - 1)] if xs else float("nan")


def _ms(x: float) -> float:
    return round(x * 1000, 1)


def run() -> list[dict[str, Any]]:
    with PgServer() as pg, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        hall = staffed_hall(tmp, pg.create_database("hall_load"))
        staffed = next(hall)
        try:
            load = run_load(staffed.server, tmp, staffed.item_code, staffed.window,
                            terminals=TERMINALS, full=FULL, seconds=DURATION, returns=RETURNS)
            if load.clerk is not None:
                load.clerk.close()
            return _figures(load)
        finally:
            hall.close()  # the generator's finally: the server stops


def _figures(run: LoadRun) -> list[dict[str, Any]]:
    lt, delays = run.light, run.delays
    full_lat = [x for r in run.full.values() for x in r["latencies"]]
    load = round(statistics.mean(run.loads), 1) if run.loads else round(os.getloadavg()[0], 1)
    idle_p95, bare_p95 = _p(lt["idle"], 0.95), _p(lt["bare"], 0.95)
    return [
        {"bench": "bench_hall_load", "what": "idle round, 60 terminals syncing every second",
         "terminals": TERMINALS, "full_pcs": FULL, "light_terminals": TERMINALS - FULL,
         "seconds": DURATION, "idle_rounds": len(lt["idle"]), "rounds_with_pull": len(lt["busy"]),
         "errors": len(run.errors()),
         "idle_median_ms": _ms(statistics.median(lt["idle"])), "idle_p95_ms": _ms(idle_p95),
         "idle_server_median_ms": _ms(statistics.median(lt["server_idle"])),
         "idle_server_p95_ms": _ms(_p(lt["server_idle"], 0.95)),
         "round_with_pull_p95_ms": _ms(_p(lt["busy"], 0.95)),
         "full_pc_round_median_ms": _ms(statistics.median(full_lat)) if full_lat else None,
         "full_pc_round_p95_ms": _ms(_p(full_lat, 0.95)),
         "bare_ca_median_ms": _ms(statistics.median(lt["bare"])), "bare_ca_p95_ms": _ms(bare_p95),
         "ratio_p95_vs_bare": round(idle_p95 / bare_p95, 2), "load_avg_1min": load,
         "service_cpu_cores_used": round(run.service_cores, 2),
         "target": "idle round p95 under 200 ms", "ok": idle_p95 < 0.2},
        {"bench": "bench_hall_load", "what": "an approver's return on the clerk's PC, same load",
         "returns": len(delays), "median_s": round(statistics.median(delays), 2),
         "p95_s": round(_p(delays, 0.95), 2), "max_s": round(max(delays), 2),
         "load_avg_1min": load, "target": "p95 under 2 s", "ok": _p(delays, 0.95) < 2},
    ]


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
