"""Benchmark: a warm process renders an acceptance notice (A4, applicant copy + stub).

Compared in the same run with bare reportlab drawing the same text (every string of the
notice, same embedded font, same pages) and the same Code 128 and QR rectangles on a canvas,
without layout. The ratio is the price of layout, glyph checks and page machinery.

    python bench/bench_documents.py [N]
prints {"name": "render_acceptance", "ms": ..., "baseline_ms": ..., "ratio": ...} (medians of
N alternating runs, wall clock).
Targets: ms < 60, ratio < 1.5.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from io import BytesIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the samples live with the tests

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Table

from counter_app.documents import RenderOptions, render
from counter_app.documents.barcodes import DOT, _runs, code128_modules, qr_matrix
from counter_app.documents.blocks import SealBox, Title
from counter_app.documents.common import progress_payload
from counter_app.documents.fonts import MAIN, ensure_fonts
from counter_app.documents.grid import Grid
from counter_app.documents.layout import Ctx
from counter_app.documents.render import _BUILDERS
from counter_app.documents.text import Text
from tests.documents import samples


def _strings(flowables: Iterable[Any]) -> Iterable[str]:
    """The text a story prints, flowable by flowable."""
    for f in flowables:
        if isinstance(f, Text):
            yield f.getPlainText()
        elif isinstance(f, Grid):
            for row in f.rows:
                for cell in row:
                    yield from _strings(cell.content)
        elif isinstance(f, Table):
            for row in f._cellvalues:
                for cell in row:
                    yield from _strings(cell if isinstance(cell, list) else [cell])
        elif isinstance(f, KeepTogether):
            yield from _strings(f._content)
        elif isinstance(f, list):
            yield from _strings(f)
        elif isinstance(f, Title):
            yield "".join(text for _, text in f.runs)
        elif isinstance(f, SealBox):
            yield from ("".join(t for _, t in runs) for runs in (f.office, f.seal, f.date))


def _baseline_job(case: Any) -> Callable[[], bytes]:
    ctx = Ctx("a4", RenderOptions())
    sheet = _BUILDERS["acceptance"](case, ctx)
    pages = [[s for s in _strings(sheet.body(i, c)) if s] for i, c in enumerate(sheet.copies)]
    header = [sheet.hall_name, "办件编号", "第 1 页 共 1 页"]
    bars = code128_modules(case.case_no)
    qr = qr_matrix(progress_payload(case.hall, case.case_no))

    def job() -> bytes:
        buf = BytesIO()
        canv = Canvas(buf, pagesize=A4, initialFontName=MAIN, invariant=1)
        for texts in pages:
            y = A4[1] - 20 * mm
            for s in header + texts:
                canv.setFont(MAIN, 10)
                while s:  # crude fixed-width lines: no layout, just the ink
                    canv.drawString(18 * mm, y, s[:45])
                    s, y = s[45:], y - 12
            m = 2 * DOT
            for start, n in _runs(bars):
                canv.rect(120 * mm + start * m, 270 * mm, n * m, 12 * mm, stroke=0, fill=1)
            q = 6 * DOT
            for r, row in enumerate(qr):
                for start, n in _runs(row):
                    canv.rect(150 * mm + start * q, 40 * mm - r * q, n * q, q, stroke=0, fill=1)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    return job


def _once_ms(job: Callable[[], object]) -> float:
    start = time.perf_counter()
    job()
    return (time.perf_counter() - start) * 1000


def run(n: int = 40) -> dict[str, Any]:
    ensure_fonts()
    case = samples.case()
    baseline = _baseline_job(case)

    def ours() -> bytes:
        return render("acceptance", case, "a4")

    ours(), baseline()  # warm: caches, font subsetting machinery
    gc.collect()
    # Alternate one of each so that a busy machine slows both alike; medians resist outliers.
    pairs = [(_once_ms(ours), _once_ms(baseline)) for _ in range(n)]
    ms = statistics.median(p[0] for p in pairs)
    baseline_ms = statistics.median(p[1] for p in pairs)
    return {
        "name": "render_acceptance",
        "ms": round(ms, 2),
        "baseline_ms": round(baseline_ms, 2),
        "ratio": round(ms / baseline_ms, 3),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 40)))
