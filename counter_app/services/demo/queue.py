"""Demo tickets with realistic arrivals: a morning peak from 9 to 11 and a smaller one after
lunch, Mondays and the first days of a month busier, a few applicants not present when
called (过号) and a few leaving after a long wait, some priority tickets.

Each group's day is simulated: as many of its desks as the day's volume needs (up to its
planned staff) serve in order of arrival, priority first, with service times that vary
around the group's own mean; waits then come out of the load, as in a real hall. Rows are
plain tuples written by ``demo_writer`` like the demo cases (one transaction per chunk).
Demo tickets are not linked to demo cases: the cases' times are drawn on their own (their
events are hash-chained). Today's tickets stop at the present moment (``demo_queue_today``).
"""

from __future__ import annotations

import bisect
import heapq
import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import select

from ...ids.stable import stable_id
from ...models import HallWindow, QueueDesk, QueueLetter, QueueTicket, Staff
from ..context import ServiceContext
from ..queue.service import LETTERS
from .ids import Stamps
from .queue_today import CLOSE, Today
from .rows import Chunk
from .writer import write_chunk

# Arrivals per half hour from 08:30 (relative): the morning peak 9-11, lunch, the afternoon.
PROFILE = [(time(8, 30), 0.5), (time(9, 0), 1.7), (time(9, 30), 2.1), (time(10, 0), 2.1),
           (time(10, 30), 1.6), (time(11, 0), 0.9), (time(11, 30), 0.5), (time(12, 0), 0.15),
           (time(12, 30), 0.15), (time(13, 0), 0.3), (time(13, 30), 0.8), (time(14, 0), 1.0),
           (time(14, 30), 1.0), (time(15, 0), 0.9), (time(15, 30), 0.8), (time(16, 0), 0.5),
           (time(16, 30), 0.2)]
DESK_MINUTES = 7 * 60  # a desk's serving time in a day
MAX_DESKS = 8
NO_SHOW, PRIORITY, PATIENCE_MIN, LEAVE = 0.035, 0.05, 50.0, 0.35
PRIORITY_NOTES = {"elderly": "持老年证", "disabled": "持残疾人证", "pregnant": "孕期",
                  "appointment": "网上预约"}


@dataclass(frozen=True)
class QueueGroup:
    code: str
    letter: str
    desks: tuple[int, ...]  # physical window numbers
    share: float  # of the day's tickets
    service_min: float  # mean service time


@dataclass
class QueuePlan:
    terminal: str
    seed: int
    groups: list[QueueGroup]
    days: list[tuple[date, int]]  # (day, tickets), oldest first
    guide_id: str | None
    letters_new: list[tuple[str, str]]  # (window, letter) rows to make
    now: datetime | None = None  # the day of ``now`` stops at ``now`` (None: whole days)
    clerks: dict[int, str | None] = field(default_factory=dict)  # the clerk at each desk
    desks_taken: frozenset[int] = frozenset()  # desk numbers the hall already has


def day_weight(day: date) -> float:
    """Mondays and the first three days of a month are busier."""
    return (1.35 if day.weekday() == 0 else 1.0) * (1.25 if day.day <= 3 else 1.0)


def _dt(v: datetime) -> str:
    return v.isoformat(" ", "microseconds")


class _Arrivals:
    def __init__(self) -> None:
        self.cum = list(accumulate(w for _, w in PROFILE))

    def draw(self, rng: random.Random, day: date) -> datetime:
        k = bisect.bisect_left(self.cum, rng.random() * self.cum[-1])
        start = datetime.combine(day, PROFILE[k][0])
        return start + timedelta(seconds=rng.uniform(0, 1800))


def _key(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase + "23456789") for _ in range(10))


def queue_chunks(plan: QueuePlan, ids: Callable[[], str] | None = None,
                 days_per_chunk: int = 20) -> Iterator[Chunk]:
    """The plan's tickets, oldest day first, a chunk every ``days_per_chunk`` days.

    A day's tickets depend only on the seed, the day and its volume, and their ids on the day
    and number (``ids`` given: time-ordered ids instead, for a benchmark's year): the hall has
    one queue, so two demo folders of one hall make the same tickets, which sync as one."""
    arrivals, term = _Arrivals(), plan.terminal
    rows: dict[str, list[tuple[Any, ...]]] = _empty()
    if plan.letters_new:
        stamp = _dt(datetime.combine(plan.days[0][0] if plan.days else date.today(), time(8)))
        rows["queue_letter"] = [(stable_id("queue_letter", w), stamp, stamp, term, w, letter)
                                for w, letter in plan.letters_new]
    made = 0
    for n, (day, total) in enumerate(plan.days, start=1):
        today = Today() if plan.now is not None and day == plan.now.date() else None
        for g in plan.groups:
            rng = random.Random(f"{plan.seed}|{day}|{g.code}")
            count = max(0, round(total * g.share * rng.uniform(0.85, 1.15)))
            make_id = ids or _stable_ids(day, g.letter)
            made_rows = _group_day(rng, make_id, arrivals, term, plan.guide_id, g, day, count)
            if today is not None and plan.now is not None:
                today.add(made_rows, plan.now, term, plan.clerks)
            else:
                rows["queue_ticket"] += made_rows
                made += count
        if today is not None and plan.now is not None:
            rows["queue_ticket"] += today.tickets
            rows["queue_act"] += today.acts
            rows["queue_desk"] += today.desk_rows(plan.now, term, plan.clerks, plan.desks_taken)
            made += len(today.tickets)
        if n % days_per_chunk == 0:
            yield Chunk(rows, {}, made, 0, 0)
            rows = _empty()
    if any(rows.values()):
        yield Chunk(rows, {}, made, 0, 0)


def _empty() -> dict[str, list[tuple[Any, ...]]]:
    return {"queue_letter": [], "queue_ticket": [], "queue_desk": [], "queue_act": []}


def _stable_ids(day: date, letter: str) -> Callable[[], str]:
    count = iter(range(1, 10**6))
    return lambda: stable_id("queue_ticket", day, letter, next(count))


def _group_day(rng: random.Random, ids: Callable[[], str], arrivals: _Arrivals, term: str,
               guide: str | None, g: QueueGroup, day: date, count: int) -> list[tuple[Any, ...]]:
    issued = sorted(arrivals.draw(rng, day) for _ in range(count))
    prio = [rng.random() < PRIORITY for _ in issued]
    # As many desks open as the day's work needs at 70 % of a day's time: the peak then
    # builds a queue that drains by lunch, as in a hall staffed for its average day.
    need = max(1, min(len(g.desks), round(count * g.service_min / (DESK_MINUTES * 0.7))))
    free = [(datetime.combine(day, time(8, 30)), d) for d in g.desks[:need]]  # (free at, desk)
    heapq.heapify(free)
    close = datetime.combine(day, CLOSE)
    waiting: list[tuple[int, datetime, int]] = []  # (0 priority / 1, issued, index)
    out: list[tuple[Any, ...] | None] = [None] * len(issued)
    nxt = 0
    while nxt < len(issued) or waiting:
        at, desk = heapq.heappop(free)
        while nxt < len(issued) and (issued[nxt] <= at or not waiting):
            heapq.heappush(waiting, (0 if prio[nxt] else 1, issued[nxt], nxt))
            nxt += 1
        _p, came, i = heapq.heappop(waiting)
        start = max(at, came)
        wait = (start - came).total_seconds() / 60
        seq = i + 1
        kind = rng.choice(list(PRIORITY_NOTES)) if prio[i] else ""
        base = [ids(), _dt(came), _dt(start), term, day.isoformat(), f"{g.letter}{seq:03d}", g.letter, seq,
                g.code, "", kind, PRIORITY_NOTES.get(kind, ""), _dt(came), guide, _dt(came)]
        if start >= close:  # still waiting when the hall closed
            out[i] = (*base, "waiting", None, 0, None, None, None, "", None, 0, None, None, _key(rng))
            heapq.heappush(free, (at, desk))
            continue
        # Not present when called: away for a moment, or gone after a long wait (the desk
        # only learns it by calling).
        if rng.random() < NO_SHOW or (wait > PATIENCE_MIN and rng.random() < LEAVE):
            end = start + timedelta(minutes=1.5)  # called twice, nobody came
            out[i] = (*base, "no_show", None, 0, desk, _dt(start), desk, g.code, _dt(start), 2, None,
                      _dt(end), _key(rng))
        else:
            end = start + timedelta(minutes=max(1.5, rng.lognormvariate(0, 0.45) * g.service_min))
            out[i] = (*base, "done", None, 0, desk, _dt(start), desk, g.code, _dt(start), 1, None,
                      _dt(end), _key(rng))
        heapq.heappush(free, (end, desk))
    return [r for r in out if r is not None]


def build_queue_plan(ctx: ServiceContext, days: list[date], per_day: int, seed: int,
                     now: datetime | None = None) -> QueuePlan:
    """Groups with their letters (kept if they exist), desks and shares; the days' volumes
    (busier on Mondays and at the start of a month); the clerk at each desk. Days that
    already have tickets are left as they are; the day of ``now`` stops at ``now``."""
    with ctx.db.session() as s:
        wins = s.execute(select(HallWindow).where(HallWindow.kind == "counter")
                         .order_by(HallWindow.code)).scalars().all()
        have = dict(s.execute(select(QueueLetter.window_code, QueueLetter.letter)).all())
        done_days = set(s.execute(select(QueueTicket.day).distinct()).scalars())
        guide = s.execute(select(Staff.id).where(Staff.username == "guide01")).scalar()
        users = dict(s.execute(select(Staff.username, Staff.id)).all())
        taken = frozenset(s.execute(select(QueueDesk.no)).scalars())
    free = [c for c in LETTERS if c not in set(have.values())]
    new: list[tuple[str, str]] = []
    groups: list[QueueGroup] = []
    clerks: dict[int, str | None] = {}
    weights = {w.code: max(w.planned_staff, 1) for w in wins}
    total = sum(weights.values()) or 1
    desk = 1
    for w in wins:
        if w.code not in have:
            if not free:
                break
            have[w.code] = free.pop(0)
            new.append((w.code, have[w.code]))
        n = max(1, min(MAX_DESKS, w.planned_staff))
        groups.append(QueueGroup(w.code, have[w.code], tuple(range(desk, desk + n)),
                                 weights[w.code] / total, 6.0 + 2.0 * (len(w.code) % 3)))
        for k in range(n):  # the window's demo clerks (ensure_demo_staff), one a desk
            clerks[desk + k] = users.get(f"{w.code.lower()}_c{k + 1}")
        desk += n
    volumes = [(d, round(per_day * day_weight(d))) for d in days if d not in done_days]
    return QueuePlan(ctx.terminal, seed, groups, volumes, guide, new, now, clerks, taken)


def generate_queue(ctx: ServiceContext, days: list[date], per_day: int, seed: int = 1,
                   now: datetime | None = None) -> int:
    """Write demo tickets for ``days``, the day of ``now`` (default: the hall's clock) as it
    stands at ``now``; returns how many."""
    plan = build_queue_plan(ctx, days, per_day, seed, now or ctx.now())
    stamps = Stamps()
    made = 0
    for chunk in queue_chunks(plan):
        write_chunk(ctx, chunk, stamps)
        made = chunk.cases
    return made
