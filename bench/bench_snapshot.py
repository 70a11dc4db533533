"""The hall snapshot, streamed against one piece (issue: the streamed snapshot), in the same
run on the same hall of 50,000 cases on the embedded SQLite (``snapshot_hall.py``; built once
and kept under build/bench):

- baseline: a new PC takes the one-piece snapshot (``GET /v1/snapshot``, format 1, as PCs
  before the stream did): the service builds the whole answer, the PC reads it whole and
  loads it;
- streamed: a new PC's first sync round (``GET /v1/snapshot/stream``, loaded as it arrives,
  then the check-in and the pull after it).

Each on a freshly started service and in a PC process of its own: the peak RSS of each is
its own (the service's peak is reset before the snapshot, ``/proc/PID/clear_refs``).
Target: the service's and the PC's growth in memory under a third of the one-piece's, the
time within 1.3x of it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BUILD  # noqa: E402
from snapshot_hall import build_hall, pc_first_sync, reset_peak, rss_mb  # noqa: E402

from tests.hall.kit import HallServer  # noqa: E402

CASES = int(os.environ.get("COUNTER_BENCH_SNAPSHOT_CASES", "50000"))


def _first_sync(folder: Path, tmp: Path, how: str) -> dict[str, float]:
    server = HallServer(folder).start()
    try:
        assert server.proc is not None
        pid = server.proc.pid
        idle = rss_mb(pid, "VmRSS")
        reset_peak(pid)
        pc = pc_first_sync(tmp / f"pc-{how}", server.url, server.code(), how)
        return {"service_idle_mb": idle, "service_peak_mb": rss_mb(pid), **pc}
    finally:
        server.stop()


def run() -> dict[str, Any]:
    folder = BUILD / f"snapshot-hall-{CASES}"
    t = time.perf_counter()
    build_hall(folder, CASES)
    built_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        one = _first_sync(folder, tmp, "one_piece")
        streamed = _first_sync(folder, tmp, "sync")
    service = {k: v["service_peak_mb"] - v["service_idle_mb"] for k, v in
               (("one", one), ("streamed", streamed))}
    pc = {k: v["peak_mb"] - v["rss_before_mb"] for k, v in (("one", one), ("streamed", streamed))}
    ratios = {"service_memory": service["streamed"] / service["one"],
              "pc_memory": pc["streamed"] / pc["one"],
              "time": streamed["seconds"] / one["seconds"]}
    return {
        "what": "a new PC's first sync from the hall's snapshot: streamed against one piece",
        "cases": CASES, "rows": int(streamed["rows"]), "hall_built_s": round(built_s, 1),
        "one_piece": {"service_peak_mb": round(one["service_peak_mb"], 1),
                      "service_growth_mb": round(service["one"], 1),
                      "pc_peak_mb": one["peak_mb"], "pc_growth_mb": round(pc["one"], 1),
                      "seconds": one["seconds"]},
        "streamed": {"service_peak_mb": round(streamed["service_peak_mb"], 1),
                     "service_growth_mb": round(service["streamed"], 1),
                     "pc_peak_mb": streamed["peak_mb"], "pc_growth_mb": round(pc["streamed"], 1),
                     "seconds": streamed["seconds"]},
        **{f"ratio_{k}": round(v, 2) for k, v in ratios.items()},
        "load_avg_1min": round(os.getloadavg()[0], 1),
        "target": "memory growth under 1/3 of one piece on both ends, time within 1.3x",
        "ok": ratios["service_memory"] < 1 / 3 and ratios["pc_memory"] < 1 / 3
        and ratios["time"] <= 1.3,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, indent=2))
