"""The personal-information report (个人信息保护法第四十五条) as an A4 PDF, in the bundled CJK
font like every other document (embedded subset; ``pdffonts`` lists only embedded fonts)."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ...documents.fonts import MAIN, Glyphs, clean
from ...documents.numbered import numbered_canvas
from .subject_report import CaseRecord, SubjectReport

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN


def _style(name: str, size: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=MAIN, fontSize=size, leading=size * 1.45,
                          wordWrap="CJK", **kw)


STYLES = {
    "title": _style("title", 16, alignment=1, spaceAfter=4),
    "sub": _style("sub", 9, alignment=1, textColor=colors.HexColor("#555555")),
    "h": _style("h", 12, spaceBefore=8, spaceAfter=4),
    "h2": _style("h2", 10.5, spaceBefore=6, spaceAfter=2),
    "body": _style("body", 9.5),
    "cell": _style("cell", 8.5),
    "note": _style("note", 8.5, textColor=colors.HexColor("#555555")),
}
GRID = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), MAIN),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
])


class _Pdf:
    def __init__(self, r: SubjectReport) -> None:
        self.r = r
        self.glyphs = Glyphs()

    def p(self, text: object, style: str = "body") -> Paragraph:
        parts = []
        for font, run in self.glyphs.runs(clean(str(text), multiline=True), "报告"):
            run = escape(run).replace("\n", "<br/>")
            parts.append(run if font == MAIN else f'<font face="{font}">{run}</font>')
        return Paragraph("".join(parts), STYLES[style])

    def grid(self, rows: list[list[str]], widths: list[float], head: bool = True) -> Table:
        t = Table([[self.p(v, "cell") for v in row] for row in rows], colWidths=widths,
                  repeatRows=1 if head else 0)
        t.setStyle(GRID)
        if head:
            t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))]))
        return t

    def case(self, i: int, c: CaseRecord) -> list[Any]:
        facts = [["办件编号", c.case_no, "本人身份", c.role],
                 ["事项", c.item, "窗口", c.window],
                 ["收件时间", f"{c.received_at:%Y-%m-%d %H:%M}", "状态", c.status],
                 ["受理日期", f"{c.accepted_on:%Y-%m-%d}" if c.accepted_on else "—", "受理人", c.clerk]]
        facts += [[label, value or "—", "", ""] for label, value in c.fields]
        t = self.grid(facts, [24 * mm, 70 * mm, 20 * mm, WIDTH - 114 * mm], head=False)
        spans = [("SPAN", (1, r), (3, r)) for r in range(4, len(facts))]
        t.setStyle(TableStyle([*spans, ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3"))]))
        out: list[Any] = [KeepTogether([self.p(f"{i}. 办件 {c.case_no}", "h2"), t])]
        for title, lines in (("材料", c.materials), ("出具的文书", c.documents), ("办理经过", c.history)):
            if lines:
                out.append(self.p(f"{title}：", "body"))
                out += [self.p(f"　{line}", "cell") for line in lines]
        return out

    def story(self) -> list[Any]:
        r = self.r
        story: list[Any] = [
            self.p("个人信息查询报告", "title"),
            self.p(f"{r.hall}　依据《中华人民共和国个人信息保护法》第四十五条", "sub"),
            Spacer(1, 3 * mm),
            self.grid([["证件号码", r.id_no, "姓名", r.name or "—"],
                       ["生成时间", f"{r.generated_at:%Y-%m-%d %H:%M}", "经办人", r.generated_by]],
                      [24 * mm, 60 * mm, 20 * mm, WIDTH - 104 * mm], head=False),
            self.p(f"一、保存的办件信息（共 {len(r.cases)} 件）", "h"),
        ]
        if not r.cases:
            story.append(self.p("大厅未保存以此证件号码为申请人或代办人的办件。", "note"))
        for i, c in enumerate(r.cases, 1):
            story += self.case(i, c)
        if r.collected:
            story.append(self.p("二、代他人领取结果的记录", "h"))
            story += [self.p(line, "cell") for line in r.collected]
        n = "三" if r.collected else "二"
        story.append(self.p(f"{n}、查阅记录（共 {len(r.accesses)} 条）", "h"))
        if r.accesses:
            rows = [["时间", "人员", "岗位", "终端", "操作", "办件", "说明"]]
            rows += [[f"{a.at:%Y-%m-%d %H:%M}", a.who, a.role, a.terminal,
                      a.what + ("（可能）" if a.possible else ""), a.case_no, a.detail]
                     for a in r.accesses]
            story.append(self.grid(rows, [27 * mm, 27 * mm, 13 * mm, 10 * mm, 20 * mm, 41 * mm,
                                          WIDTH - 138 * mm]))
        else:
            story.append(self.p("无。", "note"))
        story.append(Spacer(1, 4 * mm))
        story += [self.p(f"注：{x}", "note") for x in r.notes]
        self.glyphs.check()
        return story


def render_subject_report(r: SubjectReport) -> bytes:
    """The report as PDF bytes; raises MissingGlyphError if a character cannot be printed."""
    buf = BytesIO()
    story = _Pdf(r).story()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=16 * mm, title="个人信息查询报告",
                            author=r.hall, creator="Counter", initialFontName=MAIN)
    doc.build(story, canvasmaker=numbered_canvas(f"个人信息查询报告 · {r.hall}", MARGIN, A4[0], 8 * mm))
    return buf.getvalue()
