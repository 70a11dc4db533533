"""不予受理通知书: the reason, where to go instead, and the applicant's remedies (Art. 32, 38)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.documents import blocks
from counter_app.documents.blocks import dt
from counter_app.documents.common import DOC_KINDS, contacts, copies, number
from counter_app.documents.data import CaseDoc
from counter_app.documents.layout import Ctx, Sheet


def sheet(doc: CaseDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    if not doc.not_accepted_reason.strip():
        raise ValueError("a not-accepted notice needs its reason (not_accepted_reason)")
    title = DOC_KINDS["not_accepted"]
    on = doc.decided_on or doc.received_at.date()

    def body(i: int, label: str) -> list[Flowable]:
        seal = (doc.hall.name, doc.hall.seal_text, on)
        return [
            *blocks.title(ctx, title, label),
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
        + t("。根据", "")
        + t(doc.not_accepted_basis or "有关法律法规", "法律依据")
        + t("的规定，决定不予受理。", "")
    )
    out = [ctx.p(decision, "indent")]
    if doc.redirect.strip():
        where = doc.redirect.strip().rstrip("。")
        out.append(
            ctx.p(t("建议你向以下机关（窗口）申请：", "") + t(where, "建议申请机关") + t("。", ""), "indent")
        )
    body_ = doc.reconsideration_body.strip() or "有管辖权的行政复议机关"
    court = doc.court.strip() or "有管辖权的人民法院"
    rights = (
        t("如对本决定不服，可以自收到本通知书之日起六十日内依照《中华人民共和国行政复议法》的规定向", "")
        + t(body_, "行政复议机关")
        + t("申请行政复议，或者自收到本通知书之日起六个月内依照《中华人民共和国行政诉讼法》的规定向", "")
        + t(court, "人民法院")
        + t("提起行政诉讼。", "")
    )
    out.append(ctx.p(rights, "indent"))
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
        [("经办人", t(doc.clerk_name, "受理人")), ("联系电话", t(doc.clerk_phone, "受理人电话"))],
    ]
