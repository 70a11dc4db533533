"""领证回执: who collected which result (ID masked), or the postal tracking number."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from counter_app.documents import blocks
from counter_app.documents.blocks import dt
from counter_app.documents.common import DOC_KINDS, contacts, copies, number
from counter_app.documents.data import CollectionDoc, DeliveryMethod
from counter_app.documents.layout import Ctx, Sheet
from counter_app.documents.masking import mask_id, mask_phone


def sheet(doc: CollectionDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    post = doc.method == DeliveryMethod.POST
    if post and not doc.tracking_no.strip():
        raise ValueError("a posted result needs its tracking number")
    if not post and not doc.collector_name.strip():
        raise ValueError("a result collected in person needs the collector's name")
    title = DOC_KINDS["collection"]
    labels = ("第一联　领取人留存", "第二联　存根联（窗口留存）")

    def body(i: int, label: str) -> list[Flowable]:
        t = ctx.t
        if post:
            text = "上述证照（结果文书）已交寄，可凭运单号查询寄递进度。"
            signs = ["寄件经办人签字"]
        else:
            text = "本人已当场核对并领取上述证照（结果文书），信息无误。"
            signs = ["领取人签字", "发证人签字"]
        return [
            *blocks.title(ctx, title, label, doc.doc_no),
            blocks.fields(ctx, _fields(ctx, doc, post)),
            ctx.p(t(text, ""), "body", space_before=6),
            ctx.p(contacts(ctx, doc.hall), "cell", space_before=6),
            KeepTogether(blocks.signatures(ctx, signs)),
        ]

    return Sheet(title, doc.case_no, "办件编号", doc.hall.name, copies(ctx, False, labels), body)


def _fields(ctx: Ctx, doc: CollectionDoc, post: bool) -> list[list[blocks.Pair]]:
    t, o = ctx.t, ctx.options

    def phone(number: str) -> str:
        return mask_phone(number) if o.mask_phone and number else number or "—"

    result = t(doc.result_name, "证照名称") + t(f"（{doc.copies} 份）", "")
    rows: list[list[blocks.Pair]] = [
        [("办件编号", t(doc.case_no, "办件编号")), ("申请人", t(doc.applicant.name, "申请人名称"))],
        [("申请事项", t(doc.item_name, "事项名称"))],
        [("证照名称", result), ("证照编号", t(doc.result_no or "—", "证照编号"))],
    ]
    if post:
        rows += [
            [("寄递方式", t(doc.carrier or "邮寄", "寄递方式")), ("运单号", t(doc.tracking_no, "运单号"))],
            [
                ("收件人", t(doc.recipient_name or doc.applicant.name, "收件人")),
                ("联系电话", t(phone(doc.recipient_phone), "收件人电话")),
            ],
            [("收件地址", t(doc.recipient_address or "—", "收件地址"))],
            [("交寄时间", t(dt(doc.issued_at), "")), ("经办人", t(doc.clerk_name, "经办人"))],
        ]
        return rows
    masked = mask_id(doc.collector_id_no, o.mask_keep_head, o.mask_keep_tail) or "—"
    role = "代领人（受申请人委托）" if doc.collector_is_agent else "申请人本人"
    rows += [
        [("领取人", t(doc.collector_name, "领取人姓名")), ("身份", t(role, ""))],
        [
            (doc.collector_id_type or "证件号码", t(masked, "领取人证件号码")),
            ("联系电话", t(phone(doc.collector_phone), "领取人电话")),
        ],
        [("领取时间", t(dt(doc.issued_at), "")), ("发证窗口", t(doc.window_name, "窗口"))],
        [("发证人", t(doc.clerk_name, "发证人"))],
    ]
    return rows
