"""Code 128 and QR symbols drawn as vector rectangles, on the grid of a 203 dpi printer.

Scanning depends on the module width at the printer's resolution (TECH-NOTES: 0.20 mm failed at
203 dpi, 2 dots = 0.2502 mm decoded). So a module is a whole number of 203 dpi dots, and the
symbol's origin is snapped to that dot grid in absolute page coordinates, so every bar edge
falls on a dot edge instead of being rounded to a wider or narrower bar.
"""

from __future__ import annotations

from functools import lru_cache

import barcode
import segno
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from counter_app.documents.fonts import MAIN

DOT = 72 / 203  # points per dot of a 203 dpi thermal printer
QUIET_MODULES = 10  # Code 128 quiet zone each side (ISO/IEC 15417 asks for 10 modules)
QR_BORDER = 4  # QR quiet zone in modules (ISO/IEC 18004)
# Bar width reduction: each dark edge moves in by a quarter dot. A rasteriser that blackens
# every dot a shape touches (poppler in -mono; many printer drivers) otherwise grows each bar
# by one dot and shrinks each space by one (2-dot spaces printed 1 dot wide did not scan); one
# that samples dot centres is unaffected.
BWR = DOT / 4


def require_ascii(data: str, what: str) -> str:
    if not data or not data.isascii() or not data.isprintable():
        raise ValueError(f"{what} must be printable ASCII (scanners type ASCII only): {data!r}")
    return data


@lru_cache(maxsize=256)
def code128_modules(data: str) -> str:
    """'1' = bar module, '0' = space module, without quiet zones."""
    require_ascii(data, "Code 128 data")
    return str(barcode.get("code128", data).build()[0])


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[bytes, ...]:
    require_ascii(data, "QR data")
    # make_qr, never make(): make() picks Micro QR for short data, which many scanners can't read.
    qr = segno.make_qr(data, error="m", boost_error=False)
    return tuple(bytes(row) for row in qr.matrix)


def grouped(number: str, size: int = 4) -> str:
    """Human-readable groups. Our 20-digit numbers are grouped by their structure (region,
    date, kind, terminal, sequence: 411521 261202 1 05 00005), as numbering.display does;
    anything else in groups of ``size``."""
    if len(number) == 20 and number.isdigit():
        return f"{number[:6]} {number[6:12]} {number[12]} {number[13:15]} {number[15:]}"
    return " ".join(number[i : i + size] for i in range(0, len(number), size))


def _snap(canv: Canvas) -> None:
    """Move the origin onto the 203 dpi dot grid of the page, counted from its top left
    corner (where a printer and a rasteriser start)."""
    ax, ay = canv.absolutePosition(0, 0)
    top = canv._pagesize[1]  # type: ignore[attr-defined]  # reportlab keeps it private, no getter
    canv.translate(round(ax / DOT) * DOT - ax, top - round((top - ay) / DOT) * DOT - ay)


def _runs(bits: str | bytes) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, bit in enumerate(bits):
        dark = bit in (1, "1")
        if dark and start < 0:
            start = i
        elif not dark and start >= 0:
            out.append((start, i - start))
            start = -1
    if start >= 0:
        out.append((start, len(bits) - start))
    return out


class Code128(Flowable):
    """A Code 128 symbol with its quiet zones and its number in groups under the bars."""

    def __init__(
        self,
        data: str,
        module_dots: int = 2,
        bar_height: float = 12 * mm,
        font_size: float = 9,
        label: str | None = None,
    ) -> None:
        super().__init__()
        self.data = data
        self.modules = code128_modules(data)
        self.module = module_dots * DOT
        self.bar_height = max(bar_height, 10 * mm)
        self.font_size = font_size
        self.label = grouped(data) if label is None else label
        self.width = (len(self.modules) + 2 * QUIET_MODULES) * self.module
        self.height = self.bar_height + 1.3 * font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        _snap(canv)
        canv.setFillColorRGB(0, 0, 0)
        canv.setFont(MAIN, self.font_size)
        canv.drawCentredString(self.width / 2, 0.25 * self.font_size, self.label)
        canv.translate(QUIET_MODULES * self.module, 1.3 * self.font_size)
        dots = self.module / DOT
        bars = [(start * dots, 0.0, length * dots) for start, length in _runs(self.modules)]
        _fill_rects(canv, bars, self.bar_height / DOT)
        canv.restoreState()


class QRCode(Flowable):
    """A QR code (level M) with its 4-module quiet zone included in its size."""

    def __init__(self, data: str, module_dots: int = 5) -> None:
        super().__init__()
        self.data = data
        self.matrix = qr_matrix(data)
        self.module = module_dots * DOT
        self.width = self.height = (len(self.matrix) + 2 * QR_BORDER) * self.module
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        _snap(canv)
        canv.setFillColorRGB(0, 0, 0)
        dots, size = self.module / DOT, len(self.matrix)
        rects: list[tuple[float, float, float]] = []
        for r, row in enumerate(self.matrix):
            y = (QR_BORDER + size - 1 - r) * dots
            rects += [((QR_BORDER + s) * dots, y, n * dots) for s, n in _runs(row)]
        _fill_rects(canv, rects, dots)
        canv.restoreState()


def _fill_rects(canv: Canvas, rects: list[tuple[float, float, float]], height: float) -> None:
    """Fill rectangles (x, y, width) of one height, all in dots, shrunk by BWR on each side.

    Written as one literal path in dot units: reportlab's per-rectangle path API formats every
    number in Python and was a third of a notice's render time.
    """
    canv.transform(DOT, 0, 0, DOT, 0, 0)
    b = BWR / DOT
    ops = [f"{x + b:g} {y + b:g} {w - 2 * b:g} {height - 2 * b:g} re" for x, y, w in rects]
    canv.addLiteral(" ".join(ops) + " f")
