"""verify-audit over a big demo hall (issue 13), against a baseline in the same run: SHA-256
over as many bytes, in as many pieces, as the check hashes (every event's ``prev_hash + JSON``
and every case's and batch's row lines). Target: 1,000,000 cases / ~5M events under 20 s.

The demo folder is built once with ``demo-data`` (sealed as the app seals) and cached under
``/tmp/counter-audit-bench`` (a million cases take long to build: see RESULTS.md). Usage:
``python bench/bench_audit.py [CASES]`` (default 1,000,000; COUNTER_BENCH_QUICK: 20,000).
Kept out of pytest.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import ROOT, emit

from counter_app.services.audit.chain import event_json
from counter_app.services.audit.verify import (
    BATCH_TABLES,
    CASE_TABLES,
    _json,
    connect_readonly,
    database_file,
    integrity,
    own_if_partial,
    run_check,
    run_since,
    verify_folder,
)

CACHE = Path("/tmp/counter-audit-bench")


def demo_folder(cases: int) -> Path:
    folder = CACHE / f"demo-{cases}"
    marker = folder / "complete.json"
    if marker.exists():
        return folder
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    folder.mkdir(parents=True)
    run = [sys.executable, "-m", "counter_app.cli.main", "--data-dir", str(folder)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([*run, "init", "--terminal", "9"], check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL)
    t = time.perf_counter()
    subprocess.run([*run, "demo-data", "--cases", str(cases), "--days", str(demo_days(cases))],
                   check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    marker.write_text(json.dumps({"cases": cases, "demo_data_seconds": time.perf_counter() - t}))
    return folder


def demo_days(cases: int) -> int:
    return min(400, cases // 1000 + 30)


def hashed_sizes(folder: Path) -> list[int]:
    """The size of every piece the check hashes (untimed: the baseline's input)."""
    conn = connect_readonly(database_file(folder))
    sizes: list[int] = []
    sql = f"SELECT length(CAST(prev_hash || {event_json(conn)} AS BLOB)) FROM event_log"
    sizes += [n for (n,) in conn.execute(sql)]
    for root, tables in (("case_file", CASE_TABLES), ("handoff_batch", BATCH_TABLES)):
        per: dict[str, int] = {}
        for table, key in tables:
            extra = " WHERE case_id IS NULL" if root == "handoff_batch" and table == "print_log" else ""
            line = f"CAST('{table}' || char(9) || {_json(conn, table)} AS BLOB)"
            for ent, n in conn.execute(f'SELECT "{key}", length({line}) + 1 FROM "{table}"{extra}'):
                per[ent] = per.get(ent, 0) + n
        sizes += list(per.values())
    conn.close()
    return sizes


def baseline(sizes: list[int]) -> float:
    """SHA-256 over the same number of bytes in the same pieces, from memory."""
    blob = os.urandom(max(sizes) if sizes else 1)
    view = memoryview(blob)
    sha = hashlib.sha256
    t = time.perf_counter()
    for n in sizes:
        sha(view[:n]).hexdigest()
    return time.perf_counter() - t


def run(cases: int | None = None) -> list[dict]:
    cases = cases or (20_000 if os.environ.get("COUNTER_BENCH_QUICK") else 1_000_000)
    folder = demo_folder(cases)
    sizes = hashed_sizes(folder)
    base = baseline(sizes)
    path = database_file(folder)
    conn = connect_readonly(path)
    t = time.perf_counter()
    integrity(conn, path)
    integrity_s = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("PRAGMA quick_check").fetchall()
    quick_s = time.perf_counter() - t
    t = time.perf_counter()  # the chains and the rows alone, against the baseline
    alone = run_check(conn, path, workers=os.cpu_count() or 1)
    checks = time.perf_counter() - t
    conn.close()
    assert alone.ok, [str(f) for f in alone.findings[:5]]
    t = time.perf_counter()  # what the user waits for: integrity_check beside the rest
    result = verify_folder(folder)
    total = time.perf_counter() - t
    assert result.ok, [str(f) for f in result.findings[:5]]
    daily = daily_run(folder, path, result.events, result.events // demo_days(cases))
    load = os.getloadavg()[0]
    return [emit({
        "bench": "verify_audit", "cases": result.cases, "events": result.events,
        "bytes_hashed": sum(sizes), "workers": os.cpu_count(),
        "verify_s": round(total, 2), "integrity_check_s": round(integrity_s, 2),
        "quick_check_s": round(quick_s, 2), "chains_and_rows_s": round(checks, 2),
        "baseline_sha256_s": round(base, 2), "ratio": round(checks / base, 1),
        "target": "1M cases under 20 s", "load": round(load, 1)}),
        emit({"bench": "verify_audit_daily", "cases": result.cases, **daily,
              "ratio": round(daily["daily_s"] / daily["quick_check_s"], 2),
              "baseline": "PRAGMA quick_check alone, same run", "target": "under 20 s",
              "load": round(os.getloadavg()[0], 1)})]


def daily_run(folder: Path, path: Path, events: int, per_day: int) -> dict:
    """``verify-audit --since``: the heads as a full run would have saved them one day's
    events ago (the demo hall's average: ~14,700 events a day at a million cases over 400
    days; demo events are not written in date order, so the day is counted in events)."""
    conn = connect_readonly(path)
    heads: dict[str, tuple[int, str]] = {}
    for term, top, n in conn.execute("SELECT terminal_code, max(seq), count(*) FROM event_log "
                                     "GROUP BY terminal_code").fetchall():
        seq = top - round(n * per_day / events)
        row = conn.execute("SELECT hash FROM event_log WHERE terminal_code = ? AND seq = ?",
                           (term, seq)).fetchone()
        heads[term] = (seq, row[0]) if row else (0, "")
    t = time.perf_counter()
    new = run_since(conn, heads, None, own_if_partial(conn))
    new_s = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("PRAGMA quick_check").fetchall()
    quick_s = time.perf_counter() - t
    conn.close()
    t = time.perf_counter()
    daily = verify_folder(folder, since=heads)
    daily_s = time.perf_counter() - t
    assert daily.ok and new.ok, [str(f) for f in daily.findings[:5]]
    return {"new_events": daily.events, "cases_resealed": daily.cases,
            "daily_s": round(daily_s, 2), "quick_check_s": round(quick_s, 2),
            "new_events_alone_s": round(new_s, 2)}


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
