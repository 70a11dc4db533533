"""How long people really waited: the queue's figures for a day, week or month.

- **Wait** is ticket to first call; it counts for the window that called it first, the
  ticket's area (group) and the hour it was issued.
- **Service** is the last call to done, for the window that finished it.
- **Abandoned**: not present when called (过号), or still waiting when its day ended.
- **Queue length** by hour: people holding a ticket not yet called, averaged over the hour
  (time-weighted) and its peak.

One query over the period's tickets (an index on day and status); the rest is folding a few
thousand rows in Python.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import HallWindow, QueueTicket

FIRST_HOUR, LAST_HOUR = 8, 17  # the hours always shown (a hall's day); others when used


@dataclass(frozen=True)
class Spread:
    """Minutes: how many, mean, 90th percentile, longest."""

    count: int = 0
    mean: float = 0.0
    p90: float = 0.0
    longest: float = 0.0

    @classmethod
    def of(cls, minutes: list[float]) -> Spread:
        if not minutes:
            return cls()
        ordered = sorted(minutes)
        rank = max(1, math.ceil(0.9 * len(ordered)))  # nearest rank
        return cls(len(ordered), sum(ordered) / len(ordered), ordered[rank - 1], ordered[-1])


@dataclass(frozen=True)
class QueueRow:
    key: str
    label: str
    tickets: int
    wait: Spread
    service: Spread
    abandoned: int
    priority_served: int


@dataclass(frozen=True)
class HourPoint:
    hour: int
    issued: int
    mean_queue: float
    max_queue: int
    wait: Spread


@dataclass
class QueueFigures:
    tickets: int = 0
    served: int = 0
    abandoned: int = 0
    no_show: int = 0
    priority_served: int = 0
    wait: Spread = field(default_factory=Spread)
    service: Spread = field(default_factory=Spread)
    by_desk: list[QueueRow] = field(default_factory=list)
    by_area: list[QueueRow] = field(default_factory=list)
    by_hour: list[HourPoint] = field(default_factory=list)


def _minutes(a: datetime | None, b: datetime | None) -> float | None:
    if a is None or b is None or b < a:
        return None
    return (b - a).total_seconds() / 60


class _Acc:
    def __init__(self) -> None:
        self.tickets = self.abandoned = self.priority_served = 0
        self.waits: list[float] = []
        self.services: list[float] = []

    def row(self, key: str, label: str) -> QueueRow:
        return QueueRow(key, label, self.tickets, Spread.of(self.waits), Spread.of(self.services),
                        self.abandoned, self.priority_served)


def queue_figures(s: Session, start: date, end: date, now: datetime) -> QueueFigures:
    """The figures of the tickets issued from ``start`` to ``end`` (inclusive)."""
    t = QueueTicket
    rows = s.execute(select(
        t.day, t.window_code, t.letter, t.priority, t.status, t.issued_at, t.first_called_at,
        t.first_desk, t.first_window_code, t.called_at, t.done_at, t.desk_no)
        .where(t.day >= start, t.day <= end)).all()
    out = QueueFigures()
    if not rows:
        return out
    names = dict(s.execute(select(HallWindow.code, HallWindow.name)).all())
    desks: dict[int, _Acc] = defaultdict(_Acc)
    areas: dict[str, _Acc] = defaultdict(_Acc)
    letters: dict[str, str] = {}
    hours: dict[int, _Acc] = defaultdict(_Acc)
    issued_by_hour: dict[int, int] = defaultdict(int)
    changes: dict[date, list[tuple[datetime, int]]] = defaultdict(list)  # queue +1 / -1
    waits: list[float] = []
    services: list[float] = []
    today = now.date()
    for (day, window, letter, priority, status, issued, first, first_desk, first_window, called,
         done, desk) in rows:
        area = first_window or window
        letters[area] = letters.get(area) or letter
        out.tickets += 1
        areas[area].tickets += 1
        hour = issued.hour
        issued_by_hour[hour] += 1
        changes[day].append((issued, 1))
        gone = status == "no_show" or (status == "waiting" and day < today)
        if gone:
            out.abandoned += 1
            out.no_show += status == "no_show"
            areas[area].abandoned += 1
            hours[hour].abandoned += 1
            if first_desk is not None:
                desks[first_desk].abandoned += 1
        if first is not None:
            changes[day].append((first, -1))
            wait = _minutes(issued, first)
            if wait is not None:
                waits.append(wait)
                areas[area].waits.append(wait)
                hours[hour].waits.append(wait)
                if first_desk is not None:
                    desks[first_desk].waits.append(wait)
                    desks[first_desk].tickets += 1
        elif status == "waiting" and day < today:
            changes[day].append((datetime.combine(day, time(LAST_HOUR + 1)), -1))  # left at closing
        if status == "done":
            out.served += 1
            service = _minutes(called, done)
            if service is not None:
                services.append(service)
                areas[window].services.append(service)
                if desk is not None:
                    desks[desk].services.append(service)
            if priority:
                out.priority_served += 1
                areas[window].priority_served += 1
                if desk is not None:
                    desks[desk].priority_served += 1
    out.wait, out.service = Spread.of(waits), Spread.of(services)
    out.by_desk = [desks[k].row(str(k), f"{k} 号窗口") for k in sorted(desks)]
    out.by_area = [areas[k].row(k, f"{letters.get(k, '')} {names.get(k, k)}".strip())
                   for k in sorted(areas, key=lambda a: (letters.get(a, ""), a))]
    mean_q, max_q = _queue_by_hour(changes, now)
    used = set(issued_by_hour) | set(mean_q)
    lo, hi = min([FIRST_HOUR, *used]), max([LAST_HOUR, *used])
    days = max(1, len(changes))
    out.by_hour = [HourPoint(h, issued_by_hour.get(h, 0), mean_q.get(h, 0.0) / days,
                             max_q.get(h, 0), Spread.of(hours[h].waits) if h in hours else Spread())
                   for h in range(lo, hi + 1)]
    return out


def _queue_by_hour(changes: dict[date, list[tuple[datetime, int]]], now: datetime
                   ) -> tuple[dict[int, float], dict[int, int]]:
    """Per hour of the day: the people waiting, time-weighted over the hour and summed over
    the days (the caller divides), and the most at once. In seconds from the day's
    midnight (a year's tickets pass here: no datetime arithmetic per hour crossed)."""
    mean: dict[int, float] = defaultdict(float)
    peak: dict[int, int] = defaultdict(int)
    for day, events in changes.items():
        events.sort()
        base = datetime.combine(day, time())
        stop = min(now, datetime.combine(day, time(23, 59)))
        level = 0
        cursor = (events[0][0] - base).total_seconds()
        for at, step in [*events, (max(stop, events[-1][0]), 0)]:
            sec = (at - base).total_seconds()
            _spread(mean, peak, cursor, sec, level)
            level += step
            cursor = sec
            peak[at.hour] = max(peak[at.hour], level)
    return mean, peak


def _spread(mean: dict[int, float], peak: dict[int, int], a: float, b: float, level: int) -> None:
    """Add ``level`` people over [a, b) (seconds from midnight) to each hour it covers (in
    hours of presence)."""
    while a < b and level:
        hour = int(a // 3600)
        end = min((hour + 1) * 3600, b)
        mean[hour % 24] += level * (end - a) / 3600
        peak[hour % 24] = max(peak[hour % 24], level)
        a = end
