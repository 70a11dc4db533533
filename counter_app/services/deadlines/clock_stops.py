"""Time that does not count, and approved extensions (行政许可法 Art. 42, 45).

Inspection, testing, appraisal and expert review stop a case's clock (CaseSuspension); an
approved extension (CaseExtension) adds days. Both count in the item's unit: an item in 工作日
loses the working days inside a stop, one in 日 the calendar days, its last day then moved off
a rest day (``shifted_limit``). ``shifted_due`` and ``shifted_day_limit`` are the Qt- and
database-free rules; the service records each change with an event and stores the shifted
promised and statutory dates on the case, so the indexed ``promised_due`` stays the truth
for the near-due and overdue lists. While a suspension is open the clock is stopped: the
case is listed as paused, never as overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import CaseExtension, CaseFile, CaseSuspension, Department, ItemVersion, Staff
from ..audit.events import append_event
from ..context import Actor, ServiceContext, require_role
from ..operations import operation
from .calendar_store import load_calendar
from .workdays import WorkCalendar

SUSPENSION_KINDS = {"inspection": "现场核查", "testing": "检验检测", "appraisal": "鉴定",
                    "expert_review": "专家评审", "hearing": "听证"}
NEAR_DUE_DAYS = 2
OPEN_STATUSES = ("accepted", "in_handoff", "with_approver", "returned")
MAX_EXTENSION_DAYS = 30


class ClockError(Exception):
    """The suspension or extension cannot be recorded as asked. Message for the user."""


@dataclass(frozen=True)
class Stop:
    start: date
    end: date | None  # None: still running (the clock is stopped now)


def merge_stops(stops: Iterable[Stop], today: date) -> list[tuple[date, date]]:
    """Overlapping or touching stops merged into inclusive (start, end) spans; open ones end
    ``today``."""
    spans = sorted((s.start, s.end or today) for s in stops)
    out: list[tuple[date, date]] = []
    for start, end in spans:
        if end < start:
            continue
        if out and start <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def shifted_due(cal: WorkCalendar, base_due: date, stops: Iterable[Stop],
                extension_days: int = 0, today: date | None = None) -> date:
    """``base_due`` moved by every working day inside a stop that began on or before the
    (already moved) due date, then by ``extension_days`` working days."""
    today = today or base_due
    due = base_due
    for start, end in merge_stops(stops, today):
        if start > due:
            break
        lost = cal.workdays_between(start - timedelta(days=1), end)
        due = cal.add_workdays(due, lost).date
    if extension_days:
        due = cal.add_workdays(due, extension_days).date
    return due


def next_workday(cal: WorkCalendar, d: date) -> date:
    """``d`` itself if it is a working day, else the first working day after it."""
    while not cal.is_workday(d):
        d += timedelta(days=1)
    return d


def shifted_day_limit(cal: WorkCalendar, start: date, days: int, stops: Iterable[Stop],
                      extension_days: int = 0, today: date | None = None) -> date:
    """A period of ``days`` 日 from ``start``, moved by every calendar day inside a stop that
    began on or before its (already moved) last day, then by ``extension_days`` 日; a last day
    on a rest day or holiday moves to the next working day (民法典第二百零三条).

    The move is applied to the period's own last day, before it is moved off a rest day: a
    stop of three calendar days adds three days to the period, not to the day it ended on.
    """
    last = start + timedelta(days=days)
    for span_start, span_end in merge_stops(stops, today or last):
        if span_start > next_workday(cal, last):
            break
        last += timedelta(days=(span_end - span_start).days + 1)
    last += timedelta(days=extension_days)
    return last if last == start else next_workday(cal, last)  # 0日: the day itself


def shifted_limit(cal: WorkCalendar, start: date, days: int, unit: str, stops: Iterable[Stop],
                  extension_days: int = 0, today: date | None = None) -> date:
    """A limit counted in its own unit from ``start``, with stops and extensions in that unit:
    an item in 日 loses calendar days, one in 工作日 (or 当场) working days."""
    if unit == "day":
        return shifted_day_limit(cal, start, days, stops, extension_days, today)
    base = cal.add_limit(start, days, unit).date
    return shifted_due(cal, base, stops, extension_days, today)


@dataclass(frozen=True)
class DueLine:
    case_no: str
    applicant: str
    item_code: str
    window_code: str
    clerk: str
    status: str
    promised_due: date
    workdays_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.workdays_left < 0


def _case(s: Session, case_no: str) -> CaseFile:
    case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one_or_none()
    if case is None:
        raise ClockError(f"没有找到办件“{case_no}”")
    return case


def recompute(s: Session, case: CaseFile, cal: WorkCalendar, today: date) -> None:
    """Store the shifted promised and statutory dates, from acceptance and the item version."""
    if case.accepted_on is None:
        return
    ver = s.get(ItemVersion, case.item_version_id)
    assert ver is not None
    stops = [Stop(r.start_on, r.end_on) for r in s.execute(
        select(CaseSuspension).where(CaseSuspension.case_id == case.id)).scalars()]
    ext = sum(r.days for r in s.execute(
        select(CaseExtension).where(CaseExtension.case_id == case.id)).scalars())
    # An open stop is not counted yet: the date moves when the clock restarts.
    closed = [x for x in stops if x.end is not None]
    for attr, days, unit in (("promised_due", ver.promised_days, ver.promised_unit),
                             ("statutory_due", ver.statutory_days, ver.statutory_unit)):
        setattr(case, attr, shifted_limit(cal, case.accepted_on, days, unit or "workday",
                                          closed, ext, today))


class ClockService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("clock.suspend")
    def suspend(self, actor: Actor, case_no: str, kind: str, reason: str,
                start_on: date | None = None) -> None:
        require_role(actor, "approver", "supervisor")
        if kind not in SUSPENSION_KINDS:
            raise ClockError(f"暂停计时的事由“{kind}”无效")
        if not reason.strip():
            raise ClockError("请填写暂停计时的具体理由（将告知申请人）")
        start = start_on or self.ctx.now().date()
        with self.ctx.db.transaction() as s:
            case = _case(s, case_no)
            if case.status not in OPEN_STATUSES:
                raise ClockError(f"办件“{case_no}”不在办理中，不能暂停计时")
            if case.accepted_on is None or start < case.accepted_on:
                raise ClockError("暂停开始日期不能早于受理日期")
            if s.execute(select(CaseSuspension.id).where(
                    CaseSuspension.case_id == case.id, CaseSuspension.end_on.is_(None))).first():
                raise ClockError(f"办件“{case_no}”已在暂停计时中")
            s.add(CaseSuspension(case_id=case.id, reason_kind=kind, reason=reason.strip(),
                                 start_on=start, recorded_by_id=actor.staff_id,
                                 origin_terminal=self.ctx.terminal))
            append_event(s, terminal=self.ctx.terminal, kind="suspended", at=self.ctx.now(),
                         actor_id=actor.staff_id, actor_role=actor.main_role, case_id=case.id,
                         reason_kind=kind, reason=reason.strip(), start_on=start)

    @operation("clock.resume")
    def resume(self, actor: Actor, case_no: str, end_on: date | None = None) -> date | None:
        """Close the open suspension (``end_on`` is the last day not counted); returns the new
        promised date."""
        require_role(actor, "approver", "supervisor")
        end = end_on or self.ctx.now().date()
        with self.ctx.db.transaction() as s:
            case = _case(s, case_no)
            row = s.execute(select(CaseSuspension).where(
                CaseSuspension.case_id == case.id, CaseSuspension.end_on.is_(None))).scalar()
            if row is None:
                raise ClockError(f"办件“{case_no}”没有正在进行的暂停计时")
            if end < row.start_on:
                raise ClockError("恢复计时日期不能早于暂停开始日期")
            row.end_on = end
            s.flush()
            recompute(s, case, load_calendar(s), end)
            append_event(s, terminal=self.ctx.terminal, kind="resumed_clock", at=self.ctx.now(),
                         actor_id=actor.staff_id, actor_role=actor.main_role, case_id=case.id,
                         end_on=end, promised_due=case.promised_due,
                         statutory_due=case.statutory_due)
            return case.promised_due

    @operation("clock.extend")
    def extend(self, actor: Actor, case_no: str, days: int, reason: str) -> date | None:
        """An extension approved by ``actor`` (an approver or supervisor: 经批准延长)."""
        require_role(actor, "approver", "supervisor")
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise ClockError(f"延长天数应为 1 至 {MAX_EXTENSION_DAYS}（按事项时限的单位：工作日或日）")
        if not reason.strip():
            raise ClockError("请填写延长期限的理由")
        today = self.ctx.now().date()
        with self.ctx.db.transaction() as s:
            case = _case(s, case_no)
            if case.status not in OPEN_STATUSES:
                raise ClockError(f"办件“{case_no}”不在办理中，不能延长期限")
            s.add(CaseExtension(case_id=case.id, days=days, reason=reason.strip(),
                                approved_by_id=actor.staff_id, approved_on=today,
                                origin_terminal=self.ctx.terminal))
            s.flush()
            recompute(s, case, load_calendar(s), today)
            append_event(s, terminal=self.ctx.terminal, kind="extended", at=self.ctx.now(),
                         actor_id=actor.staff_id, actor_role=actor.main_role, case_id=case.id,
                         days=days, reason=reason.strip(), promised_due=case.promised_due,
                         statutory_due=case.statutory_due)
            return case.promised_due

    def due_list(self, actor: Actor, today: date | None = None,
                 limit: int | None = 1000) -> tuple[list[DueLine], list[str]]:
        """(near-due and overdue cases, most overdue first, and paused case numbers) the actor
        answers for: a clerk their own, an approver their department's (or window's), a
        supervisor all."""
        today = today or self.ctx.now().date()
        with self.ctx.db.session() as s:
            return due_lines(s, load_calendar(s), today, lambda q: _scope(s, q, actor), limit)


class WorkdayIndex:
    """Working days between two dates in O(1), for long lists (built once per report)."""

    def __init__(self, cal: WorkCalendar, start: date, end: date) -> None:
        self.start = start
        self.cum = [0]
        d = start
        while d < end:
            d += timedelta(days=1)
            self.cum.append(self.cum[-1] + cal.is_workday(d))

    def between(self, a: date, b: date) -> int:
        """Same as WorkCalendar.workdays_between for dates inside the index."""
        return self.cum[(b - self.start).days] - self.cum[(a - self.start).days]

    def left(self, today: date, due: date) -> int:
        return self.between(today, due)


def open_due_filter(horizon: date, by_due: bool = False):
    """The WHERE of open, real cases promised by ``horizon``.

    ``by_due`` wraps the status test so that no index serves it and the planner walks the
    ``promised_due`` index instead: right for a narrow date range, or for "oldest first"
    when open cases are dense among old ones. Otherwise the status index leads.
    """
    status = func.coalesce(CaseFile.status, "") if by_due else CaseFile.status
    return (status.in_(OPEN_STATUSES), CaseFile.is_training.is_(False),
            CaseFile.promised_due.is_not(None), CaseFile.promised_due <= horizon)


def paused_ids(s: Session) -> list[str]:
    """Cases whose clock is stopped now (few: read once, then matched by key)."""
    return list(s.execute(select(CaseSuspension.case_id)
                          .where(CaseSuspension.end_on.is_(None))).scalars())


def due_lines(s: Session, cal: WorkCalendar, today: date, scope=None,
              limit: int | None = None, which: str = "all",
              by_due: bool | None = None) -> tuple[list[DueLine], list[str]]:
    """Open cases within NEAR_DUE_DAYS working days of their promised date ("near") or past
    it ("overdue"), most overdue first, and the case numbers whose clock is stopped."""
    horizon = cal.add_workdays(today, NEAR_DUE_DAYS).date
    paused = paused_ids(s)
    walk = which == "near" if by_due is None else by_due
    q = (select(CaseFile.case_no, CaseFile.applicant_name, CaseFile.item_code,
                CaseFile.window_code, Staff.full_name, CaseFile.status, CaseFile.promised_due)
         .join(Staff, Staff.id == CaseFile.clerk_id)
         .where(*open_due_filter(horizon, walk))
         .order_by(CaseFile.promised_due, CaseFile.case_no))
    if paused:
        q = q.where(CaseFile.id.not_in(paused))
    if which == "near":
        q = q.where(CaseFile.promised_due >= today)
    elif which == "overdue":
        q = q.where(CaseFile.promised_due < today)
    held_q = select(CaseFile.case_no).where(CaseFile.id.in_(paused),
                                            CaseFile.status.in_(OPEN_STATUSES))
    if scope is not None:
        q, held_q = scope(q), scope(held_q)
    if limit and which == "overdue" and not walk:
        # The oldest ``limit`` are due no later than the (limit + paused)-th oldest open
        # case, a date read from the index alone (ix_case_file_open_due): the rows are then
        # fetched and sorted for those few, not for every overdue case.
        cut_q = (select(CaseFile.promised_due)
                 .where(*open_due_filter(horizon), CaseFile.promised_due < today)
                 .order_by(CaseFile.promised_due).offset(limit - 1 + len(paused)).limit(1))
        cut = s.execute(scope(cut_q) if scope is not None else cut_q).scalar()
        if cut is not None:
            q = q.where(CaseFile.promised_due <= cut)
    rows: Sequence[tuple[str, str, str, str, str, str, date]] = s.execute(  # type: ignore[assignment]  # see the next line
        q.limit(limit) if limit else q).all()  # promised_due is never NULL here: the WHERE says so
    index = WorkdayIndex(cal, min((r[6] for r in rows), default=today), horizon)
    out = [DueLine(no, name, item, win, clerk, status, due,
                   index.between(today, due) if due >= today else -index.between(due, today))
           for no, name, item, win, clerk, status, due in rows]
    return out, list(s.execute(held_q).scalars()) if paused else []


def _scope(s: Session, q, actor: Actor):
    if actor.has("supervisor"):
        return q
    if actor.has("approver"):
        dep = s.execute(select(Department.code).join(Staff, Staff.department_id == Department.id)
                        .where(Staff.id == actor.staff_id)).scalar()
        if dep:
            return q.where(CaseFile.department_code == dep)
        return q.where(CaseFile.window_code == actor.window_code)
    return q.where(CaseFile.clerk_id == actor.staff_id)
