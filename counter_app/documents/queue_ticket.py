"""The queue ticket (排队号票) on 80 mm paper: the hall's name, the number large, the group
and item, people ahead and the estimated wait, a priority's reason, and a QR code that is
later the key of this visit's rating (一次一评). Drawn straight on one page of the ticket's
own height; every character is checked against the fonts before anything is drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.documents.barcodes import QRCode, require_ascii
from counter_app.documents.fonts import MAIN, Glyphs, clean, ensure_fonts, string_width
from counter_app.documents.pages import draw_runs

WIDTH = 80 * mm
MARGIN = 4 * mm


@dataclass(frozen=True)
class TicketDoc:
    hall_name: str
    ticket_no: str
    group_name: str
    item_name: str
    issued_at: datetime
    ahead: int
    wait_minutes: int
    priority: str  # the reason's label (老年人 ...), "" if none
    priority_note: str
    qr_payload: str


def _wrap(glyphs: Glyphs, text: str, field: str, size: float, width: float) -> list[list[tuple[str, str]]]:
    """Lines of font runs no wider than ``width`` (CJK breaks anywhere)."""
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    for font, run in glyphs.runs(clean(text), field):
        for ch in run:
            if line and string_width([*line, (font, ch)], size) > width:
                lines.append(line)
                line = []
            if line and line[-1][0] == font:
                line[-1] = (font, line[-1][1] + ch)
            else:
                line.append((font, ch))
    return [*lines, line] if line else lines


def render_ticket(doc: TicketDoc) -> bytes:
    """The ticket as PDF bytes (one page, 80 mm wide)."""
    ensure_fonts()
    require_ascii(doc.qr_payload, "QR data")
    glyphs = Glyphs()
    inner = WIDTH - 2 * MARGIN
    hall = _wrap(glyphs, doc.hall_name, "服务大厅名称", 11, inner)
    what = doc.group_name + (f" · {doc.item_name}" if doc.item_name else "")
    group = _wrap(glyphs, what, "办理事项", 10, inner)
    ahead = glyphs.runs(f"您前面还有 {doc.ahead} 人，预计等候约 {doc.wait_minutes} 分钟", "等候")
    when = glyphs.runs(f"取号时间 {doc.issued_at:%Y-%m-%d %H:%M}", "取号时间")
    prio = _wrap(glyphs, f"优先：{doc.priority}" + (f"（{doc.priority_note}）" if doc.priority_note else ""),
                 "优先说明", 9.5, inner) if doc.priority else []
    notes = [_wrap(glyphs, t, "说明", 8, inner) for t in (
        "请留意大厅显示屏和语音叫号；过号请到服务台。",
        "办理完毕后，请扫下方二维码评价本次服务（一次一评）。")]
    number = glyphs.runs(doc.ticket_no, "号码")
    glyphs.check()  # refuse before drawing if a character cannot be printed
    qr = QRCode(doc.qr_payload, module_dots=4)
    lines_h = (len(hall) * 15 + 52 + len(group) * 14 + 16 + 14 + len(prio) * 13
               + sum(len(n) for n in notes) * 11 + 8)
    height = MARGIN * 2 + lines_h + qr.height + 10
    buf = BytesIO()
    c = Canvas(buf, pagesize=(WIDTH, height), invariant=1,
               initialFontName=MAIN)  # type: ignore[arg-type]  # a font name; the stubs say float
    c.setTitle(f"排队号票 {doc.ticket_no}")
    c.setAuthor(doc.hall_name)
    c.setCreator("Counter")
    y = height - MARGIN - 11
    mid = WIDTH / 2
    for line in hall:
        draw_runs(c, mid, y, line, 11, "c")
        y -= 15
    y -= 34
    draw_runs(c, mid, y, number, 40, "c")
    y -= 18
    for line in group:
        draw_runs(c, mid, y, line, 10, "c")
        y -= 14
    y -= 2
    draw_runs(c, mid, y, ahead, 9.5, "c")
    y -= 14
    draw_runs(c, mid, y, when, 8.5, "c")
    y -= 14
    for line in prio:
        draw_runs(c, mid, y, line, 9.5, "c")
        y -= 13
    c.setLineWidth(0.5)
    c.setDash(2, 2)
    c.line(MARGIN, y + 6, WIDTH - MARGIN, y + 6)
    c.setDash()
    y -= 6
    for note in notes:
        for line in note:
            draw_runs(c, MARGIN, y, line, 8)
            y -= 11
    qr.drawOn(c, (WIDTH - qr.width) / 2, y - qr.height + 4)
    c.showPage()
    c.save()
    return buf.getvalue()
