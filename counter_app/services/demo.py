"""Realistic synthetic data for demos and benchmarks: staff, training, and cases spread over
days, windows, items, clerks and outcomes, with materials, batches and chained events.

Bulk inserts through SQLAlchemy Core (one transaction per chunk), so a million cases load in
minutes. Every number is made by this terminal's code, so demo data of two data folders
with different terminal codes never collide and can be synced into one server.
"""

from __future__ import annotations

import os
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.low_level import hash_secret
from sqlalchemy import Connection, insert, select, text, update

from ..models import (
    Base,
    CaseDecision,
    CaseFile,
    CaseMaterial,
    Consultation,
    Evaluation,
    Event,
    HallWindow,
    HandoffBatch,
    HandoffItem,
    NumberCounter,
    Staff,
    TrainingRecord,
)
from ..sync.capture import capture_mode, set_mode
from ..sync.identity import stable_id
from . import demo_people as people
from .auth import add_user
from .calendar_store import load_calendar
from .catalog_store import current_versions
from .context import ServiceContext
from .events import chain_head, chain_row
from .numbering import KIND_BATCH, KIND_CASE, format_number

DEMO_PASSWORD = "counter123"
DEFECT_REASONS = ["复印件不清晰", "缺少签字或盖章", "证件已过有效期", "信息与申请表不一致",
                  "材料页数不全"]
CHUNK = 5000


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    events: int
    batches: int
    staff: int


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
    made = 0
    with ctx.db.transaction() as s:
        existing = set(s.execute(select(Staff.username)).scalars())
        pw_hash = _demo_hash()
        wins = s.execute(select(HallWindow).order_by(HallWindow.code)).scalars().all()
        plan: list[tuple[str, str, list[str], str]] = [
            ("admin", "管理员", ["supervisor"], ""),
            ("guide01", "帮办员王敏", ["guide"], ""),
        ]
        rng = random.Random(7)
        for w in wins:
            for k in range(1, min(max(w.planned_staff, 1), 3) + 1):
                plan.append((f"{w.code.lower()}_c{k}", people.person_name(rng), ["clerk"], w.code))
            plan.append((f"{w.code.lower()}_a1", people.person_name(rng), ["approver"], w.code))
        for username, name, roles, win_code in plan:
            if username in existing:
                continue
            staff = add_user(s, username, name, "", roles, window_code=win_code,
                             phone=people.mobile(rng), terminal=ctx.terminal,
                             password_hash=pw_hash)
            made += 1
            if "clerk" in roles:
                # Most clerks are authorized; the second of each window is still in phase 2.
                stage = "phase2" if username.endswith("_c2") else "authorized"
                s.add(TrainingRecord(id=stable_id("training_record", username, "demo"),
                                     staff_id=staff.id, scope="window", scope_code=win_code,
                                     stage=stage, set_at=DEMO_TRAINING_AT, set_by_id=None,
                                     origin_terminal=ctx.terminal))
    return made


def queue_since(conn: Connection, table: str, rowid: int) -> None:
    """Queue rows bulk-inserted after ``rowid`` in the sync outbox, as the row triggers would
    have (one statement per table: SQLite does the work, not Python)."""
    conn.execute(text(
        "INSERT INTO sync_outbox (change_id, table_name, row_id, op, base, queued_at, attempts,"
        " last_error) SELECT lower(hex(randomblob(16))), :t, id, 'upsert', NULL,"
        " strftime('%Y-%m-%d %H:%M:%f', 'now', '+8 hours') || '000', 0, ''"
        f' FROM "{table}" WHERE rowid > :r ORDER BY rowid'
        " ON CONFLICT (table_name, row_id) DO NOTHING"), {"t": table, "r": rowid})


def _dt(v: datetime) -> str:
    # The text form SQLAlchemy's SQLite DateTime stores, so the ORM reads these rows back.
    text = v.isoformat(" ")
    return text if v.microsecond else text + ".000000"


_CONVERT: dict[type, Callable[[Any], Any]] = {datetime: _dt, date: date.isoformat, bool: int}


def _sqlite_value(v: Any) -> Any:
    conv = _CONVERT.get(type(v))
    return conv(v) if conv else v


def _executemany(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Straight to the DB-API: for a million cases SQLAlchemy's per-row parameter
    processing costs more than SQLite's own work."""
    cols = list(rows[0])
    sql = (f'INSERT INTO "{table}" ({", ".join(cols)}) '
           f'VALUES ({", ".join("?" * len(cols))})')
    if conn.dialect.name != "sqlite":
        conn.execute(insert(Base.metadata.tables[table]), rows)
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(sql, [tuple(_sqlite_value(r[c]) for c in cols) for r in rows])


class _Ids:
    """Random version-4 UUID strings, several times faster than uuid.uuid4() one by one.

    Seeded from the OS once, so two data folders never draw the same ids."""

    def __init__(self) -> None:
        self.rng = random.Random(int.from_bytes(os.urandom(32), "big"))

    def __call__(self) -> str:
        h = f"{self.rng.getrandbits(128) & _UUID_MASK | _UUID_V4:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_UUID_MASK = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_UUID_V4 = (0x4 << 76) | (0x2 << 62)
new_id = _Ids()


ORDER = [CaseFile, CaseMaterial, HandoffBatch, HandoffItem, CaseDecision, Evaluation,
         Consultation, Event]  # parents before children: foreign keys and the sync order


class _Writer:
    """Buffers rows per table and writes a chunk per transaction.

    Bulk rows bypass the per-row sync triggers (mode switched inside the same transaction)
    and are queued in the outbox in parent-first order with one statement per table, which
    is what the triggers would have done, a row at a time.
    """

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.rows: dict[type, list[dict[str, Any]]] = defaultdict(list)

    def add(self, model: type, row: dict[str, Any]) -> None:
        self.rows[model].append(row)

    def commit(self, counters: dict[tuple[str, str], int]) -> None:
        with self.ctx.db.transaction() as s:
            conn = s.connection()
            mode = capture_mode(conn)
            set_mode(conn, "bulk")
            conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB: index pages stay hot
            for model in ORDER:
                rows = self.rows.pop(model, None)
                if not rows:
                    continue
                name = model.__tablename__
                before = conn.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{name}"').scalar()
                _executemany(conn, name, rows)
                if mode == "terminal":
                    queue_since(conn, name, int(before or 0))
            set_mode(conn, mode)
            for (kind, key), last in counters.items():
                row = s.get(NumberCounter, (kind, key))
                if row is None:
                    s.add(NumberCounter(kind=kind, day=key, last=last))
                elif row.last < last:
                    s.execute(update(NumberCounter).where(NumberCounter.kind == kind,
                                                          NumberCounter.day == key).values(last=last))


def generate(ctx: ServiceContext, cases: int, days: int, seed: int = 1,
             progress: Callable[[int], None] | None = None) -> DemoSummary:
    staff_made = ensure_demo_staff(ctx)
    rng = random.Random(seed)
    today = ctx.now().date()
    with ctx.db.session() as s:
        versions = current_versions(s)
        cal = load_calendar(s)
        staff = s.execute(select(Staff)).scalars().all()
        clerks: dict[str, list[str]] = defaultdict(list)
        approvers: dict[str, list[str]] = defaultdict(list)
        windows = s.execute(select(HallWindow)).scalars().all()
        win_by_id = {w.id: w.code for w in windows}
        planned = {w.code: w.planned_staff for w in windows}
        for st in staff:
            code = win_by_id.get(st.window_id or "", "")
            if "clerk" in st.role_names:
                clerks[code].append(st.id)
            if "approver" in st.role_names:
                approvers[code].append(st.id)
        seq, prev = chain_head(s, ctx.terminal)
        counters = {(c.kind, c.day): c.last for c in s.execute(select(NumberCounter)).scalars()}
    versions = [v for v in versions if clerks.get(v.window_code)]
    if not versions:
        raise ValueError("目录为空或没有受理员：请先运行 init 载入事项目录")
    # Busier windows have more staff in the plan: weight items by their window's headcount.
    weights = [max(planned.get(v.window_code, 1), 1) for v in versions]
    due_cache: dict[tuple[date, int], date] = {}

    def due(day: date, n: int) -> date:
        key = (day, n)
        if key not in due_cache:
            due_cache[key] = cal.add_workdays(day, n).date
        return due_cache[key]

    # Spread cases over working days only, busier on Mondays, like a real hall.
    day_list = [today - timedelta(days=i) for i in range(days)]
    day_list = [d for d in day_list if cal.is_workday(d)] or [today]
    per_day = [1.3 if d.weekday() == 0 else 1.0 for d in day_list]
    total_w = sum(per_day)
    quota = [int(cases * w / total_w) for w in per_day]
    quota[0] += cases - sum(quota)
    st = {"events": 0, "batches": 0, "cases": 0}

    def ev(w: _Writer, kind: str, at: datetime, actor: str | None, role: str,
           case_id: str | None = None, batch_id: str | None = None, **payload: Any) -> None:
        nonlocal seq, prev
        seq += 1
        row = chain_row(terminal=ctx.terminal, seq=seq, prev_hash=prev, kind=kind, at=at,
                        actor_id=actor, actor_role=role, case_id=case_id, batch_id=batch_id,
                        payload=payload, event_id=new_id())
        prev = row["hash"]
        row["created_at"] = row["updated_at"] = at
        w.add(Event, row)
        st["events"] += 1

    def take(kind: str, day: date) -> str:
        key = (kind, f"{day:%y%m%d}")
        counters[key] = counters.get(key, 0) + 1
        return format_number(day, kind, ctx.terminal, counters[key])

    done = 0
    w = _Writer(ctx)
    for day, n in zip(day_list, quota, strict=True):
        age = (today - day).days
        batches: dict[tuple[str, bool], dict[str, Any]] = {}
        for _ in range(n):
            ver = rng.choices(versions, weights)[0]
            _one_case(ctx, w, rng, ver, day, age, clerks, approvers, batches, take, ev, due)
            done += 1
            st["cases"] += 1
        st["batches"] += len(batches)
        if len(w.rows[CaseFile]) >= CHUNK:
            w.commit(counters)
            if progress:
                progress(done)
    w.commit(counters)
    if progress:
        progress(done)
    return DemoSummary(st["cases"], st["events"], st["batches"], staff_made)


def _one_case(ctx, w, rng, ver, day, age, clerks, approvers, batches, take, ev, due) -> None:  # type: ignore[no-untyped-def]
    term = ctx.terminal
    clerk = rng.choice(clerks[ver.window_code])
    at = datetime.combine(day, time(8, 30)) + timedelta(seconds=rng.randrange(8 * 3600))
    case_id, case_no = new_id(), take(KIND_CASE, day)
    org = rng.random() < (0.6 if ver.window_code in ("SCZR", "JSGC") else 0.1)
    agent = rng.random() < 0.15
    roll = rng.random()
    if roll < 0.12:
        outcome = "awaiting_supplement"
    elif roll < 0.16:
        outcome = "not_accepted"
    elif ver.front_desk_can_finish and roll < 0.5:
        outcome = "finished"
    else:
        outcome = "accepted"
    mats = []
    problems = 0
    for req in ver.materials:
        cond = req.requirement == "conditional"
        applies = not cond or (req.condition_key == "agent" and agent) or (
            req.condition_key == "organisation" and org) or (
            req.condition_key == "person" and not org) or (
            req.condition_key not in ("agent", "organisation", "person") and rng.random() < 0.3)
        state = "received" if applies else "not_applicable"
        if req.requirement == "optional" and rng.random() < 0.5:
            state = "not_applicable"
        reason = ""
        if outcome == "awaiting_supplement" and state == "received" and (
                problems == 0 or rng.random() < 0.2) and req.requirement != "optional":
            state = rng.choice(["missing", "defective"])
            reason = rng.choice(DEFECT_REASONS) if state == "defective" else ""
            problems += 1
        got = state == "received"
        mats.append({
            "id": new_id(), "created_at": at, "updated_at": at, "origin_terminal": term,
            "case_id": case_id, "requirement_id": req.id, "seq": req.seq, "name": req.name,
            "requirement": "required" if cond and applies else req.requirement,
            "state": state, "form": req.form if got else "", "copies": req.copies if got else 0,
            "pages": (req.pages_hint or rng.randint(1, 4)) * req.copies if got else 0,
            "reason": reason, "supplied_at": at if got else None,
        })
    if outcome == "awaiting_supplement" and problems == 0:
        outcome = "accepted"
    status, accepted_on, closed = outcome, None, None
    promised = statutory = None
    if outcome in ("accepted", "finished"):
        accepted_on = day
        promised, statutory = due(day, ver.promised_days), due(day, ver.statutory_days)
    if outcome in ("not_accepted", "finished"):
        closed = at + timedelta(minutes=10)
    dep_approvers = approvers.get(ver.window_code) or [None]
    approver = rng.choice(dep_approvers)
    if outcome == "accepted" and age >= 1 and ver.kind == "committed":
        status = _progress(rng, age)
    if outcome == "awaiting_supplement" and age > 10 and rng.random() < 0.7:
        status = "not_accepted"  # never came back; closed as not accepted for the demo
        closed = at + timedelta(days=10)
    if org:
        name, id_no, id_type = people.org_name(rng), people.credit_code(rng), "credit_code"
        legal = people.person_name(rng)
    else:
        name, id_no, id_type, legal = people.person_name(rng), people.resident_id(rng), "resident_id", ""
    w.add(CaseFile, {
        "id": case_id, "created_at": at, "updated_at": at, "origin_terminal": term,
        "case_no": case_no, "item_version_id": ver.id, "item_code": ver.code,
        "window_code": ver.window_code, "department_code": ver.department_code,
        "clerk_id": clerk, "co_clerk_id": None, "status": status, "is_training": False,
        "applicant_kind": "organisation" if org else "person", "applicant_name": name,
        "applicant_id_type": id_type, "applicant_id_no": id_no, "legal_rep": legal,
        "contact_name": legal, "phone": people.mobile(rng), "address": people.address(rng),
        "agent_name": people.person_name(rng) if agent else "",
        "agent_id_no": people.resident_id(rng) if agent else "",
        "agent_phone": people.mobile(rng) if agent else "",
        "delivery": rng.choice(["窗口领取", "窗口领取", "邮寄送达"]), "override_note": "",
        "received_at": at, "received_on": day, "accepted_on": accepted_on,
        "promised_due": promised, "statutory_due": statutory, "deemed_accepted": False,
        "not_accepted_reason": "不属于本中心受理范围" if status == "not_accepted" else "",
        "redirect_to": "请到县相关部门咨询办理" if status == "not_accepted" else "",
        "closed_at": closed if status in ("not_accepted", "finished", "issued") else None,
    })
    for m in mats:
        w.add(CaseMaterial, m)
    ev(w, "received", at, clerk, "clerk", case_id, case_no=case_no, item=ver.code)
    first = {"accepted": "accepted", "finished": "finished",
             "awaiting_supplement": "notice_issued", "not_accepted": "not_accepted"}[outcome]
    ev(w, first, at + timedelta(minutes=5), clerk, "clerk", case_id)
    ev(w, "printed", at + timedelta(minutes=6), clerk, "clerk", case_id,
       doc={"accepted": "acceptance", "finished": "acceptance",
            "awaiting_supplement": "one_time_notice", "not_accepted": "not_accepted"}[outcome])
    if status in ("in_handoff", "with_approver", "approved", "issued", "returned", "denied"):
        signed = status != "in_handoff"
        b = batches.get((ver.department_code, signed))
        if b is None:
            bid = new_id()
            b_at = datetime.combine(day, time(16, 30))
            b = batches[(ver.department_code, signed)] = {"id": bid, "row": {
                "id": bid, "created_at": b_at, "updated_at": b_at, "origin_terminal": term,
                "batch_no": take(KIND_BATCH, day), "department_code": ver.department_code,
                "window_code": ver.window_code, "clerk_id": clerk,
                "status": "signed" if signed else "open",
                "signed_by_id": approver if signed else None,
                "signed_at": b_at + timedelta(hours=17) if signed else None,
            }}
            w.add(HandoffBatch, b["row"])  # before its items: they reference it
        batch_at = b["row"]["created_at"]
        w.add(HandoffItem, {
            "id": new_id(), "created_at": batch_at, "updated_at": batch_at,
            "origin_terminal": term, "batch_id": b["id"], "case_id": case_id,
            "material_count": sum(1 for m in mats if m["state"] == "received"),
            "page_count": sum(m["pages"] for m in mats),
            "state": "pending" if status == "in_handoff" else "signed", "discrepancy": "",
        })
        ev(w, "batched", batch_at, clerk, "clerk", case_id, b["id"])
        if status != "in_handoff":
            ev(w, "signed", batch_at + timedelta(hours=17), approver, "approver", case_id, b["id"])
        if status in ("approved", "issued", "denied"):
            decided = day + timedelta(days=min(age, 3))
            w.add(CaseDecision, {
                "id": new_id(), "created_at": at, "updated_at": at, "origin_terminal": term,
                "case_id": case_id, "outcome": "denied" if status == "denied" else "approved",
                "decision_no": f"罗审〔{day.year}〕{rng.randrange(1, 9999)}号",
                "decided_on": decided,
                "reason": "申请人不符合法定条件" if status == "denied" else "",
                "approver_id": approver,
            })
            ev(w, "decided", datetime.combine(decided, time(15)), approver, "approver", case_id)
        if status == "issued":
            ev(w, "issued", at + timedelta(days=min(age, 5)), clerk, "clerk", case_id)
    if status in ("finished", "issued") and rng.random() < 0.3:
        grade = rng.choices([5, 4, 3, 2, 1], [70, 20, 6, 3, 1])[0]
        w.add(Evaluation, {
            "id": new_id(), "created_at": at, "updated_at": at, "origin_terminal": term,
            "case_id": case_id, "grade": grade, "comment": "", "channel": "screen",
            "rated_at": at + timedelta(minutes=15),
            "followup_due": due(day, 15) if grade <= 2 else None,
            "followup_status": "open" if grade <= 2 else "", "followup_note": "",
            "contest_reason": "",
        })
    if rng.random() < 0.2:
        w.add(Consultation, {
            "id": new_id(), "created_at": at, "updated_at": at, "origin_terminal": term,
            "staff_id": clerk, "window_code": ver.window_code, "item_code": ver.code,
            "topic": f"咨询{ver.name}所需材料", "case_id": None,
            "outcome": rng.choice(["answered", "prechecked", "sent_to_window", "helped_fill"]),
            "at": at - timedelta(minutes=20),
        })


def _progress(rng: random.Random, age: int) -> str:
    if age == 1:
        return rng.choices(["in_handoff", "with_approver"], [6, 4])[0]
    if age <= 3:
        return rng.choices(["with_approver", "approved", "returned"], [6, 3, 1])[0]
    return rng.choices(["issued", "approved", "denied", "with_approver"], [80, 10, 3, 7])[0]
