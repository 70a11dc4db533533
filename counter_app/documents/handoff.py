"""材料流转交接单: a batch of files handed from a window to a department, signed by both.

The batch number and its barcode are in the header of every page (the approver scans any page).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from counter_app.documents import blocks
from counter_app.documents.barcodes import Code128
from counter_app.documents.blocks import CellValue, dt
from counter_app.documents.common import DOC_KINDS, copies, number
from counter_app.documents.data import BatchCase, BatchDoc
from counter_app.documents.grid import Cell
from counter_app.documents.layout import Ctx, Sheet
from counter_app.documents.text import Runs

RULE = (
    "接收人应逐件核对办件及材料，核对无误后{tick}签字；如有不符，应在本单注明并当场告知移交人。"
    "签收前材料由移交方负责，签收后由接收方负责。"
)


def sheet(doc: BatchDoc, ctx: Ctx) -> Sheet:
    number(doc.batch_no, "batch_no")
    for c in doc.cases:
        number(c.case_no, "case_no")
    title = DOC_KINDS["handoff"]
    labels = ("第一联　移交方留存", "第二联　接收方留存")

    def body(i: int, label: str) -> list[Flowable]:
        receiver = f"接收人（{doc.receiver_name}）签字" if doc.receiver_name else "接收人签字"
        signs = [f"移交人（{doc.from_clerk}）签字", receiver]
        return [
            *blocks.title(ctx, title, label),
            blocks.fields(ctx, _fields(ctx, doc)),
            *_table(ctx, doc.cases),
            ctx.p(ctx.t(RULE.format(tick="在“核对”栏打“√”并" if ctx.a4 else ""), ""), "cell", space_before=4),
            KeepTogether(blocks.signatures(ctx, signs)),
        ]

    return Sheet(title, doc.batch_no, "交接批次号", doc.hall.name, copies(ctx, False, labels), body)


def _fields(ctx: Ctx, doc: BatchDoc) -> list[list[blocks.Pair]]:
    t = ctx.t
    items = sum(c.items for c in doc.cases)
    pages = sum(c.pages for c in doc.cases)
    signed = dt(doc.signed_at) if doc.signed_at else "未签收"
    rows = [
        [("交接批次号", t(doc.batch_no, "交接批次号")), ("生成时间", t(dt(doc.created_at), ""))],
        [("移交窗口", t(doc.from_window, "移交窗口")), ("移交人", t(doc.from_clerk, "移交人"))],
        [("接收部门", t(doc.to_department, "接收部门")), ("签收时间", t(signed, ""))],
    ]
    if doc.signed_at:  # a reprint after signing says who signed and what they found
        odd = sum(c.state == "discrepancy" for c in doc.cases)
        found = f"签收 {len(doc.cases) - odd} 件" + (f"，差异 {odd} 件（退回移交方）" if odd else "")
        rows.append([("签收人", t(doc.receiver_name or "—", "签收人")), ("签收结果", t(found, ""))])
    rows.append([("合计", t(f"办件 {len(doc.cases)} 件，材料 {items} 项 {pages} 页", ""))])
    return rows


def _materials(ctx: Ctx, case: BatchCase) -> list[Runs]:
    t = ctx.t
    lines = [
        t(f"{k}．", "")
        + t(m.name, "材料名称")
        + t(f"（{m.form or '—'} {m.copies}份 {m.pages}页）", "材料形式")
        for k, m in enumerate(case.handed, 1)
    ]
    return lines or [t("（无）", "")]


def _case_cell(ctx: Ctx, case: BatchCase, extra: list[Runs]) -> Cell:
    """The case's own barcode (the approver scans it to tick the case off), then its item,
    applicant and whatever else the layout puts in the cell. 3-dot modules, as in the page
    header: narrower ones do not decode from a 150 dpi scan (docs/LAW-AND-DOCUMENTS.md)."""
    style = "small"
    size = ctx.styles[style].size
    code = Code128(case.case_no, module_dots=3, bar_height=10 * mm, font_size=size)
    keep = {"right_indent": 0.6 * size}
    hang = {"left_indent": 1.3 * size, "first_indent": -1.3 * size, **keep}  # numbered lines
    # item and applicant share a line: the barcode already makes the row tall
    who = ctx.t(case.item_name, "事项名称") + ctx.t(" / ", "") + ctx.t(case.applicant_name, "申请人名称")
    lines = [who, *extra]
    return Cell([code, *(ctx.p(x, style, **(hang if x[0][1][:1].isdigit() else keep))
                         for x in lines)])


def _found(case: BatchCase) -> str:
    """The 核对 column after signing: ticked, or the discrepancy flagged."""
    return {"signed": "√", "discrepancy": "×"}.get(case.state, "")


def _table(ctx: Ctx, cases: Sequence[BatchCase]) -> list[Flowable]:
    """One row per case, its barcode above its item and applicant. A4 gives the materials
    (with their count), the discrepancy and the tick their own columns; on 80 mm paper all of it stacks under
    the barcode, which takes nearly the whole 72 mm."""
    t = ctx.t
    rows: list[list[CellValue]] = []
    for k, c in enumerate(cases, 1):
        odd = t(c.note or "", "差异")
        count = t(f"共 {c.items} 项 {c.pages} 页", "")
        if ctx.a4:
            rows.append([str(k), _case_cell(ctx, c, []), [*_materials(ctx, c), count], odd,
                         _found(c)])
        else:
            extra = [*_materials(ctx, c), count]
            if c.note:
                extra.append(t("差异：", "") + odd)
            elif c.state == "signed":
                extra.append(t("已签收", ""))
            rows.append([str(k), _case_cell(ctx, c, extra)])
    if ctx.a4:
        head = ["序号", "办件（扫码核对）/ 事项 / 申请人", "移交材料", "差异", "核对"]
        widths: tuple[float, ...] = (0.05, 0.37, 0.43, 0.10, 0.05)
    else:
        head, widths = ["序", "办件（扫码核对）/ 事项 / 申请人 / 材料 / 差异"], (0.1, 0.9)
    items = sum(c.items for c in cases)
    pages = sum(c.pages for c in cases)
    total = t(f"合计：办件 {len(cases)} 件，材料 {items} 项 {pages} 页", "")
    return [
        ctx.p(t("办件清单", ""), "heading"),
        blocks.grid(ctx, head, rows, widths, "small"),
        ctx.p(total, "right" if ctx.a4 else "body", space_before=2),
    ]
