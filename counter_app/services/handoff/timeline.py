"""Read side of custody: a case's view (checklist, history, who held the file when) and a
batch's summary and list of cases, ready for a screen. Read-only; a few indexed queries
each, so a scan is answered in milliseconds on a million-case database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ...documents.common import DOC_KINDS
from ...documents.masking import mask_id
from ...models import (
    FORM_LABELS,
    MATERIAL_STATES,
    ROLE_LABELS,
    STATUS_LABELS,
    CaseDecision,
    CaseFile,
    CaseMaterial,
    CaseReturn,
    Department,
    Event,
    HallWindow,
    HandoffBatch,
    HandoffItem,
    ItemVersion,
    Staff,
)
from ..audit.events import EVENT_LABELS
from ..context import Actor
from ..intake.numbering import display
from ..privacy.access_log import ACCESS_KIND
from ..privacy.disclosure import CaseHolder, full_view_reason, shown_id, shown_phone
from .causal import causal_order

CLOSED_STATUSES = {"not_accepted", "finished", "denied", "issued"}
# Events after which the file is with the back office, or with the applicant.
BACK_KINDS = {"signed", "decided"}


class MaterialView(NamedTuple):  # tuples: a 50-case batch makes hundreds of these
    seq: int
    name: str
    form: str
    copies: int
    pages: int
    state: str
    state_label: str
    reason: str


class TimelineStep(NamedTuple):
    at: datetime
    kind: str
    label: str
    actor_name: str
    role: str  # Chinese role label
    terminal: str
    detail: str
    holder: str  # who is responsible for the file after this step


@dataclass(frozen=True)
class Custody:
    holder: str
    side: str  # front / back / applicant
    since: datetime
    until: datetime | None  # None: still holds it


@dataclass(frozen=True)
class CaseView:
    case_no: str
    status: str
    status_label: str
    item_code: str
    item_name: str
    department_name: str
    window_name: str
    applicant_name: str
    applicant_id_masked: str
    agent_name: str
    clerk_name: str
    received_at: datetime
    accepted_on: date | None
    promised_due: date | None
    overdue: bool
    delivery: str
    materials: tuple[MaterialView, ...]
    review_points: tuple[str, ...]
    batch_no: str  # the newest batch it travelled in, if any
    returns: tuple[str, ...]  # reasons of earlier returns, oldest first
    decision: str
    steps: tuple[TimelineStep, ...]
    custody: tuple[Custody, ...]
    # Filled by HandoffService.case_view for the person looking: the full values only for
    # those with a reason (disclosure), else masked like applicant_id_masked.
    applicant_id_shown: str = ""
    phone_shown: str = ""
    full_reason: str = ""
    case_id: str = ""


def material_view(row: Any) -> MaterialView:
    """From a CaseMaterial, or a row of its columns in the order of ``MATERIAL_COLS``."""
    return MaterialView(row.seq, row.name, FORM_LABELS.get(row.form, row.form), row.copies, row.pages,
                        row.state, MATERIAL_STATES.get(row.state, row.state), row.reason)


def staff_names(session: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(wanted)))
    return {sid: name for sid, name in rows}


def _detail(kind: str, p: dict[str, Any]) -> str:
    if kind in ("batched", "signed"):
        return f"交接单 {display(str(p.get('batch_no', '')))}".strip()
    if kind == "discrepancy":
        return f"交接单 {display(str(p.get('batch_no', '')))}：{p.get('note', '')}"
    if kind == "returned":
        return f"退回理由：{p.get('reason', '')}"
    if kind == "decided" and p.get("outcome"):
        if p["outcome"] == "denied":
            return f"不予许可：{p.get('reason', '')}"
        return f"准予许可，决定文号 {p.get('decision_no', '')}，决定日期 {p.get('decided_on', '')}"
    if kind == "issued" and p.get("method"):
        if p["method"] == "post":
            return f"邮寄送达，运单号 {p.get('tracking_no', '')}"
        who = "代领人" if p.get("by_agent") else "申请人本人"
        return f"{who}{p.get('collector', '')}（证件 {p.get('collector_id', '')}）领取"
    if kind in ("printed", "reprinted"):
        return DOC_KINDS.get(str(p.get("doc", "")), str(p.get("doc", "")))
    if kind == "doc_issued":
        return f"{DOC_KINDS.get(str(p.get('doc', '')), '')} {p.get('doc_no', '')}".strip()
    if kind == "not_accepted":
        return str(p.get("reason", ""))
    return ""


def _holder(kind: str, p: dict[str, Any], actor: str, clerk: str) -> tuple[str, str] | None:
    """(holder, side) after an event; None when the event does not move the file."""
    if kind in ("received", "accepted", "supplemented", "notice_issued", "not_accepted",
                "finished", "batched"):
        return (f"受理员 {actor or clerk}", "front")
    if kind in BACK_KINDS:
        return (f"审批员 {actor}", "back")
    if kind in ("discrepancy", "returned"):
        return (f"受理员 {p.get('sender') or clerk}", "front")
    if kind == "issued":
        if p.get("method") == "post":
            return (f"已邮寄（运单号 {p.get('tracking_no', '')}）", "applicant")
        if p.get("collector"):
            return (f"领取人 {p['collector']}", "applicant")
        return ("申请人", "applicant")
    return None


# Statements built once: building a select costs more than running it on an indexed key.
_clerk = aliased(Staff)
CASE_ROW = (
    select(CaseFile.id, CaseFile.case_no, CaseFile.status, CaseFile.item_code, CaseFile.clerk_id,
           CaseFile.co_clerk_id, CaseFile.department_code, CaseFile.phone,
           CaseFile.applicant_name, CaseFile.applicant_id_no, CaseFile.agent_name,
           CaseFile.received_at, CaseFile.accepted_on, CaseFile.promised_due, CaseFile.delivery,
           ItemVersion.name.label("item_name"), ItemVersion.review_points,
           Department.name.label("department_name"), HallWindow.name.label("window_name"),
           _clerk.full_name.label("clerk_name"))
    .outerjoin(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
    .outerjoin(Department, Department.code == CaseFile.department_code)
    .outerjoin(HallWindow, HallWindow.code == CaseFile.window_code)
    .outerjoin(_clerk, _clerk.id == CaseFile.clerk_id)
    .where(CaseFile.case_no == bindparam("case_no"))
)
MATERIAL_COLS = (CaseMaterial.case_id, CaseMaterial.seq, CaseMaterial.name, CaseMaterial.form,
                 CaseMaterial.copies, CaseMaterial.pages, CaseMaterial.state, CaseMaterial.reason)
CASE_MATERIALS = (select(*MATERIAL_COLS)
                  .where(CaseMaterial.case_id == bindparam("cid"), CaseMaterial.state != "not_applicable")
                  .order_by(CaseMaterial.seq))
# The case's own events, and batch-level ones (the 交接单 print) of the batches it was in;
# not the access log's entries (who looked is the supervisor's to see, not the history's).
CASE_EVENTS = (
    select(Event.at, Event.seq, Event.kind, Event.actor_id, Event.actor_role, Event.terminal_code,
           Event.payload, Event.state, Staff.full_name)
    .outerjoin(Staff, Staff.id == Event.actor_id)
    .where(Event.kind != ACCESS_KIND)
    .where(or_(Event.case_id == bindparam("cid"),
               and_(Event.case_id.is_(None), Event.batch_id.in_(
                   select(HandoffItem.batch_id).where(HandoffItem.case_id == bindparam("cid"))))))
    .order_by(Event.at, Event.seq)
)
CASE_DECISION = (select(CaseDecision.outcome, CaseDecision.decision_no, CaseDecision.decided_on,
                        CaseDecision.reason)
                 .where(CaseDecision.case_id == bindparam("cid"))
                 .order_by(CaseDecision.created_at.desc()).limit(1))


def timeline(session: Session, case_id: str, clerk: str
             ) -> tuple[list[TimelineStep], list[Custody], list[dict[str, Any]]]:
    """The case's steps, its custody (who held the file when) and each step's payload."""
    rows = causal_order(session.execute(CASE_EVENTS, {"cid": case_id}).all(), case_id)
    payloads = [json.loads(r.payload or "{}") for r in rows]
    names = {r.actor_id: r.full_name for r in rows if r.actor_id}
    unknown = [p["sender"] for p in payloads if p.get("sender") and p["sender"] not in names]
    names.update(staff_names(session, unknown))
    steps: list[TimelineStep] = []
    custody: list[Custody] = []
    for r, p in zip(rows, payloads, strict=True):
        if p.get("sender"):
            p["sender"] = names.get(p["sender"], "")
        actor = r.full_name or ""
        moved = _holder(r.kind, p, actor, clerk)
        steps.append(TimelineStep(r.at, r.kind, EVENT_LABELS.get(r.kind, r.kind), actor or "系统",
                                  ROLE_LABELS.get(r.actor_role, r.actor_role), r.terminal_code,
                                  _detail(r.kind, p), moved[0] if moved else ""))
        if moved and (not custody or custody[-1].holder != moved[0]):
            if custody:
                last = custody[-1]
                custody[-1] = Custody(last.holder, last.side, last.since, r.at)
            custody.append(Custody(moved[0], moved[1], r.at, None))
    return steps, custody, payloads


def _merge(history: list[TimelineStep], visits: Iterable[TimelineStep]) -> list[TimelineStep]:
    """The queue's visits (hall times) among the history, which keeps its causal order: each
    visit goes before the first step dated after it."""
    out = list(history)
    for v in sorted(visits, key=lambda st: st.at):
        i = next((n for n, st in enumerate(out) if st.at > v.at and not _is_visit(st)), len(out))
        out.insert(i, v)
    return out


def _is_visit(step: TimelineStep) -> bool:
    return step.kind.startswith("queue_")


def _decision(session: Session, case_id: str, status: str) -> str:
    if status not in ("approved", "denied", "issued"):
        return ""
    dec = session.execute(CASE_DECISION, {"cid": case_id}).first()
    if dec is None:
        return ""
    if dec.outcome == "approved":
        return f"准予许可 {dec.decision_no}（{dec.decided_on:%Y-%m-%d}）"
    return f"不予许可（{dec.decided_on:%Y-%m-%d}）：{dec.reason}"


def case_view(session: Session, case_no: str, today: date, actor: Actor | None = None
              ) -> CaseView | None:
    """Everything the case screen shows, in four small indexed queries; None if unknown.
    Full ID number and phone only if ``actor`` has a reason (disclosure)."""
    c = session.execute(CASE_ROW, {"case_no": case_no}).first()
    if c is None:
        return None
    reason = full_view_reason(actor, CaseHolder(c.clerk_id, c.co_clerk_id, c.status,
                                                c.department_code))
    steps, custody, payloads = timeline(session, c.id, c.clerk_name or "")
    mats = session.execute(CASE_MATERIALS, {"cid": c.id}).all()
    kinds = [(s.kind, p) for s, p in zip(steps, payloads, strict=True)]
    batch_no = next((str(p.get("batch_no", "")) for k, p in reversed(kinds) if k == "batched"), "")
    return CaseView(
        case_no=c.case_no, status=c.status, status_label=STATUS_LABELS.get(c.status, c.status),
        item_code=c.item_code, item_name=c.item_name or c.item_code,
        department_name=c.department_name or "", window_name=c.window_name or "",
        applicant_name=c.applicant_name, applicant_id_masked=mask_id(c.applicant_id_no),
        agent_name=c.agent_name, clerk_name=c.clerk_name or "", received_at=c.received_at,
        accepted_on=c.accepted_on, promised_due=c.promised_due,
        overdue=bool(c.status not in CLOSED_STATUSES and c.promised_due and c.promised_due < today),
        delivery=c.delivery, materials=tuple(material_view(m) for m in mats),
        review_points=tuple(x.strip() for x in (c.review_points or "").splitlines() if x.strip()),
        batch_no=batch_no, returns=tuple(str(p.get("reason", "")) for k, p in kinds if k == "returned"),
        decision=_decision(session, c.id, c.status), custody=tuple(custody),
        steps=tuple(_merge(steps, visit_steps(session, c.id))),
        applicant_id_shown=shown_id(c.applicant_id_no, bool(reason)),
        phone_shown=shown_phone(c.phone, bool(reason)), full_reason=reason, case_id=c.id,
    )


QUEUE_LABELS = {"issued": "取号", "called": "叫号", "recalled": "重呼", "no_show": "过号",
                "transferred": "转窗口", "done": "叫号办结"}


def visit_steps(session: Session, case_id: str) -> list[TimelineStep]:
    """The queue's steps of the visit the case was received in: when the applicant arrived
    (took the ticket), was called and by which window. None for a case without a ticket."""
    from sqlalchemy import select

    from ...models import QueueAct, QueueTicket, QueueVisitCase, Staff

    rows = session.execute(
        select(QueueAct.at, QueueAct.kind, QueueAct.desk_no, QueueAct.note, QueueAct.origin_terminal,
               QueueTicket.ticket_no, Staff.full_name)
        .join(QueueVisitCase, QueueVisitCase.ticket_id == QueueAct.ticket_id)
        .join(QueueTicket, QueueTicket.id == QueueAct.ticket_id)
        .outerjoin(Staff, Staff.id == QueueAct.staff_id)
        .where(QueueVisitCase.case_id == case_id).order_by(QueueAct.at)).all()
    out = []
    for at, kind, desk, note, terminal, number, name in rows:
        where = f"，{desk} 号窗口" if desk is not None else ""
        detail = f"号票 {number}{where}" + (f"，{note}" if note else "")
        out.append(TimelineStep(at, f"queue_{kind}", QUEUE_LABELS.get(kind, kind), name or "系统", "",
                                terminal, detail, ""))
    return out


@dataclass(frozen=True)
class BatchSummary:
    batch_no: str
    department_code: str
    department_name: str
    window_code: str
    window_name: str
    clerk_name: str
    created_at: datetime
    cases: int
    status: str  # open / signed / partial
    hours_waiting: float  # until signed, or until now
    overdue: bool  # still open and waiting longer than the configured hours
    discrepancies: int
    signed_by: str
    signed_at: datetime | None


class BatchLine(NamedTuple):
    case_no: str
    item_name: str
    applicant_name: str
    materials: tuple[MaterialView, ...]  # the materials handed over
    material_count: int
    page_count: int
    state: str  # pending / signed / discrepancy
    discrepancy: str


@dataclass(frozen=True)
class BatchView:
    summary: BatchSummary
    lines: tuple[BatchLine, ...]


def counts(cf: CaseFile) -> tuple[int, int]:
    """(materials, pages) handed over with a case: those received."""
    got = [m for m in cf.materials if m.state == "received"]
    return len(got), sum(m.pages for m in got)


def front_notes(s: Session, case_ids: list[str]) -> dict[str, str]:
    """Why a case is back at the front: its newest return reason or discrepancy."""
    newest: dict[str, tuple[datetime, str]] = {}
    if not case_ids:
        return {}
    returns = s.execute(select(CaseReturn.case_id, CaseReturn.returned_at, CaseReturn.reason)
                        .where(CaseReturn.case_id.in_(case_ids)))
    odd = s.execute(select(HandoffItem.case_id, HandoffItem.updated_at, HandoffItem.discrepancy)
                    .where(HandoffItem.case_id.in_(case_ids), HandoffItem.state == "discrepancy"))
    for prefix, rows in (("退回：", returns), ("签收差异：", odd)):
        for cid, at, text in rows:
            if cid not in newest or at >= newest[cid][0]:
                newest[cid] = (at, prefix + text)
    return {cid: note for cid, (_at, note) in newest.items()}


_sender, _signer = aliased(Staff), aliased(Staff)
_HEAD_COLS = (HandoffBatch.id, HandoffBatch.batch_no, HandoffBatch.department_code,
              HandoffBatch.window_code, HandoffBatch.status, HandoffBatch.created_at,
              HandoffBatch.signed_at, Department.name, HallWindow.name, _sender.full_name,
              _signer.full_name)
BATCH_HEADS = (
    select(*_HEAD_COLS, func.count(HandoffItem.id),
           func.coalesce(func.sum(case((HandoffItem.state == "discrepancy", 1), else_=0)), 0))
    .outerjoin(Department, Department.code == HandoffBatch.department_code)
    .outerjoin(HallWindow, HallWindow.code == HandoffBatch.window_code)
    .outerjoin(_sender, _sender.id == HandoffBatch.clerk_id)
    .outerjoin(_signer, _signer.id == HandoffBatch.signed_by_id)
    .outerjoin(HandoffItem, HandoffItem.batch_id == HandoffBatch.id)
    .group_by(*_HEAD_COLS)
)
LINE_COLS = (HandoffItem.case_id, HandoffItem.material_count, HandoffItem.page_count,
             HandoffItem.state, HandoffItem.discrepancy, CaseFile.case_no, CaseFile.applicant_name,
             CaseFile.item_code, ItemVersion.name.label("item_name"))


def batch_summaries(s: Session, *where: Any, now: datetime, threshold: float, newest_first: bool,
                    limit: int = 200) -> list[BatchSummary]:
    """Batches with their counts, one query; open ones are "overdue" after ``threshold`` hours."""
    order = HandoffBatch.created_at.desc() if newest_first else HandoffBatch.created_at
    out = []
    for r in s.execute(BATCH_HEADS.where(*where).order_by(order).limit(limit)):
        (_id, no, dep, win, status, created, signed_at, dep_name, win_name, sender, signer,
         n, odd) = r
        hours = ((signed_at or now) - created).total_seconds() / 3600
        out.append(BatchSummary(no, dep, dep_name or dep, win, win_name or win, sender or "", created,
                                n, status, hours, status == "open" and hours > threshold, int(odd),
                                signer or "", signed_at))
    return out


def batch_lines(s: Session, *where: Any) -> list[BatchLine]:
    """Handoff items matching ``where`` with their cases and handed-over materials, two queries."""
    rows = s.execute(select(*LINE_COLS).join(CaseFile, CaseFile.id == HandoffItem.case_id)
                     .outerjoin(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
                     .where(*where).order_by(CaseFile.case_no, HandoffItem.updated_at)).all()
    mats: dict[str, list[MaterialView]] = {}
    if rows:
        for m in s.execute(select(*MATERIAL_COLS).where(
                CaseMaterial.case_id.in_({r.case_id for r in rows}), CaseMaterial.state == "received")
                .order_by(CaseMaterial.case_id, CaseMaterial.seq)):
            mats.setdefault(m.case_id, []).append(material_view(m))
    return [BatchLine(r.case_no, r.item_name or r.item_code, r.applicant_name,
                      tuple(mats.get(r.case_id, ())), r.material_count, r.page_count, r.state,
                      r.discrepancy) for r in rows]
