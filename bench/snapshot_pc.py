"""One new PC's first sync, in a process of its own so its peak RSS is its own
(``snapshot_hall.pc_first_sync``).

    python bench/snapshot_pc.py FOLDER URL CODE sync|one_piece
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.bootstrap import open_context
from counter_app.hallsync import snapshot
from counter_app.hallsync.engine import HallSync
from counter_app.hallsync.enroll import enroll


def _rss(field: str) -> float:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(folder: str, url: str, code: str, how: str) -> None:
    ctx = open_context(Path(folder))
    enroll(ctx.db, url, code, name=Path(folder).name)
    ctx.db.dispose()
    ctx = open_context(Path(folder))
    sync = HallSync(ctx.db, ctx.terminal, clock=ctx.clock)
    before = _rss("VmRSS")
    Path(f"/proc/{os.getpid()}/clear_refs").write_text("5")
    t0 = time.perf_counter()
    if how == "sync":
        report = sync.run_once()
        assert report.ok, report.errors
        rows = report.pulled
    else:
        data = snapshot.fetch(sync.client())
        assert data is not None
        with ctx.db.engine.begin() as conn:
            rows = snapshot.load(conn, data, ctx.terminal)
    took = time.perf_counter() - t0
    sync.close()
    ctx.db.dispose()
    print(json.dumps({"rss_before_mb": round(before, 1), "peak_mb": round(_rss("VmHWM"), 1),
                      "seconds": round(took, 2), "rows": rows}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
