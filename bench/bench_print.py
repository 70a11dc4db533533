"""Benchmark: the decision key to the print job handed to the spooler (issue 14: < 300 ms).

What a clerk's 受理 key sets off, timed from the key to the job accepted by a real CUPS
queue (a private cupsd with a CUPS-PDF printer, ``tests/cupskit.py``; needs root and
``cups``, ``printer-driver-cups-pdf``): the case recorded (``IntakeService.record``), its
acceptance notice issued and rendered (``PrintService.prepare``), rasterised at the
printer's resolution and sent through QPrinter (``ui.printing.send_to_printer``, what the
print lane runs off the GUI thread). The form is filled before the key, as at the counter.

Baseline in the same run: bare reportlab draws a one-line page and ``lp`` hands it to the
same queue. The ratio is what the app adds to the cheapest possible print.

    python bench/bench_print.py [N]
prints {"name": "decision_key_to_spooler", "ms": ..., "baseline_ms": ..., "ratio": ...}
(medians of N alternating runs). Target: ms < 300.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from bench.common import emit


def _bare_print(queue: str, socket: str, folder: Path) -> float:
    from reportlab.pdfgen.canvas import Canvas

    t = time.perf_counter()
    buf = BytesIO()
    c = Canvas(buf)
    c.drawString(72, 720, "411521 261202 1 01 00001")
    c.save()
    path = folder / "bare.pdf"
    path.write_bytes(buf.getvalue())
    subprocess.run(["lp", "-h", socket, "-d", queue, "-t", "counter-bench-bare", str(path)],
                   check=True, capture_output=True)
    return time.perf_counter() - t


def run(n: int = 15) -> dict:
    from tests import cupskit

    why = cupskit.available()
    if why:
        raise RuntimeError(f"no print spooler: {why}")  # run_all reports it and goes on
    spooler_run = cupskit.start()
    spooler = next(spooler_run)
    os.environ["CUPS_SERVER"] = str(spooler.socket)  # before Qt asks CUPS for its printers
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from counter_app.paths import resource
    from counter_app.services.catalog.exchange import load_catalog
    from counter_app.services.intake.service import IntakeService
    from counter_app.services.printing.service import PrintService
    from counter_app.ui.printing import send_to_printer
    from tests.conftest import make_hall
    from tests.helpers import complete_intake

    _app = QApplication.instance() or QApplication([])  # QPdfDocument and QPrinter need one
    folder = Path(tempfile.mkdtemp(prefix="counter-bench-print-"))
    hall = make_hall(folder / "data", load_catalog(resource("catalog", "luoshan.yaml")))
    intake, printing = IntakeService(hall.ctx), PrintService(hall.ctx)

    def decision_key() -> float:
        form = complete_intake(intake, hall.committed.code)
        t = time.perf_counter()
        case = intake.record(hall.clerk, form, "accept").case_no
        t1 = time.perf_counter()
        job = printing.prepare(hall.clerk, "acceptance", case, "a4")
        t2 = time.perf_counter()
        send_to_printer(job, spooler.queue)
        took = time.perf_counter() - t
        if os.environ.get("COUNTER_BENCH_STEPS"):  # where the time goes
            print(f"record {t1 - t:.3f} prepare {t2 - t1:.3f} spool {t + took - t2:.3f}",
                  file=sys.stderr)
        printing.log_print(hall.clerk, job, spooler.queue)
        return took

    try:
        decision_key()  # warm: fonts, Qt's printer list, the first statements
        _bare_print(spooler.queue, str(spooler.socket), folder)
        ours, base = [], []
        for _ in range(n):
            ours.append(decision_key())
            base.append(_bare_print(spooler.queue, str(spooler.socket), folder))
        ms, baseline = statistics.median(ours) * 1000, statistics.median(base) * 1000
        spooler.written("counter-acceptance")  # the queue really wrote one
        return emit({"name": "decision_key_to_spooler", "ms": round(ms, 1),
                     "p95_ms": round(sorted(ours)[int(0.95 * (n - 1))] * 1000, 1),
                     "baseline_ms": round(baseline, 1), "ratio": round(ms / baseline, 2),
                     "runs": n, "target_ms": 300, "met": ms < 300,
                     "load": round(os.getloadavg()[0], 1)})
    finally:
        hall.ctx.db.dispose()
        spooler_run.close()


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
    sys.exit(0)
