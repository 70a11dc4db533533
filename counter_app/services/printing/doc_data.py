"""Adapting database rows to the printed documents' plain inputs (counter_app.documents)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...documents.data import (
    BatchCase,
    BatchDoc,
    CaseDoc,
    CollectionDoc,
    HallInfo,
    MaterialLine,
    Party,
    SupplementDoc,
)
from ...models import (
    FORM_LABELS,
    CaseDecision,
    CaseFile,
    Department,
    HallWindow,
    HandoffBatch,
    Issuance,
    ItemVersion,
    MaterialRequirement,
    Notice,
    Staff,
)
from ..catalog.exchange import FeeSpec, ItemSpec
from ..catalog.store import department_spec, version_to_spec
from ..deadlines.calendar_store import complete_years, estimate_note, estimated_years
from ..intake.service import requirement_need
from ..settings import HALL_KEY, get_json, get_setting
from .hall_seal import hall_seal_for

SUPPLEMENT_DAYS_KEY = "supplement_days"  # the applicant supplements within N 日 (default 30)
DEFAULT_SUPPLEMENT_DAYS = 30

DEFAULT_HALL = {
    "name": "罗山县政务服务中心",
    "complaint_phone": "0376-2162345",
    "supervision_phone": "0376-2161234",
    "progress_url": "https://zwfw.luoshan.gov.cn/q",
    "address": "",
}
ID_TYPES = {"resident_id": "居民身份证", "passport": "护照", "credit_code": "统一社会信用代码",
            "other": "其他证件"}


def hall_settings(session: Session) -> dict:
    return {**DEFAULT_HALL, **(get_json(session, HALL_KEY, {}) or {})}


def hall_info(session: Session) -> HallInfo:
    h = hall_settings(session)
    return HallInfo(name=h["name"], complaint_phone=h["complaint_phone"],
                    supervision_phone=h["supervision_phone"],
                    progress_url=h["progress_url"], address=h.get("address", ""),
                    seal_text=h.get("seal_text") or "受理专用章")


def _cite(basis: str | None) -> str:
    """A basis as printed: its document number alone when it has one (发改价格规〔2016〕2559号)."""
    if not basis:
        return ""
    found = re.findall(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号", basis)
    return f"（依据：{'、'.join(dict.fromkeys(found)) if found else basis}）"


def fee_text(fee: FeeSpec, tier_name: str = "") -> str:
    """The fee that applies to this case (the tier the clerk chose), with its basis."""
    basis = _cite(fee.basis)
    if fee.free:
        return "不收费" + basis
    tier = next((t for t in fee.tiers if t.name == tier_name), None)
    if tier is None and len(fee.tiers) == 1:
        tier = fee.tiers[0]
    if tier is None:  # not chosen yet: the schedule, the window tells the amount
        text = fee.summary if fee.tiers else (fee.note or "收费")
        return text + basis + (f"；缴费人：{fee.payer}" if fee.payer else "")
    if tier.waiver or tier.amount == 0:
        return f"{tier.name}，不收费" + _cite(tier.basis or fee.basis)
    amount = f"{tier.amount:f}".rstrip("0").rstrip(".") if "." in f"{tier.amount:f}" else str(tier.amount)
    text = f"{tier.name} {amount} {tier.unit}"
    if tier.extra_certificate is not None:
        text += f"，每增加一本证书加收 {tier.extra_certificate} 元"
    return text + basis + (f"；缴费人：{fee.payer}" if fee.payer else "")


def excluded_time(spec: ItemSpec) -> tuple[str, ...]:
    unit = {"workday": "个工作日", "day": "日", "onsite": ""}
    out = []
    for p in spec.special_procedures:
        if p.counted:
            continue
        text = p.kind + (f"（{p.days}{unit.get(p.unit, '')}）" if p.days else "")
        out.append(text + (f"，{p.note}" if p.note else ""))
    return tuple(out)


def item_basis(spec: ItemSpec) -> str:
    """The law a notice of a non-licensing item cites: the catalog's 受理依据, else the first
    source of its 设定依据."""
    if spec.acceptance_basis:
        return spec.acceptance_basis
    return spec.legal_basis.replace("\n", "；").split("；")[0].strip()


def _name(session: Session, model: type, code: str) -> str:
    row = session.execute(select(model).where(model.code == code)).scalar()  # type: ignore[attr-defined]  # model is Department or HallWindow
    return row.name if row else code


def applicant_party(case: CaseFile) -> Party:
    if case.applicant_kind == "organisation":
        return Party(kind="organisation", name=case.applicant_name,
                     credit_code=case.applicant_id_no, legal_rep=case.legal_rep,
                     phone=case.phone, address=case.address, contact_name=case.contact_name)
    return Party(kind="person", name=case.applicant_name,
                 id_type=ID_TYPES.get(case.applicant_id_type, "居民身份证"),
                 id_no=case.applicant_id_no, phone=case.phone, address=case.address)


def agent_party(case: CaseFile) -> Party | None:
    if not case.agent_name:
        return None
    return Party(kind="person", name=case.agent_name, id_no=case.agent_id_no,
                 phone=case.agent_phone)


def material_lines(session: Session, case: CaseFile) -> list[MaterialLine]:
    reqs = {}
    ids = [m.requirement_id for m in case.materials if m.requirement_id]
    if ids:
        reqs = {r.id: r for r in session.execute(
            select(MaterialRequirement).where(MaterialRequirement.id.in_(ids))).scalars()}
    out = []
    for m in case.materials:
        if m.state == "not_applicable":
            continue
        req = reqs.get(m.requirement_id or "")
        need = ""
        if req is not None:
            need = requirement_need(req)
            if req.standard:
                need += f"；受理标准：{req.standard}"
            if req.note:
                need += f"；{req.note}"
        out.append(MaterialLine(
            seq=m.seq, name=m.name, form=FORM_LABELS.get(m.form, m.form), copies=m.copies,
            pages=m.pages, status=m.state, reason=m.reason or ("未提交" if m.state == "missing" else ""),
            requirement=need,
        ))
    return out


def case_doc(session: Session, case: CaseFile, cal=None, kind: str = "") -> CaseDoc:
    """The case as a document of ``kind`` prints it (the kind decides whose seal it bears)."""
    ver = session.get(ItemVersion, case.item_version_id)
    assert ver is not None
    spec = version_to_spec(ver)
    clerk = session.get(Staff, case.clerk_id)
    win = session.execute(select(HallWindow).where(HallWindow.code == case.window_code)).scalar()
    dep_row = session.execute(
        select(Department).where(Department.code == case.department_code)).scalar()
    dep = department_spec(dep_row) if dep_row else None
    notice = session.execute(
        select(Notice).where(Notice.case_id == case.id).order_by(Notice.issued_at.desc())
    ).scalars().first()
    hall = hall_info(session)
    department = dep.name if dep else case.department_code
    hall_seal = hall_seal_for(session, kind)  # the supervisor's authorisation (hall_seal.py)
    if hall_seal is not None:
        office, seal = hall.name, hall_seal
    else:
        office, seal = department, (dep.seal_text if dep and dep.seal_text else "公章")
    # The window's phone (or the department's), never a clerk's own mobile.
    phone = (win.phone if win and win.phone else "") or (dep.phone if dep and dep.phone else "")
    decided = notice.issued_at.date() if notice else None
    due = None
    if case.status == "awaiting_supplement" or (notice and notice.kind == "one_time_notice"):
        days = int(get_setting(session, SUPPLEMENT_DAYS_KEY) or DEFAULT_SUPPLEMENT_DAYS)
        start = decided or case.received_on
        if cal is None:
            from ..deadlines.calendar_store import load_calendar

            cal = load_calendar(session)
        due = cal.add_limit(start, days, "day").date if days else None
    window_name = win.name if win else case.window_code
    place = spec.place or (f"{hall.address}{window_name}" if hall.address else window_name)
    return CaseDoc(
        hall=replace(hall, seal_text=seal), case_no=case.case_no, item_name=ver.name,
        item_code=spec.impl_code or ver.code,
        item_code_label="事项编码" if spec.impl_code else "本地编码",
        department=department, window_name=window_name,
        clerk_name=clerk.full_name if clerk else "", clerk_phone=phone,
        applicant=applicant_party(case), agent=agent_party(case),
        received_at=case.received_at, materials=material_lines(session, case),
        accepted_on=case.accepted_on, promised_days=ver.promised_days,
        statutory_days=ver.statutory_days, promised_due=case.promised_due,
        statutory_due=case.statutory_due,
        delivery_method="post" if case.delivery == "邮寄送达" else "in_person",
        decided_on=decided,
        not_accepted_reason=case.not_accepted_reason, redirect=case.redirect_to,
        due_estimate=_due_estimate(session, case),
        reconsideration_body=dep.reconsideration_body or "" if dep else "",
        court=dep.court or "" if dep else "",
        item_type=spec.item_type, body_nature=dep.nature if dep else "organ",
        basis=item_basis(spec), promised_unit=spec.promised_unit,
        statutory_unit=spec.statutory_unit, excluded=excluded_time(spec),
        fee_text=fee_text(spec.fee, case.fee_tier), place=place, seal_office=office,
        complaint_channel=dep.complaint_channel or "" if dep else "", supplement_due=due,
    )


def _due_estimate(session: Session, case: CaseFile) -> str:
    dues = [d for d in (case.promised_due, case.statutory_due) if d]
    if case.accepted_on is None or not dues:
        return ""
    years = estimated_years(complete_years(session), case.accepted_on, max(dues))
    return estimate_note(years) if years else ""


def supplement_doc(session: Session, case: CaseFile) -> SupplementDoc:
    """The materials of the latest supplement: those whose supply time is the newest."""
    base = case_doc(session, case)
    latest = max((m.supplied_at for m in case.materials if m.supplied_at), default=None)
    handed = [line for line, m in zip(base.materials, [m for m in case.materials
                                                        if m.state != "not_applicable"],
                                      strict=True)
              if latest and m.supplied_at == latest and m.supplied_at != case.received_at]
    missing = [line for line in base.materials if line.status in ("missing", "defective")]
    notice = session.execute(select(Notice).where(Notice.case_id == case.id)).scalars().first()
    return SupplementDoc(
        hall=base.hall, case_no=case.case_no, item_name=base.item_name,
        department=base.department, window_name=base.window_name, clerk_name=base.clerk_name,
        clerk_phone=base.clerk_phone, applicant=base.applicant, agent=base.agent,
        received_at=latest or case.received_at, materials=handed,
        notice_date=notice.issued_at.date() if notice else None, still_missing=missing,
        accepted_on=case.accepted_on,
    )


def batch_doc(session: Session, batch: HandoffBatch) -> BatchDoc:
    clerk = session.get(Staff, batch.clerk_id)
    cases = []
    for item in batch.items:
        case = session.get(CaseFile, item.case_id)
        assert case is not None
        ver = session.get(ItemVersion, case.item_version_id)
        cases.append(BatchCase(case_no=case.case_no, item_name=ver.name if ver else case.item_code,
                               applicant_name=case.applicant_name,
                               materials=material_lines(session, case),
                               note=item.discrepancy, state=item.state))
    signer = session.get(Staff, batch.signed_by_id) if batch.signed_by_id else None
    return BatchDoc(
        hall=hall_info(session), batch_no=batch.batch_no,
        from_window=_name(session, HallWindow, batch.window_code),
        from_clerk=clerk.full_name if clerk else "",
        to_department=_name(session, Department, batch.department_code),
        created_at=batch.created_at, cases=cases,
        receiver_name=signer.full_name if signer else "", signed_at=batch.signed_at,
    )


def collection_doc(session: Session, case: CaseFile, issuance: Issuance) -> CollectionDoc:
    base = case_doc(session, case)
    clerk = session.get(Staff, issuance.issued_by_id)
    decision = session.execute(
        select(CaseDecision).where(CaseDecision.case_id == case.id,
                                   CaseDecision.outcome == "approved")
        .order_by(CaseDecision.decided_on.desc())).scalars().first()
    return CollectionDoc(
        hall=base.hall, case_no=case.case_no, item_name=base.item_name,
        applicant=base.applicant, result_name=f"{base.item_name}结果文书",
        window_name=base.window_name, clerk_name=clerk.full_name if clerk else "",
        issued_at=issuance.issued_at,
        method="post" if issuance.method == "post" else "in_person",
        collector_name=issuance.collector_name, collector_id_no=issuance.collector_id_no,
        collector_is_agent=issuance.by_agent, tracking_no=issuance.tracking_no,
        collector_phone=issuance.collector_phone,
        result_no=decision.decision_no if decision else "",
        carrier="EMS" if issuance.method == "post" else "",
        recipient_name=case.applicant_name if issuance.method == "post" else "",
        recipient_phone=case.phone if issuance.method == "post" else "",
        recipient_address=case.address if issuance.method == "post" else "",
    )


def notice_snapshot(session: Session, case: CaseFile) -> list[dict[str, str]]:
    n = session.execute(select(Notice).where(Notice.case_id == case.id)).scalars().first()
    return json.loads(n.content) if n and n.content else []
