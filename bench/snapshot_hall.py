"""A large hall on the embedded SQLite for the snapshot benchmark (``bench_snapshot.py``),
and the peak memory of a process: the service's, reset before each snapshot, and a fresh
PC's, taken in a child process of its own.

The cases are written by ``tests/hall/bulk.py`` (materials, three chained events and a
print record each), straight into the hall's database: its journal triggers record them as
the hall's own rows, as an adopted hall has them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from counter_app.hall.store import Hall, init_hall
from tests.hall.bulk import fill

ROOT = Path(__file__).resolve().parent.parent


def build_hall(folder: Path, cases: int) -> None:
    """An embedded-SQLite hall of ``cases`` accepted cases, built once per folder."""
    marker = folder / "built.json"
    if marker.exists() and json.loads(marker.read_text())["cases"] == cases:
        return
    init_hall(folder).db.dispose()
    hall = Hall(folder)
    try:
        fill(hall, cases)
    finally:
        hall.db.dispose()
    marker.write_text(json.dumps({"cases": cases}))


def reset_peak(pid: int) -> None:
    """Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM) to its RSS now."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    """``VmHWM`` (peak resident set) or ``VmRSS`` (now) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


def pc_first_sync(folder: Path, url: str, code: str, how: str) -> dict[str, float]:
    """A new PC in its own process enrolls and takes its first sync: ``how`` is ``sync``
    (the engine, as a PC does it) or ``one_piece`` (the format-1 answer read whole and
    loaded, as PCs before the streamed snapshot did). Its RSS before and its peak after."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "snapshot_pc.py"),
                          str(folder), url, code, how], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))
