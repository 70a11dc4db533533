"""Deadlines: the Art. 32 five-day rule and cases near or past their promised date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select

from ..models import CaseFile, Notice
from .calendar_store import load_calendar
from .context import ServiceContext
from .events import append_event

NOTICE_LIMIT_DAYS = 5  # 行政许可法第三十二条: tell the applicant within five days
NEAR_DUE_DAYS = 2
OPEN_STATUSES = ("accepted", "in_handoff", "with_approver", "returned")


@dataclass(frozen=True)
class DueFlag:
    case_no: str
    applicant: str
    item_code: str
    promised_due: date
    workdays_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.workdays_left < 0


def flag_deemed_accepted(ctx: ServiceContext, today: date | None = None) -> list[str]:
    """Received, incomplete cases with no notice after 5 working days count as accepted
    from the day the materials were received (Art. 32). Returns the case numbers flagged."""
    today = today or ctx.now().date()
    flagged = []
    with ctx.db.transaction() as s:
        cal = load_calendar(s)
        rows = s.execute(
            select(CaseFile).where(
                CaseFile.status == "received", CaseFile.deemed_accepted.is_(False),
                ~exists().where(Notice.case_id == CaseFile.id),
            )
        ).scalars().all()
        for case in rows:
            if cal.workdays_between(case.received_on, today) <= NOTICE_LIMIT_DAYS:
                continue
            case.deemed_accepted = True
            case.status = "accepted"
            case.accepted_on = case.received_on
            flagged.append(case.case_no)
            append_event(s, terminal=ctx.terminal, kind="deemed_accepted", at=ctx.now(),
                         actor_id=None, actor_role="system", case_id=case.id,
                         received_on=case.received_on)
    return flagged


def due_flags(ctx: ServiceContext, today: date | None = None, window_code: str = "",
              clerk_id: str = "", department_code: str = "") -> list[DueFlag]:
    """Open cases within NEAR_DUE_DAYS working days of their promised date, or past it."""
    today = today or ctx.now().date()
    with ctx.db.session() as s:
        cal = load_calendar(s)
        horizon = cal.add_workdays(today, NEAR_DUE_DAYS).date
        q = select(CaseFile).where(CaseFile.status.in_(OPEN_STATUSES),
                                   CaseFile.promised_due.is_not(None),
                                   CaseFile.promised_due <= horizon,
                                   CaseFile.is_training.is_(False))
        if window_code:
            q = q.where(CaseFile.window_code == window_code)
        if clerk_id:
            q = q.where(CaseFile.clerk_id == clerk_id)
        if department_code:
            q = q.where(CaseFile.department_code == department_code)
        out = []
        for case in s.execute(q.order_by(CaseFile.promised_due)).scalars():
            due = case.promised_due
            assert due is not None
            left = (cal.workdays_between(today, due) if due >= today
                    else -cal.workdays_between(due, today))
            out.append(DueFlag(case.case_no, case.applicant_name, case.item_code, due, left))
        return out
