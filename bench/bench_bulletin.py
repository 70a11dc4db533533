"""Benchmark: the daily bulletin for a day of ~2,000 cases in a database of 1,000,000 cases.

The database is generated once with ``services.demo.generate`` and cached under
``build/bench/bulletin_1m`` (delete the folder to rebuild). The baseline, measured in the
same run on the same file, is one raw sqlite3 ``COUNT ... GROUP BY`` over that day's cases:
the cheapest query that could answer "how many cases per window and clerk". The ratio says
what the whole bulletin (about twenty grouped queries) costs on top of that. Its one read
proportional to the backlog (the demo leaves about a quarter of its cases open) counts near
and overdue cases per window and clerk from the covering index ``ix_case_file_open_due``.

``COUNTER_BENCH_DIR=/tmp/...`` keeps the folder outside the tree; ``bench_storage.py`` can
time its lookups on the same folder (``COUNTER_BENCH_MILLION_DIR``).

    .venv/bin/python bench/bench_bulletin.py        # prints JSON
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from counter_app.bootstrap import open_context, set_terminal_code  # noqa: E402
from counter_app.paths import resource  # noqa: E402
from counter_app.services.catalog.exchange import load_catalog  # noqa: E402
from counter_app.services.catalog.store import import_catalog  # noqa: E402
from counter_app.services.context import ServiceContext  # noqa: E402
from counter_app.services.demo import generate as demo  # noqa: E402
from counter_app.sync.capture import set_mode  # noqa: E402

# COUNTER_BENCH_DIR puts the cached folders elsewhere (e.g. /tmp, outside the worktree).
FOLDER = Path(os.environ.get("COUNTER_BENCH_DIR", ROOT / "build" / "bench")) / "bulletin_1m"
CASES = 1_000_000
DAYS = 690  # ~470 working days: about 2,000 cases on an ordinary (non-Monday) day
NOW = datetime(2026, 6, 30, 17, 0)  # a Tuesday; the official calendar knows 2026
DAY = date(2026, 6, 24)  # a Wednesday
TARGET_S = 0.15  # issue 18 item 7 (was 2 s)
REPEATS = 5


def _context() -> ServiceContext:
    ctx = open_context(FOLDER)
    ctx.clock = lambda: NOW
    return ctx


def _fast_writes(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("PRAGMA cache_size=-1000000")
    cur.close()


def _extras(ctx: ServiceContext) -> None:
    """Rows demo.generate does not make: returns for returned files, a few complaints."""
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO case_return (id, created_at, updated_at, origin_terminal, case_id, clerk_id,"
            " item_code, approver_id, reason, returned_at)"
            " SELECT lower(hex(randomblob(16))), c.received_at, c.received_at, '01', c.id, c.clerk_id,"
            " c.item_code, c.clerk_id, '材料与原件不一致', datetime(c.received_at, '+2 days')"
            " FROM case_file c WHERE c.status = 'returned'")
        conn.exec_driver_sql(
            "INSERT INTO complaint (id, created_at, updated_at, origin_terminal, case_id, window_code,"
            " about_staff_id, complainant, phone, content, received_by_id, received_at, due_on,"
            " status, resolution)"
            " SELECT lower(hex(randomblob(16))), c.received_at, c.received_at, '01', c.id,"
            " c.window_code, c.clerk_id, '群众', '', '等候时间过长', c.clerk_id,"
            " datetime(c.received_at, '+1 hours'), date(c.received_on, '+7 days'), 'closed', '已答复'"
            " FROM case_file c WHERE c.rowid % 500 = 0")
    # No ANALYZE: the app never runs it, so the planner works without statistics here too.


def prepare(progress: bool = True) -> ServiceContext:
    marker = FOLDER / "READY"
    if marker.exists():
        return _context()
    FOLDER.mkdir(parents=True, exist_ok=True)
    db_file = FOLDER / "counter.sqlite3"
    for f in FOLDER.glob("counter.sqlite3*"):
        f.unlink()
    ctx = open_context(FOLDER)
    set_terminal_code(ctx.db, "01")
    ctx.clock = lambda: NOW
    # A throw-away file: no fsync per commit, a big page cache. Reads are timed later on
    # fresh connections with the app's own settings.
    event.listen(ctx.db.engine, "connect", _fast_writes)
    ctx.db.engine.dispose()
    with ctx.db.transaction() as s:
        # The bulletin runs on the hall's shared database: capture as a server does (a
        # journal, no outbox), and the bulk rows of the demo are not queued at all.
        set_mode(s.connection(), "server")
    with ctx.db.transaction() as s:
        import_catalog(s, load_catalog(resource("catalog", "luoshan.yaml")), terminal="01")
    start = time.perf_counter()

    def show(n: int) -> None:
        if progress:
            print(f"\r{n:,} cases, {time.perf_counter() - start:.0f} s", end="", file=sys.stderr)

    demo.generate(ctx, CASES, DAYS, seed=11, progress=show)
    _extras(ctx)
    ctx.db.dispose()
    if progress:
        print(file=sys.stderr)
    marker.write_text(f"{CASES} cases in {time.perf_counter() - start:.0f} s\n{db_file}\n")
    return _context()


def _time(fn: Any) -> tuple[float, Any]:
    runs, result = [], None
    for _ in range(REPEATS):
        t = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), result


def run() -> dict[str, Any]:
    from counter_app.services.supervision.bulletin.build import compute_bulletin

    ctx = prepare()
    db_file = FOLDER / "counter.sqlite3"

    def baseline() -> list[tuple[Any, ...]]:
        con = sqlite3.connect(db_file)
        try:
            return con.execute(
                "SELECT window_code, clerk_id, status, COUNT(*) FROM case_file"
                " WHERE received_on = ? AND is_training = 0 GROUP BY window_code, clerk_id, status",
                (DAY.isoformat(),)).fetchall()
        finally:
            con.close()

    with sqlite3.connect(db_file) as con:
        total = con.execute("SELECT COUNT(*) FROM case_file").fetchone()[0]
        day_cases = con.execute("SELECT COUNT(*) FROM case_file WHERE received_on = ?",
                                (DAY.isoformat(),)).fetchone()[0]
        open_cases = con.execute(
            "SELECT COUNT(*) FROM case_file WHERE status IN"
            " ('accepted', 'in_handoff', 'with_approver', 'returned')").fetchone()[0]
    base_s, _ = _time(baseline)
    day_s, bulletin = _time(lambda: compute_bulletin(ctx, "day", DAY))
    week_s, _ = _time(lambda: compute_bulletin(ctx, "week", DAY))
    month_s, _ = _time(lambda: compute_bulletin(ctx, "month", DAY))
    ctx.db.dispose()
    return {
        "bench": "bulletin",
        "db_cases": total,
        "day": DAY.isoformat(),
        "day_cases": day_cases,
        "bulletin_received": bulletin.totals.received,
        "open_cases": open_cases,  # the near/overdue counts read every one of them
        "overdue": bulletin.overdue_total,
        "baseline_s": round(base_s, 4),
        "daily_s": round(day_s, 4),
        "weekly_s": round(week_s, 4),
        "monthly_s": round(month_s, 4),
        "ratio_daily_to_baseline": round(day_s / base_s, 1) if base_s else None,
        "target_s": TARGET_S,
        "ok": day_s <= TARGET_S,
        "load": round(os.getloadavg()[0], 1),
    }


if __name__ == "__main__":
    if "--prepare" in sys.argv:
        prepare()
    else:
        print(json.dumps(run(), ensure_ascii=False, indent=2))
