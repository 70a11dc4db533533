"""The bulletin as a PDF (A4 landscape): summary, the same charts as the dashboard, tables.

Every string is drawn in the bundled CJK TrueType font, embedded as a subset (chart axes and
legends too: reportlab's charts default to the non-embedded Helvetica), so the file prints
the same anywhere; ``pdffonts`` lists only embedded fonts.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors, textsplit
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
    paragraph,
)

from counter_app.documents.fonts import MAIN, Glyphs, clean
from counter_app.documents.numbered import numbered_canvas

from .build import Bulletin, ChartData, TableData, charts, tables

PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
PDF_ROWS = 25  # list tables print this many rows; the workbook has them all
FULL_TABLES = ("windows", "clerks", "training")  # always printed in full

# Chinese punctuation must not start a line (reportlab knows only the Japanese rules); the
# documents package adds the same, and the check keeps it idempotent.
for _module in (paragraph, textsplit):  # each holds its own copy of the string
    if "，" not in _module.ALL_CANNOT_START:
        _module.ALL_CANNOT_START += "，；：？！、。”’》〉）」』】％"  # type: ignore[attr-defined]  # not in the stubs


def _style(name: str, size: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=MAIN, fontSize=size, leading=size * 1.4,
                          wordWrap="CJK", **kw)


STYLES = {
    "title": _style("title", 16, alignment=1, spaceAfter=2),
    "sub": _style("sub", 9, alignment=1, textColor=colors.HexColor("#555555")),
    "h": _style("h", 11.5, spaceBefore=8, spaceAfter=3),
    "body": _style("body", 10),
    "cell": _style("cell", 7.5),
    "num": _style("num", 7.5, alignment=1),
    "head": _style("head", 7.5, alignment=1),
    "note": _style("note", 8, textColor=colors.HexColor("#555555")),
}


class _Pdf:
    def __init__(self, b: Bulletin) -> None:
        self.b = b
        self.glyphs = Glyphs()

    def t(self, text: object, field: str = "报表") -> str:
        """Escaped Paragraph markup; Extension A characters in the fallback face."""
        parts = []
        for font, run in self.glyphs.runs(clean(str(text), multiline=True), field):
            run = escape(run).replace("\n", "<br/>")
            parts.append(run if font == MAIN else f'<font face="{font}">{run}</font>')
        return "".join(parts)

    def p(self, text: object, style: str = "body") -> Paragraph:
        return Paragraph(self.t(text), STYLES[style])

    def chart(self, data: ChartData, width: float, height: float) -> Drawing:
        for c in data.categories:
            self.t(c, "图表")  # a character no font has is reported, never drawn as a box
        d = Drawing(width, height, initialFontName=MAIN)
        d.add(String(4, height - 12, data.title, fontName=MAIN, fontSize=9.5))
        bc = VerticalBarChart()
        many = 8 < len(data.categories) <= 16
        bc.x, bc.y = 30, 34 if many else 22
        bc.width, bc.height = width - 40, height - bc.y - 34  # type: ignore[assignment]  # stubs say int; any number works
        bc.data = [tuple(v) for _, v in data.series] or [(0,)]
        bc.valueAxis.valueMin = 0
        bc.valueAxis.valueMax, bc.valueAxis.valueStep = data.axis_max()
        bc.valueAxis.labels.fontName = MAIN
        bc.valueAxis.labels.fontSize = 7
        bc.valueAxis.labelTextFormat = "%d"
        bc.categoryAxis.categoryNames = data.axis_labels()
        bc.categoryAxis.labels.fontName = MAIN
        bc.categoryAxis.labels.fontSize = 6.5 if many else 7.5
        if many:
            bc.categoryAxis.labels.angle = 30
            bc.categoryAxis.labels.boxAnchor = "ne"
        bc.groupSpacing = 4
        bc.barSpacing = 0.5  # type: ignore[assignment]  # as above
        palette = [colors.HexColor(c) for c in data.colors]
        for i in range(len(data.series)):
            bc.bars[i].fillColor = palette[i % len(palette)]
            bc.bars[i].strokeColor = None
        if len(data.series) == 1:
            bc.barLabelFormat = "%d"
            bc.barLabels.fontName = MAIN
            bc.barLabels.fontSize = 7
            bc.barLabels.nudge = 6
        d.add(bc)
        if len(data.series) > 1:
            lg = Legend()
            lg.fontName, lg.fontSize = MAIN, 7.5
            lg.alignment = "right"
            lg.columnMaximum = 1
            lg.x, lg.y = width * 0.35, height - 8  # type: ignore[assignment]  # as above
            lg.dx, lg.dy, lg.dxTextSpace = 7, 7, 3
            lg.deltax = 10
            lg.autoXPadding = 12
            lg.colorNamePairs = [(palette[i % len(palette)], name)
                                 for i, (name, _v) in enumerate(data.series)]
            d.add(lg)
        return d

    def table(self, data: TableData, widths: list[float] | None = None) -> list[Any]:
        out: list[Any] = [self.p(data.title, "h")]
        if not data.rows:
            return [*out, self.p("无。", "note")]
        rows = data.rows if data.key in FULL_TABLES else data.rows[:PDF_ROWS]
        body = [[self.p(h, "head") for h in data.headers]]
        body += [[self.p(v, "num" if isinstance(v, int | float) else "cell") for v in r] for r in rows]
        t = Table(body, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), MAIN),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        out.append(t)
        full = data.total if data.total is not None else len(data.rows)
        if full > len(rows):
            out.append(self.p(f"共 {full} 条，此处列出前 {len(rows)} 条，全部内容见 Excel 报表。", "note"))
        return out

    def story(self) -> list[Any]:
        b = self.b
        story: list[Any] = [
            self.p(b.title, "title"),
            self.p(f"统计截止：{b.as_of:%Y-%m-%d}　生成时间：{b.generated_at:%Y-%m-%d %H:%M}", "sub"),
            self.p("一、小结", "h"),
        ]
        story += [self.p(f"{i}. {line}") for i, line in enumerate(b.summary_lines(), 1)]
        story.append(self.p("二、图表", "h"))
        cs = charts(b)
        wide, narrow, h = WIDTH * 0.6, WIDTH * 0.4, 52 * mm
        grid = Table([[self.chart(cs[0], wide, h), self.chart(cs[1], narrow, h)],
                      [self.chart(cs[2], wide, h), self.chart(cs[3], narrow, h)]],
                     colWidths=[wide, narrow])
        grid.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), MAIN),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(grid)
        for extra in cs[4:]:  # the queue by hour, full width
            story.append(self.chart(extra, WIDTH, h))
        tbl = tables(b)
        n = ["三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
             "十六"]
        widths = self.widths(tbl)
        for i, data in enumerate(tbl):
            data = TableData(data.key, f"{n[i]}、{data.title}", data.headers, data.rows, data.total)
            parts = self.table(data, widths.get(data.key))
            # A heading never ends a page: short tables move whole, long ones start with room.
            story.append(CondPageBreak(45 * mm))
            story += [KeepTogether(parts[:3]), *parts[3:]] if len(data.rows) < 12 else parts
        story.append(Spacer(1, 4 * mm))
        story += [self.p(f"注：{x}", "note") for x in b.notes]
        self.glyphs.check()
        return story

    def widths(self, tbl: list[TableData]) -> dict[str, list[float]]:
        """Text columns get room; counts share what is left."""
        fixed = {
            "windows": {0: 22 * mm},
            "clerks": {0: 15 * mm, 1: 17 * mm, 2: 7 * mm, 17: 21 * mm, 18: 13 * mm, 19: 16 * mm,
                       20: 24 * mm, 21: 22 * mm},
            "batches": {0: 45 * mm, 1: 30 * mm, 3: 30 * mm},
            "overdue": {0: 45 * mm, 1: 30 * mm},
            "near_due": {0: 45 * mm, 1: 30 * mm},
            "complaints": {0: 20 * mm, 2: 60 * mm, 3: 38 * mm, 9: 45 * mm},
            "bad_ratings": {0: 45 * mm},
            "training": {6: 28 * mm, 7: 60 * mm},
            "queue_desks": {0: 30 * mm},
            "queue_areas": {0: 45 * mm},
            "queue_hours": {0: 30 * mm},
        }
        out = {}
        for data in tbl:
            fx = {k: v for k, v in fixed.get(data.key, {}).items() if k < len(data.headers)}
            rest = (WIDTH - sum(fx.values())) / max(1, len(data.headers) - len(fx))
            out[data.key] = [fx.get(i, rest) for i in range(len(data.headers))]
        return out


def render_bulletin_pdf(b: Bulletin) -> bytes:
    """The bulletin as PDF bytes; raises MissingGlyphError if a character cannot be printed."""
    buf = BytesIO()
    pdf = _Pdf(b)
    story = pdf.story()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=14 * mm, title=b.title, initialFontName=MAIN,
                            author=b.hall, subject="每日一通报、每日一小结", creator="Counter")
    doc.build(story, canvasmaker=numbered_canvas(b.title, MARGIN, PAGE[0], 7 * mm))
    return buf.getvalue()
