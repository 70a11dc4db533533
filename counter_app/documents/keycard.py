"""The key card: every screen's keys on one A4 page (landscape, three columns) for the counter.

The content comes from the UI's key lists (``ui/keyhelp.py``, translated there); this module
only lays it out, in the documents' embedded CJK font, and refuses a second page: a card that
does not fit one page is a card nobody pins up.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from .fonts import MAIN, Glyphs

PAGE = landscape(A4)
MARGIN = 9 * mm
GAP = 6 * mm
HEAD = 14 * mm  # the title band
COLUMNS = 3
COL_W = (PAGE[0] - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS
KEY_W = 31 * mm

Section = tuple[str, Sequence[tuple[str, str]]]


class KeyCardError(ValueError):
    """The card does not fit one page. The message is for the user."""


def _style(name: str, size: float, wrap: str | None = "CJK", **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=MAIN, fontSize=size, leading=size * 1.25,
                          wordWrap=wrap, **kw)  # type: ignore[arg-type]  # reportlab takes wordWrap="CJK", the stubs say bool


def render_key_card(title: str, subtitle: str, sections: Sequence[Section], size: float = 8.2) -> bytes:
    """One page, or ``KeyCardError``. Every character is checked against the fonts first."""
    glyphs = Glyphs()
    for name, keys in sections:
        glyphs.text(name, name)
        for key, what in keys:
            glyphs.text(key + what, name)
    glyphs.check()
    head = _style("head", size + 1.6, textColor=colors.white)
    # keys wrap between words ("Ctrl+Tab / Ctrl+Shift+Tab"), never inside one
    key_style = _style("key", size, None, textColor=colors.HexColor("#0d47a1"))
    text = _style("text", size)
    flow = []
    for name, keys in sections:
        rows = [[Paragraph(escape(name), head), ""]]
        rows += [[Paragraph(escape(k), key_style), Paragraph(escape(w), text)] for k, w in keys]
        t = Table(rows, colWidths=[KEY_W, COL_W - KEY_W])
        t.setStyle(TableStyle([
            ("SPAN", (0, 0), (1, 0)),
            ("BACKGROUND", (0, 0), (1, 0), colors.HexColor("#37474f")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cfd8dc")),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]))
        flow.append(KeepTogether([t, Table([[""]], rowHeights=[2.6 * mm])]))

    def decorate(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        canvas.setFont(MAIN, 15)
        canvas.drawString(MARGIN, PAGE[1] - MARGIN - 6 * mm, title)
        canvas.setFont(MAIN, 8.5)
        canvas.setFillColor(colors.HexColor("#455a64"))
        canvas.drawRightString(PAGE[0] - MARGIN, PAGE[1] - MARGIN - 6 * mm, subtitle)
        canvas.setStrokeColor(colors.HexColor("#37474f"))
        canvas.line(MARGIN, PAGE[1] - MARGIN - 9 * mm, PAGE[0] - MARGIN, PAGE[1] - MARGIN - 9 * mm)
        canvas.restoreState()

    height = PAGE[1] - 2 * MARGIN - HEAD
    frames = [Frame(MARGIN + i * (COL_W + GAP), MARGIN, COL_W, height, 0, 0, 0, 0, id=f"c{i}")
              for i in range(COLUMNS)]
    out = BytesIO()
    doc = BaseDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                          pageTemplates=[PageTemplate("card", frames, onPage=decorate)])
    doc.build(list(flow))
    if doc.page != 1:
        raise KeyCardError(f"按键速查卡超过一页（{doc.page} 页）：请减少条目或缩小字号")
    return out.getvalue()
