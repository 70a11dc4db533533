"""One case's custody trail for an inquiry, as a PDF: who held the file, from when to when,
on which PC, every event with its chain position, and whether the case's rows still match
their seal in the event chain (``audit_check``) at the time of printing.

The chain positions (``终端-序号-摘要``) are the ones printed on the case's documents and
recorded by the hall service, so the report can be held against the paper and the server.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ...documents.fonts import MAIN, Glyphs, clean
from ..audit.events import EVENT_LABELS, POSITION_CHARS
from ..audit.verify import Finding, _state_part, connect_readonly, database_file
from .timeline import CaseView, case_view

MARGIN = 15 * mm
SIDES = {"front": "窗口（受理侧）", "back": "审批侧", "applicant": "申请人"}


class CustodyError(Exception):
    """The case cannot be reported. The message is for the user."""


@dataclass(frozen=True)
class EventLine:
    at: datetime
    kind: str
    terminal: str
    seq: int
    hash: str
    sealed: bool


@dataclass(frozen=True)
class CustodyReport:
    view: CaseView
    events: tuple[EventLine, ...]
    findings: tuple[Finding, ...]
    sealed: bool  # the case has a seal at all (cases older than the seal do not)
    made_at: datetime


def custody_report(folder: str | Path | None, session, case_no: str,
                   now: datetime) -> CustodyReport:
    case_no = "".join(case_no.split())
    view = case_view(session, case_no, now.date())
    if view is None:
        raise CustodyError(f"没有找到办件“{case_no}”")
    conn = connect_readonly(database_file(folder))
    try:
        rowid, case_id = conn.execute("SELECT rowid, id FROM case_file WHERE case_no = ?",
                                      (case_no,)).fetchone()
        part = _state_part(conn, "c", rowid, rowid)
        rows = conn.execute(
            "SELECT at, kind, terminal_code, seq, hash, coalesce(state, '') FROM event_log "
            "WHERE case_id = ? ORDER BY at, terminal_code, seq", (case_id,)).fetchall()
    except sqlite3.DatabaseError as exc:
        raise CustodyError(f"读取数据库时出错（{exc}）") from None
    finally:
        conn.close()
    events = tuple(EventLine(datetime.fromisoformat(a), k, t, s, h, f"c{case_id}:" in st)
                   for a, k, t, s, h, st in rows)
    return CustodyReport(view, events, tuple(part.findings), part.unsealed == 0, now)


def _style(name: str, size: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=MAIN, fontSize=size, leading=size * 1.4,
                          wordWrap="CJK", **kw)  # type: ignore[arg-type]  # reportlab takes wordWrap="CJK", the stubs say bool


STYLES = {"title": _style("title", 15, alignment=1, spaceAfter=4),
          "h": _style("h", 11, spaceBefore=8, spaceAfter=3),
          "body": _style("body", 9.5), "cell": _style("cell", 8),
          "bad": _style("bad", 9.5, textColor=colors.HexColor("#b00020")),
          "good": _style("good", 9.5, textColor=colors.HexColor("#1b5e20"))}


def render_custody_pdf(r: CustodyReport) -> bytes:
    glyphs = Glyphs()

    def p(text: object, style: str = "body") -> Paragraph:
        parts = []
        for font, run in glyphs.runs(clean(str(text), multiline=True), "监管履历"):
            run = escape(run).replace("\n", "<br/>")
            parts.append(run if font == MAIN else f'<font face="{font}">{run}</font>')
        return Paragraph("".join(parts), STYLES[style])

    def table(head: list[str], body: list[list[str]], widths: list[float]) -> Table:
        t = Table([[p(h, "cell") for h in head], *[[p(c, "cell") for c in row] for row in body]],
                  colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    v = r.view
    story: list[Flowable] = [p("办件监管履历", "title"),
             p(f"办件编号 {v.case_no}　事项 {v.item_name}　申请人 {v.applicant_name}"
               f"（{v.applicant_id_masked}）　当前状态 {v.status_label}"),
             p(f"生成时间 {r.made_at:%Y-%m-%d %H:%M}　受理人 {v.clerk_name}　窗口 {v.window_name}")]
    story.append(p("审计核对", "h"))
    if r.findings:
        story += [p("本件记录与事件链中的封存不一致：", "bad")]
        story += [p(f"· {f.message}", "bad") for f in r.findings]
    elif not r.sealed:
        story.append(p("本件的事件均早于审计封存功能，记录内容未受封存保护（事件链本身仍可核验）。"))
    else:
        story.append(p("本件的全部记录（办件、材料、文书、退回、审批、发证、打印）与事件链中最新的封存一致。",
                       "good"))
    story.append(p("整条事件链及大厅服务器记录的核对，请运行 counter-admin verify-audit。"))
    story.append(p("保管经过（谁持有卷宗、自何时至何时）", "h"))
    story.append(table(["持有人", "所在", "自", "至"], [
        [c.holder, SIDES.get(c.side, c.side), f"{c.since:%Y-%m-%d %H:%M}",
         f"{c.until:%Y-%m-%d %H:%M}" if c.until else "至今"] for c in v.custody], [55, 35, 45, 45]))
    story.append(p("经办记录（含终端与事件链位置）", "h"))
    by_pos = {(e.terminal, e.at, e.kind): e for e in r.events}
    rows = []
    for s in v.steps:
        e = by_pos.get((s.terminal, s.at, s.kind))
        pos = f"{e.terminal}-{e.seq}-{e.hash[:POSITION_CHARS]}" if e else ""
        rows.append([f"{s.at:%Y-%m-%d %H:%M}", EVENT_LABELS.get(s.kind, s.label),
                     f"{s.actor_name}（{s.role}）" if s.role else s.actor_name,
                     f"终端 {s.terminal}", s.detail, pos])
    story.append(table(["时间", "事项", "经办人", "电脑", "说明", "链位"], rows,
                       [24, 22, 30, 15, 45, 44]))
    story.append(Spacer(1, 4 * mm))
    story.append(p("链位可与文书上印的链位、大厅服务器记录的链头对照（docs/AUDIT.md）。", "cell"))
    glyphs.check()
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                      bottomMargin=MARGIN, title=f"办件监管履历 {v.case_no}").build(story)
    return buf.getvalue()
