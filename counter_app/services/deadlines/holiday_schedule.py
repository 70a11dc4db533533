"""A whole year's holiday schedule, entered at once, and the due dates it moves.

The State Council publishes next year's 放假安排 each November; ``chinesecalendar`` knows it
only from its next release. A supervisor enters it from a small text file, one line per
holiday range or make-up working day::

    # 2027 年部分节假日安排
    2027-01-01 2027-01-03 放假 元旦
    2027-02-06 2027-02-12 放假 春节
    2027-02-14 上班 春节调休

Applying it replaces that year's overrides and declares the year complete (no more
Monday-Friday estimates). The rows sync to every PC; each PC recomputes the due dates of its
own open cases counted across a changed year (``catch_up``, at login and hourly; at once on
the PC that applied it), with a ``due_recomputed`` event on each case whose date moved.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, extract, or_, select, true
from sqlalchemy.orm import Session

from ...models import CaseFile, HolidayOverride
from ...models.opstate import current as current_op
from ..audit.events import append_event
from ..context import Actor, ServiceContext, require_role
from ..intake.validation import parse_date
from ..operations import allow, operation
from ..settings import get_json, set_json
from .calendar_store import complete_years, load_calendar, mark_year_complete, set_override
from .clock_stops import recompute

KINDS = {"放假": False, "休息": False, "上班": True, "调休上班": True, "工作": True}
OPEN_STATUSES_EXCLUDED = ("not_accepted", "finished", "denied", "issued")
REMIND_FROM_MONTH = 11  # the schedule is published each November
APPLIED_KEY = "calendar.applied"  # this PC's setting: per-year digest its due dates use


class ScheduleError(Exception):
    """The file cannot be applied; ``problems`` name each line. Nothing was changed."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("节假日安排文件有问题，未作任何修改：\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class YearSchedule:
    year: int
    days: tuple[tuple[date, bool, str], ...]  # (day, is_workday, note)


@dataclass(frozen=True)
class ScheduleResult:
    year: int
    holidays: int
    workdays: int
    moved: tuple[tuple[str, date | None, date | None], ...]  # (case no, old due, new due)


class HolidayService:
    """The year's schedule as a supervisor enters it: an operation, so on a PC enrolled with
    the hall service it reaches the hall (and from there every PC)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("calendar.apply_schedule")
    def apply(self, actor: Actor | None, schedule: YearSchedule) -> ScheduleResult:
        return apply_schedule(self.ctx, schedule, actor)


allow(YearSchedule)


def parse_schedule(text: str) -> YearSchedule:
    problems: list[str] = []
    days: dict[date, tuple[bool, str]] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].replace(",", " ").replace("，", " ").strip()
        if not line:
            continue
        parts = line.split()
        start = parse_date(parts[0])
        end = parse_date(parts[1]) if len(parts) > 1 and parse_date(parts[1]) else None
        rest = parts[2:] if end else parts[1:]
        if start is None:
            problems.append(f"第 {n} 行：日期“{parts[0]}”无法识别，请写成 2027-01-01")
            continue
        if not rest or rest[0] not in KINDS:
            problems.append(f"第 {n} 行：请写明“放假”或“上班”")
            continue
        end = end or start
        if end < start or (end - start).days > 31:
            problems.append(f"第 {n} 行：日期范围 {start} 至 {end} 无效")
            continue
        workday, note = KINDS[rest[0]], " ".join(rest[1:])
        d = start
        while d <= end:
            if d in days and days[d][0] != workday:
                problems.append(f"第 {n} 行：{d} 已在前面写成“{'上班' if days[d][0] else '放假'}”")
            days[d] = (workday, note)
            d += timedelta(days=1)
    years = {d.year for d in days}
    if not days and not problems:
        problems.append("文件中没有任何日期")
    if len(years) > 1:
        problems.append(f"一个文件只录一年的安排，这里有 {'、'.join(map(str, sorted(years)))} 年")
    if problems:
        raise ScheduleError(problems)
    return YearSchedule(years.pop(), tuple((d, w, note) for d, (w, note) in sorted(days.items())))


def apply_schedule(ctx: ServiceContext, schedule: YearSchedule, actor: Actor | None) -> ScheduleResult:
    """Replace the year's overrides, declare it complete, move the due dates it changes.

    ``actor`` is the supervisor at the screen; None is the administrator's command line.
    The schedule's rows sync to every PC, and each PC moves its own cases (``catch_up``)."""
    if actor is not None:
        require_role(actor, "supervisor")
    by = actor.staff_id if actor else None
    now, year = ctx.now(), schedule.year
    with ctx.db.transaction() as s:
        s.execute(delete(HolidayOverride).where(extract("year", HolidayOverride.day) == year))
        for day, workday, note in schedule.days:
            set_override(s, day, workday, note, by=by, terminal=ctx.terminal)
        mark_year_complete(s, year, terminal=ctx.terminal)
        s.flush()
        moved = _recompute_own(ctx, s, {year}, by, now)
        set_json(s, APPLIED_KEY, _fingerprints(s))
    holidays = sum(1 for _d, w, _n in schedule.days if not w)
    return ScheduleResult(year, holidays, len(schedule.days) - holidays, tuple(moved))


def catch_up(ctx: ServiceContext) -> tuple[tuple[str, date | None, date | None], ...]:
    """On every PC, now and then (login, hourly): if the calendar changed since this PC last
    computed its due dates (a schedule that arrived by sync), move its own open cases."""
    if ctx.records_ops:
        # Enrolled with a hall service: due dates are the hall's rows, and a PC's own
        # recomputation (no operation) would be replaced at the next sync anyway.
        return ()
    now = ctx.now()
    with ctx.db.transaction() as s:
        applied = get_json(s, APPLIED_KEY, {}) or {}
        current = _fingerprints(s)
        changed = {int(y) for y in set(applied) | set(current) if applied.get(y) != current.get(y)}
        if not changed:
            return ()
        moved = _recompute_own(ctx, s, changed, None, now)
        set_json(s, APPLIED_KEY, current)
    return tuple(moved)


def _fingerprints(s: Session) -> dict[str, str]:
    """Per year, a digest of its overrides and completeness: what due dates were computed on."""
    by_year: dict[int, list[str]] = defaultdict(list)
    for day, workday in s.execute(select(HolidayOverride.day, HolidayOverride.is_workday)):
        by_year[day.year].append(f"{day}:{int(workday)}")
    complete = complete_years(s)
    return {str(y): hashlib.sha256("|".join([*sorted(by_year[y]), str(y in complete)])
                                   .encode()).hexdigest()[:16]
            for y in sorted(set(by_year) | complete)}


def _recompute_own(ctx: ServiceContext, s: Session, years: set[int], by: str | None,
                   now: datetime) -> list[tuple[str, date | None, date | None]]:
    """This PC's open cases counted across ``years``: recompute (clock stops kept), and an
    event on each whose date moved. Other PCs' cases are theirs to move, except in a hall
    with a hall service: there the schedule is one operation that moves every open case,
    on the PC at once and on the hall (which is the truth)."""
    cal = load_calendar(s)
    moved: list[tuple[str, date | None, date | None]] = []
    op = current_op()
    everyone = ctx.records_ops or (op is not None and op.replay)
    reaching = s.execute(select(CaseFile).where(
        true() if everyone else CaseFile.origin_terminal == ctx.terminal,
        CaseFile.accepted_on.is_not(None), CaseFile.status.not_in(OPEN_STATUSES_EXCLUDED),
        extract("year", CaseFile.accepted_on) <= max(years),
        or_(extract("year", CaseFile.promised_due) >= min(years),
            extract("year", CaseFile.statutory_due) >= min(years)),
    ).order_by(CaseFile.case_no)).scalars().all()
    for case in reaching:
        before = (case.promised_due, case.statutory_due)
        recompute(s, case, cal, now.date())
        if (case.promised_due, case.statutory_due) != before:
            moved.append((case.case_no, before[0], case.promised_due))
            append_event(s, terminal=ctx.terminal, kind="due_recomputed", at=now,
                         actor_id=by, actor_role="supervisor" if by else "system",
                         case_id=case.id, years=sorted(years),
                         promised_from=before[0], promised_to=case.promised_due,
                         statutory_from=before[1], statutory_to=case.statutory_due)
    return moved


def pending_reminder(ctx: ServiceContext, today: date) -> str:
    """From November on, until next year's schedule is entered: what to tell supervisors."""
    if today.month < REMIND_FROM_MONTH:
        return ""
    with ctx.db.session() as s:
        cal = load_calendar(s)
    nxt = today.year + 1
    if cal.is_known_year(nxt):
        return ""
    return (f"{nxt} 年的法定节假日安排尚未录入：跨年的办理期限目前按周一至周五估算。"
            "国务院办公厅公布安排后，请在“监督管理 › 节假日安排”页录入全年安排"
            "（或用 counter-admin holiday import 文件）。")
