"""One load process: several enrolled PCs, each syncing in its own thread for a bounded
time, recording a case now and then; prints, as JSON, each PC's round latencies, the
reasons of its failed rounds, the cases it recorded, and whether its last round (after the
load) went through with nothing left waiting.

    python -m tests.hall.load_worker DURATION_S INTERVAL_S ITEM_CODE FOLDER...
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.hallsync.engine import HallSync
from counter_app.services.context import ServiceContext
from counter_app.services.intake.service import IntakeService
from counter_app.services.people import auth

from ..helpers import complete_intake

MAX_ROUNDS = 2000  # per PC: bounded in count as well as in time


def _pc(folder: Path, ctx: ServiceContext, duration: float, interval: float, item: str,
        out: dict) -> None:
    sync = HallSync(ctx.db, ctx.terminal, clock=ctx.clock)
    clerk = auth.AuthService(ctx).login("clerk", "counter123")
    svc = IntakeService(ctx)
    lat: list[float] = []
    errors: list[str] = []
    cases = 0
    end = time.monotonic() + duration
    time.sleep(random.uniform(0, interval))
    for n in range(MAX_ROUNDS):
        if time.monotonic() >= end:
            break
        if n % 10 == 5:
            try:
                svc.record(clerk, complete_intake(svc, item), "accept")
                cases += 1
            except Exception as exc:  # counted, and the round still runs
                errors.append(f"record: {exc!r}")
        t = time.perf_counter()
        report = sync.run_once()
        lat.append(time.perf_counter() - t)
        errors.extend(report.errors)
        time.sleep(max(0.0, interval - (time.perf_counter() - t)))
    last = sync.run_once()
    waiting = sync.status().waiting
    sync.close()
    ctx.db.dispose()
    out[str(folder)] = {"latencies": lat, "errors": errors, "cases": cases,
                        "last_errors": last.errors, "waiting": waiting}


def main(argv: list[str]) -> int:
    duration, interval, item = float(argv[0]), float(argv[1]), argv[2]
    out: dict = {}
    # Opened one after another: opening runs the migrations, which are not thread-safe.
    contexts = {f: open_context(f) for f in argv[3:]}

    def guarded(folder: str) -> None:
        try:
            _pc(Path(folder), contexts[folder], duration, interval, item, out)
        except Exception as exc:  # reported, so the test names what went wrong
            out[folder] = {"latencies": [], "errors": [repr(exc)], "cases": 0,
                           "last_errors": [repr(exc)], "waiting": -1, "failed": repr(exc)}

    threads = [threading.Thread(target=guarded, args=(f,)) for f in argv[3:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
