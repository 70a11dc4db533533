"""The supervision bulletin (每日一通报、每日一小结) for a day, week or month. Qt-free.

Every figure comes from a grouped query over indexed columns (``received_on``, the event log's
``at``, ``rated_at``, consultations' ``at``, the case status); Python only folds the few
hundred grouped rows into per-window and per-clerk tables. Training cases never count.

Actions are counted on the day they happened (the event log): a case received on Monday and
accepted on Wednesday after a supplement counts as received on Monday, accepted on Wednesday.
Backlogs (files waiting to be signed for, cases near or past their promised date) are taken
at the end of the period, or now for a period that has not ended.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..models import (
    TRAINING_LABELS,
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
from .calendar_store import load_calendar
from .clock_stops import NEAR_DUE_DAYS, DueLine, WorkdayIndex, due_lines, open_due_filter, paused_ids
from .complaints import ComplaintLine, complaint_query, line_of
from .consultations import OUTCOMES
from .context import ServiceContext
from .deadlines import NOTICE_LIMIT_DAYS
from .evaluations import BAD_GRADES
from .rules import RETURNS_LIMIT
from .settings import HALL_KEY, get_json
from .staffing import TrainingLine, WindowPlan, current_training, on_duty, window_plan

PERIODS = {"day": "日报", "week": "周报", "month": "月报"}
COUNT_LABELS = {"received": "收件", "accepted": "受理", "notices": "一次性告知",
                "not_accepted": "不予受理", "finished": "当场办结", "returns": "退回",
                "deemed": "视为受理", "issued": "发证"}
# Event kinds counted, and the Counts field each feeds.
EVENT_FIELDS = {"accepted": "accepted", "notice_issued": "notices", "not_accepted": "not_accepted",
                "finished": "finished", "deemed_accepted": "deemed", "issued": "issued"}
LIST_LIMIT = 200
# From this many overdue cases on, the oldest are found faster along the promised-date index
# (a walk of about LIST_LIMIT x cases / overdue rows) than by sorting every open case.
DENSE_OVERDUE = 20_000


@dataclass(frozen=True)
class Period:
    kind: str  # day / week / month
    start: date
    end: date  # inclusive

    @property
    def title(self) -> str:
        s, e = self.start, self.end
        if self.kind == "day":
            return f"{s.year}年{s.month}月{s.day}日"
        if self.kind == "month":
            return f"{s.year}年{s.month}月"
        return f"{s.year}年{s.month}月{s.day}日至{e.month}月{e.day}日"

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def period_of(kind: str, day: date) -> Period:
    if kind == "day":
        return Period(kind, day, day)
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return Period(kind, start, start + timedelta(days=6))
    if kind == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return Period(kind, day.replace(day=1), day.replace(day=last))
    raise ValueError(f"报表周期“{kind}”无效：应为 day、week 或 month")


@dataclass
class Counts:
    received: int = 0
    accepted: int = 0
    notices: int = 0
    not_accepted: int = 0
    finished: int = 0
    returns: int = 0
    deemed: int = 0
    issued: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def values(self) -> list[int]:
        return [getattr(self, k) for k in COUNT_LABELS]


@dataclass
class WindowRow:
    code: str
    name: str
    kind: str = "counter"
    counts: Counts = field(default_factory=Counts)
    planned: int = 0
    registered: int = 0
    on_duty: int = 0
    batches_waiting: int = 0
    oldest_wait_hours: float = 0.0
    near_due: int = 0
    overdue: int = 0
    complaints: int = 0
    ratings: int = 0
    bad_ratings: int = 0
    consultations: int = 0


@dataclass
class ClerkRow:
    staff_id: str
    name: str
    window_code: str
    employer: str = ""
    counts: Counts = field(default_factory=Counts)
    stage: str = ""  # training stage of the clerk's window ("" = none recorded)
    authorized_by: str = ""
    authorized_at: datetime | None = None
    item_stages: list[str] = field(default_factory=list)  # "ITEM：stage" per item record
    co_acceptance: list[str] = field(default_factory=list)  # items needing 共同受理
    near_due: int = 0
    overdue: int = 0
    complaints: int = 0
    ratings: int = 0
    bad_ratings: int = 0
    consultations: int = 0
    on_duty: bool = False

    @property
    def stage_label(self) -> str:
        return TRAINING_LABELS.get(self.stage, "未授权")


@dataclass(frozen=True)
class WaitingBatch:
    batch_no: str
    department_code: str
    window_code: str
    clerk: str
    cases: int
    created_at: datetime
    hours: float


@dataclass(frozen=True)
class HoldCase:
    """Received, incomplete, no notice yet: deemed accepted after five working days."""

    case_no: str
    window_code: str
    clerk: str
    received_on: date
    workdays: int


@dataclass(frozen=True)
class BadRating:
    case_no: str
    window_code: str
    clerk: str
    grade: int
    rated_at: datetime
    followup_due: date | None
    followup_status: str


@dataclass(frozen=True)
class DayPoint:
    day: date
    received: int
    accepted: int  # accepted + finished on the spot
    notices: int


@dataclass
class Bulletin:
    hall: str
    period: Period
    generated_at: datetime
    as_of: date
    totals: Counts
    windows: list[WindowRow]
    clerks: list[ClerkRow]
    batches: list[WaitingBatch]
    batches_signed: int
    avg_sign_hours: float
    overdue: list[DueLine]
    near_due: list[DueLine]
    overdue_total: int
    near_total: int
    paused: list[str]
    holds: list[HoldCase]
    complaints: list[ComplaintLine]
    complaints_received: int
    complaints_open: int
    complaints_overdue: int
    grades: dict[int, int]
    bad_ratings: list[BadRating]
    followups_open: int
    followups_overdue: int
    consultations: dict[str, int]
    series: list[DayPoint]
    staffing: list[WindowPlan]
    training: list[TrainingLine]
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.hall}综合窗口{PERIODS[self.period.kind]}（{self.period.title}）"

    @property
    def ratings_total(self) -> int:
        return sum(self.grades.values())

    @property
    def bad_total(self) -> int:
        return sum(w.bad_ratings for w in self.windows)

    def summary_lines(self) -> list[str]:
        """每日一小结: the few sentences a supervisor reads first."""
        t = self.totals
        lines = [
            f"收件 {t.received} 件，受理 {t.accepted} 件，当场办结 {t.finished} 件，"
            f"一次性告知 {t.notices} 件，不予受理 {t.not_accepted} 件，退回 {t.returns} 件，"
            f"发证 {t.issued} 件。",
        ]
        if self.batches:
            oldest = max(b.hours for b in self.batches)
            lines.append(f"待签收交接单 {len(self.batches)} 张，最长已等待 {oldest:.1f} 小时。")
        else:
            lines.append("没有待签收的交接单。")
        lines.append(f"临近承诺期限（{NEAR_DUE_DAYS} 个工作日内）{self.near_total} 件，"
                     f"已超期 {self.overdue_total} 件，暂停计时 {len(self.paused)} 件。")
        if t.deemed or self.holds:
            lines.append(f"视为受理（{NOTICE_LIMIT_DAYS} 个工作日内未出具告知）{t.deemed} 件；"
                         f"收件待审未告知 {len(self.holds)} 件。")
        lines.append(f"收到投诉 {self.complaints_received} 件，未办结 {self.complaints_open} 件"
                     f"（超期 {self.complaints_overdue} 件）。")
        lines.append(f"评价 {self.ratings_total} 件，差评 {self.bad_total} 件；差评待整改 "
                     f"{self.followups_open} 件（超期 {self.followups_overdue} 件）。")
        lines.append(f"咨询 {sum(self.consultations.values())} 人次。")
        untrained = [c for c in self.clerks if c.stage != "authorized"]
        co = [c for c in self.clerks if c.co_acceptance]
        lines.append(f"受理员 {len(self.clerks)} 名，其中未获授权（培训中）{len(untrained)} 名，"
                     f"须共同受理 {len(co)} 名。")
        return lines


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
        # No filter on kind: the planner must use the index on ``at`` (a day is a few
        # thousand events); the kinds are picked from the grouped rows.
        day = func.date(Event.at)
        q = (select(Event.kind, CaseFile.window_code, Event.actor_id, CaseFile.clerk_id, day,
                    func.count())
             .join(CaseFile, CaseFile.id == Event.case_id)
             .where(Event.at >= self.lo, Event.at < self.hi, CaseFile.is_training.is_(False))
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
        avg = (sum((b - a).total_seconds() for a, b in signed) / 3600 / len(signed)) if signed else 0.0
        return waiting, len(signed), avg

    def due(self) -> tuple[list[DueLine], list[DueLine], int, int, list[str]]:
        # One pass over the open cases (status index) counts near and overdue per window and
        # clerk; it is the bulletin's only read proportional to the backlog.
        horizon = self.cal.add_workdays(self.as_of, NEAR_DUE_DAYS).date
        paused = paused_ids(self.s)
        late = case((CaseFile.promised_due < self.as_of, 1), else_=0)
        q = (select(CaseFile.window_code, CaseFile.clerk_id, func.sum(late), func.count())
             .where(*open_due_filter(horizon))
             .group_by(CaseFile.window_code, CaseFile.clerk_id))
        if paused:
            q = q.where(CaseFile.id.not_in(paused))
        over_total = near_total = 0
        for win, clerk, over, n in self.s.execute(q):
            over = int(over or 0)
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
            bad = n if grade in BAD_GRADES else 0
            row = self.window(win)
            row.ratings += n
            row.bad_ratings += bad
            if (c := self.clerk(clerk)) is not None:
                c.ratings += n
                c.bad_ratings += bad
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
        # The two-returns rule (rules.returns_counted), for every clerk and item at once.
        cleared = {(a, b): at for a, b, at in self.s.execute(
            select(CoAcceptanceClearance.staff_id, CoAcceptanceClearance.item_code,
                   func.max(CoAcceptanceClearance.cleared_at))
            .group_by(CoAcceptanceClearance.staff_id, CoAcceptanceClearance.item_code))}
        per: dict[tuple[str, str], int] = defaultdict(int)
        q = (select(CaseReturn.clerk_id, CaseReturn.item_code, CaseReturn.returned_at)
             .where(CaseReturn.returned_at < self.hi))
        for clerk, item, at in self.s.execute(q):
            since = cleared.get((clerk, item))
            if since is None or at > since:
                per[(clerk, item)] += 1
        for (clerk, item), n in sorted(per.items()):
            if n >= RETURNS_LIMIT and (c := self.clerks.get(clerk)) is not None:
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


def build_bulletin(s: Session, period: Period, now: datetime) -> Bulletin:
    b = _Builder(s, period, now)
    b.load_org()
    b.received()
    b.events()
    b.returns()
    waiting, signed, avg_sign = b.batches()
    over, near, over_total, near_total, paused = b.due()
    holds = b.holds()
    complaints, c_received, c_open, c_late = b.complaints()
    grades, bad, f_open, f_late = b.evaluations()
    consult = b.consultations()
    training = b.training()
    staffing = b.staffing()
    totals = Counts()
    for w in b.windows.values():
        totals.add(w.counts)
    hall = (get_json(s, HALL_KEY, None) or {}).get("name", "") or "政务服务中心"
    notes = ["不含培训练习办件。", "办件量按操作发生的日期统计；待签收、临期与超期为统计截止时的状态。"]
    notes += [w.message for w in b.cal.warnings]
    clerks = sorted(b.clerks.values(), key=lambda c: (c.window_code, c.name))
    return Bulletin(
        hall=hall, period=period, generated_at=now, as_of=b.as_of, totals=totals,
        windows=[w for w in b.windows.values()], clerks=clerks, batches=waiting,
        batches_signed=signed, avg_sign_hours=avg_sign, overdue=over, near_due=near,
        overdue_total=over_total, near_total=near_total, paused=paused, holds=holds,
        complaints=complaints, complaints_received=c_received, complaints_open=c_open,
        complaints_overdue=c_late, grades=grades, bad_ratings=bad, followups_open=f_open,
        followups_overdue=f_late, consultations=consult,
        series=[DayPoint(d, *v) for d, v in sorted(b.series.items())],
        staffing=staffing, training=training, notes=notes,
    )


def compute_bulletin(ctx: ServiceContext, kind: str = "day", day: date | None = None) -> Bulletin:
    """The bulletin of the day, week or month containing ``day`` (default: today)."""
    now = ctx.now()
    period = period_of(kind, day or now.date())
    with ctx.db.session() as s:
        return build_bulletin(s, period, now)


# -- chart data, drawn alike on screen (QPainter) and in the PDF (reportlab.graphics) ------

PALETTE = ("#2f6fb0", "#4caf50", "#f0a030", "#d9534f", "#8e6bbf")


@dataclass(frozen=True)
class ChartData:
    title: str
    categories: list[str]
    series: list[tuple[str, list[int]]]  # (legend label, one value per category)
    colors: tuple[str, ...] = PALETTE  # one per series, "#rrggbb"

    def axis_max(self) -> tuple[int, int]:
        """(top of the value axis, step): at most five round steps (1, 2, 5, 10...) with
        room above the largest value."""
        top = max((max(v, default=0) for _, v in self.series), default=0) * 1.05
        step = 1
        while step * 5 < top:
            step = _next_step(step)
        ticks = max(4 if step == 1 else 1, math.ceil(top / step))
        return step * ticks, step

    def axis_labels(self, most: int = 16) -> list[str]:
        """Category labels, thinned to every n-th when there are too many to read."""
        step = max(1, -(-len(self.categories) // most))
        return [c if i % step == 0 else "" for i, c in enumerate(self.categories)]


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, ..."""
    digits = 10 ** (len(str(step)) - 1)
    lead = step // digits
    return {1: 2, 2: 5}.get(lead, 10) * digits


def short_name(name: str) -> str:
    """窗口 names without the common suffix, for axis labels."""
    for suffix in ("综合窗口", "受理窗口", "窗口"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def charts(b: Bulletin) -> list[ChartData]:
    """Volumes and deadlines per window, ratings by grade, and the daily trend (or, for a
    single day, consultations by outcome)."""
    from ..models import GRADES

    wins = [w for w in b.windows if w.kind == "counter"]
    names = [short_name(w.name) for w in wins]
    out = [
        ChartData("分窗口办件量", names, [
            ("收件", [w.counts.received for w in wins]),
            ("受理及办结", [w.counts.accepted + w.counts.finished + w.counts.deemed for w in wins]),
            ("一次性告知", [w.counts.notices for w in wins]),
            ("不予受理", [w.counts.not_accepted for w in wins]),
        ]),
        ChartData("评价等级分布", [GRADES[g] for g in (5, 4, 3, 2, 1)],
                  [("评价", [b.grades.get(g, 0) for g in (5, 4, 3, 2, 1)])]),
        ChartData("分窗口临期、超期与待签收", names, [
            ("临期", [w.near_due for w in wins]),
            ("超期", [w.overdue for w in wins]),
            ("待签收交接单", [w.batches_waiting for w in wins]),
        ], ("#f0a030", "#d9534f", "#2f6fb0")),
    ]
    if b.period.kind == "day":
        out.append(ChartData("咨询结果", [OUTCOMES[k] for k in OUTCOMES],
                             [("咨询", [b.consultations.get(k, 0) for k in OUTCOMES])]))
    else:
        out.append(ChartData("每日收件与受理", [f"{p.day.month}/{p.day.day}" if b.period.kind == "week"
                                              else str(p.day.day) for p in b.series], [
            ("收件", [p.received for p in b.series]),
            ("受理及办结", [p.accepted for p in b.series]),
        ]))
    return out


# -- tables, printed alike in the PDF, the workbook and on screen ---------------------------

@dataclass(frozen=True)
class TableData:
    key: str  # sheet name in the workbook
    title: str
    headers: list[str]
    rows: list[list[object]]
    total: int | None = None  # rows in full when the list was cut at LIST_LIMIT


def _dt(v: datetime | None) -> str:
    return f"{v:%m-%d %H:%M}" if v else ""


def tables(b: Bulletin) -> list[TableData]:
    from ..models import GRADES, STATUS_LABELS
    from .complaints import STATES
    from .evaluations import FOLLOWUP_STATES

    wins = [[short_name(w.name), w.planned, w.registered, w.on_duty, *w.counts.values(),
             w.batches_waiting, round(w.oldest_wait_hours, 1), w.near_due, w.overdue, w.complaints,
             w.ratings, w.bad_ratings, w.consultations] for w in b.windows]
    tot = ["合计", sum(w.planned for w in b.windows), sum(w.registered for w in b.windows),
           sum(w.on_duty for w in b.windows), *b.totals.values(), len(b.batches),
           round(max((x.hours for x in b.batches), default=0.0), 1), b.near_total, b.overdue_total,
           sum(w.complaints for w in b.windows), b.ratings_total, b.bad_total,
           sum(w.consultations for w in b.windows)]
    count_heads = [{"一次性告知": "一次性\n告知", "不予受理": "不予\n受理", "当场办结": "当场\n办结",
                    "视为受理": "视为\n受理"}.get(v, v) for v in COUNT_LABELS.values()]
    clerks = [[c.name, short_name(b_window_name(b, c.window_code)), "是" if c.on_duty else "",
               *c.counts.values(), c.near_due, c.overdue, c.complaints, c.ratings, c.bad_ratings,
               c.consultations, c.stage_label, c.authorized_by,
               f"{c.authorized_at:%Y-%m-%d}" if c.authorized_at else "",
               "；".join(c.item_stages), "；".join(c.co_acceptance)] for c in b.clerks]
    def due(lines: list[DueLine]) -> list[list[object]]:
        return [[d.case_no, d.item_code, d.window_code, d.clerk, STATUS_LABELS.get(d.status, d.status),
                 d.promised_due.isoformat(), d.workdays_left] for d in lines]

    due_heads = ["办件编号", "事项", "窗口", "受理人", "状态", "承诺日期", "剩余工作日"]
    return [
        TableData("windows", "分窗口情况（含人员配置：计划 / 在册 / 在岗）",
                  ["窗口", "计划", "在册", "在岗", *count_heads, "待签收单", "最长等待\n(小时)",
                   "临期", "超期", "投诉", "评价", "差评", "咨询"], [*wins, tot]),
        TableData("clerks", "分人员情况（受理员）",
                  ["姓名", "窗口", "在岗", *count_heads, "临期", "超期", "投诉", "评价", "差评",
                   "咨询", "培训授权", "授权人", "授权日期", "事项授权", "须共同受理"], clerks),
        TableData("batches", "待签收交接单",
                  ["交接单号", "接收部门", "窗口", "移交人", "件数", "移交时间", "已等待(小时)"],
                  [[x.batch_no, x.department_code, x.window_code, x.clerk, x.cases,
                    _dt(x.created_at), round(x.hours, 1)] for x in b.batches]),
        TableData("overdue", "已超期办件（超期最久的在前）", due_heads, due(b.overdue), b.overdue_total),
        TableData("near_due", f"临期办件（{NEAR_DUE_DAYS} 个工作日内到期）", due_heads, due(b.near_due),
                  b.near_total),
        TableData("holds", "收件待审未告知（满 5 个工作日视为受理）",
                  ["办件编号", "窗口", "受理人", "收件日期", "已过工作日"],
                  [[h.case_no, h.window_code, h.clerk, h.received_on.isoformat(), h.workdays]
                   for h in b.holds]),
        TableData("complaints", "投诉",
                  ["登记时间", "投诉人", "内容", "办件", "窗口", "被投诉人", "承办人", "期限",
                   "状态", "办理结果"],
                  [[_dt(c.received_at), c.complainant, c.content, c.case_no, c.window_code, c.about,
                    c.assigned_to, c.due_on.isoformat() if c.due_on else "", STATES.get(c.status, c.status),
                    c.resolution] for c in b.complaints]),
        TableData("bad_ratings", "差评及整改",
                  ["办件编号", "窗口", "受理人", "评价", "评价时间", "整改期限", "整改状态"],
                  [[r.case_no, r.window_code, r.clerk, GRADES.get(r.grade, ""), _dt(r.rated_at),
                    r.followup_due.isoformat() if r.followup_due else "",
                    FOLLOWUP_STATES.get(r.followup_status, r.followup_status)] for r in b.bad_ratings]),
        TableData("training", "培训与授权记录（现行）",
                  ["姓名", "窗口", "范围", "窗口或事项", "阶段", "设定人", "设定时间", "备注"],
                  [[t.full_name, t.window_code, "事项" if t.scope == "item" else "窗口", t.scope_code,
                    t.stage_label, t.set_by, f"{t.set_at:%Y-%m-%d %H:%M}", t.note] for t in b.training]),
    ]


def b_window_name(b: Bulletin, code: str) -> str:
    return next((w.name for w in b.windows if w.code == code), code)
