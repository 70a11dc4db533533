"""不予受理通知书: the reason, where to go instead, and the applicant's remedies (Art. 32, 38)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.documents import blocks
from counter_app.documents.blocks import dt
from counter_app.documents.common import DOC_KINDS, contacts, copies, number
from counter_app.documents.data import CaseDoc
from counter_app.documents.law import acceptance_basis, remedies
from counter_app.documents.layout import Ctx, Sheet


def sheet(doc: CaseDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    if not doc.not_accepted_reason.strip():
        raise ValueError("a not-accepted notice needs its reason (not_accepted_reason)")
    title = DOC_KINDS["not_accepted"]
    on = doc.decided_on or doc.received_at.date()

    def body(i: int, label: str) -> list[Flowable]:
        seal = (doc.seal_office or doc.hall.name, doc.hall.seal_text, on)
        return [
            *blocks.title(ctx, title, label, doc.doc_no),
            *blocks.salutation(ctx, doc.applicant, doc.case_no),
            *text(ctx, doc),
            Spacer(1, 2 * mm),
            blocks.fields(ctx, _fields(ctx, doc)),
            ctx.p(contacts(ctx, doc.hall), "cell", space_before=6),
            KeepTogether(blocks.signatures(ctx, ["申请人（代办人）签收"], seal)),
        ]

    return Sheet(title, doc.case_no, "办件编号", doc.hall.name, copies(ctx, True), body)


def text(ctx: Ctx, doc: CaseDoc) -> list[Flowable]:
    t = ctx.t
    reason = doc.not_accepted_reason.strip().rstrip("。；，")
    decision = (
        t(f"你（单位）于{dt(doc.received_at)}提出的“", "")
        + t(doc.item_name, "事项名称")
        + t("”申请，经审查，", "")
        + t(reason, "不予受理理由")
        + t("。", "")
    )
    basis = acceptance_basis(doc.item_type, doc.basis, "第三十二条第一款")
    if basis:
        decision += t("根据", "") + t(basis, "法律依据") + t("的规定，", "")
    decision += t("决定不予受理。", "")
    out: list[Flowable] = [ctx.p(decision, "indent")]
    if doc.redirect.strip():
        where = doc.redirect.strip().rstrip("。")
        out.append(
            ctx.p(t("建议你向以下机关（窗口）申请：", "") + t(where, "建议申请机关") + t("。", ""), "indent")
        )
    rights = remedies(doc.body_nature, doc.reconsideration_body, doc.court, doc.complaint_channel)
    out.append(ctx.p(t(rights, "救济途径"), "indent"))
    return out


def _fields(ctx: Ctx, doc: CaseDoc) -> list[list[blocks.Pair]]:
    t = ctx.t
    rows = blocks.party_pairs(ctx, "申请人", doc.applicant)
    if doc.agent:
        rows += blocks.party_pairs(ctx, "代办人", doc.agent)
    return [
        *rows,
        [("申请事项", t(doc.item_name, "事项名称"))],
        [("收件时间", t(dt(doc.received_at), "")), ("受理窗口", t(doc.window_name, "窗口"))],
        [("经办人", t(doc.clerk_name, "受理人")), ("窗口电话", t(doc.clerk_phone, "窗口电话"))],
    ]
