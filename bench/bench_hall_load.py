"""The hall under its staffing (issue 12): 60 terminals syncing every second against one
``counter-server`` on PostgreSQL, on loopback, while an approver's returns travel to a
clerk's PC through the change feed. Targets: an idle round p95 under 200 ms; a decision on
the clerk's PC p95 under 2 s.

The load, honestly described:
- FULL (default 6) terminals are whole PCs (their own data folders, ``HallSync`` rounds,
  a case recorded every tenth round) in ``tests/hall/load_worker.py`` processes;
- the rest (default 54) are light terminals (``hall_terminals.py``): enrolled with their
  own credentials, speaking the real protocol of a round (check-in; pull pages when the
  journal is ahead), without the PC's own SQLite work;
- the clerk's PC and the approver's PC run here, whole.
The service's own time per request comes from its ``Server-Timing`` header; the baseline
is a bare ``GET /v1/ca`` sent every second under the same load at the same time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from common import process_cpu_s  # noqa: E402

from counter_app.hallsync.client import HallClient  # noqa: E402
from counter_app.hallsync.feed import ChangeFeed  # noqa: E402
from counter_app.services.handoff.service import CaseCheck  # noqa: E402
from tests.hall.conftest import staffed_hall  # noqa: E402
from tests.hall.kit import PC, HallServer, authorize, receive  # noqa: E402
from tests.pgtest import PgServer  # noqa: E402

TERMINALS = int(os.environ.get("COUNTER_LOAD_TERMINALS", "60"))
FULL = int(os.environ.get("COUNTER_LOAD_FULL", "6"))
DURATION = float(os.environ.get("COUNTER_LOAD_SECONDS", "120"))
RETURNS = int(os.environ.get("COUNTER_LOAD_RETURNS", "20"))
INTERVAL = 1.0


def _p(xs: list[float], q: float) -> float:
    return sorted(xs)[max(0, int(len(xs) * q) - 1)] if xs else float("nan")


def _ms(x: float) -> float:
    return round(x * 1000, 1)


def _light_tokens(server: HallServer, window: str, n: int) -> list[str]:
    tokens = []
    with httpx.Client(base_url=server.url, verify=False) as c:
        for i in range(n):
            code = server.code(window=window)
            r = c.post("/v1/enroll", json={"code": code.replace("-", "")[:10], "kind": "counter",
                                           "name": f"light-{i:02d}"})
            r.raise_for_status()
            tokens.append(r.json()["token"])
    return tokens


def run() -> list[dict[str, Any]]:
    with PgServer() as pg, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        hall = staffed_hall(tmp, pg.create_database("hall_load"))
        staffed = next(hall)
        try:
            return _run(staffed.server, tmp, staffed.item_code, staffed.window)
        finally:
            hall.close()  # the generator's finally: the server stops


def _run(server: HallServer, tmp: Path, item: str, window: str) -> list[dict[str, Any]]:
    first = PC(tmp / "t00", server).enroll(window=window)
    authorize(first, first.login("boss"), "clerk", window)
    authorize(first, first.login("boss"), "clerk2", window)
    first.run()
    first.close()
    folders = [first.folder]
    for i in range(1, FULL):
        pc = PC(tmp / f"t{i:02d}", server).enroll(window=window)
        pc.close()
        folders.append(pc.folder)
    tokens = _light_tokens(server, window, TERMINALS - FULL)
    a = PC(tmp / "clerk-a", server).enroll(window=window)
    c = PC(tmp / "approver-c", server).enroll("approver")
    clerk, approver = a.login("clerk2"), c.login("approver")
    cases = [receive(a, clerk, item) for _ in range(RETURNS)]
    (batch,) = a.handoff.create_batches(clerk, cases)
    a.run()
    c.run()
    c.handoff.sign(approver, batch, [CaseCheck(n) for n in cases])
    c.run()
    a.run()

    ca = tmp / "ca.pem"
    ca.write_text((server.folder / "tls" / "ca.pem").read_text(encoding="ascii"), encoding="ascii")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tests.hall.load_worker", str(DURATION), str(INTERVAL), item,
         *map(str, folders[i::2])], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        for i in range(min(2, FULL))]
    light = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "hall_terminals.py"), server.url, str(ca),
         str(DURATION), str(INTERVAL), *tokens], stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env=env)
    changed: list[float] = []
    cfg = a.sync.cfg
    feed = ChangeFeed(lambda: HallClient(cfg.url, cfg.ca_pem, cfg.token),
                      lambda _s: changed.append(time.monotonic())).start()
    delays: list[float] = []
    loads: list[float] = []
    try:
        time.sleep(min(15.0, DURATION / 4))  # the light terminals' first syncs, then steady
        assert server.proc is not None
        cpu0, t0_all = process_cpu_s(server.proc.pid), time.monotonic()
        for case_no in cases:
            c.handoff.return_case(approver, case_no, "负载测试退回")
            t0 = time.monotonic()
            c.run()
            while a.status_of(case_no) != "returned":
                if time.monotonic() - t0 > 60:
                    raise RuntimeError("a return never reached the clerk's PC")
                if changed and changed[-1] >= t0:
                    a.run()
                time.sleep(0.02)
            delays.append(time.monotonic() - t0)
            loads.append(os.getloadavg()[0])
            time.sleep(DURATION * 0.6 / RETURNS)
        # The service's CPU in the steady part, as a share of one core.
        service_cores = (process_cpu_s(server.proc.pid) - cpu0) / (time.monotonic() - t0_all)
    finally:
        feed.stop()
    full: dict[str, Any] = {}
    for p in procs:
        out, _ = p.communicate(timeout=DURATION + 600)
        full.update(json.loads(out))
    out, _ = light.communicate(timeout=DURATION + 600)
    lt = json.loads(out)
    a.close()
    c.close()
    full_lat = [x for r in full.values() for x in r["latencies"]]
    full_errors = sum(r["errors"] for r in full.values())
    load = round(statistics.mean(loads), 1) if loads else round(os.getloadavg()[0], 1)
    idle_p95, bare_p95 = _p(lt["idle"], 0.95), _p(lt["bare"], 0.95)
    return [
        {"bench": "bench_hall_load", "what": "idle round, 60 terminals syncing every second",
         "terminals": TERMINALS, "full_pcs": FULL, "light_terminals": TERMINALS - FULL,
         "seconds": DURATION, "idle_rounds": len(lt["idle"]), "rounds_with_pull": len(lt["busy"]),
         "errors": len(lt["errors"]) + full_errors,
         "idle_median_ms": _ms(statistics.median(lt["idle"])), "idle_p95_ms": _ms(idle_p95),
         "idle_server_median_ms": _ms(statistics.median(lt["server_idle"])),
         "idle_server_p95_ms": _ms(_p(lt["server_idle"], 0.95)),
         "round_with_pull_p95_ms": _ms(_p(lt["busy"], 0.95)),
         "full_pc_round_median_ms": _ms(statistics.median(full_lat)) if full_lat else None,
         "full_pc_round_p95_ms": _ms(_p(full_lat, 0.95)),
         "bare_ca_median_ms": _ms(statistics.median(lt["bare"])), "bare_ca_p95_ms": _ms(bare_p95),
         "ratio_p95_vs_bare": round(idle_p95 / bare_p95, 2), "load_avg_1min": load,
         "service_cpu_cores_used": round(service_cores, 2),
         "target": "idle round p95 under 200 ms", "ok": idle_p95 < 0.2},
        {"bench": "bench_hall_load", "what": "an approver's return on the clerk's PC, same load",
         "returns": len(delays), "median_s": round(statistics.median(delays), 2),
         "p95_s": round(_p(delays, 0.95), 2), "max_s": round(max(delays), 2),
         "load_avg_1min": load, "target": "p95 under 2 s", "ok": _p(delays, 0.95) < 2},
    ]


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
