"""The Art. 32 five-day rule. Near- and past-due lists, which honour stopped clocks, are
``clock_stops.ClockService.due_list`` and ``clock_stops.due_lines``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, select

from ...models import CaseFile, Notice
from ..audit.events import append_event
from ..context import ServiceContext
from .calendar_store import load_calendar

NOTICE_LIMIT_DAYS = 5  # 行政许可法第三十二条: tell the applicant within five days


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
