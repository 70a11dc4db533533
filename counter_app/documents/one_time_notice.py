"""一次性告知单（补正材料通知书）: every missing or defective material, told once (Art. 32).

The list is exactly the MaterialLine entries whose status is missing or defective, in order;
a notice with none of them is refused (it would tell the applicant nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.documents import blocks
from counter_app.documents.blocks import CellValue, d, dt
from counter_app.documents.common import DOC_KINDS, contacts, copies, number
from counter_app.documents.data import CaseDoc, MaterialLine, MaterialStatus
from counter_app.documents.law import LICENSING_LAW, is_licensing, limit_text
from counter_app.documents.layout import Ctx, Sheet

STATUS_TEXT: dict[str, str] = {MaterialStatus.MISSING: "缺少", MaterialStatus.DEFECTIVE: "需补正"}


def deficient(lines: Sequence[MaterialLine]) -> list[MaterialLine]:
    return [m for m in lines if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)]


def sheet(doc: CaseDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    todo = deficient(doc.materials)
    if not todo:
        raise ValueError("a one-time notice needs at least one missing or defective material")
    title = DOC_KINDS["one_time_notice"]
    on = doc.decided_on or doc.received_at.date()

    def body(i: int, label: str) -> list[Flowable]:
        seal = (doc.seal_office or doc.hall.name, doc.hall.seal_text, on)
        closing = blocks.signatures(ctx, ["经办人（受理人员）签字", "申请人（代办人）签收"], seal)
        return [
            *blocks.title(ctx, title, label, doc.doc_no),
            *intro(ctx, doc, len(todo)),
            blocks.fields(ctx, _fields(ctx, doc)),
            *listing(ctx, todo),
            # The signature never stands alone on a page: the notes above it come along.
            KeepTogether([*notes(ctx, doc, len(todo)), *closing]),
        ]

    return Sheet(title, doc.case_no, "办件编号", doc.hall.name, copies(ctx, True), body)


def intro(ctx: Ctx, doc: CaseDoc, count: int) -> list[Flowable]:
    t = ctx.t
    text = (
        t(f"你（单位）于{dt(doc.received_at)}申请办理的“", "")
        + t(doc.item_name, "事项名称")
        + t("”，经审查，申请材料不齐全或者不符合法定形式。", "")
    )
    if is_licensing(doc.item_type):
        text += t(f"根据{LICENSING_LAW}第三十二条第一款第（四）项的规定，", "")
    elif doc.basis:
        text += t("根据", "") + t(doc.basis, "受理依据") + t("的规定，", "")
    text += t("现一次性告知你需要补正的全部材料，", "") + t(f"共 {count} 项：", "")
    return [*blocks.salutation(ctx, doc.applicant, doc.case_no), ctx.p(text, "indent")]


def _fields(ctx: Ctx, doc: CaseDoc) -> list[list[blocks.Pair]]:
    t = ctx.t
    rows = blocks.party_pairs(ctx, "申请人", doc.applicant)
    if doc.agent:
        rows += blocks.party_pairs(ctx, "代办人", doc.agent)
    return [
        *rows,
        [("申请事项", t(doc.item_name, "事项名称"))],
        [("受理（审批）部门", t(doc.department, "受理部门")), ("受理窗口", t(doc.window_name, "窗口"))],
        [
            ("承诺时限", t(limit_text(doc.promised_days, doc.promised_unit), "")),
            ("法定时限", t(limit_text(doc.statutory_days, doc.statutory_unit), "")),
        ],
        [("补正期限", t(f"请于{d(doc.supplement_due)}前补正" if doc.supplement_due else
                    "请尽快补正", ""))],
    ]


def listing(ctx: Ctx, todo: list[MaterialLine]) -> list[Flowable]:
    t = ctx.t
    if ctx.a4:
        rows: list[list[CellValue]] = [
            [
                str(k),
                t(m.name, "材料名称") + t(f"（{m.form}）" if m.form else "", "材料形式"),
                t(STATUS_TEXT.get(m.status, str(m.status)), ""),
                t(m.reason or "—", "问题说明"),
                t(m.requirement or "—", "补正要求"),
            ]
            for k, m in enumerate(todo, 1)
        ]
        head = ["序号", "材料名称", "情形", "问题说明", "补正要求"]
        return [Spacer(1, 1 * mm), blocks.grid(ctx, head, rows, (0.07, 0.27, 0.09, 0.26, 0.31))]
    out: list[Flowable] = [Spacer(1, 1 * mm)]
    size = ctx.styles["cell"].size
    for k, m in enumerate(todo, 1):
        status = STATUS_TEXT.get(m.status, str(m.status))
        out.append(
            ctx.p(t(f"{k}．", "") + t(m.name, "材料名称") + t(f"【{status}】", ""), "body", space_before=3)
        )
        hang = {"left_indent": 9 + 3 * size, "first_indent": -3 * size}  # under the text
        if m.reason:
            out.append(ctx.p(t("问题：", "") + t(m.reason, "问题说明"), "cell", **hang))
        if m.requirement:
            out.append(ctx.p(t("要求：", "") + t(m.requirement, "补正要求"), "cell", **hang))
    return out


def notes(ctx: Ctx, doc: CaseDoc, count: int) -> list[Flowable]:
    t = ctx.t
    items = [
        t(f"本告知单一次性列明需补正的全部材料，共 {count} 项。请补齐后凭本告知单到", "")
        + t(doc.window_name, "窗口")
        + t("继续办理，窗口扫描本告知单条码即可调出原申请。", ""),
    ]
    if doc.supplement_due:
        items.append(t(f"请于{d(doc.supplement_due)}前补正。", ""))
    elif doc.supplement_days:
        items.append(t(f"请在{doc.supplement_days}个工作日内补正。", ""))
    items += [
        t("材料补齐之日为受理之日，办理时限自受理之日起计算。", ""),
        t("经办人：", "")
        + t(doc.clerk_name, "受理人")
        + t("；窗口电话：", "")
        + t(doc.clerk_phone, "窗口电话")
        + t(f"；告知日期：{d(doc.decided_on or doc.received_at)}。", ""),
    ]
    if doc.hall.address:
        items.append(t("补正地点：", "") + t(doc.hall.address, "大厅地址")
                     + t(f"{doc.window_name}。", "窗口"))
    items.append(contacts(ctx, doc.hall))
    return [ctx.p(t("说明", ""), "heading"), *blocks.numbered(ctx, items, "cell")]
