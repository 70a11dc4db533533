"""Building blocks of the document bodies: title, field tables, lists, seal and signatures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from counter_app.documents.data import Party, PartyKind
from counter_app.documents.fonts import MAIN, string_width
from counter_app.documents.grid import Cell, Grid
from counter_app.documents.layout import Ctx
from counter_app.documents.masking import mask_id, mask_phone
from counter_app.documents.pages import draw_runs
from counter_app.documents.text import Runs, Text

Pair = tuple[str, Runs]  # (label text, value)
# plain text, checked runs, one paragraph per item, or a cell built by the caller (a barcode)
CellValue = str | Runs | list[Runs] | Cell


def d(day: date | datetime | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def dt(moment: datetime | None) -> str:
    return f"{d(moment)} {moment:%H:%M}" if moment else "—"


class Title(Flowable):
    """Centred title, drawn filled and stroked: the bundled font has no bold face."""

    def __init__(self, runs: list[tuple[str, str]], size: float) -> None:
        super().__init__()
        self.runs, self.size = runs, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        natural = string_width(self.runs, self.size)
        if natural > available_width:  # long titles shrink rather than run off the page
            self.size *= available_width / natural
        self.width = available_width
        self.height = self.size * 1.5
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.size * 0.035)
        text = canv.beginText((self.width - string_width(self.runs, self.size)) / 2, self.size * 0.4)
        text.setTextRenderMode(2)
        for font, run in self.runs:
            text.setFont(font, self.size)
            text.textOut(run)
        canv.drawText(text)
        canv.restoreState()


def title(ctx: Ctx, text: str, copy_label: str = "", doc_no: str = "") -> list[Flowable]:
    out: list[Flowable] = [Title(ctx.t(text, "文书名称"), ctx.geo.title)]
    if doc_no:
        out.append(ctx.p(ctx.t(doc_no, "文书编号"), "sub"))
    if copy_label and not ctx.a4:
        out.append(ctx.p(ctx.t(f"（{copy_label}）", "联次"), "sub"))
    out.append(Spacer(1, 2 * mm if ctx.a4 else 1 * mm))
    return out


def plain(data: list, widths: Sequence[float], cmds: Sequence[tuple] = (), **kw: object) -> Table:
    """A table that draws any string cell in the embedded font, never reportlab's Helvetica."""
    style = [
        ("FONTNAME", (0, 0), (-1, -1), MAIN),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        *cmds,
    ]
    return Table(data, colWidths=list(widths), style=TableStyle(style), **kw)  # type: ignore[arg-type]  # reportlab takes these keywords


def fields(ctx: Ctx, rows: Sequence[Sequence[Pair]]) -> Grid:
    """Label/value table: A4 puts up to two pairs on a row, a receipt one pair per row."""
    w = ctx.frame_width
    if ctx.a4:
        lw = 29 * mm
        out: list[list[Cell]] = []
        for row in rows:
            cells = []
            for label, value in row:
                cells += [
                    Cell([ctx.p(ctx.t(label, "栏目"), "label")]),
                    Cell([ctx.p(value, "cell", right_indent=5)]),
                ]
            if len(row) == 1:
                cells[-1] = Cell(cells[-1].content, 3)
            out.append(cells)
        return Grid(out, [lw, w / 2 - lw, lw, w / 2 - lw], pad=1.8)
    data = [
        [Cell([ctx.p(ctx.t(label, "栏目"), "label")]), Cell([ctx.p(value, "cell")])]
        for row in rows
        for label, value in row
    ]
    return Grid(data, [24 * mm, w - 24 * mm], pad=1.5, lines="none", middle=False)


def grid(
    ctx: Ctx,
    head: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    widths: Sequence[float],
    style: str | None = None,
) -> Grid:
    """A table with a header row repeated on every page; ``widths`` are fractions of the frame
    width. A cell given as a list of runs holds one paragraph per item; numbered items hang."""
    w = ctx.frame_width
    style = style or ("cell" if ctx.a4 else "small")
    size = ctx.styles[style].size
    # Right indent: room for closing punctuation that hangs past the line end (see text.py).
    keep = {"right_indent": 0.6 * size}
    hang = {"left_indent": 1.3 * size, "first_indent": -1.3 * size, **keep}

    def cell(c: CellValue) -> Cell:
        if isinstance(c, Cell):
            return c
        if isinstance(c, str):
            return Cell([ctx.p(ctx.t(c, "表格"), style)])
        if c and isinstance(c[0], list):
            items: list[Runs] = c
            return Cell([ctx.p(x, style, **(hang if x[0][1][:1].isdigit() else keep)) for x in items])
        return Cell([ctx.p(c, style, **keep)])  # type: ignore[arg-type]  # c is Runs here (str and list[Runs] handled above)

    data = [[cell(h) for h in head]]
    data += [[cell(c) for c in row] for row in rows]
    return Grid(
        data,
        [f * w for f in widths],
        repeat=1,
        pad=1.8 if ctx.a4 else 1.5,
        lines="box" if ctx.a4 else "rules",
        middle=ctx.a4,
        carry=(0, 1),  # number and name of a row that continues on the next page
    )


def numbered(ctx: Ctx, items: Sequence[Runs], style: str = "body") -> list[Flowable]:
    """1. ... 2. ... with hanging indent."""
    size = ctx.styles[style].size
    return [
        ctx.p([(MAIN, f"{k}．"), *item], style, left_indent=1.5 * size, first_indent=-1.5 * size)
        for k, item in enumerate(items, 1)
    ]


def party_pairs(ctx: Ctx, who: str, party: Party) -> list[list[Pair]]:
    """Rows describing an applicant or agent; ID and phone masked per the options."""
    o = ctx.options
    t = ctx.t
    if party.kind == PartyKind.ORGANISATION:  # an organisation's codes are public
        first: list[Pair] = [(f"{who}（单位）", t(party.name, f"{who}名称"))]
        if party.phone:  # a contact's mobile is a person's number: masked like any other
            phone = mask_phone(party.phone) if o.mask_phone else party.phone
            first.append(("联系电话", t(phone, f"{who}联系电话")))
        rows = [
            first,
            [
                ("统一社会信用代码", t(party.credit_code or "—", "统一社会信用代码")),
                ("法定代表人", t(party.legal_rep or "—", "法定代表人")),
            ],
        ]
        if party.contact_name:
            rows.append([("联系人", t(party.contact_name, f"{who}联系人"))])
        if party.address:
            rows.append([("住所（地址）", t(party.address, f"{who}地址"))])
        return rows
    masked = mask_id(party.id_no, o.mask_keep_head, o.mask_keep_tail) or "—"
    first = [(who, t(party.name, f"{who}姓名"))]
    if party.phone:
        phone = mask_phone(party.phone) if o.mask_phone else party.phone
        first.append(("联系电话", t(phone, f"{who}联系电话")))
    rows = [first, [(party.id_type or "证件号码", t(masked, f"{who}证件号码"))]]
    if party.address:
        rows[1].append(("地址", t(party.address, f"{who}地址")))
    return rows


def signatures(
    ctx: Ctx,
    lines: Sequence[str],
    seal: tuple[str, str, date | None] | None = None,
    beside: Sequence[Flowable] = (),
) -> list[Flowable]:
    """Signature lines, each with its time; an optional seal area (office, seal text, date)
    and optional flowables (a QR code) which A4 puts in one row: lines | beside | seal."""
    box = [SealBox(ctx, *seal)] if seal else []
    # Text takes any width given: the fixed-size flowables (a QR code) set the column.
    side = max([f.width for f in beside if not isinstance(f, Text)] or [0]) + 6 * mm
    room = ctx.frame_width
    if ctx.a4:
        room -= side * bool(beside) + sum(b.width for b in box)
    size = ctx.styles["body"].size
    sign: list[Flowable] = []
    for line in lines:
        label = ctx.t(f"{line}：", "签字栏")
        fit = int((room - string_width(label, size)) / size) - 1  # blanks left on the line
        blank = "＿" * min(9, fit) if fit >= 5 else "\n" + "＿" * 9
        runs = [*label, (MAIN, blank)]
        sign.append(ctx.p(runs, space_before=8 if ctx.a4 else 5))
        sign.append(ctx.p(ctx.t("时间：＿＿年＿＿月＿＿日＿＿时＿＿分", "签字栏"), space_before=3))
    if not ctx.a4:
        return [*beside, *sign, *([Spacer(1, 3 * mm)] if box else []), *box]
    widths: list[float] = [room]
    row: list = [sign]
    if beside:
        widths.append(side)
        row.append(list(beside))
    if box:
        widths.append(box[0].width)
        row.append(box[0])
    cmds = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (1, 0), (-1, 0), "CENTER")]
    return [Spacer(1, 2 * mm), plain([row], widths, cmds)]


class SealBox(Flowable):
    """Where the office stamps its seal: a dashed box with the seal's name, then the date."""

    def __init__(self, ctx: Ctx, office: str, seal_text: str, on: date | None) -> None:
        super().__init__()
        g = ctx.geo
        self.size = 42 * mm if ctx.a4 else 38 * mm  # a round official seal is 40-42 mm
        self.width = 52 * mm if ctx.a4 else ctx.frame_width
        self.font = g.body
        self.office = ctx.t(office, "盖章单位")
        self.seal = ctx.t(f"（{seal_text}）", "印章名称")
        self.date = ctx.t(d(on) if on else "　　年　　月　　日", "日期")
        self.height = self.size + 2.6 * self.font

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, f = self.canv, self.font
        cx = self.width / 2
        x0 = cx - self.size / 2
        canv.saveState()
        canv.setDash(3, 2)
        canv.setLineWidth(0.6)
        canv.rect(x0, 2.6 * f, self.size, self.size, stroke=1, fill=0)
        canv.setDash()
        mid = 2.6 * f + self.size / 2
        room = self.size - 4 * mm  # a long office name shrinks to stay inside the box
        for runs, y in ((self.office, mid + 0.3 * f), (self.seal, mid - 1.3 * f)):
            size = min(f * 0.9, f * 0.9 * room / max(string_width(runs, f * 0.9), 1))
            draw_runs(canv, cx, y, runs, size, "c")
        draw_runs(canv, cx, 1.2 * f, self.date, f, "c")
        canv.restoreState()


def salutation(ctx: Ctx, party: Party, case_no: str) -> list[Flowable]:
    """The "某某：" line, with the case number at its right end (A4)."""
    field = "申请人名称" if party.kind == PartyKind.ORGANISATION else "申请人姓名"
    who = ctx.p(ctx.t(party.name, field) + ctx.t("：", ""))
    no = ctx.p(ctx.t("办件编号：", "") + ctx.t(case_no, "办件编号"), "right")
    if not ctx.a4:
        return [no, who]
    w = ctx.frame_width
    return [plain([[who, no]], [w - 62 * mm, 62 * mm], [("VALIGN", (0, 0), (-1, -1), "BOTTOM")])]
