"""The bulletin's data: the period (day, week or month), the per-window and per-clerk rows,
the waiting batches, held cases and bad ratings it lists, and the ``Bulletin`` itself with its
title and 每日一小结 summary sentences. Plain dataclasses, no queries: ``bulletin_queries``
fills them, ``bulletin_charts`` and ``bulletin_tables`` lay them out for the outputs.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from ....models import TRAINING_LABELS
from ...deadlines.clock_stops import NEAR_DUE_DAYS, DueLine
from ...deadlines.five_day import NOTICE_LIMIT_DAYS
from ...people.staffing import TrainingLine, WindowPlan
from ...queue.figures import QueueFigures
from ..complaints import ComplaintLine

PERIODS = {"day": "日报", "week": "周报", "month": "月报"}
COUNT_LABELS = {"received": "收件", "accepted": "受理", "notices": "一次性告知",
                "not_accepted": "不予受理", "finished": "当场办结", "returns": "退回",
                "deemed": "视为受理", "issued": "发证"}


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
    # Catalog items no department has signed off yet (code, name, department, unconfirmed).
    unchecked: list[tuple[str, str, str, str]] = field(default_factory=list)
    # The queue: waits, service times, abandoned tickets (empty when no ticket was issued).
    queue: QueueFigures = field(default_factory=QueueFigures)

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
        q = self.queue
        if q.tickets:
            lines.append(f"取号 {q.tickets} 人，已办结 {q.served} 人；平均等候 {q.wait.mean:.1f} 分钟"
                         f"（90% 不超过 {q.wait.p90:.0f} 分钟，最长 {q.wait.longest:.0f} 分钟），"
                         f"平均办理 {q.service.mean:.1f} 分钟；未办离开 {q.abandoned} 人"
                         f"（其中过号 {q.no_show} 人）；优先办理 {q.priority_served} 人。")
        untrained = [c for c in self.clerks if c.stage != "authorized"]
        co = [c for c in self.clerks if c.co_acceptance]
        lines.append(f"受理员 {len(self.clerks)} 名，其中未获授权（培训中）{len(untrained)} 名，"
                     f"须共同受理 {len(co)} 名。")
        return lines
