"""受理通知书（收件凭证）: what was received, when it was accepted, when it will be done."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.documents import blocks
from counter_app.documents.barcodes import QRCode
from counter_app.documents.blocks import d, dt
from counter_app.documents.common import (
    DOC_KINDS,
    contacts,
    copies,
    delivery_label,
    number,
    progress_payload,
)
from counter_app.documents.data import CaseDoc, MaterialLine, MaterialStatus
from counter_app.documents.layout import Ctx, Sheet

ART_45 = (
    "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在办理时限内，"
    "届时另行书面告知。"
)


def sheet(doc: CaseDoc, ctx: Ctx) -> Sheet:
    number(doc.case_no, "case_no")
    title = DOC_KINDS["acceptance"]
    qr_data = progress_payload(doc.hall, doc.case_no)

    def body(i: int, label: str) -> list[Flowable]:
        qr = [QRCode(qr_data, ctx.geo.qr_dots), ctx.p(ctx.t("扫码查询办理进度", ""), "small", align=1)]
        seal = (doc.hall.name, doc.hall.seal_text, doc.accepted_on or doc.received_at.date())
        return [
            *blocks.title(ctx, title, label),
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
    if doc.accepted_on:
        text += t("经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》", "")
        text += t(f"第三十二条的规定，决定自{d(doc.accepted_on)}起予以受理。", "")
    else:  # a pure receipt: the office still owes a decision (Art. 32: within 5 working days)
        text += t("本机关将在五个工作日内作出是否受理的决定；逾期未告知的，自收到申请材料", "")
        text += t("之日起即为受理。", "")
    return [*head, ctx.p(text, "indent"), Spacer(1, 2 * mm)]


def _limit(days: int | None, due: object) -> str:
    if days is None and due is None:
        return "—"
    if days == 0:  # an immediate item (即办件): finished on the day it is accepted
        return "即办件，当日办结" + (f"（{d(due)}）" if due else "")  # type: ignore[arg-type]
    out = f"{days}个工作日" if days is not None else ""
    return out + (f"（{d(due)}前）" if due else "")  # type: ignore[arg-type]


def case_fields(ctx: Ctx, doc: CaseDoc) -> list[list[blocks.Pair]]:
    t = ctx.t
    rows = blocks.party_pairs(ctx, "申请人", doc.applicant)
    if doc.agent:
        rows += blocks.party_pairs(ctx, "代办人", doc.agent)
    item = t(doc.item_name, "事项名称") + (
        t(f"（事项编码 {doc.item_code}）", "事项编码") if doc.item_code else []
    )
    method = delivery_label(doc.delivery_method)
    rows += [
        [("申请事项", item)],
        [("受理部门", t(doc.department, "受理部门")), ("受理窗口", t(doc.window_name, "窗口"))],
        [("收件时间", t(dt(doc.received_at), "")), ("受理日期", t(d(doc.accepted_on), ""))],
        [
            ("承诺时限", t(_limit(doc.promised_days, doc.promised_due), "")),
            ("法定时限", t(_limit(doc.statutory_days, doc.statutory_due), "")),
        ],
        *([[("期限说明", t(doc.due_estimate, ""))]] if doc.due_estimate else []),
        [("结果送达", t(method, "") + t(f"，{doc.delivery_text}" if doc.delivery_text else "", "送达说明"))],
        [("受理人", t(doc.clerk_name, "受理人")), ("联系电话", t(doc.clerk_phone, "受理人电话"))],
    ]
    return rows


def materials(ctx: Ctx, lines: list[MaterialLine] | tuple) -> list[Flowable]:
    t = ctx.t
    got = [m for m in lines if m.status == MaterialStatus.RECEIVED]
    rows = [
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
        t(f"结果领取：{delivery_label(doc.delivery_method)}，", "")
        + t(doc.delivery_text or "", "送达说明")
        + t("。", ""),
        t(ART_45, ""),
        contacts(ctx, doc.hall),
    ]
    return [ctx.p(t("温馨提示", ""), "heading"), *blocks.numbered(ctx, items, "cell")]
