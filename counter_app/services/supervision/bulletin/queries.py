"""The bulletin's figures read from the database: ``_Builder`` runs one grouped query per
concern (cases received, the event log, returns, handoff batches, deadlines, held cases,
complaints, ratings, consultations, training, staffing) over indexed columns and folds the
few hundred grouped rows into the per-window and per-clerk rows of ``bulletin_model``.
``bulletin.build_bulletin`` drives it; training cases never count.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ....models import (
    CaseFile,
    CaseReturn,
    CoAcceptanceClearance,
    Complaint,
    Consultation,
    Evaluation,
    Event,
    HallWindow,
    HandoffBatch,
    HandoffItem,
    Notice,
    Staff,
    StaffRole,
)
from ...deadlines.calendar_store import load_calendar
from ...deadlines.clock_stops import (
    NEAR_DUE_DAYS,
    DueLine,
    WorkdayIndex,
    due_lines,
    open_due_filter,
    paused_ids,
)
from ...intake.rules import RETURNS_LIMIT
from ...people.staffing import TrainingLine, WindowPlan, current_training, on_duty, window_plan
from ..complaints import ComplaintLine, complaint_query, line_of
from ..consultations import OUTCOMES
from ..evaluations import BAD_GRADES
from .model import BadRating, ClerkRow, HoldCase, Period, WaitingBatch, WindowRow

# Event kinds counted, and the Counts field each feeds.
EVENT_FIELDS = {"accepted": "accepted", "notice_issued": "notices", "not_accepted": "not_accepted",
                "finished": "finished", "deemed_accepted": "deemed", "issued": "issued"}
LIST_LIMIT = 200
# From this many overdue cases on, the oldest are found faster along the promised-date index
# (a walk of about LIST_LIMIT x cases / overdue rows) than by sorting every open case.
DENSE_OVERDUE = 20_000


def _day(value: object) -> date:
    """SQLite returns date() as text, PostgreSQL as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class _Builder:
    def __init__(self, s: Session, period: Period, now: datetime) -> None:
        self.s, self.p, self.now = s, period, now
        self.lo = datetime.combine(period.start, time())
        self.hi = datetime.combine(period.end + timedelta(days=1), time())
        self.cut = min(self.hi, now)  # backlogs are taken here
        self.as_of = min(period.end, now.date())
        self.cal = load_calendar(s)
        self.windows: dict[str, WindowRow] = {}
        self.clerks: dict[str, ClerkRow] = {}
        self.staff: dict[str, tuple[str, str, str]] = {}  # id -> (name, window, employer)
        self.series: dict[date, list[int]] = {d: [0, 0, 0] for d in period.days()}

    def window(self, code: str) -> WindowRow:
        if code not in self.windows:
            self.windows[code] = WindowRow(code, code)
        return self.windows[code]

    def clerk(self, staff_id: str | None) -> ClerkRow | None:
        if not staff_id or staff_id not in self.staff:
            return None
        if staff_id not in self.clerks:
            name, win, emp = self.staff[staff_id]
            self.clerks[staff_id] = ClerkRow(staff_id, name, win, emp)
        return self.clerks[staff_id]

    def load_org(self) -> None:
        for w in self.s.execute(select(HallWindow).order_by(HallWindow.code)).scalars():
            self.windows[w.code] = WindowRow(w.code, w.name, w.kind)
        rows = self.s.execute(
            select(Staff.id, Staff.full_name, HallWindow.code, Staff.employer, Staff.active)
            .outerjoin(HallWindow, HallWindow.id == Staff.window_id)).all()
        self.staff = {i: (n, w or "", e) for i, n, w, e, _a in rows}
        clerk_ids = set(self.s.execute(select(StaffRole.staff_id)
                                       .where(StaffRole.role == "clerk")).scalars())
        for i, _n, _w, _e, active in rows:
            if active and i in clerk_ids:
                self.clerk(i)

    def received(self) -> None:
        q = (select(CaseFile.window_code, CaseFile.clerk_id, CaseFile.received_on, func.count())
             .where(CaseFile.received_on >= self.p.start, CaseFile.received_on <= self.p.end,
                    CaseFile.is_training.is_(False))
             .group_by(CaseFile.window_code, CaseFile.clerk_id, CaseFile.received_on))
        for win, clerk, day, n in self.s.execute(q):
            self.window(win).counts.received += n
            if (c := self.clerk(clerk)) is not None:
                c.counts.received += n
            self.series[_day(day)][0] += n

    def events(self) -> None:
        # The kinds counted are picked before the join (a day's prints, batches, signatures
        # and receipts are three quarters of its events), in an expression no index serves,
        # so the planner still walks the index on ``at`` (a day is a few thousand events).
        day = func.date(Event.at)
        q = (select(Event.kind, CaseFile.window_code, Event.actor_id, CaseFile.clerk_id, day,
                    func.count())
             .join(CaseFile, CaseFile.id == Event.case_id)
             .where(Event.at >= self.lo, Event.at < self.hi, CaseFile.is_training.is_(False),
                    func.coalesce(Event.kind, "").in_(EVENT_FIELDS))
             .group_by(Event.kind, CaseFile.window_code, Event.actor_id, CaseFile.clerk_id, day))
        for kind, win, actor, case_clerk, d, n in self.s.execute(q):
            name = EVENT_FIELDS.get(kind)
            if name is None:
                continue
            counts = self.window(win).counts
            setattr(counts, name, getattr(counts, name) + n)
            who = case_clerk if kind in ("deemed_accepted", "issued") else actor
            if (c := self.clerk(who)) is not None:
                setattr(c.counts, name, getattr(c.counts, name) + n)
            point = self.series.get(_day(d))
            if point is not None:
                if name in ("accepted", "finished", "deemed"):
                    point[1] += n
                elif name == "notices":
                    point[2] += n

    def returns(self) -> None:
        # Returns are few: read them, then look their cases up by key (a join here lets the
        # planner walk case_file instead).
        rows = self.s.execute(select(CaseReturn.case_id, CaseReturn.clerk_id).where(
            CaseReturn.returned_at >= self.lo, CaseReturn.returned_at < self.hi)).all()
        ids = list({r[0] for r in rows})
        win: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            win.update(self.s.execute(select(CaseFile.id, CaseFile.window_code).where(
                CaseFile.id.in_(ids[i:i + 500]), CaseFile.is_training.is_(False))).all())
        for case_id, clerk in rows:
            if case_id not in win:
                continue  # a training case
            self.window(win[case_id]).counts.returns += 1
            if (c := self.clerk(clerk)) is not None:
                c.counts.returns += 1

    def batches(self) -> tuple[list[WaitingBatch], int, float]:
        n_items = (select(func.count()).where(HandoffItem.batch_id == HandoffBatch.id)
                   .correlate(HandoffBatch).scalar_subquery())
        q = (select(HandoffBatch.batch_no, HandoffBatch.department_code, HandoffBatch.window_code,
                    HandoffBatch.clerk_id, HandoffBatch.created_at, n_items)
             .where(HandoffBatch.created_at < self.cut,
                    (HandoffBatch.signed_at.is_(None)) | (HandoffBatch.signed_at >= self.cut))
             .order_by(HandoffBatch.created_at))
        waiting = []
        for no, dep, win, clerk, at, n in self.s.execute(q):
            hours = (self.cut - at).total_seconds() / 3600
            waiting.append(WaitingBatch(no, dep, win, self.staff.get(clerk, ("",))[0], n, at, hours))
            row = self.window(win)
            row.batches_waiting += 1
            row.oldest_wait_hours = max(row.oldest_wait_hours, hours)
        signed = self.s.execute(
            select(HandoffBatch.created_at, HandoffBatch.signed_at)
            .where(HandoffBatch.signed_at >= self.lo, HandoffBatch.signed_at < self.hi)).all()
        # signed_at is never NULL here (the WHERE bounds it)
        avg = (sum((b - a).total_seconds() for a, b in signed)  # type: ignore[operator, misc]  # see the line above
               / 3600 / len(signed)) if signed else 0.0
        return waiting, len(signed), avg

    def due(self) -> tuple[list[DueLine], list[DueLine], int, int, list[str]]:
        # One pass over the open cases counts near and overdue per window and clerk; it is
        # the bulletin's only read proportional to the backlog, so it reads only an index.
        horizon = self.cal.add_workdays(self.as_of, NEAR_DUE_DAYS).date
        paused = paused_ids(self.s)
        late = case((CaseFile.promised_due < self.as_of, 1), else_=0)
        q = (select(CaseFile.window_code, CaseFile.clerk_id, func.sum(late), func.count())
             .where(*open_due_filter(horizon))
             .group_by(CaseFile.window_code, CaseFile.clerk_id))
        # Counted from the index alone (ix_case_file_open_due); the few paused cases are
        # then taken off by key, rather than testing every open case's id against them.
        counts: dict[tuple[str, str], list[int]] = {}
        for win, clerk, over, n in self.s.execute(q):
            counts[(win, clerk)] = [int(over or 0), n]
        for i in range(0, len(paused), 500):
            for win, clerk, over, n in self.s.execute(q.where(CaseFile.id.in_(paused[i:i + 500]))):
                counts[(win, clerk)][0] -= int(over or 0)
                counts[(win, clerk)][1] -= n
        over_total = near_total = 0
        for (win, clerk), (over, n) in counts.items():
            if not n:
                continue  # every case of this clerk's there is paused
            row = self.window(win)
            row.overdue += over
            row.near_due += n - over
            over_total += over
            near_total += n - over
            if (c := self.clerk(clerk)) is not None:
                c.overdue += over
                c.near_due += n - over
        # The lists: the near ones by their (narrow) date range; the oldest overdue ones by
        # walking the date index when they are many (dense: a short walk), else by status.
        dense = over_total >= DENSE_OVERDUE
        over, held = due_lines(self.s, self.cal, self.as_of, limit=LIST_LIMIT, which="overdue",
                               by_due=dense)
        near, _ = due_lines(self.s, self.cal, self.as_of, limit=LIST_LIMIT, which="near")
        return over, near, over_total, near_total, held

    def holds(self) -> list[HoldCase]:
        q = (select(CaseFile.case_no, CaseFile.window_code, CaseFile.clerk_id, CaseFile.received_on)
             .where(CaseFile.status == "received", CaseFile.is_training.is_(False),
                    ~select(Notice.id).where(Notice.case_id == CaseFile.id).exists())
             .order_by(CaseFile.received_on).limit(LIST_LIMIT))
        rows = self.s.execute(q).all()
        if not rows:
            return []
        index = WorkdayIndex(self.cal, min(r[3] for r in rows), max(self.as_of, rows[-1][3]))
        return [HoldCase(no, win, self.staff.get(clerk, ("",))[0], day,
                         index.between(day, self.as_of) if day <= self.as_of else 0)
                for no, win, clerk, day in rows]

    def complaints(self) -> tuple[list[ComplaintLine], int, int, int]:
        q = (select(Complaint.window_code, Complaint.about_staff_id, func.count())
             .where(Complaint.received_at >= self.lo, Complaint.received_at < self.hi)
             .group_by(Complaint.window_code, Complaint.about_staff_id))
        received = 0
        for win, about, n in self.s.execute(q):
            received += n
            if win:
                self.window(win).complaints += n
            if (c := self.clerk(about)) is not None:
                c.complaints += n
        lines = [line_of(r) for r in self.s.execute(
            complaint_query().where((Complaint.received_at >= self.lo) & (Complaint.received_at < self.hi)
                                    | (Complaint.status != "closed") & (Complaint.received_at < self.hi))
            .order_by(Complaint.received_at).limit(LIST_LIMIT))]
        open_n, overdue_n = self.s.execute(
            select(func.count(), func.sum(case((Complaint.due_on < self.as_of, 1), else_=0)))
            .where(Complaint.status != "closed", Complaint.received_at < self.hi)).one()
        return lines, received, int(open_n or 0), int(overdue_n or 0)

    def evaluations(self) -> tuple[dict[int, int], list[BadRating], int, int]:
        counted = Evaluation.followup_status != "voided"
        q = (select(CaseFile.window_code, CaseFile.clerk_id, Evaluation.grade, func.count())
             .join(CaseFile, CaseFile.id == Evaluation.case_id)
             .where(Evaluation.rated_at >= self.lo, Evaluation.rated_at < self.hi,
                    CaseFile.is_training.is_(False), counted)
             .group_by(CaseFile.window_code, CaseFile.clerk_id, Evaluation.grade))
        grades = dict.fromkeys((5, 4, 3, 2, 1), 0)
        for win, clerk, grade, n in self.s.execute(q):
            grades[grade] = grades.get(grade, 0) + n
            nbad = n if grade in BAD_GRADES else 0
            row = self.window(win)
            row.ratings += n
            row.bad_ratings += nbad
            if (c := self.clerk(clerk)) is not None:
                c.ratings += n
                c.bad_ratings += nbad
        bad_q = (select(CaseFile.case_no, CaseFile.window_code, CaseFile.clerk_id, Evaluation.grade,
                        Evaluation.rated_at, Evaluation.followup_due, Evaluation.followup_status)
                 .join(CaseFile, CaseFile.id == Evaluation.case_id)
                 .where(Evaluation.rated_at >= self.lo, Evaluation.rated_at < self.hi,
                        Evaluation.grade.in_(BAD_GRADES), CaseFile.is_training.is_(False))
                 .order_by(Evaluation.rated_at).limit(LIST_LIMIT))
        bad = [BadRating(no, win, self.staff.get(clerk, ("",))[0], g, at, due, st)
               for no, win, clerk, g, at, due, st in self.s.execute(bad_q)]
        # Follow-ups as they stand now (one read of the evaluation table: no index on the
        # follow-up state), overdue as of the end of the period.
        open_n, late_n = self.s.execute(
            select(func.count(), func.sum(case((Evaluation.followup_due < self.as_of, 1), else_=0)))
            .where(Evaluation.followup_status.in_(("open", "contested")))).one()
        return grades, bad, int(open_n or 0), int(late_n or 0)

    def consultations(self) -> dict[str, int]:
        q = (select(Consultation.window_code, Consultation.staff_id, Consultation.outcome, func.count())
             .where(Consultation.at >= self.lo, Consultation.at < self.hi)
             .group_by(Consultation.window_code, Consultation.staff_id, Consultation.outcome))
        out = dict.fromkeys(OUTCOMES, 0)
        for win, staff_id, outcome, n in self.s.execute(q):
            out[outcome] = out.get(outcome, 0) + n
            if win:
                self.window(win).consultations += n
            if (c := self.clerk(staff_id)) is not None:
                c.consultations += n
        return out

    def training(self) -> list[TrainingLine]:
        lines = current_training(self.s, before=self.hi)
        for t in lines:
            c = self.clerks.get(t.staff_id)
            if c is None:
                continue
            if t.scope == "window" and t.scope_code == c.window_code:
                c.stage, c.authorized_by, c.authorized_at = t.stage, t.set_by, t.set_at
            elif t.scope == "item":
                c.item_stages.append(f"{t.scope_code}：{t.stage_label}")
        # The two-returns rule (rules.supervision_for), for every clerk and item at once:
        # returns since the last clearance, counted by the database (every return the hall
        # ever had is read, so not one Python row each).
        cc = CoAcceptanceClearance
        cleared = (select(cc.staff_id, cc.item_code, func.max(cc.cleared_at).label("at"))
                   .group_by(cc.staff_id, cc.item_code).subquery())
        q = (select(CaseReturn.clerk_id, CaseReturn.item_code, func.count())
             .outerjoin(cleared, (cleared.c.staff_id == CaseReturn.clerk_id)
                        & (cleared.c.item_code == CaseReturn.item_code))
             .where(CaseReturn.returned_at < self.hi,
                    cleared.c.at.is_(None) | (CaseReturn.returned_at > cleared.c.at))
             .group_by(CaseReturn.clerk_id, CaseReturn.item_code)
             .having(func.count() >= RETURNS_LIMIT)
             .order_by(CaseReturn.clerk_id, CaseReturn.item_code))
        for clerk, item, n in self.s.execute(q):
            if (c := self.clerks.get(clerk)) is not None:
                c.co_acceptance.append(f"{item}（退回 {n} 次）")
        return lines

    def staffing(self) -> list[WindowPlan]:
        duty = on_duty(self.s, self.p.start, self.p.end)
        plans = window_plan(self.s, duty)
        for p in plans:
            row = self.window(p.code)
            row.planned, row.registered, row.on_duty = p.planned, p.registered, p.on_duty
        for c in self.clerks.values():
            c.on_duty = c.staff_id in duty
        return plans
