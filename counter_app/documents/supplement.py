"""补正收件凭证: receipt for materials handed in after a one-time notice."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from counter_app.documents import blocks
from counter_app.documents.acceptance import materials
from counter_app.documents.blocks import d, dt
from counter_app.documents.common import DOC_KINDS, contacts, copies, number
from counter_app.documents.data import MaterialLine, MaterialStatus, SupplementDoc
from counter_app.documents.layout import Ctx, Sheet
from counter_app.documents.text import Runs


def sheet(doc: SupplementDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    if not doc.materials:
        raise ValueError("a supplement receipt needs the materials handed in")
    title = DOC_KINDS["supplement_receipt"]

    def body(i: int, label: str) -> list[Flowable]:
        signs = ["提交人（申请人/代办人）签字", "收件人（受理人员）签字"]
        return [
            *blocks.title(ctx, title, label, doc.doc_no),
            *blocks.salutation(ctx, doc.applicant, doc.case_no),
            ctx.p(_text(ctx, doc), "indent", space_after=2 * mm),
            blocks.fields(ctx, _fields(ctx, doc)),
            *materials(ctx, [_received(m) for m in doc.materials]),
            *_outstanding(ctx, doc),
            ctx.p(contacts(ctx, doc.hall), "cell", space_before=6),
            KeepTogether(blocks.signatures(ctx, signs)),
        ]

    return Sheet(title, doc.case_no, "办件编号", doc.hall.name, copies(ctx, True), body)


def _received(m: MaterialLine) -> MaterialLine:
    return replace(m, status=MaterialStatus.RECEIVED)  # all of them are in hand now


def _text(ctx: Ctx, doc: SupplementDoc) -> Runs:
    t = ctx.t
    notice = f"根据{d(doc.notice_date)}出具的一次性告知单，" if doc.notice_date else ""
    return (
        t(f"你（单位）于{dt(doc.received_at)}就“", "")
        + t(doc.item_name, "事项名称")
        + t(f"”申请，{notice}补正提交了下列材料，本窗口已收取。", "")
    )


def _fields(ctx: Ctx, doc: SupplementDoc) -> list[list[blocks.Pair]]:
    t = ctx.t
    rows = blocks.party_pairs(ctx, "申请人", doc.applicant)
    if doc.agent:
        rows += blocks.party_pairs(ctx, "代办人", doc.agent)
    return [
        *rows,
        [("申请事项", t(doc.item_name, "事项名称"))],
        [("受理部门", t(doc.department, "受理部门")), ("受理窗口", t(doc.window_name, "窗口"))],
        [
            ("补正收件时间", t(dt(doc.received_at), "")),
            ("受理日期", t(d(doc.accepted_on) if doc.accepted_on else "尚未受理", "")),
        ],
        [("收件人", t(doc.clerk_name, "受理人")), ("联系电话", t(doc.clerk_phone, "受理人电话"))],
    ]


def _outstanding(ctx: Ctx, doc: SupplementDoc) -> list[Flowable]:
    t = ctx.t
    if not doc.still_missing:
        done = "申请材料已补齐" + (
            f"，自{d(doc.accepted_on)}起予以受理，受理通知书另行出具。"
            if doc.accepted_on
            else "，窗口将依法作出是否受理的决定。"
        )
        return [ctx.p(t(done, ""), "body", space_before=4)]
    head = t(f"仍需补正的材料（共 {len(doc.still_missing)} 项）：", "")
    items = [
        t(m.name, "材料名称") + (t("——", "") + t(m.requirement, "补正要求") if m.requirement else [])
        for m in doc.still_missing
    ]
    return [ctx.p(head, "body", space_before=4), *blocks.numbered(ctx, items, "cell")]
