"""受理通知书（收件凭证）: what was received, when it was accepted, when it will be done."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.documents import blocks
from counter_app.documents.barcodes import QRCode, require_ascii
from counter_app.documents.blocks import CellValue, d, dt
from counter_app.documents.common import (
    DOC_KINDS,
    contacts,
    copies,
    number,
    progress_payload,
)
from counter_app.documents.data import CaseDoc, DeliveryMethod, MaterialLine, MaterialStatus
from counter_app.documents.law import acceptance_basis, is_licensing, limit_text
from counter_app.documents.layout import Ctx, Sheet

ART_45 = (
    "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在办理时限内"
    "（《中华人民共和国行政许可法》第四十五条），届时另行书面告知。"
)


def delivery_sentence(doc: CaseDoc) -> str:
    """How the result reaches the applicant; a posted result is never "collected"."""
    if doc.delivery_method == DeliveryMethod.POST:
        return "邮寄送达：结果文书将邮寄至你（单位）提供的地址，请保持电话畅通。"
    where = f"，领取地点：{doc.place}" if doc.place else ""
    return f"窗口领取：{doc.delivery_text or '凭本通知书及有效身份证件领取'}{where}。"


def sheet(doc: CaseDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    title = DOC_KINDS["acceptance"]
    qr_data = progress_payload(doc.hall, doc.case_no)
    if ctx.options.chain:  # the paper anchors the log: verify-audit --paper takes this
        qr_data += f"&chain={require_ascii(ctx.options.chain, 'chain')}"

    def body(i: int, label: str) -> list[Flowable]:
        qr = [QRCode(qr_data, ctx.geo.qr_dots), ctx.p(ctx.t("扫码查询办理进度", ""), "small", align=1)]
        seal = (doc.seal_office or doc.hall.name, doc.hall.seal_text,
                doc.accepted_on or doc.received_at.date())
        return [
            *blocks.title(ctx, title, label, doc.doc_no),
            *intro(ctx, doc),
            blocks.fields(ctx, case_fields(ctx, doc)),
            *materials(ctx, doc.materials),
            KeepTogether([*notes(ctx, doc), *blocks.signatures(ctx, ["申请人（代办人）签收"], seal, qr)]),
        ]

    return Sheet(title, doc.case_no, "办件编号", doc.hall.name, copies(ctx, True), body)


def intro(ctx: Ctx, doc: CaseDoc) -> list[Flowable]:
    t = ctx.t
    head = blocks.salutation(ctx, doc.applicant, doc.case_no)
    text = (
        t(f"你（单位）于{dt(doc.received_at)}提交的“", "")
        + t(doc.item_name, "事项名称")
        + t("”申请材料已收取。", "")
    )
    basis = acceptance_basis(doc.item_type, doc.basis)
    if doc.accepted_on:
        text += t("经审查，申请材料齐全、符合法定形式，", "")
        if basis:
            text += t("根据", "") + t(basis, "受理依据") + t("的规定，", "")
        text += t(f"决定自{d(doc.accepted_on)}起予以受理。", "")
    elif is_licensing(doc.item_type):  # a pure receipt: Art. 32 owes a decision in 5 working days
        text += t("本机关将在五个工作日内作出是否受理的决定；逾期未告知的，自收到申请材料", "")
        text += t("之日起即为受理。", "")
    else:
        text += t("经办单位将依照规定作出是否受理的决定，并告知你（单位）。", "")
    return [*head, ctx.p(text, "indent"), Spacer(1, 2 * mm)]


def case_fields(ctx: Ctx, doc: CaseDoc) -> list[list[blocks.Pair]]:
    t = ctx.t
    rows = blocks.party_pairs(ctx, "申请人", doc.applicant)
    if doc.agent:
        rows += blocks.party_pairs(ctx, "代办人", doc.agent)
    item = t(doc.item_name, "事项名称") + (
        t(f"（{doc.item_code_label} {doc.item_code}）", "事项编码") if doc.item_code else []
    )
    delivery = t(delivery_sentence(doc), "送达说明")
    rows += [
        [("申请事项", item)],
        [("受理部门", t(doc.department, "受理部门")), ("受理窗口", t(doc.window_name, "窗口"))],
        [("收件时间", t(dt(doc.received_at), "")), ("受理日期", t(d(doc.accepted_on), ""))],
        [
            ("承诺时限", t(limit_text(doc.promised_days, doc.promised_unit, doc.promised_due), "")),
            ("法定时限", t(limit_text(doc.statutory_days, doc.statutory_unit, doc.statutory_due), "")),
        ],
        *([[("期限说明", t(doc.due_estimate, ""))]] if doc.due_estimate else []),
        [("收费", t(doc.fee_text or "不收费", "收费"))],
        [("结果送达", delivery)],
        [("受理人", t(doc.clerk_name, "受理人")), ("窗口电话", t(doc.clerk_phone, "窗口电话"))],
    ]
    return rows


def materials(ctx: Ctx, lines: Sequence[MaterialLine]) -> list[Flowable]:
    t = ctx.t
    got = [m for m in lines if m.status == MaterialStatus.RECEIVED]
    rows: list[list[CellValue]] = [
        [
            str(k),
            t(m.name, "材料名称"),
            t(m.form or "—", "材料形式"),
            str(m.copies),
            str(m.pages) if m.pages else "—",
        ]
        for k, m in enumerate(got, 1)
    ]
    total = t(f"合计：{len(got)} 项，{sum(m.pages for m in got)} 页", "")
    if ctx.a4:
        widths, head = (0.08, 0.56, 0.16, 0.1, 0.1), ["序号", "材料名称", "形式", "份数", "页数"]
    else:
        widths, head = (0.07, 0.55, 0.2, 0.09, 0.09), ["序", "材料名称", "形式", "份", "页"]
    return [
        ctx.p(t("收取材料清单", ""), "heading"),
        blocks.grid(ctx, head, rows, widths),
        ctx.p(total, "right" if ctx.a4 else "body", space_before=2),
    ]


def notes(ctx: Ctx, doc: CaseDoc) -> list[Flowable]:
    t = ctx.t
    items = [
        t("进度查询：扫描二维码，或访问 ", "")
        + t(doc.hall.progress_url, "进度查询网址")
        + t(" 输入办件编号查询，也可致电受理窗口。", ""),
    ]
    if doc.excluded:
        items.append(t("下列程序所需时间不计算在办理时限内，届时另行书面告知：", "")
                     + t("；".join(doc.excluded), "特别程序") + t("。", ""))
    elif is_licensing(doc.item_type):
        items.append(t(ART_45, ""))
    items.append(contacts(ctx, doc.hall))
    return [ctx.p(t("温馨提示", ""), "heading"), *blocks.numbered(ctx, items, "cell")]
