"""Custody of files after acceptance (DOMAIN.md steps 4-7): handoff batches, signing for them,
returns, decisions and issuing the result, plus resolving what a scanner typed.

Until an approver signs, the sending clerk is responsible for a file; after, the approver.
A case that is missing from the folder (or lacks a material) when the batch is signed for is
recorded as a discrepancy and stays with the sender. Every change appends an event in the
same transaction; nothing is updated in the log. Roles: clerks batch and issue, approvers
sign, return and decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ...documents.masking import mask_id
from ...models import (
    CaseDecision,
    CaseFile,
    CaseReturn,
    Department,
    HandoffBatch,
    HandoffItem,
    Issuance,
    ItemVersion,
    Setting,
)
from ..audit.events import append_event
from ..context import Actor, ServiceContext, require_role
from ..intake import validation as v
from ..intake.numbering import KIND_BATCH, KIND_CASE, NumberError, display, next_number, parse_number
from ..intake.rules import clear_co_acceptance
from ..operations import allow, operation
from ..privacy.access_log import Access, AccessLog
from ..settings import set_setting
from .timeline import (
    BatchLine,
    BatchSummary,
    BatchView,
    CaseView,
    batch_lines,
    batch_summaries,
    case_view,
    counts,
    front_notes,
    staff_names,
)

__all__ = [
    "BatchLine", "BatchSummary", "BatchView", "CaseCheck", "CaseView", "HandoffError",
    "HandoffService", "IssueInput", "ReadyCase", "ScanTarget", "SignResult", "WorkItem",
]

READY_STATUSES = ("accepted", "returned")  # at the front and may be handed (again) to the back
OVERDUE_KEY = "handoff_overdue_hours"
DEFAULT_OVERDUE_HOURS = 4.0
TRACKING_RE = re.compile(r"^[A-Z0-9]{8,32}$")
# Built once: on a scan, building a statement costs more than running it.
FIND_BATCH = select(HandoffBatch.id).where(HandoffBatch.batch_no == bindparam("no"))
FIND_CASE = select(CaseFile.id).where(CaseFile.case_no == bindparam("no"))
THRESHOLD = select(Setting.value).where(Setting.key == OVERDUE_KEY)


class HandoffError(Exception):
    """The handoff action cannot be done as asked. The message is for the user."""


@dataclass(frozen=True)
class ReadyCase:
    case_no: str
    item_name: str
    applicant_name: str
    department_code: str
    department_name: str
    status: str
    accepted_on: date | None
    materials: int
    pages: int
    note: str  # why it is back at the front (return reason, discrepancy), if it is


@dataclass(frozen=True)
class WorkItem:
    """A case signed for by the back office and not decided yet (审批中): an approver's work."""

    case_no: str
    item_name: str
    applicant_name: str
    department_code: str
    department_name: str
    signed_at: datetime | None
    signed_by: str
    promised_due: date | None
    overdue: bool


@dataclass(frozen=True)
class CaseCheck:
    """The approver's finding for one case of the batch being signed for."""

    case_no: str
    present: bool = True
    missing_materials: tuple[str, ...] = ()
    note: str = ""

    @property
    def discrepancy(self) -> str:
        if self.present and not self.missing_materials:
            return ""
        parts = ["办件未随交接单移交"] if not self.present else []
        if self.missing_materials:
            parts.append("缺少材料：" + "、".join(self.missing_materials))
        if self.note.strip():
            parts.append(self.note.strip())
        return "；".join(parts)


@dataclass(frozen=True)
class SignResult:
    batch_no: str
    status: str
    signed: tuple[str, ...]
    discrepancies: tuple[str, ...]


@dataclass
class IssueInput:
    method: str = "in_person"  # in_person / post
    collector_name: str = ""
    collector_id_no: str = ""
    by_agent: bool = False  # collected by someone else: letter of authorization + own ID
    authorization_checked: bool = False
    tracking_no: str = ""
    collector_phone: str = ""  # printed on the 领证回执 (masked)


@dataclass(frozen=True)
class ScanTarget:
    kind: str  # batch / case
    number: str


allow(CaseCheck, IssueInput)


class HandoffService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading ----------------------------------------------------------------------------
    def resolve_scan(self, raw: str, expect: str | None = None) -> ScanTarget:
        """What a scanned or typed string refers to; HandoffError with a Chinese message if it
        is not one of ours or unknown here. Reads only."""
        kind = {"batch": KIND_BATCH, "case": KIND_CASE, None: None}[expect]
        try:
            num = parse_number(raw, expect_kind=kind)
        except NumberError as exc:
            raise HandoffError(str(exc)) from None
        with self.ctx.db.session() as s:
            found = s.execute(FIND_BATCH if num.kind == KIND_BATCH else FIND_CASE, {"no": num.text}).scalar()
        what = "交接单" if num.kind == KIND_BATCH else "办件"
        if found is None:
            raise HandoffError(f"没有找到{what}“{display(num.text)}”：可能尚未同步到本机，或条码有误")
        return ScanTarget("batch" if num.kind == KIND_BATCH else "case", num.text)

    def overdue_hours(self) -> float:
        """A batch waiting longer than this to be signed for is flagged (setting, hours)."""
        with self.ctx.db.session() as s:
            return self._threshold(s)

    @operation("handoff.set_overdue_hours")
    def set_overdue_hours(self, actor: Actor, hours: float) -> None:
        require_role(actor, "supervisor")
        if not 0 < hours <= 24 * 30:
            raise HandoffError("超时时限应在 0 到 720 小时之间")
        with self.ctx.db.transaction() as s:
            set_setting(s, OVERDUE_KEY, str(hours))

    def ready_cases(self, window_code: str | None = None, clerk_id: str | None = None,
                    statuses: Sequence[str] = READY_STATUSES) -> list[ReadyCase]:
        """Cases at the front that may be handed (again) to the back office."""
        q = (select(CaseFile, ItemVersion.name)
             .join(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
             .where(CaseFile.status.in_(statuses), CaseFile.is_training.is_(False))
             .order_by(CaseFile.department_code, CaseFile.received_at))
        if window_code:
            q = q.where(CaseFile.window_code == window_code)
        if clerk_id:
            q = q.where(CaseFile.clerk_id == clerk_id)
        with self.ctx.db.session() as s:
            rows = s.execute(q).all()
            deps = dict(s.execute(select(Department.code, Department.name)).all())
            notes = front_notes(s, [c.id for c, _ in rows])
            return [ReadyCase(c.case_no, name, c.applicant_name, c.department_code,
                              deps.get(c.department_code, c.department_code), c.status,
                              c.accepted_on, *counts(c), notes.get(c.id, ""))
                    for c, name in rows]

    def returned_cases(self, actor: Actor) -> list[ReadyCase]:
        """Files an approver sent back to this clerk, with the newest reason."""
        return self.ready_cases(clerk_id=actor.staff_id, statuses=("returned",))

    def batches(self, *, status: str | None = "open", department_code: str | None = None,
                window_code: str | None = None, limit: int = 200) -> list[BatchSummary]:
        """Batches: open ones oldest first (the longest waiting on top), others newest first."""
        where = []
        if status:
            where.append(HandoffBatch.status == status)
        if department_code:
            where.append(HandoffBatch.department_code == department_code)
        if window_code:
            where.append(HandoffBatch.window_code == window_code)
        with self.ctx.db.session() as s:
            return batch_summaries(s, *where, now=self.ctx.now(), threshold=self._threshold(s),
                                   newest_first=status != "open", limit=limit)

    def worklist(self, actor: Actor, limit: int = 500) -> list[WorkItem]:
        """The approver's worklist: cases signed for and not decided yet, in the approver's
        department (every department when the account has none set: the screen says so),
        due soonest first. A case leaves it when it is decided or returned."""
        require_role(actor, "approver")
        last_signed = (select(HandoffItem.case_id, func.max(HandoffBatch.signed_at).label("at"))
                       .join(HandoffBatch, HandoffBatch.id == HandoffItem.batch_id)
                       .where(HandoffItem.state == "signed")
                       .group_by(HandoffItem.case_id).subquery())
        signer = (select(HandoffBatch.signed_by_id)
                  .join(HandoffItem, HandoffItem.batch_id == HandoffBatch.id)
                  .where(HandoffItem.case_id == CaseFile.id, HandoffItem.state == "signed")
                  .order_by(HandoffBatch.signed_at.desc()).limit(1).scalar_subquery())
        q = (select(CaseFile.case_no, ItemVersion.name, CaseFile.applicant_name,
                    CaseFile.department_code, last_signed.c.at, signer, CaseFile.promised_due)
             .join(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
             .outerjoin(last_signed, last_signed.c.case_id == CaseFile.id)
             .where(CaseFile.status == "with_approver", CaseFile.is_training.is_(False))
             .order_by(CaseFile.promised_due.is_(None), CaseFile.promised_due, last_signed.c.at)
             .limit(limit))
        if actor.department_code:
            q = q.where(CaseFile.department_code == actor.department_code)
        today = self.ctx.now().date()
        with self.ctx.db.session() as s:
            rows = s.execute(q).all()
            deps = dict(s.execute(select(Department.code, Department.name)).all())
            names = staff_names(s, [r[5] for r in rows])
        return [WorkItem(no, item, who, dep, deps.get(dep, dep), at, names.get(by or "", ""), due,
                         bool(due and due < today))
                for no, item, who, dep, at, by, due in rows]

    def desk_batches(self, actor: Actor) -> list[BatchSummary]:
        """Batches waiting to be signed for at this approver's department (all departments
        when the account has none set)."""
        require_role(actor, "approver")
        return self.batches(status="open", department_code=actor.department_code or None)

    def discrepancies(self, window_code: str | None = None) -> list[BatchLine]:
        """Cases that an approver found missing or incomplete and that are still at the front."""
        where = [HandoffItem.state == "discrepancy", CaseFile.status == "accepted"]
        if window_code:
            where.append(CaseFile.window_code == window_code)
        with self.ctx.db.session() as s:
            return batch_lines(s, *where)

    def batch_view(self, batch_no: str) -> BatchView:
        """The batch and its cases with their materials, for the approver's check."""
        no = "".join((batch_no or "").split())
        with self.ctx.db.session() as s:
            found = batch_summaries(s, HandoffBatch.batch_no == no, now=self.ctx.now(),
                                    threshold=self._threshold(s), newest_first=False)
            if not found:
                raise HandoffError(f"没有找到交接单“{display(no)}”")
            batch_id = select(HandoffBatch.id).where(HandoffBatch.batch_no == no).scalar_subquery()
            return BatchView(found[0], tuple(batch_lines(s, HandoffItem.batch_id == batch_id)))

    def case_view(self, case_no: str, actor: Actor | None = None, *, record: bool = True
                  ) -> CaseView:
        """The case, its checklist and its whole history. With ``actor`` this is a person
        opening the case's screen: full values if they have a reason (disclosure), and one
        entry in the access log (``record=False``: the same screen shown again after the
        person's own action). Without, a program reading it (nothing shown, nothing logged)."""
        no = "".join((case_no or "").split())
        with self.ctx.db.session() as s:
            view = case_view(s, no, self.ctx.now().date(), actor)
        if view is None:
            raise HandoffError(f"没有找到办件“{display(no)}”")
        if actor is not None and record:
            AccessLog(self.ctx).look(actor, Access("open", case_id=view.case_id,
                                                   full=bool(view.full_reason),
                                                   reason=view.full_reason))
        return view

    def _threshold(self, s: Session) -> float:
        text = s.execute(THRESHOLD).scalar()
        try:
            return float(text) if text else DEFAULT_OVERDUE_HOURS
        except ValueError:
            return DEFAULT_OVERDUE_HOURS

    # -- the clerk hands over ---------------------------------------------------------------
    @operation("handoff.create_batches")
    def create_batches(self, actor: Actor, case_nos: Sequence[str] | None = None) -> list[str]:
        """One batch per receiving department from the given cases (None: every accepted case
        of the actor's window, except those that came back: they go again only when chosen).
        Returns the new batch numbers; print each 交接单 next."""
        require_role(actor, "clerk")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            if case_nos is None:
                q = select(CaseFile).where(CaseFile.status.in_(READY_STATUSES),
                                           CaseFile.is_training.is_(False))
                if actor.window_code:
                    q = q.where(CaseFile.window_code == actor.window_code)
                cases = list(s.execute(q.order_by(CaseFile.received_at)).scalars())
                came_back = front_notes(s, [c.id for c in cases])  # sent again only when chosen
                cases = [c for c in cases if c.id not in came_back]
            else:
                cases = [_case(s, n) for n in dict.fromkeys(case_nos)]
            if not cases:
                raise HandoffError("没有可移交的办件：只有已受理或被退回的办件可以移交")
            for c in cases:
                if c.status not in READY_STATUSES:
                    raise HandoffError(f"办件“{c.case_no}”状态为{_label(c.status)}，不能移交")
                if c.is_training:
                    raise HandoffError(f"办件“{c.case_no}”是培训练习件，不能移交")
            by_dep: dict[str, list[CaseFile]] = {}
            for c in cases:
                by_dep.setdefault(c.department_code, []).append(c)
            out = []
            for dep, group in by_dep.items():
                batch = HandoffBatch(
                    batch_no=next_number(s, now.date(), KIND_BATCH, self.ctx.terminal),
                    department_code=dep, window_code=group[0].window_code, clerk_id=actor.staff_id,
                    status="open", origin_terminal=self.ctx.terminal, created_at=now, updated_at=now)
                s.add(batch)
                s.flush()
                for c in group:
                    mats, pages = counts(c)
                    s.add(HandoffItem(batch_id=batch.id, case_id=c.id, material_count=mats,
                                      page_count=pages, state="pending",
                                      origin_terminal=self.ctx.terminal))
                    c.status = "in_handoff"
                    append_event(s, terminal=self.ctx.terminal, kind="batched", at=now,
                                 actor_id=actor.staff_id, actor_role="clerk", case_id=c.id,
                                 batch_id=batch.id, batch_no=batch.batch_no, case_no=c.case_no,
                                 materials=mats, pages=pages)
                out.append(batch.batch_no)
            return out

    # -- the approver signs, returns, decides -----------------------------------------------
    @operation("handoff.sign", through=True)
    def sign(self, actor: Actor, batch_no: str, checks: Sequence[CaseCheck]) -> SignResult:
        """Sign for a batch. Every case needs a finding; a case missing from the folder or
        lacking a material is a discrepancy and stays with the sender."""
        require_role(actor, "approver")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            batch = _batch(s, batch_no)
            _must_serve(actor, batch.department_code, f"交接单“{display(batch_no)}”")
            if batch.status != "open":
                who = staff_names(s, [batch.signed_by_id]).get(batch.signed_by_id or "", "")
                when = f"{batch.signed_at:%Y-%m-%d %H:%M}" if batch.signed_at else ""
                raise HandoffError(f"交接单“{display(batch_no)}”已于 {when} 由{who}签收，不能重复签收")
            cases = {c.id: c for c in s.execute(select(CaseFile).where(
                CaseFile.id.in_([i.case_id for i in batch.items]))).scalars()}
            by_no = {cases[i.case_id].case_no: i for i in batch.items}
            found = {c.case_no: c for c in checks}
            stray = [n for n in found if n not in by_no]
            if stray:
                raise HandoffError(f"办件“{display(stray[0])}”不在交接单“{display(batch_no)}”中")
            unchecked = [n for n in by_no if n not in found]
            if unchecked:
                raise HandoffError(f"还有 {len(unchecked)} 件未核对（如“{display(unchecked[0])}”）："
                                   "请逐件确认在卷，或登记差异")
            signed, odd = [], []
            for case_no, item in by_no.items():
                check, case = found[case_no], cases[item.case_id]
                handed = {m.name for m in case.materials if m.state == "received"}
                unknown = [m for m in check.missing_materials if m not in handed]
                if unknown:
                    raise HandoffError(f"材料“{unknown[0]}”不在办件“{display(case_no)}”的移交清单中")
                ev: dict[str, Any] = dict(terminal=self.ctx.terminal, at=now, actor_id=actor.staff_id,
                                          actor_role="approver", case_id=case.id, batch_id=batch.id,
                                          batch_no=batch.batch_no)
                if check.discrepancy:
                    item.state, item.discrepancy = "discrepancy", check.discrepancy
                    case.status = "accepted"  # stays with (goes back to) the sender
                    append_event(s, kind="discrepancy", note=check.discrepancy,
                                 missing=list(check.missing_materials), present=check.present,
                                 sender=batch.clerk_id, **ev)
                    odd.append(case_no)
                else:
                    item.state = "signed"
                    case.status = "with_approver"
                    append_event(s, kind="signed", **ev)
                    signed.append(case_no)
            batch.status = "partial" if odd else "signed"
            batch.signed_by_id, batch.signed_at = actor.staff_id, now
            return SignResult(batch.batch_no, batch.status, tuple(signed), tuple(odd))

    @operation("handoff.return_case", through=True)
    def return_case(self, actor: Actor, case_no: str, reason: str) -> None:
        """退回: back to the front with the reason; counts for the two-returns rule."""
        require_role(actor, "approver")
        if not reason.strip():
            raise HandoffError("请填写退回理由")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            case = _case(s, case_no)
            _must_serve(actor, case.department_code, f"办件“{display(case_no)}”")
            _must_be_with_approver(case)
            s.add(CaseReturn(case_id=case.id, clerk_id=case.clerk_id, item_code=case.item_code,
                             approver_id=actor.staff_id, reason=reason.strip(), returned_at=now,
                             origin_terminal=self.ctx.terminal))
            case.status = "returned"
            append_event(s, terminal=self.ctx.terminal, kind="returned", at=now,
                         actor_id=actor.staff_id, actor_role="approver", case_id=case.id,
                         reason=reason.strip(), sender=case.clerk_id, item=case.item_code)

    @operation("handoff.decide", through=True)
    def decide(self, actor: Actor, case_no: str, outcome: str, *, decision_no: str = "",
               decided_on: date | None = None, reason: str = "") -> None:
        """Approve (decision number and date; the result then waits at the front for
        collection) or deny (with the reasons: 行政许可法 Art. 38)."""
        require_role(actor, "approver")
        now = self.ctx.now()
        day = decided_on or now.date()
        if outcome not in ("approved", "denied"):
            raise HandoffError(f"审批结果“{outcome}”无效：应为准予许可或不予许可")
        if outcome == "approved" and not decision_no.strip():
            raise HandoffError("请填写决定文号")
        if outcome == "denied" and not reason.strip():
            raise HandoffError("不予许可须说明理由")
        if day > now.date():
            raise HandoffError("决定日期不能晚于今天")
        with self.ctx.db.transaction() as s:
            case = _case(s, case_no)
            _must_serve(actor, case.department_code, f"办件“{display(case_no)}”")
            _must_be_with_approver(case)
            if case.accepted_on and day < case.accepted_on:
                raise HandoffError(f"决定日期不能早于受理日期 {case.accepted_on:%Y-%m-%d}")
            s.add(CaseDecision(case_id=case.id, outcome=outcome, decision_no=decision_no.strip(),
                               decided_on=day, reason=reason.strip(), approver_id=actor.staff_id,
                               origin_terminal=self.ctx.terminal))
            case.status = outcome
            if outcome == "denied":
                case.closed_at = now
            append_event(s, terminal=self.ctx.terminal, kind="decided", at=now,
                         actor_id=actor.staff_id, actor_role="approver", case_id=case.id,
                         outcome=outcome, decision_no=decision_no.strip(),
                         decided_on=day.isoformat(), reason=reason.strip())

    @operation("handoff.clear_co_acceptance")
    def clear_co_acceptance(self, actor: Actor, clerk_id: str, item_code: str, note: str = "") -> None:
        """An approver judges that the clerk has mastered the item: the two-returns rule
        starts afresh (returns before now no longer count)."""
        require_role(actor, "approver")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            clear_co_acceptance(s, staff_id=clerk_id, item_code=item_code, cleared_by_id=actor.staff_id,
                                at=now, terminal=self.ctx.terminal, note=note.strip())
            append_event(s, terminal=self.ctx.terminal, kind="coaccept_cleared", at=now,
                         actor_id=actor.staff_id, actor_role="approver", clerk=clerk_id,
                         item=item_code, note=note.strip())

    # -- the clerk issues the result --------------------------------------------------------
    @operation("handoff.issue")
    def issue(self, actor: Actor, case_no: str, given: IssueInput) -> None:
        """发证: in person (the applicant's own ID must match; an agent shows the letter of
        authorization and their own ID) or by post (tracking number). Print the 领证回执 next."""
        require_role(actor, "clerk")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            case = _case(s, case_no)
            if case.status != "approved":
                raise HandoffError(f"办件“{display(case_no)}”状态为{_label(case.status)}，没有待领取的结果")
            row = _issuance(case, given)
            phone = given.collector_phone.strip()
            if phone and row.method == "in_person":
                checked = v.check_phone(phone, "领取人联系电话")
                if not checked.ok:
                    raise HandoffError("；".join(i.message for i in checked.errors))
                row.collector_phone = checked.value
            elif row.method == "in_person" and not row.by_agent:
                row.collector_phone = case.phone  # the applicant's own, as recorded at intake
            row.issued_at, row.issued_by_id, row.origin_terminal = now, actor.staff_id, self.ctx.terminal
            s.add(row)
            case.status, case.closed_at = "issued", now
            append_event(s, terminal=self.ctx.terminal, kind="issued", at=now,
                         actor_id=actor.staff_id, actor_role="clerk", case_id=case.id,
                         method=row.method, collector=row.collector_name,
                         collector_id=mask_id(row.collector_id_no), by_agent=row.by_agent,
                         tracking_no=row.tracking_no)


def _issuance(case: CaseFile, g: IssueInput) -> Issuance:
    if g.method == "post":
        tracking = v.normalize_id(g.tracking_no)
        if not TRACKING_RE.match(tracking):
            raise HandoffError("请填写正确的邮件运单号（8 至 32 位字母或数字）")
        return Issuance(case_id=case.id, method="post", tracking_no=tracking, collector_name="",
                        collector_id_no="", by_agent=False, authorization_checked=False)
    if g.method != "in_person":
        raise HandoffError(f"发证方式“{g.method}”无效")
    name, id_no = g.collector_name.strip(), v.normalize_id(g.collector_id_no)
    if not name:
        raise HandoffError("请填写领取人姓名")
    if not id_no:
        raise HandoffError("请填写领取人证件号码")
    if g.by_agent or case.applicant_kind == "organisation":
        if not g.authorization_checked:
            raise HandoffError("代领须核验申请人出具的授权委托书：请核对后勾选")
        checked = v.check_resident_id(id_no, "代领人身份证号")
        if not checked.ok:
            raise HandoffError("；".join(i.message for i in checked.errors))
        return Issuance(case_id=case.id, method="in_person", collector_name=name,
                        collector_id_no=id_no, by_agent=True, authorization_checked=True,
                        tracking_no="")
    if id_no != v.normalize_id(case.applicant_id_no):
        raise HandoffError("领取人证件号码与申请人不一致：申请人本人领取须出示本人证件；"
                           "他人代领须出示授权委托书和代领人本人身份证")
    if name != case.applicant_name:
        raise HandoffError(f"领取人姓名与申请人“{case.applicant_name}”不一致")
    return Issuance(case_id=case.id, method="in_person", collector_name=name,
                    collector_id_no=id_no, by_agent=False, authorization_checked=False,
                    tracking_no="")


def _label(status: str) -> str:
    from ...models import STATUS_LABELS

    return f"“{STATUS_LABELS.get(status, status)}”"


def _case(s: Session, case_no: str) -> CaseFile:
    text = "".join((case_no or "").split())
    case = s.execute(select(CaseFile).where(CaseFile.case_no == text)).scalar_one_or_none()
    if case is None:
        raise HandoffError(f"没有找到办件“{display(text)}”")
    return case


def _batch(s: Session, batch_no: str) -> HandoffBatch:
    text = "".join((batch_no or "").split())
    batch = s.execute(select(HandoffBatch).where(HandoffBatch.batch_no == text)).scalar_one_or_none()
    if batch is None:
        raise HandoffError(f"没有找到交接单“{display(text)}”")
    return batch


def _must_serve(actor: Actor, department_code: str, what: str) -> None:
    """An approver of a department signs and decides for that department alone (one with
    no department recorded, as in a small hall, serves every department)."""
    if actor.department_code and department_code and actor.department_code != department_code:
        raise HandoffError(f"{what}属于{department_code}部门，{actor.full_name}是{actor.department_code}"
                           "部门的审批人员，不能办理")


def _must_be_with_approver(case: CaseFile) -> None:
    if case.status == "in_handoff":
        raise HandoffError(f"办件“{display(case.case_no)}”尚未签收：请先扫描交接单签收")
    if case.status != "with_approver":
        raise HandoffError(f"办件“{display(case.case_no)}”状态为{_label(case.status)}，不在审批环节")


