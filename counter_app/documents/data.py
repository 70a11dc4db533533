"""Plain inputs of the printed documents (the lead adapts database rows to these).

Everything is already-decided data: the documents compute no deadlines and look nothing up.
ID numbers are passed in full and masked when printed (see masking.py); numbers that go into a
barcode or QR code are ASCII (scanners type ASCII only).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class PartyKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class MaterialStatus(StrEnum):
    RECEIVED = "received"
    MISSING = "missing"
    DEFECTIVE = "defective"


class DeliveryMethod(StrEnum):
    IN_PERSON = "in_person"
    POST = "post"


@dataclass(frozen=True)
class HallInfo:
    name: str  # 罗山县政务服务中心
    complaint_phone: str
    supervision_phone: str
    progress_url: str  # ASCII base; the QR code holds progress_url + "?no=" + case number
    address: str = ""
    seal_text: str = "受理专用章"  # printed in brackets inside the seal box


@dataclass(frozen=True)
class Party:
    kind: PartyKind | str
    name: str
    id_type: str = "居民身份证"  # person: 居民身份证 / 护照 / ...
    id_no: str = ""  # full number; masked on print
    credit_code: str = ""  # organisation: 统一社会信用代码 (public, printed in full)
    legal_rep: str = ""  # organisation: 法定代表人
    phone: str = ""
    address: str = ""
    contact_name: str = ""  # organisation: 联系人


@dataclass(frozen=True)
class MaterialLine:
    seq: int
    name: str
    form: str = ""  # 原件 / 复印件 / 原件及复印件 / 电子件
    copies: int = 1
    pages: int = 0
    status: MaterialStatus | str = MaterialStatus.RECEIVED
    reason: str = ""  # what is missing or wrong
    requirement: str = ""  # what is required (from the checklist)


@dataclass(frozen=True)
class CaseDoc:
    """One case: acceptance notice, one-time notice and not-accepted notice read it."""

    hall: HallInfo
    case_no: str  # 20 ASCII digits
    item_name: str
    item_code: str
    department: str  # 受理（审批）部门
    window_name: str
    clerk_name: str
    clerk_phone: str
    applicant: Party
    received_at: datetime
    agent: Party | None = None
    materials: Sequence[MaterialLine] = ()
    accepted_on: date | None = None
    promised_days: int | None = None  # in promised_unit
    statutory_days: int | None = None  # in statutory_unit
    promised_due: date | None = None
    statutory_due: date | None = None
    delivery_method: DeliveryMethod | str = DeliveryMethod.IN_PERSON
    delivery_text: str = "凭本通知书及有效身份证件领取"  # printed after the method
    decided_on: date | None = None  # date of a one-time / not-accepted notice; default received
    supplement_days: int | None = None  # asked to supplement within N working days, if any
    not_accepted_reason: str = ""
    not_accepted_basis: str = "《中华人民共和国行政许可法》第三十二条"
    redirect: str = ""  # where to apply instead (office, address, phone)
    reconsideration_body: str = ""  # 行政复议机关, e.g. 罗山县人民政府; blank: 依法
    court: str = ""  # 人民法院 for an administrative suit; blank: 依法
    # Non-empty when the due dates rest on a Mon-Fri guess for a year whose holiday schedule
    # is not known yet: printed beside them (services.deadlines.calendar_store.estimate_note).
    due_estimate: str = ""
    # What the catalog says of the item and its body (issue 22), and the document's own number.
    doc_no: str = ""  # 文书编号, e.g. 罗政服受〔2026〕第0100042号
    item_type: str = "licensing"  # catalog ITEM_TYPE_LABELS
    body_nature: str = "organ"  # catalog BODY_NATURE_LABELS: enterprise/notary are no organ
    basis: str = ""  # the law the notices cite when the item is no 行政许可
    promised_unit: str = "workday"  # workday / day / onsite
    statutory_unit: str = "workday"
    excluded: Sequence[str] = ()  # special procedures not counted in the limit (Art. 45)
    fee_text: str = ""  # the fee that applies to this case, with its basis
    place: str = ""  # where the result is collected
    seal_office: str = ""  # whose seal: the deciding department, or the hall if authorised
    complaint_channel: str = ""  # a non-organ's channel instead of 复议/诉讼
    supplement_due: date | None = None  # the applicant supplements by this day
    item_code_label: str = "事项编码"  # 事项编码 (national 实施编码) or 本地编码


@dataclass(frozen=True)
class SupplementDoc:
    """Materials handed in after a one-time notice (补正收件凭证)."""

    hall: HallInfo
    case_no: str
    item_name: str
    department: str
    window_name: str
    clerk_name: str
    clerk_phone: str
    applicant: Party
    received_at: datetime  # when these materials arrived
    materials: Sequence[MaterialLine]  # handed in now
    agent: Party | None = None
    notice_date: date | None = None  # date of the one-time notice being answered
    still_missing: Sequence[MaterialLine] = ()  # what is still outstanding, if anything
    accepted_on: date | None = None  # set when this supplement completed the file
    doc_no: str = ""


@dataclass(frozen=True)
class BatchCase:
    case_no: str
    item_name: str
    applicant_name: str
    materials: Sequence[MaterialLine]  # lines with status received are handed over
    note: str = ""  # the discrepancy the receiver recorded when signing
    state: str = "pending"  # pending / signed / discrepancy (as the receiver found it)

    @property
    def handed(self) -> list[MaterialLine]:
        return [m for m in self.materials if m.status == MaterialStatus.RECEIVED]

    @property
    def items(self) -> int:
        return len(self.handed)

    @property
    def pages(self) -> int:
        return sum(m.pages for m in self.handed)


@dataclass(frozen=True)
class BatchDoc:
    """A handoff batch (交接单) from a window to a department."""

    hall: HallInfo
    batch_no: str  # 20 ASCII digits
    from_window: str
    from_clerk: str
    to_department: str
    created_at: datetime
    cases: Sequence[BatchCase] = field(default_factory=tuple)
    receiver_name: str = ""  # pre-printed when known; otherwise a blank line
    signed_at: datetime | None = None  # when the receiver signed for it (a reprint shows it)


@dataclass(frozen=True)
class CollectionDoc:
    """Who collected the result, or the postal tracking number (领证回执)."""

    hall: HallInfo
    case_no: str
    item_name: str
    applicant: Party
    result_name: str  # 证照/结果名称
    window_name: str
    clerk_name: str
    issued_at: datetime
    result_no: str = ""  # 证照编号
    copies: int = 1
    method: DeliveryMethod | str = DeliveryMethod.IN_PERSON
    collector_name: str = ""
    collector_id_type: str = "居民身份证"
    collector_id_no: str = ""  # full; masked on print
    collector_is_agent: bool = False
    collector_phone: str = ""
    carrier: str = ""  # post: EMS / 中国邮政
    tracking_no: str = ""
    recipient_name: str = ""
    recipient_phone: str = ""
    recipient_address: str = ""
    doc_no: str = ""


@dataclass(frozen=True)
class RenderOptions:
    mask_keep_head: int = 6  # ID characters kept readable at the start ...
    mask_keep_tail: int = 4  # ... and at the end
    mask_phone: bool = True  # applicant's and collector's phone: 138****5678
    with_stub: bool | None = None  # None: the kind's default (A4 stub where the law needs one)
    printed_at: datetime | None = None  # printed in the footer when given
    # The event chain's position when printed (``终端-序号-摘要``, docs/AUDIT.md): beside the
    # print time on every copy, stub included, and in the acceptance notice's QR code.
    chain: str = ""


# -- the document as issued: to JSON and back (a reprint prints exactly this) ------------

_TYPES: dict[str, type] = {}


def _register() -> None:
    for cls in (HallInfo, Party, MaterialLine, CaseDoc, SupplementDoc, CollectionDoc):
        _TYPES[cls.__name__] = cls


def doc_to_json(doc: object) -> str:
    """A document's data as JSON, dataclasses tagged with their names, dates as ISO text."""
    import json

    def enc(value: object) -> object:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            out = {f.name: enc(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return {"__type__": type(value).__name__, **out}
        if isinstance(value, datetime):
            return {"__dt__": value.isoformat()}
        if isinstance(value, date):
            return {"__d__": value.isoformat()}
        if isinstance(value, list | tuple):
            return [enc(v) for v in value]
        return str(value) if isinstance(value, StrEnum) else value

    return json.dumps(enc(doc), ensure_ascii=False, sort_keys=True)


def doc_from_json(text: str) -> object:
    import json

    if not _TYPES:
        _register()

    def dec(value: object) -> object:
        if isinstance(value, dict):
            if "__dt__" in value:
                return datetime.fromisoformat(value["__dt__"])
            if "__d__" in value:
                return date.fromisoformat(value["__d__"])
            cls = _TYPES[value["__type__"]]
            names = {f.name for f in dataclasses.fields(cls)}
            return cls(**{k: dec(v) for k, v in value.items() if k in names})
        if isinstance(value, list):
            return tuple(dec(v) for v in value)
        return value

    return dec(json.loads(text))
