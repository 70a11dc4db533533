"""Names of the documents, their copies, and checks of the numbers they print."""

from __future__ import annotations

from counter_app.documents.barcodes import require_ascii
from counter_app.documents.data import DeliveryMethod, HallInfo
from counter_app.documents.layout import Ctx
from counter_app.documents.text import Runs

DOC_KINDS: dict[str, str] = {
    "acceptance": "受理通知书（收件凭证）",
    "one_time_notice": "一次性告知单（补正材料通知书）",
    "not_accepted": "不予受理通知书",
    "supplement_receipt": "补正收件凭证",
    "handoff": "材料流转交接单",
    "collection": "领证回执",
}

APPLICANT_COPY = "第一联　申请人留存"
STUB_COPY = "第二联　存根联（窗口留存）"


def copies(
    ctx: Ctx, stub_by_default: bool, labels: tuple[str, str] = (APPLICANT_COPY, STUB_COPY)
) -> list[str]:
    """Copy labels. Where the document is evidence the counter must keep, both layouts print
    the applicant copy plus the counter's stub (a receipt printer prints two slips), unless
    RenderOptions.with_stub says otherwise."""
    stub = ctx.options.with_stub
    if stub is None:
        stub = stub_by_default
    return list(labels) if stub else [""]


def number(value: str, what: str) -> str:
    """Case and batch numbers are 20 ASCII digits (they go into barcodes typed by scanners)."""
    if len(value) != 20 or not value.isascii() or not value.isdigit():
        raise ValueError(f"{what} must be 20 ASCII digits, got {value!r}")
    return value


def progress_payload(hall: HallInfo, case_no: str) -> str:
    base = require_ascii(hall.progress_url.strip(), "progress_url")
    return f"{base}{'&' if '?' in base else '?'}no={case_no}"


def delivery_label(method: str) -> str:
    labels = {DeliveryMethod.IN_PERSON.value: "窗口领取", DeliveryMethod.POST.value: "邮寄送达"}
    return labels.get(method, str(method))


def contacts(ctx: Ctx, hall: HallInfo) -> Runs:
    t = ctx.t
    return (
        t("投诉电话：", "")
        + t(hall.complaint_phone, "投诉电话")
        + t("；监督电话：", "")
        + t(hall.supervision_phone, "监督电话")
        + t("。", "")
    )
