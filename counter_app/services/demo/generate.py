"""Realistic synthetic data for demos and benchmarks: staff, training, and cases spread over
days, windows, items, clerks and outcomes, with materials, batches and chained events.

Rows are made as plain tuples (``demo_rows``) and bulk-inserted one transaction per chunk
(``demo_writer``) with time-ordered ids (``demo_ids``), so a million cases load in minutes.
Every number is made by this terminal's code, so demo data of two data folders with different
terminal codes never collide and can be synced into one server.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.low_level import hash_secret
from sqlalchemy import select

from ...ids.stable import stable_id
from ...models import Department, HallWindow, NumberCounter, Staff, TrainingRecord
from ..audit.events import chain_head
from ..catalog.store import current_versions
from ..context import ServiceContext
from ..deadlines.calendar_store import load_calendar
from ..people.auth import add_user
from . import people
from .child import chunks_from_child, use_child
from .ids import Stamps
from .queue import generate_queue
from .rows import DAY_SECONDS, RECEIVING, TODAY_MARGIN_S, Chunk, Plan, chunks, item_from_version
from .writer import write_chunk

DEMO_PASSWORD = "counter123"


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    events: int
    batches: int
    staff: int
    tickets: int = 0


# Demo staff made in two data folders must be the same rows (stable ids, same values), so
# their cases can be synced into one server: a fixed salt and a fixed training date.
DEMO_TRAINING_AT = datetime(2022, 2, 28, 17, 0)  # the end of phase 2 in the county's plan
_DEMO_SALT = b"counter-demo-salt"


def _demo_hash() -> str:
    ph = PasswordHasher()  # the same costs as real accounts
    return hash_secret(DEMO_PASSWORD.encode(), _DEMO_SALT, ph.time_cost, ph.memory_cost,
                       ph.parallelism, ph.hash_len, type=Type.ID).decode()


def ensure_demo_staff(ctx: ServiceContext) -> int:
    """One supervisor, a guide, clerks per window and an approver per department."""
    made: list[str] = []
    with ctx.db.transaction() as s:
        existing = set(s.execute(select(Staff.username)).scalars())
        pw_hash = _demo_hash()
        wins = s.execute(select(HallWindow).order_by(HallWindow.code)).scalars().all()
        dep_codes = dict(s.execute(select(Department.id, Department.code)).all())
        plan: list[tuple[str, str, list[str], str, str]] = [
            ("admin", "管理员", ["supervisor"], "", ""),
            ("guide01", "帮办员王敏", ["guide"], "", ""),
        ]
        rng = random.Random(7)
        for w in wins:
            for k in range(1, min(max(w.planned_staff, 1), 3) + 1):
                plan.append((f"{w.code.lower()}_c{k}", people.person_name(rng), ["clerk"], w.code, ""))
            # The approver belongs to the window's lead department: their desk shows its work.
            plan.append((f"{w.code.lower()}_a1", people.person_name(rng), ["approver"], w.code,
                         dep_codes.get(w.lead_department_id or "", "")))
        for username, name, roles, win_code, dep_code in plan:
            if username in existing:
                continue
            staff = add_user(s, username, name, "", roles, window_code=win_code,
                             department_code=dep_code,
                             employer="department" if dep_code else "outsourced",
                             phone=people.mobile(rng), terminal=ctx.terminal,
                             password_hash=pw_hash)
            made.append(username)
            if "clerk" in roles:
                # Most clerks are authorized; the second of each window is still in phase 2.
                stage = "phase2" if username.endswith("_c2") else "authorized"
                s.add(TrainingRecord(id=stable_id("training_record", username, "demo"),
                                     staff_id=staff.id, scope="window", scope_code=win_code,
                                     stage=stage, set_at=DEMO_TRAINING_AT, set_by_id=None,
                                     origin_terminal=ctx.terminal))
    if ctx.keys is not None:  # an encrypted folder: every demo account can unlock it
        for username in made:
            ctx.keys.grant(username, DEMO_PASSWORD)
    return len(made)


def build_plan(ctx: ServiceContext, cases: int, days: int, seed: int) -> Plan:
    """Read once what the generator needs (catalog, staff, calendar, chain head, counters)."""
    now = ctx.now()
    today = now.date()
    with ctx.db.session() as s:
        versions = current_versions(s)
        cal = load_calendar(s)
        clerks: dict[str, list[str]] = defaultdict(list)
        approvers: dict[str, list[str]] = defaultdict(list)
        windows = s.execute(select(HallWindow)).scalars().all()
        win_by_id = {w.id: w.code for w in windows}
        planned = {w.code: w.planned_staff for w in windows}
        for st in s.execute(select(Staff)).scalars():
            code = win_by_id.get(st.window_id or "", "")
            if "clerk" in st.role_names:
                clerks[code].append(st.id)
            if "approver" in st.role_names:
                approvers[code].append(st.id)
        seq, prev = chain_head(s, ctx.terminal)
        counters = {(c.kind, c.day): c.last for c in s.execute(select(NumberCounter)).scalars()}
        items = [item_from_version(v) for v in versions if clerks.get(v.window_code)]
    if not items:
        raise ValueError("目录为空或没有受理员：请先运行 init 载入事项目录")
    # Spread cases over working days only, oldest first (ids and numbers then grow with the
    # indexes), busier on Mondays, like a real hall; today takes the rounding remainder.
    day_list = [today - timedelta(days=i) for i in range(days - 1, -1, -1)]
    day_list = [d for d in day_list if cal.is_workday(d)] or [today]
    # Today only up to now: its share of cases is the part of its receiving hours passed
    # (none before the hall opens), and they are received in that part (``today_seconds``).
    passed = (now - datetime.combine(today, RECEIVING)).total_seconds() - TODAY_MARGIN_S
    today_seconds = int(min(max(passed, 0), DAY_SECONDS))
    if today_seconds == 0 and len(day_list) > 1 and day_list[-1] == today:
        day_list.pop()
    elif today_seconds == 0:  # today is the only day: a whole day, as asked
        today_seconds = DAY_SECONDS
    per_day = [(1.3 if d.weekday() == 0 else 1.0) * (today_seconds / DAY_SECONDS if d == today else 1)
               for d in day_list]
    total_w = sum(per_day)
    quota = [int(cases * w / total_w) for w in per_day]
    quota[-1] += cases - sum(quota)
    spans = {(n, u) for it in items for n, u in ((it.promised_days, it.promised_unit),
                                                  (it.statutory_days, it.statutory_unit))}
    spans |= {(15, "workday")}
    dues = {(d, n, u): cal.add_limit(d, n, u).date for d in day_list for n, u in spans}
    return Plan(
        terminal=ctx.terminal, seed=seed, items=items,
        # Busier windows have more staff in the plan: weight items by their window's headcount.
        weights=[max(planned.get(it.window_code, 1), 1) for it in items],
        clerks=dict(clerks), approvers=dict(approvers), days=day_list, quota=quota,
        today=today, dues=dues, seq=seq, prev_hash=prev, counters=counters,
        today_seconds=today_seconds)


def generate(ctx: ServiceContext, cases: int, days: int, seed: int = 1,
             progress: Callable[[int], None] | None = None,
             queue_today: bool = True) -> DemoSummary:
    """``queue_today``: False for a second demo folder of one hall, whose first holds
    today's queue (its open desks are that PC's; both would claim them)."""
    staff_made = ensure_demo_staff(ctx)
    plan = build_plan(ctx, cases, days, seed)
    last = Chunk({}, {}, 0, 0, 0)
    stamps = Stamps()  # outbox change ids keep growing from chunk to chunk of this run
    for last in chunks_from_child(plan) if use_child(cases) else chunks(plan):
        write_chunk(ctx, last, stamps)
        if progress:
            progress(last.cases)
    # The queue: about one visit in seven ends without a case (a question, a missing paper).
    per_day = round(cases / max(1, len(plan.days)) * 1.15)
    now = ctx.now()
    queue_days = [d for d in plan.days if queue_today or d != now.date()]
    tickets = generate_queue(ctx, queue_days, per_day, seed, now) if cases else 0
    return DemoSummary(last.cases, last.events, last.batches, staff_made, tickets)
