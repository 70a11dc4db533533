"""Storage benchmarks of the foundation (issue 2), each against a baseline in the same run:

- recording a complete case durably through the services vs raw sqlite3 doing the same
  inserts, one transaction per case, same PRAGMAs (target: within 3x);
- finding a case by number among 1,000,000 through the services (CaseQueries.search, as the
  counter's search box and scanner do) vs a raw indexed sqlite3 lookup (target: under 0.5 ms);
- demo-data for 1,000,000 cases with materials and events (target: under 10 minutes), next
  to raw sqlite3 inserting the same number of bare case rows.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from common import MILLION, emit, million_db, timeit
from sqlalchemy import select

from counter_app.bootstrap import open_context
from counter_app.models import CaseFile, Staff
from counter_app.paths import resource
from counter_app.services import auth
from counter_app.services.case_queries import CaseQueries
from counter_app.services.catalog_io import load_catalog
from counter_app.services.catalog_store import current_versions, import_catalog
from counter_app.services.context import Actor
from counter_app.services.intake import IntakeService
from counter_app.services.rules import set_training

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
           "PRAGMA busy_timeout=10000")


def _record_bench(n: int = 300) -> dict:
    from helpers import complete_intake

    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(tmp)
        with ctx.db.transaction() as s:
            import_catalog(s, load_catalog(resource("catalog", "luoshan.yaml")), terminal="01")
            ver = next(v for v in current_versions(s) if v.kind == "committed")
            code, win, mats = ver.code, ver.window_code, len(ver.materials)
            st = auth.add_user(s, "bench", "基准", "counter123", ["clerk"], window_code=win)
            set_training(s, staff_id=st.id, scope="window", scope_code=win, stage="authorized",
                         set_by_id=st.id, at=datetime(2026, 1, 1), terminal="01")
        with ctx.db.session() as s:
            actor = Actor.of(s.execute(select(Staff)).scalar_one(), win)
        svc = IntakeService(ctx)
        intake = complete_intake(svc, code)
        t = time.perf_counter()
        for _ in range(n):
            svc.record(actor, intake, "accept")
        ours = (time.perf_counter() - t) / n
        raw = _raw_record(Path(tmp) / "counter.sqlite3", n, mats)
        ctx.db.dispose()
    return {"name": "record_case_durably", "ms": round(ours * 1000, 3),
            "baseline_ms": round(raw * 1000, 3), "ratio": round(ours / raw, 2), "target": "<= 3x",
            "materials_per_case": mats}


def _raw_record(path: Path, n: int, mats: int) -> float:
    con = sqlite3.connect(path, isolation_level=None)
    for p in PRAGMAS:
        con.execute(p)
    ver_id, clerk = con.execute("SELECT item_version_id, clerk_id FROM case_file LIMIT 1").fetchone()
    now = datetime.now().isoformat(sep=" ")
    prev = "0" * 64
    t = time.perf_counter()
    for i in range(n):
        cid = str(uuid.uuid4())
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT OR REPLACE INTO number_counter (kind, day, last) VALUES ('9', '260101', ?)",
                    (i,))
        con.execute(
            "INSERT INTO case_file (id, created_at, updated_at, origin_terminal, case_no, item_version_id,"
            " item_code, window_code, department_code, clerk_id, status, is_training, applicant_kind,"
            " applicant_name, applicant_id_type, applicant_id_no, legal_rep, contact_name, phone, address,"
            " agent_name, agent_id_no, agent_phone, delivery, override_note, received_at, received_on,"
            " accepted_on, promised_due, statutory_due, deemed_accepted, not_accepted_reason, redirect_to)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (cid, now, now, "01", f"9{i:019d}", ver_id, "X", "W", "D", clerk, "accepted", 0,
             "person", "张伟", "resident_id", "11010519491231002X", "", "", "13812345678",
             "罗山县", "", "", "", "窗口领取", "", now, now[:10], now[:10], now[:10], now[:10], 0,
             "", ""))
        con.executemany(
            "INSERT INTO case_material (id, created_at, updated_at, origin_terminal, case_id, seq, name,"
            " requirement, state, form, copies, pages, reason, supplied_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(str(uuid.uuid4()), now, now, "01", cid, k, f"材料{k}", "required", "received",
              "original", 1, 2, "", now) for k in range(mats)])
        for kind in ("received", "accepted"):
            payload = json.dumps({"case_no": f"9{i:019d}"}, ensure_ascii=False)
            h = hashlib.sha256((prev + cid + kind + payload).encode()).hexdigest()
            con.execute(
                "INSERT INTO event_log (id, created_at, updated_at, origin_terminal, terminal_code, seq,"
                " at, kind, case_id, actor_id, actor_role, payload, prev_hash, hash)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (str(uuid.uuid4()), now, now, "99", "99", i * 2 + (kind == "accepted"), now, kind,
                 cid, clerk, "clerk", payload, prev, h))
            prev = h
        con.execute("COMMIT")
    took = (time.perf_counter() - t) / n
    con.close()
    return took


def _lookup_bench() -> list[dict]:
    folder = million_db()
    marker = json.loads((folder / "complete.json").read_text())
    ctx = open_context(folder)
    with ctx.db.session() as s:
        numbers = [r for (r,) in s.execute(select(CaseFile.case_no).limit(2000))]
    import random

    rng = random.Random(5)
    picks = [rng.choice(numbers) for _ in range(200)]
    it = iter(picks * 10)

    with ctx.db.session() as s:
        clerk = s.execute(select(Staff).where(Staff.username.like("%_c1"))).scalars().first()
        actor = Actor.of(clerk, "")
    queries = CaseQueries(ctx)

    def ours() -> None:
        # What the counter does when a number is scanned or typed into the search box.
        assert len(queries.search(actor, next(it))) == 1

    con = sqlite3.connect(folder / "counter.sqlite3")
    it2 = iter(picks * 10)

    def raw() -> None:
        con.execute("SELECT * FROM case_file WHERE case_no = ?", (next(it2),)).fetchone()

    a, b = timeit(ours, 200), timeit(raw, 200)
    con.close()
    ctx.db.dispose()
    demo_s = marker["demo_data_seconds"]
    base = _raw_bulk(marker["cases"])
    return [
        {"name": "find_case_by_number", "cases": marker["cases"], "ms": round(a * 1000, 4),
         "baseline_ms": round(b * 1000, 4), "ratio": round(a / b, 2), "target": "< 0.5 ms"},
        {"name": "demo_data", "cases": marker["cases"], "seconds": round(demo_s, 1),
         "baseline_seconds": round(base, 1), "ratio": round(demo_s / base, 2),
         "target": "< 600 s for 1,000,000"},
    ]


def _raw_bulk(n: int) -> float:
    """Raw sqlite3 inserting n bare case-shaped rows in chunks: the floor for demo-data."""
    with tempfile.TemporaryDirectory() as tmp:
        con = sqlite3.connect(Path(tmp) / "raw.db", isolation_level=None)
        for p in PRAGMAS:
            con.execute(p)
        con.execute("CREATE TABLE c (id TEXT PRIMARY KEY, case_no TEXT UNIQUE, name TEXT, at TEXT)")
        t = time.perf_counter()
        for start in range(0, n, 5000):
            con.execute("BEGIN IMMEDIATE")
            con.executemany("INSERT INTO c VALUES (?,?,?,?)",
                            [(str(uuid.uuid4()), f"{i:020d}", "张伟", "2026-01-01")
                             for i in range(start, min(n, start + 5000))])
            con.execute("COMMIT")
        took = time.perf_counter() - t
        con.close()
    return took


def run() -> list[dict]:
    return [emit(_record_bench()), *[emit(r) for r in _lookup_bench()]]


if __name__ == "__main__":
    run()
    print(f"(million-case data set: {MILLION})", file=sys.stderr)
