"""From a Sheet to PDF: the header that carries the number and its barcode on every page,
"第 i 页 共 n 页" per copy, copies as page templates, the receipt's computed length."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from counter_app.documents.barcodes import Code128, grouped
from counter_app.documents.fonts import MAIN, clean, string_width
from counter_app.documents.layout import RECEIPT_MAX_HEIGHT, Ctx, Sheet
from counter_app.documents.text import Runs


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each can say "第 i 页 共 n 页" for its copy."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._section = 0
        self._footer: Callable[[Canvas, int, int], None] | None = None

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab private, missing from its stubs

    def save(self) -> None:
        totals: dict[int, int] = {}
        for page in self._pages:
            totals[page["_section"]] = totals.get(page["_section"], 0) + 1
        seen: dict[int, int] = {}
        for page in self._pages:
            self.__dict__.update(page)
            seen[self._section] = seen.get(self._section, 0) + 1
            if self._footer:
                self._footer(self, seen[self._section], totals[self._section])
            super().showPage()
        super().save()


def draw_runs(canv: Canvas, x: float, y: float, runs: Runs, size: float, align: str = "l") -> float:
    """Draw font runs at (x, y), aligned left/centre/right ('l', 'c', 'r'); returns width."""
    width = string_width(runs, size)
    x -= {"l": 0, "c": width / 2, "r": width}[align]
    for font, text in runs:
        canv.setFont(font, size)
        canv.drawString(x, y, text)
        x += string_width([(font, text)], size)
    return width


def _boxed(canv: Canvas, x: float, y: float, runs: Runs, size: float, align: str) -> None:
    """Text in a rectangle (the reprint mark must not be missed)."""
    w = draw_runs(canv, x, y, runs, size, align)
    left = x - {"l": 0, "c": w / 2, "r": w}[align]
    canv.setLineWidth(1)
    canv.rect(left - 2.5, y - 0.3 * size, w + 5, 1.3 * size, stroke=1, fill=0)


@dataclass(frozen=True)
class _Marks:
    """What the header and footer of every page of one copy show."""

    section: int  # copy index: pages are numbered per copy
    hall: Runs
    label: Runs  # 第一联 申请人留存 ...
    reprint: Runs  # 补打（第 N 次）, or nothing
    stamp: Runs  # 打印时间 ..., or nothing
    title: Runs
    barcode: Code128
    code_label: str


def render_sheet(sheet: Sheet, ctx: Ctx, reprint_no: int) -> bytes:
    g, glyphs = ctx.geo, ctx.glyphs
    hall = glyphs.runs(clean(sheet.hall_name), "服务大厅名称")
    reprint = glyphs.runs(f"补打（第 {reprint_no} 次）", "补打标记") if reprint_no > 0 else []
    printed = ctx.options.printed_at
    chain = f"　链位 {ctx.options.chain}" if ctx.options.chain else ""
    stamp = glyphs.runs(f"打印时间 {printed:%Y-%m-%d %H:%M}{chain}", "打印时间") if printed else []
    title_runs = glyphs.runs(clean(sheet.title), "文书名称")
    # 3-dot modules (0.375 mm): decodes at 150 dpi grey and after ink spread (issue 14).
    barcode = Code128(sheet.code, module_dots=3, bar_height=g.bar_height, font_size=g.small + 0.5)

    stories: list[list[Flowable]] = []
    templates: list[PageTemplate] = []
    for i, label in enumerate(sheet.copies):
        story = sheet.body(i, label)
        label_runs = glyphs.runs(clean(label), "联次")
        if ctx.a4:
            head, height = g.header, A4[1]
        else:
            head = 13 + barcode.wrap(0, 0)[1] + 6 + (16 if stamp else 0)
            head += 18 if reprint else 0
            height = _receipt_height(story, ctx, head)
        frame = Frame(
            g.margin_x,
            g.margin_bottom,
            ctx.frame_width,
            height - head - g.margin_top - g.margin_bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"f{i}",
        )
        marks = _Marks(i, hall, label_runs, reprint, stamp, title_runs, barcode, sheet.code_label)

        def on_page(canv: Canvas, doc: Any, marks: _Marks = marks) -> None:
            canv._section = marks.section  # type: ignore[attr-defined]  # our own attributes on the canvas
            canv._footer = _footer_fn(ctx, marks)  # type: ignore[attr-defined]  # as above
            (_a4_header if ctx.a4 else _receipt_header)(canv, ctx, marks)

        templates.append(
            PageTemplate(id=f"copy{i}", frames=[frame], onPage=on_page, pagesize=(g.width, height))
        )
        stories.append(story)
    glyphs.check()  # refuse before any page exists if a character cannot be printed

    flow: list[Flowable] = []
    for i, story in enumerate(stories):
        if i:
            flow += [NextPageTemplate(f"copy{i}"), PageBreak()]
        flow += story
    buf = BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=templates[0].pagesize,
        initialFontName=MAIN,
        invariant=1,
        title=sheet.title,
        author=sheet.hall_name,
        creator="Counter",
        subject=sheet.code,
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
    )
    doc.addPageTemplates(templates)
    doc.build(flow, canvasmaker=_NumberedCanvas)
    return buf.getvalue()


def _measure(story: list[Flowable], width: float, scratch: Canvas) -> float:
    total = 0.0
    for k, f in enumerate(story):
        if isinstance(f, KeepTogether):  # its own wrap answers "too tall" for a huge frame
            total += _measure(f._content, width, scratch)  # type: ignore[attr-defined]  # reportlab private
            continue
        total += f.wrapOn(scratch, width, 1e7)[1] + f.getSpaceAfter()
        total += f.getSpaceBefore() if k else 0
    return total


def _receipt_height(story: list[Flowable], ctx: Ctx, head: float) -> float:
    g = ctx.geo
    total = _measure(story, ctx.frame_width, Canvas(BytesIO()))
    height = head + g.margin_top + g.margin_bottom + total + 3 * mm  # 3 mm: rounding slack
    # Whole points: reportlab compares page sizes as ints when switching templates.
    return float(min(math.ceil(height), RECEIPT_MAX_HEIGHT))


def _footer_fn(ctx: Ctx, m: _Marks) -> Callable[[Canvas, int, int], None]:
    g = ctx.geo

    def footer(canv: Canvas, i: int, n: int) -> None:
        size = g.small
        y = g.margin_bottom - 8 * mm if ctx.a4 else 3 * mm
        runs = [(MAIN, f"第 {i} 页 共 {n} 页")]
        if ctx.a4:
            # One line: title and number from the left, print time and page from the right;
            # the print time never covers the number (it shrinks first if both cannot fit).
            code = [(MAIN, f"  {m.code_label} {grouped(m.barcode.data)}")]
            left = draw_runs(canv, g.margin_x, y, [*m.title, *code], size)
            right = [*m.stamp, (MAIN, "　"), *runs] if m.stamp else runs
            room = g.width - 2 * g.margin_x - left - 4 * mm
            fit = min(size, size * room / max(string_width(right, size), 1))
            draw_runs(canv, g.width - g.margin_x, y, right, fit, "r")
        elif n > 1:  # a receipt is one page unless it is longer than a PDF page may be
            draw_runs(canv, g.width / 2, y, runs, size, "c")

    return footer


def _a4_header(canv: Canvas, ctx: Ctx, m: _Marks) -> None:
    g = ctx.geo
    top = A4[1] - g.margin_top
    draw_runs(canv, g.margin_x, top - 10, m.hall, 10.5)
    if m.label:
        draw_runs(canv, g.margin_x, top - 25, m.label, 10)
    if m.reprint:
        _boxed(canv, g.margin_x + 2.5, top - (42 if m.label else 27), m.reprint, 12, "l")
    w, h = m.barcode.wrap(0, 0)
    draw_runs(canv, g.width - g.margin_x - w - 2, top - 10, [(MAIN, m.code_label)], g.small, "r")
    m.barcode.drawOn(canv, g.width - g.margin_x - w, top - h)
    canv.setLineWidth(0.6)
    y = A4[1] - g.margin_top - g.header + 2 * mm
    canv.line(g.margin_x, y, g.width - g.margin_x, y)


def _receipt_header(canv: Canvas, ctx: Ctx, m: _Marks) -> None:
    g = ctx.geo
    top = canv._pagesize[1] - g.margin_top  # type: ignore[attr-defined]  # reportlab private, no getter
    draw_runs(canv, g.width / 2, top - 9, m.hall, 9.5, "c")
    w, h = m.barcode.wrap(0, 0)
    m.barcode.drawOn(canv, (g.width - w) / 2, top - 13 - h)
    y = top - 13 - h - 12
    if m.stamp:  # the copy label is printed under the title (blocks.title)
        room = g.width - 2 * g.margin_x  # the chain position makes it long: shrink, never clip
        fit = min(g.small, g.small * room / max(string_width(m.stamp, g.small), 1))
        draw_runs(canv, g.width / 2, y, m.stamp, fit, "c")
        y -= 16
    if m.reprint:
        _boxed(canv, g.width / 2, y, m.reprint, 11, "c")
