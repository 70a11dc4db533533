"""材料流转交接单: a batch of files handed from a window to a department, signed by both.

The batch number and its barcode are in the header of every page (the approver scans any page).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from counter_app.documents import blocks
from counter_app.documents.barcodes import grouped
from counter_app.documents.blocks import CellValue, dt
from counter_app.documents.common import DOC_KINDS, copies, number
from counter_app.documents.data import BatchCase, BatchDoc
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
    return [
        [("交接批次号", t(doc.batch_no, "交接批次号")), ("生成时间", t(dt(doc.created_at), ""))],
        [("移交窗口", t(doc.from_window, "移交窗口")), ("移交人", t(doc.from_clerk, "移交人"))],
        [("接收部门", t(doc.to_department, "接收部门")),
         ("签收时间", t(dt(doc.signed_at) if doc.signed_at else "未签收", ""))],
        [("合计", t(f"办件 {len(doc.cases)} 件，材料 {items} 项 {pages} 页", ""))],
    ]


def _materials(ctx: Ctx, case: BatchCase) -> list[Runs]:
    t = ctx.t
    lines = [
        t(f"{k}．", "")
        + t(m.name, "材料名称")
        + t(f"（{m.form or '—'} {m.copies}份 {m.pages}页）", "材料形式")
        for k, m in enumerate(case.handed, 1)
    ]
    return lines or [t("（无）", "")]


def _table(ctx: Ctx, cases: Sequence[BatchCase]) -> list[Flowable]:
    """One row per case; its number, item and applicant share a column so that a case is
    about as tall as its list of materials."""
    t = ctx.t
    rows: list[list[CellValue]] = []
    for k, c in enumerate(cases, 1):
        who = [t(grouped(c.case_no), "办件编号"), t(c.item_name, "事项名称"),
               t(c.applicant_name, "申请人名称")]
        if c.note:  # the discrepancy the receiver noted when signing
            who.append(t(f"差异：{c.note}", "差异"))
        if ctx.a4:
            rows.append([str(k), who, _materials(ctx, c), str(c.items), str(c.pages), ""])
        else:
            rows.append([str(k), [*who, *_materials(ctx, c)], str(c.items), str(c.pages)])
    if ctx.a4:
        head = ["序号", "办件编号 / 事项 / 申请人", "移交材料", "项数", "页数", "核对"]
        widths: tuple[float, ...] = (0.055, 0.26, 0.505, 0.06, 0.06, 0.06)
    else:
        head, widths = ["序", "办件编号 / 事项 / 申请人 / 材料", "项", "页"], (0.07, 0.71, 0.11, 0.11)
    items = sum(c.items for c in cases)
    pages = sum(c.pages for c in cases)
    total = t(f"合计：办件 {len(cases)} 件，材料 {items} 项 {pages} 页", "")
    return [
        ctx.p(t("办件清单", ""), "heading"),
        blocks.grid(ctx, head, rows, widths, "small"),
        ctx.p(total, "right" if ctx.a4 else "body", space_before=2),
    ]
