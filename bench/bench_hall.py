"""Hall service benchmarks (issue 12), each against a baseline measured in the same run:

1. First sync of a hall of 10,000 cases (with materials, events and print records) by a
   newly enrolled PC, through ``counter-server`` (HTTPS, JSON, SQLite apply), against raw
   psycopg ``COPY`` of the same rows into an empty PostgreSQL with the same schema.
   Target: within 2x.
   The first sync is the streamed snapshot (``hall/snapshot.py``) then the pulls after it;
   the one-piece snapshot's build time on the service (``Server-Timing``) and size are shown
   (``bench_snapshot.py`` compares the two).
2. A sync round with nothing to do (check-in; nothing new, so no pull), against one bare
   keep-alive HTTPS request of the same check-in to the same service. Target: under 20 ms.

The hall is filled the old way (a counter pushing rows, as ``bench_sync`` does) and then
adopted by the service: the adopt path is the one a real hall takes.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
import psycopg  # noqa: E402
from bench_sync import generate, prepare, table_rows  # noqa: E402

from counter_app.bootstrap import open_context  # noqa: E402
from counter_app.hall.store import init_hall  # noqa: E402
from counter_app.hall.timing import server_ms  # noqa: E402
from counter_app.hallsync.engine import HallSync  # noqa: E402
from counter_app.hallsync.enroll import enroll  # noqa: E402
from counter_app.models.database import Database  # noqa: E402
from counter_app.sync.report import SyncReport  # noqa: E402
from tests.hall.kit import HallServer, process_cpu_s  # noqa: E402
from tests.pgtest import PgServer  # noqa: E402
from tests.sync.hallkit import make_counter  # noqa: E402

CASES = int(os.environ.get("COUNTER_BENCH_HALL_CASES", "10000"))
ROUNDS = 60


def _copy(db: Database, dsn: str) -> tuple[float, int]:
    data = table_rows(db)
    t0 = time.perf_counter()
    n = 0
    with psycopg.connect(dsn) as pconn:
        for name, cols, rows in data:
            with pconn.cursor() as cur, cur.copy(
                    f'COPY "{name}" ({", ".join(cols)}) FROM STDIN') as copy:
                for r in rows:
                    copy.write_row(r)
            n += len(rows)
        pconn.commit()
    return time.perf_counter() - t0, n


def run() -> list[dict[str, Any]]:
    with PgServer() as pg, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url, ref, reqs = prepare(pg, "bench_hall")
        old = make_counter(tmp / "old", "07", url, ref.clerks[0])
        assert old.sync().ok
        generate(old.db, "07", ref, ref.clerks[0], reqs, CASES)
        assert old.engine.push(SyncReport()).pushed > 0
        init_hall(tmp / "hall", url).db.dispose()  # adopt
        server = HallServer(tmp / "hall", url).start()
        try:
            ctx = open_context(tmp / "pc")
            enroll(ctx.db, server.url, server.code())
            ctx.db.dispose()
            ctx = open_context(tmp / "pc")
            sync = HallSync(ctx.db, ctx.terminal, clock=ctx.clock)
            t0 = time.perf_counter()
            first = sync.run_once()
            first_s = time.perf_counter() - t0
            assert first.ok, first.errors
            dsn = f"host=127.0.0.1 port={pg.port} user=postgres dbname=bench_raw"
            copy_s, copied = _copy(old.db, dsn)

            rounds, cpu = [], []
            for _ in range(ROUNDS):
                t, c0 = time.perf_counter(), time.process_time()
                assert sync.run_once().ok
                rounds.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c0)  # the PC's own work (the service is a process apart)
            cfg = sync.cfg
            from counter_app.hallsync.client import pinned

            bare, served = [], []
            assert server.proc is not None
            pid = server.proc.pid  # the service's own CPU, apart from the box's load
            with httpx.Client(base_url=cfg.url, verify=pinned(cfg.ca_pem), timeout=60,
                              headers={"Authorization": f"Bearer {cfg.token}"}) as c:
                t, cpu0 = time.perf_counter(), process_cpu_s(pid)
                snap = c.get("/v1/snapshot")
                snap_wall, snap_build = time.perf_counter() - t, server_ms(snap.headers)
                snap_cpu, cpu0 = process_cpu_s(pid) - cpu0, process_cpu_s(pid)
                for _ in range(ROUNDS):
                    t = time.perf_counter()
                    r = c.get("/v1/hello")
                    bare.append(time.perf_counter() - t)
                    served.append(server_ms(r.headers) or 0.0)
                hello_cpu = (process_cpu_s(pid) - cpu0) / ROUNDS
            sync.close()
            ctx.db.dispose()
        finally:
            server.stop()
            old.close()
    p95 = sorted(rounds)[int(len(rounds) * 0.95) - 1]
    med, bare_med = statistics.median(rounds), statistics.median(bare)
    load = round(os.getloadavg()[0], 1)
    return [
        {"bench": "bench_hall", "what": "first sync of a hall through the service",
         "cases": CASES, "rows_copied_baseline": copied, "first_sync_s": round(first_s, 2),
         "rows_pulled": first.pulled, "raw_copy_s": round(copy_s, 2),
         "snapshot_mb": round(len(snap.content) / 1e6, 1),
         "snapshot_build_on_service_s": round((snap_build or 0) / 1000, 2),
         "snapshot_download_s": round(snap_wall, 2),
         "snapshot_service_cpu_s": round(snap_cpu, 2),
         "ratio_vs_copy": round(first_s / copy_s, 2), "load_avg_1min": load,
         "target": "within 2x of raw COPY", "ok": first_s / copy_s <= 2},
        {"bench": "bench_hall", "what": "sync round with nothing to do",
         "median_ms": round(med * 1000, 1), "p95_ms": round(p95 * 1000, 1),
         "bare_check_in_median_ms": round(bare_med * 1000, 1),
         "check_in_on_service_median_ms": round(statistics.median(served), 2),
         "pc_cpu_per_round_median_ms": round(statistics.median(cpu) * 1000, 2),
         "service_cpu_per_check_in_ms": round(hello_cpu * 1000, 2),
         "ratio_vs_bare": round(med / bare_med, 2), "load_avg_1min": load,
         "target": "under 20 ms", "ok": med < 0.020},
    ]


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, indent=2))
