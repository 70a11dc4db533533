"""Adapting database rows to the printed documents' plain inputs (counter_app.documents)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.data import (
    BatchCase,
    BatchDoc,
    CaseDoc,
    CollectionDoc,
    HallInfo,
    MaterialLine,
    Party,
    SupplementDoc,
)
from ..models import (
    FORM_LABELS,
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
from .calendar_store import complete_years, estimate_note, estimated_years
from .settings import HALL_KEY, get_json

DEFAULT_HALL = {
    "name": "罗山县政务服务中心",
    "complaint_phone": "0376-2162345",
    "supervision_phone": "0376-2161234",
    "progress_url": "https://zwfw.luoshan.gov.cn/q",
    "address": "",
}
ID_TYPES = {"resident_id": "居民身份证", "passport": "护照", "credit_code": "统一社会信用代码",
            "other": "其他证件"}


def hall_info(session: Session) -> HallInfo:
    h = {**DEFAULT_HALL, **(get_json(session, HALL_KEY, {}) or {})}
    return HallInfo(name=h["name"], complaint_phone=h["complaint_phone"],
                    supervision_phone=h["supervision_phone"],
                    progress_url=h["progress_url"], address=h.get("address", ""))


def _name(session: Session, model: type, code: str) -> str:
    row = session.execute(select(model).where(model.code == code)).scalar()  # type: ignore[attr-defined]
    return row.name if row else code


def applicant_party(case: CaseFile) -> Party:
    if case.applicant_kind == "organisation":
        return Party(kind="organisation", name=case.applicant_name,
                     credit_code=case.applicant_id_no, legal_rep=case.legal_rep,
                     phone=case.phone, address=case.address)
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
            need = f"{FORM_LABELS.get(req.form, req.form)} {req.copies} 份"
            if req.note:
                need += f"；{req.note}"
        out.append(MaterialLine(
            seq=m.seq, name=m.name, form=FORM_LABELS.get(m.form, m.form), copies=m.copies,
            pages=m.pages, status=m.state, reason=m.reason or ("未提交" if m.state == "missing" else ""),
            requirement=need,
        ))
    return out


def case_doc(session: Session, case: CaseFile) -> CaseDoc:
    ver = session.get(ItemVersion, case.item_version_id)
    assert ver is not None
    clerk = session.get(Staff, case.clerk_id)
    win = session.execute(select(HallWindow).where(HallWindow.code == case.window_code)).scalar()
    notice = session.execute(
        select(Notice).where(Notice.case_id == case.id).order_by(Notice.issued_at.desc())
    ).scalars().first()
    return CaseDoc(
        hall=hall_info(session), case_no=case.case_no, item_name=ver.name, item_code=ver.code,
        department=_name(session, Department, case.department_code),
        window_name=win.name if win else case.window_code,
        clerk_name=clerk.full_name if clerk else "", clerk_phone=(clerk.phone if clerk else "")
        or (win.phone if win else ""),
        applicant=applicant_party(case), agent=agent_party(case),
        received_at=case.received_at, materials=material_lines(session, case),
        accepted_on=case.accepted_on, promised_days=ver.promised_days,
        statutory_days=ver.statutory_days, promised_due=case.promised_due,
        statutory_due=case.statutory_due,
        delivery_method="post" if case.delivery == "邮寄送达" else "in_person",
        decided_on=notice.issued_at.date() if notice else None,
        not_accepted_reason=case.not_accepted_reason, redirect=case.redirect_to,
        due_estimate=_due_estimate(session, case),
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
                               note=item.discrepancy))
    signer = session.get(Staff, batch.signed_by_id) if batch.signed_by_id else None
    return BatchDoc(
        hall=hall_info(session), batch_no=batch.batch_no,
        from_window=_name(session, HallWindow, batch.window_code),
        from_clerk=clerk.full_name if clerk else "",
        to_department=_name(session, Department, batch.department_code),
        created_at=batch.created_at, cases=cases,
        receiver_name=signer.full_name if signer else "",
    )


def collection_doc(session: Session, case: CaseFile, issuance: Issuance) -> CollectionDoc:
    base = case_doc(session, case)
    clerk = session.get(Staff, issuance.issued_by_id)
    return CollectionDoc(
        hall=base.hall, case_no=case.case_no, item_name=base.item_name,
        applicant=base.applicant, result_name=f"{base.item_name}结果文书",
        window_name=base.window_name, clerk_name=clerk.full_name if clerk else "",
        issued_at=issuance.issued_at,
        method="post" if issuance.method == "post" else "in_person",
        collector_name=issuance.collector_name, collector_id_no=issuance.collector_id_no,
        collector_is_agent=issuance.by_agent, tracking_no=issuance.tracking_no,
        carrier="EMS" if issuance.method == "post" else "",
        recipient_name=case.applicant_name if issuance.method == "post" else "",
        recipient_phone=case.phone if issuance.method == "post" else "",
        recipient_address=case.address if issuance.method == "post" else "",
    )


def notice_snapshot(session: Session, case: CaseFile) -> list[dict[str, str]]:
    n = session.execute(select(Notice).where(Notice.case_id == case.id)).scalars().first()
    return json.loads(n.content) if n and n.content else []
