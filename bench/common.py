"""Shared pieces of the benchmarks: timing, and the cached million-case database."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"
MILLION = 1_000_000


def timeit(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> float:
    """Median seconds per call: the median shrugs off a noisy neighbour."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def admin(data_dir: Path, *args: str) -> float:
    """Run counter-admin in a child process; returns wall seconds."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "counter_app.cli.main", "--data-dir", str(data_dir),
                    *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def million_db(cases: int = MILLION) -> Path:
    """A data folder with ``cases`` demo cases, built once and cached under build/bench.

    ``COUNTER_BENCH_MILLION_DIR`` names a folder already built instead (for instance the
    bulletin benchmark's, ``bench_bulletin.py --prepare``): the reads need a million cases,
    not a second eight-minute build. Without a ``complete.json`` it has no demo-data time."""
    given = os.environ.get("COUNTER_BENCH_MILLION_DIR")
    if given:
        return Path(given)
    folder = BUILD / f"demo-{cases}"
    marker = folder / "complete.json"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    admin(folder, "init", "--terminal", "9")
    took = admin(folder, "demo-data", "--cases", str(cases), "--days", "400")
    marker.write_text(json.dumps({"cases": cases, "demo_data_seconds": took}))
    return folder


def emit(result: dict) -> dict:
    print(json.dumps(result, ensure_ascii=False))
    return result


if os.environ.get("COUNTER_BENCH_QUICK"):
    MILLION = 20_000
