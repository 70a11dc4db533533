"""Handing a document's PDF itself to a CUPS queue (Linux, where QPrinter talks to CUPS).

Through QPrinter every page is rasterised by us and the image compressed into a new job:
2 to 5 s for a two-page A4 notice at 300 dpi on a busy counter PC, far past the 300 ms the
decision key may take (issue 14, ``bench/bench_print.py``). CUPS takes PDF: its filters
rasterise each page at the printer driver's own resolution (203 dpi on a thermal printer,
not a 300 dpi image scaled down), keeping each page's own size. Where there is no ``lp``
(Windows), ``ui.printing.print_pdf`` rasterises as before.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence

LP_TIMEOUT = 30  # seconds: a spooler that does not answer is reported, not waited for


def takes_pdf() -> bool:
    """True where printers are CUPS queues that the ``lp`` client reaches."""
    return sys.platform != "win32" and shutil.which("lp") is not None


def media(width_pt: float, height_pt: float) -> str:
    """CUPS's name for a page size: A4 by name, anything else (a receipt slip as long as its
    content) as a custom size. Without it CUPS fits the page onto the queue's default paper,
    shrinking an 80 mm slip, and its barcodes, onto A4."""
    w, h = width_pt / 72 * 25.4, height_pt / 72 * 25.4
    if abs(w - 210) < 1 and abs(h - 297) < 1:
        return "A4"
    return f"Custom.{w:.1f}x{h:.1f}mm"


def runs(sizes: Sequence[tuple[float, float]]) -> list[tuple[int, int, str]]:
    """(first page, last page, media) of each run of pages of one size, numbered from 1."""
    out: list[tuple[int, int, str]] = []
    for i, (w, h) in enumerate(sizes, 1):
        m = media(w, h)
        if out and out[-1][2] == m and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i, m)
        else:
            out.append((i, i, m))
    return out


def submit_pdf(pdf: bytes, queue: str, title: str, sizes: Sequence[tuple[float, float]]) -> list[str]:
    """Queue ``pdf`` on ``queue``, one job named ``title`` per run of pages of one size
    (``sizes``: each page's width and height in points); returns the spooler's job ids.
    OSError with a Chinese message when the spooler refuses it."""
    jobs = []
    for first, last, paper in runs(sizes):
        pages = [] if len(sizes) == last - first + 1 else ["-P", f"{first}-{last}"]
        args = ["lp", "-d", queue, "-t", title, "-o", f"media={paper}", "-o", "fit-to-page=false",
                *pages, "-"]
        try:
            run = subprocess.run(args, input=pdf, capture_output=True, timeout=LP_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise OSError(f"打印服务（CUPS）{LP_TIMEOUT} 秒内没有接收打印机“{queue}”的打印任务") from None
        if run.returncode != 0:
            why = run.stderr.decode("utf-8", "replace").strip() or f"lp 退出码 {run.returncode}"
            raise OSError(f"打印服务（CUPS）没有接收打印机“{queue}”的打印任务：{why}")
        out = run.stdout.decode("utf-8", "replace").split()
        jobs.append(out[3] if len(out) > 3 and out[0] == "request" else "")
    return jobs
