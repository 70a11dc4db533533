"""Sync benchmark (issue 6): push 10,000 cases with their materials, events and print records
from a counter's SQLite to PostgreSQL through the sync engine, against raw psycopg inserting
the same rows into an identical database (same tables, indexes, foreign keys; no journal
triggers) in the same run. Targets: under 20 s, within 4x of raw.

The cases are written the way the demo generator writes them (SQLAlchemy Core
``insert(Model)`` executemany), so the figure includes the outbox the capture triggers fill.
Starts its own PostgreSQL (tests.pgtest).
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

import psycopg  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from counter_app.models import (  # noqa: E402
    CaseFile,
    MaterialRequirement,
)
from counter_app.models.database import Database  # noqa: E402
from counter_app.sync.capture import PG_FUNCTIONS  # noqa: E402
from counter_app.sync.report import SyncReport  # noqa: E402
from counter_app.sync.server import init_server  # noqa: E402
from tests.hall.bulk import TABLES, generate  # noqa: E402
from tests.pgtest import PgServer  # noqa: E402
from tests.sync.hallkit import HallRef, make_counter, seed_hall  # noqa: E402

CASES = int(os.environ.get("COUNTER_BENCH_SYNC_CASES", "10000"))
MATERIALS = 6


def _add_materials(db: Database, ref: HallRef) -> list[str]:
    """The benchmark item gets six checklist materials (a typical count in the catalog)."""
    with db.transaction() as s:
        have = s.execute(select(func.count()).select_from(MaterialRequirement)).scalar_one()
        for i in range(have + 1, MATERIALS + 1):
            s.add(MaterialRequirement(version_id=ref.version_id, seq=i, name=f"附加材料{i}",
                                      form="copy", copies=1, requirement="optional"))
    with db.session() as s:
        return list(s.execute(select(MaterialRequirement.id).where(
            MaterialRequirement.version_id == ref.version_id)
            .order_by(MaterialRequirement.seq)).scalars())


def table_rows(db: Database) -> list[tuple[str, list[str], list[tuple[Any, ...]]]]:
    """(table, columns, rows) of the benchmarked tables, read before any baseline is timed."""
    data: list[tuple[str, list[str], list[tuple[Any, ...]]]] = []
    with db.engine.connect() as conn:
        for model in TABLES:
            table = model.__table__
            cols = list(table.c.keys())
            data.append((table.name, cols, [tuple(r) for r in conn.execute(select(table))]))
    return data


def raw_copy(db: Database, dsn: str) -> tuple[float, int]:
    """psycopg executemany of the same rows, one transaction per table (untimed reading)."""
    data = table_rows(db)
    t0 = time.perf_counter()
    n = 0
    with psycopg.connect(dsn) as pconn:
        for name, cols, rows in data:
            sql = (f'INSERT INTO "{name}" ({", ".join(cols)}) '
                   f'VALUES ({", ".join(["%s"] * len(cols))})')
            with pconn.cursor() as cur:
                cur.executemany(sql, rows)
            pconn.commit()
            n += len(rows)
    return time.perf_counter() - t0, n


def prepare(pg: PgServer, name: str) -> tuple[str, HallRef, list[str]]:
    """A hall database ``name`` with catalog and staff, and ``bench_raw``: the same database
    before any case, without journal triggers (the raw baseline's target)."""
    url = pg.create_database(name)
    init_server(url)
    server = Database(url)
    ref = seed_hall(server, clerks=1)
    reqs = _add_materials(server, ref)
    server.dispose()
    raw_db = Database(pg.create_database("bench_raw", template=name))
    with raw_db.engine.begin() as conn:
        for fn in PG_FUNCTIONS:
            conn.execute(text(f"DROP FUNCTION {fn}() CASCADE"))
    raw_db.dispose()
    return url, ref, reqs


def run() -> dict:
    with PgServer() as pg, tempfile.TemporaryDirectory() as tmp:
        url, ref, reqs = prepare(pg, "bench_sync")

        counter = make_counter(Path(tmp) / "counter", "07", url, ref.clerks[0])
        first = counter.sync()
        assert first.ok, first.errors
        t0 = time.perf_counter()
        rows = generate(counter.db, "07", ref, ref.clerks[0], reqs, CASES)
        gen_s = time.perf_counter() - t0
        t0, c0 = time.perf_counter(), time.process_time()
        report = counter.engine.push(SyncReport())
        push_s, push_cpu = time.perf_counter() - t0, time.process_time() - c0
        check = Database(url)
        with check.engine.connect() as conn:
            on_server = conn.execute(select(func.count()).select_from(CaseFile)).scalar_one()
        check.dispose()
        assert on_server == CASES, (on_server, CASES)
        assert report.pushed == rows, (report.pushed, rows)
        dsn = f"host=127.0.0.1 port={pg.port} user=postgres dbname=bench_raw"
        raw_s, raw_rows = raw_copy(counter.db, dsn)
        assert raw_rows == rows
        counter.close()
    return {
        "bench": "bench_sync",
        "cases": CASES,
        "rows": rows,
        "generate_local_s": round(gen_s, 2),
        "push_s": round(push_s, 2),
        "push_client_cpu_s": round(push_cpu, 2),
        "load_avg_1min": round(os.getloadavg()[0], 1),
        "raw_psycopg_s": round(raw_s, 2),
        "ratio_vs_raw": round(push_s / raw_s, 2),
        "rows_per_s": round(rows / push_s),
        "target": "10,000 cases < 20 s and within 4x of raw",
        "ok": push_s < 20 and push_s / raw_s <= 4,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, indent=2))
