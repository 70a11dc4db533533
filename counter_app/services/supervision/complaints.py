"""Complaints (投诉): received, assigned, handled and closed within the hall's deadline.

Anyone at the hall may receive a complaint (guides most often). A supervisor assigns it to
someone who handles it; a supervisor closes it with the resolution given to the complainant.
The deadline is counted in working days from receipt (hall setting, 5 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...documents.masking import mask_numbers
from ...models import CaseFile, Complaint, Staff
from ..audit.events import append_event
from ..context import Actor, PermissionDenied, ServiceContext, require_role
from ..deadlines.calendar_store import load_calendar
from ..operations import operation
from ..settings import get_setting, set_setting

STATES = {"received": "已登记", "assigned": "已交办", "handled": "已处理", "closed": "已办结"}
DUE_DAYS_KEY = "complaint_due_days"
DEFAULT_DUE_DAYS = 5


class ComplaintError(Exception):
    """The complaint cannot be recorded or moved on as asked. Message for the user."""


@dataclass(frozen=True)
class ComplaintLine:
    id: str
    received_at: datetime
    complainant: str
    content: str
    case_no: str
    window_code: str
    about: str
    received_by: str
    assigned_to: str
    due_on: date | None
    status: str
    resolution: str
    closed_at: datetime | None

    @property
    def status_label(self) -> str:
        return STATES.get(self.status, self.status)

    def overdue(self, today: date) -> bool:
        return self.status != "closed" and self.due_on is not None and self.due_on < today


def due_days(session: Session) -> int:
    text = get_setting(session, DUE_DAYS_KEY)
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_DUE_DAYS


class ComplaintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("complaint.set_due_days")
    def set_due_days(self, actor: Actor, days: int) -> None:
        require_role(actor, "supervisor")
        if not 1 <= days <= 60:
            raise ComplaintError("投诉办理时限应为 1 至 60 个工作日")
        with self.ctx.db.transaction() as s:
            set_setting(s, DUE_DAYS_KEY, str(days))

    @operation("complaint.receive")
    def receive(self, actor: Actor, content: str, *, complainant: str = "", phone: str = "",
                case_no: str = "", window_code: str = "", about_staff_id: str | None = None) -> str:
        require_role(actor, "guide", "clerk", "supervisor")
        if not content.strip():
            raise ComplaintError("请填写投诉内容")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            case_id = None
            if case_no.strip():
                case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no.strip())).scalar()
                if case is None:
                    raise ComplaintError(f"没有找到办件“{case_no}”")
                case_id, window_code = case.id, window_code or case.window_code
                about_staff_id = about_staff_id or case.clerk_id
            if about_staff_id and s.get(Staff, about_staff_id) is None:
                raise ComplaintError("被投诉人不存在")
            due = load_calendar(s).add_workdays(now.date(), due_days(s)).date
            row = Complaint(case_id=case_id, window_code=window_code, about_staff_id=about_staff_id,
                            complainant=complainant.strip(), phone=phone.strip(),
                            content=content.strip(), received_by_id=actor.staff_id,
                            received_at=now, due_on=due, status="received",
                            origin_terminal=self.ctx.terminal)
            s.add(row)
            s.flush()
            self._event(s, actor, row, "received")
            return row.id

    @operation("complaint.assign")
    def assign(self, actor: Actor, complaint_id: str, to_staff_id: str,
               due_on: date | None = None) -> None:
        require_role(actor, "supervisor")
        with self.ctx.db.transaction() as s:
            row = self._open(s, complaint_id)
            if s.get(Staff, to_staff_id) is None:
                raise ComplaintError("承办人不存在")
            row.assigned_to_id, row.status = to_staff_id, "assigned"
            if due_on is not None:
                row.due_on = due_on
            self._event(s, actor, row, "assigned", to=to_staff_id)

    @operation("complaint.handle")
    def handle(self, actor: Actor, complaint_id: str, note: str) -> None:
        """The assignee (or a supervisor) reports what was done."""
        if not note.strip():
            raise ComplaintError("请填写处理情况")
        with self.ctx.db.transaction() as s:
            row = self._open(s, complaint_id)
            if row.assigned_to_id != actor.staff_id and not actor.has("supervisor"):
                raise PermissionDenied("只有承办人或管理人员可以填写处理情况")
            row.resolution, row.status = note.strip(), "handled"
            self._event(s, actor, row, "handled")

    @operation("complaint.close")
    def close(self, actor: Actor, complaint_id: str, resolution: str = "") -> None:
        require_role(actor, "supervisor")
        with self.ctx.db.transaction() as s:
            row = self._open(s, complaint_id)
            text = resolution.strip() or row.resolution
            if not text:
                raise ComplaintError("请填写答复投诉人的办理结果")
            row.resolution, row.status, row.closed_at = text, "closed", self.ctx.now()
            self._event(s, actor, row, "closed")

    def list(self, status: str = "", open_only: bool = False, limit: int = 500) -> list[ComplaintLine]:
        with self.ctx.db.session() as s:
            q = complaint_query()
            if status:
                q = q.where(Complaint.status == status)
            if open_only:
                q = q.where(Complaint.status != "closed")
            return [line_of(r) for r in s.execute(
                q.order_by(Complaint.received_at.desc()).limit(limit))]

    def _open(self, s: Session, complaint_id: str) -> Complaint:
        row = s.get(Complaint, complaint_id)
        if row is None:
            raise ComplaintError("没有找到这条投诉")
        if row.status == "closed":
            raise ComplaintError("这条投诉已办结")
        return row

    def _event(self, s: Session, actor: Actor, row: Complaint, action: str, **extra: Any) -> None:
        append_event(s, terminal=self.ctx.terminal, kind="complaint", at=self.ctx.now(),
                     actor_id=actor.staff_id, actor_role=actor.main_role, case_id=row.case_id,
                     complaint=row.id, action=action, status=row.status, **extra)


def complaint_query():
    """Complaint rows as ComplaintLine fields (names, not ids); callers add filters."""
    about, by, to = aliased(Staff), aliased(Staff), aliased(Staff)
    return (select(Complaint.id, Complaint.received_at, Complaint.complainant, Complaint.content,
                   CaseFile.case_no, Complaint.window_code, about.full_name, by.full_name,
                   to.full_name, Complaint.due_on, Complaint.status, Complaint.resolution,
                   Complaint.closed_at)
            .outerjoin(CaseFile, CaseFile.id == Complaint.case_id)
            .outerjoin(about, about.id == Complaint.about_staff_id)
            .outerjoin(by, by.id == Complaint.received_by_id)
            .outerjoin(to, to.id == Complaint.assigned_to_id))


def line_of(row) -> ComplaintLine:
    """A list line: an ID number or mobile typed into the content or resolution is masked
    (lists never show a full number)."""
    return ComplaintLine(*(("" if v is None and i in (4, 6, 7, 8) else  # type: ignore[arg-type]  # a row of the query above
                            mask_numbers(v) if i in (3, 11) and isinstance(v, str) else v)
                           for i, v in enumerate(row)))
