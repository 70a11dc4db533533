"""Storage benchmarks (issue 2, raised by issue 18 item 7), each against a baseline in the
same run, the two timed in turn call by call (``_interleaved``) with their CPU time and the
load average noted:

- recording a complete case durably through the services vs raw sqlite3 doing the same
  inserts, one transaction per case, same PRAGMAs (target: within 1.5x);
- supplementing a case (the missing material brought, the case accepted) vs raw sqlite3
  doing the same reads, updates and chained events;
- opening a case with its materials (the read; then with the access-log entry it leaves)
  vs raw sqlite3 reading the case and its materials (target: the read under 0.3 ms);
- finding a case by number among 1,000,000 through the services (CaseQueries.search, as the
  counter's search box and scanner do) vs a raw indexed sqlite3 lookup (target: within 3x);
- demo-data for 1,000,000 cases with materials and events (target: under 10 minutes), next
  to raw sqlite3 inserting the same number of bare case rows (only when the folder was
  built here, not reused through ``COUNTER_BENCH_MILLION_DIR``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from common import MILLION, emit, million_db
from sqlalchemy import select

from counter_app.bootstrap import open_context
from counter_app.models import CaseFile, Staff
from counter_app.paths import resource
from counter_app.services.catalog.exchange import load_catalog
from counter_app.services.catalog.store import current_versions, import_catalog
from counter_app.services.context import Actor, ServiceContext
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.intake.rules import set_training
from counter_app.services.intake.service import IntakeService, MaterialEntry
from counter_app.services.people import auth

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
           "PRAGMA busy_timeout=10000")


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def _setup(tmp: str) -> tuple[ServiceContext, IntakeService, Actor, str, int]:
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
    return ctx, IntakeService(ctx), actor, code, mats


CPU: dict[str, float] = {}  # CPU seconds per call of the last _interleaved: ours, raw


def _interleaved(ours: Callable[[], object], raw: Callable[[], object], n: int
                 ) -> tuple[list[float], list[float]]:
    """Time ours and the baseline in turn, call by call, so a busy neighbour weighs on both
    alike; three warm-up calls each first. Also notes the CPU time of each side (in CPU):
    on a loaded box the wall time of a commit follows the disk and the neighbours, the CPU
    time what our code costs."""
    for _ in range(3):
        ours()
        raw()
    a, b, ca, cb = [], [], 0.0, 0.0
    for _ in range(n):
        c, t = time.process_time(), time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        ca += time.process_time() - c
        c, t = time.process_time(), time.perf_counter()
        raw()
        b.append(time.perf_counter() - t)
        cb += time.process_time() - c
    CPU.update(ours=ca / n, raw=cb / n)
    return a, b


def _figures(name: str, a: list[float], b: list[float], target: str) -> dict:
    return {"name": name, "ms": _median_ms(a), "baseline_ms": _median_ms(b),
            "ratio": round(statistics.median(a) / statistics.median(b), 2), "target": target,
            "cpu_ms": round(CPU["ours"] * 1000, 3), "baseline_cpu_ms": round(CPU["raw"] * 1000, 3),
            "cpu_ratio": round(CPU["ours"] / CPU["raw"], 2) if CPU["raw"] else None,
            "load": round(os.getloadavg()[0], 1)}


def _record_bench(n: int = 300) -> list[dict]:
    """Record a complete case; record a case with a material missing and supplement it; open
    a case with its materials. Each against raw sqlite3 doing the same writes/reads."""
    from helpers import complete_intake

    with tempfile.TemporaryDirectory() as tmp:
        ctx, svc, actor, code, mats = _setup(tmp)
        intake = complete_intake(svc, code)
        raw = _Raw(Path(tmp) / "counter.sqlite3", mats, actor.staff_id)
        a, b = _interleaved(lambda: svc.record(actor, intake, "accept"), raw.record, n)
        out = [{**_figures("record_case_durably", a, b, "<= 1.5x"), "materials_per_case": mats}]

        # Supplement: the applicant brings back the one missing material; the case is accepted.
        short = complete_intake(svc, code)
        missing = next(m for m in short.materials if m.requirement == "required")
        missing.state, missing.form, missing.copies, missing.pages = "missing", "", 0, 0
        back = [MaterialEntry(name=missing.name, requirement="required", state="received",
                              form=missing.default_form or "original", copies=1, pages=2)]
        waiting = [svc.record(actor, short, "notify").case_no for _ in range(n + 3)]
        raw_waiting = [raw.record(awaiting=True) for _ in range(n + 3)]
        todo, raw_todo = iter(waiting), iter(raw_waiting)
        a, b = _interleaved(lambda: svc.supplement(actor, next(todo), back),
                            lambda: raw.supplement(next(raw_todo)), n)
        out.append(_figures("supplement_case", a, b, "through Core like record()"))

        # Open a case with its materials (resume at the counter), read part only, then with
        # the access-log entry an opened case leaves (a durable write of its own).
        queries = CaseQueries(ctx)
        numbers = iter(waiting * 4)
        raw_numbers = iter(waiting * 4)
        if hasattr(queries, "read_case"):  # (a tree before issue 18.7 has no read half)
            a, b = _interleaved(lambda: queries.read_case(actor, next(numbers)),
                                lambda: raw.open(next(raw_numbers)), n)
            out.append(_figures("open_case_read", a, b, "<= 0.3 ms"))
        a, b = _interleaved(lambda: queries.open_case(actor, next(numbers)),
                            lambda: raw.open(next(raw_numbers)), min(n, 100))
        out.append(_figures("open_case_with_access_log", a, b, "— (one fsynced event)"))
        raw.close()
        ctx.db.dispose()
    return out


class _Raw:
    """Raw sqlite3 doing what the services write and read, with the app's PRAGMAs."""

    def __init__(self, path: Path, mats: int, clerk: str) -> None:
        self.con = con = sqlite3.connect(path, isolation_level=None)
        for p in PRAGMAS:
            con.execute(p)
        self.ver_id = con.execute("SELECT current_version_id FROM service_item"
                                  " WHERE current_version_id IS NOT NULL LIMIT 1").fetchone()[0]
        self.clerk = clerk
        self.mats, self.i, self.prev = mats, 0, "0" * 64

    def _events(self, cid: str, case_no: str, kinds: tuple[str, ...], now: str) -> None:
        for kind in kinds:
            self.i += 1
            payload = json.dumps({"case_no": case_no}, ensure_ascii=False)
            h = hashlib.sha256((self.prev + cid + kind + payload).encode()).hexdigest()
            self.con.execute(
                "INSERT INTO event_log (id, created_at, updated_at, origin_terminal, terminal_code,"
                " seq, at, kind, case_id, actor_id, actor_role, payload, prev_hash, hash)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (str(uuid.uuid4()), now, now, "99", "99", self.i, now, kind, cid, self.clerk,
                 "clerk", payload, self.prev, h))
            self.prev = h

    def record(self, awaiting: bool = False) -> str:
        con, i = self.con, self.i
        cid, now = str(uuid.uuid4()), datetime.now().isoformat(sep=" ")
        case_no = f"9{i:019d}"
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
            (cid, now, now, "01", case_no, self.ver_id, "X", "W", "D", self.clerk,
             "awaiting_supplement" if awaiting else "accepted", 0,
             "person", "张伟", "resident_id", "11010519491231002X", "", "", "13812345678",
             "罗山县", "", "", "", "窗口领取", "", now, now[:10], now[:10], now[:10], now[:10], 0,
             "", ""))
        con.executemany(
            "INSERT INTO case_material (id, created_at, updated_at, origin_terminal, case_id, seq, name,"
            " requirement, state, form, copies, pages, reason, supplied_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(str(uuid.uuid4()), now, now, "01", cid, k, f"材料{k}", "required",
              "missing" if awaiting and k == 0 else "received", "original", 1, 2, "", now)
             for k in range(self.mats)])
        self._events(cid, case_no, ("received", "notice_issued" if awaiting else "accepted"), now)
        con.execute("COMMIT")
        return case_no

    def supplement(self, case_no: str) -> None:
        """Find the case, mark its missing material received, accept it, two events."""
        con, now = self.con, datetime.now().isoformat(sep=" ")
        con.execute("BEGIN IMMEDIATE")
        cid, _status = con.execute("SELECT id, status FROM case_file WHERE case_no = ?",
                                   (case_no,)).fetchone()
        con.execute("SELECT id, name, state FROM case_material WHERE case_id = ?", (cid,)).fetchall()
        con.execute("UPDATE case_material SET state = 'received', supplied_at = ?, updated_at = ?"
                    " WHERE case_id = ? AND seq = 0", (now, now, cid))
        con.execute("UPDATE case_file SET status = 'accepted', accepted_on = ?, promised_due = ?,"
                    " statutory_due = ?, updated_at = ? WHERE id = ?",
                    (now[:10], now[:10], now[:10], now, cid))
        self._events(cid, case_no, ("supplemented", "accepted"), now)
        con.execute("COMMIT")

    def open(self, case_no: str) -> None:
        con = self.con
        con.execute("BEGIN")
        row = con.execute("SELECT * FROM case_file WHERE case_no = ?", (case_no,)).fetchone()
        con.execute("SELECT * FROM case_material WHERE case_id = ? ORDER BY seq", (row[0],)).fetchall()
        con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()


def _lookup_bench() -> list[dict]:
    folder = million_db()
    made = folder / "complete.json"
    marker = json.loads(made.read_text()) if made.exists() else {}
    ctx = open_context(folder)
    with ctx.db.session() as s:
        numbers = [r for (r,) in s.execute(select(CaseFile.case_no).limit(2000))]
    import random

    rng = random.Random(5)
    picks = [rng.choice(numbers) for _ in range(200)]
    it = iter(picks * 20)

    with ctx.db.session() as s:
        clerk = s.execute(select(Staff).where(Staff.username.like("%_c1"))).scalars().first()
        actor = Actor.of(clerk, "")
    queries = CaseQueries(ctx)

    def ours() -> None:
        # What the counter does when a number is scanned or typed into the search box.
        assert len(queries.search(actor, next(it))) == 1

    con = sqlite3.connect(folder / "counter.sqlite3")
    it2 = iter(picks * 20)

    def raw() -> None:
        con.execute("SELECT * FROM case_file WHERE case_no = ?", (next(it2),)).fetchone()

    cases = con.execute("SELECT count(*) FROM case_file").fetchone()[0]
    # In turn, call by call (as _interleaved), 2,000 of each: the medians.
    a_s, b_s = _interleaved(ours, raw, 2000)
    con.close()
    ctx.db.dispose()
    out = [{**_figures("find_case_by_number", a_s, b_s, "<= 3x"), "cases": cases,
            "ms": round(statistics.median(a_s) * 1000, 4),
            "baseline_ms": round(statistics.median(b_s) * 1000, 4)}]
    if marker:
        demo_s = marker["demo_data_seconds"]
        base = _raw_bulk(marker["cases"])
        out.append({"name": "demo_data", "cases": marker["cases"], "seconds": round(demo_s, 1),
                    "baseline_seconds": round(base, 1), "ratio": round(demo_s / base, 2),
                    "target": "< 600 s for 1,000,000"})
    return out


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
    return [*[emit(r) for r in _record_bench()], *[emit(r) for r in _lookup_bench()]]


if __name__ == "__main__":
    run()
    print(f"(million-case data set: {MILLION})", file=sys.stderr)
