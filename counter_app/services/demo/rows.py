"""The rows of demo cases, made as plain tuples in column order.

A million cases are about 30 million rows: per-row dicts, ORM attribute access and value
conversion cost more than SQLite's own work, so everything the loop needs is extracted into
plain data once (``Plan``) and each row is built as the tuple the INSERT binds. Datetimes are
stored as the text SQLAlchemy's SQLite ``DateTime`` writes ('YYYY-MM-DD HH:MM:SS.ffffff'),
dates as ISO text, booleans as 0/1. ``Plan`` holds no database objects, so the rows can be
made in another process.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from ..intake.numbering import KIND_BATCH, KIND_CASE, format_number
from . import people
from .ids import OrderedIds
from .seal import seal_chunk

DEFECT_REASONS = ["复印件不清晰", "缺少签字或盖章", "证件已过有效期", "信息与申请表不一致",
                  "材料页数不全"]
CHUNK = 5000  # cases per transaction (whole days, so a batch never spans two)
RECEIVING, DAY_SECONDS = time(8, 30), 8 * 3600  # cases are received from 08:30 for 8 hours
# Today's cases end this long before now: what follows a receipt (its close, a rating a
# quarter of an hour later) is then not in the future either.
TODAY_MARGIN_S = 20 * 60

# Column order of each table's tuples; parents before children (foreign keys, sync order).
BASE = ("id", "created_at", "updated_at", "origin_terminal")
COLUMNS: dict[str, tuple[str, ...]] = {
    "case_file": (
        *BASE, "case_no", "item_version_id", "item_code", "window_code", "department_code", "clerk_id",
        "co_clerk_id", "status", "is_training", "applicant_kind", "applicant_name",
        "applicant_id_type", "applicant_id_no", "legal_rep", "contact_name", "phone", "address",
        "agent_name", "agent_id_no", "agent_phone", "delivery", "override_note", "received_at",
        "received_on", "accepted_on", "promised_due", "statutory_due", "deemed_accepted",
        "not_accepted_reason", "redirect_to", "closed_at", "fee_tier", "audit_rev"),
    "case_material": (
        *BASE, "case_id", "requirement_id", "seq", "name", "requirement", "state", "form", "copies",
        "pages", "reason", "supplied_at"),
    # The one-time notices issued (what they listed), so `print` reprints them as issued.
    "notice": (
        *BASE, "case_id", "kind", "issued_at", "issued_by_id", "content", "doc_no", "doc",
        "sha256"),
    "handoff_batch": (
        *BASE, "batch_no", "department_code", "window_code", "clerk_id", "status", "signed_by_id",
        "signed_at", "audit_rev"),
    "handoff_item": (
        *BASE, "batch_id", "case_id", "material_count", "page_count", "state", "discrepancy"),
    "case_decision": (
        *BASE, "case_id", "outcome", "decision_no", "decided_on", "reason", "approver_id"),
    "case_return": (
        *BASE, "case_id", "clerk_id", "item_code", "approver_id", "reason", "returned_at"),
    "issuance": (
        *BASE, "case_id", "method", "collector_name", "collector_id_no", "by_agent",
        "authorization_checked", "tracking_no", "collector_phone", "issued_at", "issued_by_id"),
    "evaluation": (
        *BASE, "case_id", "grade", "comment", "channel", "rated_at", "followup_due", "followup_status",
        "followup_note", "contest_reason", "ticket_id"),
    "consultation": (
        *BASE, "staff_id", "window_code", "item_code", "topic", "case_id", "outcome", "at"),
    "event_log": (
        *BASE, "terminal_code", "seq", "at", "kind", "case_id", "batch_id", "actor_id", "actor_role",
        "payload", "prev_hash", "hash", "state"),
    # The queue's demo tickets (demo_queue), written by the same writer.
    "queue_letter": (*BASE, "window_code", "letter"),
    "queue_ticket": (
        *BASE, "day", "ticket_no", "letter", "seq", "window_code", "item_code", "priority",
        "priority_note", "issued_at", "issued_by_id", "queued_at", "status", "to_desk", "transfers",
        "desk_no", "first_called_at", "first_desk", "first_window_code", "called_at", "calls",
        "served_by_id", "done_at", "rating_key"),
    # Today's open desks and the acts on today's tickets (demo_queue_today), after the tickets.
    "queue_desk": (*BASE, "no", "groups", "is_open", "staff_id", "terminal", "changed_at"),
    "queue_act": (*BASE, "ticket_id", "kind", "at", "desk_no", "window_code", "staff_id", "note"),
}

# How a conditional material applies: always, to agents, organisations, persons, or by chance;
# never when its issuer shares it (免提交, as intake resolves it: not asked for).
ALWAYS, AGENT, ORG, PERSON, CHANCE, WAIVED = range(6)
_CONDITIONS = {"agent": AGENT, "organisation": ORG, "person": PERSON}


@dataclass(frozen=True, slots=True)
class Req:
    id: str
    seq: int
    name: str
    # As catalogued: required / optional / conditional; a waived one is kept as intake's
    # checklist keeps it (conditional, not applicable).
    requirement: str
    applies: int  # ALWAYS, AGENT, ORG, PERSON, CHANCE or WAIVED
    form: str
    copies: int
    pages_hint: int | None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    code: str
    name: str
    window_code: str
    department_code: str
    kind: str
    front_desk_can_finish: bool
    promised_days: int
    statutory_days: int
    materials: tuple[Req, ...]
    promised_unit: str = "workday"
    statutory_unit: str = "workday"


def item_from_version(ver: Any) -> Item:
    reqs = tuple(
        Req(r.id, r.seq, r.name, "conditional", WAIVED, r.form, r.copies, r.pages_hint)
        if r.shared else
        Req(r.id, r.seq, r.name, r.requirement,
            _CONDITIONS.get(r.condition_key, CHANCE) if r.requirement == "conditional" else ALWAYS,
            r.form, r.copies, r.pages_hint)
        for r in ver.materials)
    return Item(ver.id, ver.code, ver.name, ver.window_code, ver.department_code, ver.kind,
                bool(ver.front_desk_can_finish), ver.promised_days, ver.statutory_days, reqs,
                ver.promised_unit or "workday", ver.statutory_unit or "workday")


@dataclass
class Plan:
    """Everything the generator needs, as plain picklable data."""

    terminal: str
    seed: int
    items: list[Item]
    weights: list[int]
    clerks: dict[str, list[str]]
    approvers: dict[str, list[str]]
    days: list[date]  # oldest first
    quota: list[int]
    today: date
    dues: dict[tuple[date, int, str], date]  # (day, days, unit) -> due date
    seq: int  # the chain head of this terminal
    prev_hash: str
    counters: dict[tuple[str, str], int] = field(default_factory=dict)
    today_seconds: int = DAY_SECONDS  # today's cases are received this long after 08:30


@dataclass
class Chunk:
    """One transaction's rows, and the number counters and totals after them."""

    rows: dict[str, list[tuple[Any, ...]]]
    counters: dict[tuple[str, str], int]  # (kind, YYMMDD) -> last, for the keys used since
    cases: int
    events: int
    batches: int


def _dt(v: datetime) -> str:
    return v.isoformat(" ", "microseconds")


def _supplied(mats: list[tuple[Any, ...]], reqs: dict[str, Any], at_s: str) -> list[tuple[Any, ...]]:
    """The case's material rows after the applicant handed in what was missing or defective."""
    out = []
    for m in mats:
        if m[9] in ("missing", "defective"):
            req = reqs[m[5]]
            pages = (req.pages_hint or 1) * req.copies
            m = (*m[:9], "received", req.form, req.copies, pages, m[13], at_s)
        out.append(m)
    return out


_FIRST = {"accepted": "accepted", "finished": "finished",
          "awaiting_supplement": "notice_issued", "not_accepted": "not_accepted"}
_DOC = {k: json.dumps({"doc": v}, ensure_ascii=False, sort_keys=True) for k, v in {
    "accepted": "acceptance", "finished": "acceptance",
    "awaiting_supplement": "one_time_notice", "not_accepted": "not_accepted",
    "supplemented": "supplement_receipt"}.items()}
_DELIVERY = COLUMNS["case_file"].index("delivery")
RETURN_REASONS = ("申请书签字页缺少申请人签名", "复印件与原件核对不一致，请重新核验",
                  "材料中的证件已过有效期", "授权委托书未写明委托权限")
_BATCHED = {"in_handoff", "with_approver", "approved", "issued", "returned", "denied"}
_GRADES, _GRADE_CUM = [5, 4, 3, 2, 1], list(accumulate([70, 20, 6, 3, 1]))
# Where an accepted case is after ``age`` days, while its promise still runs (1: a day old,
# 3: two or three days, 0: older), and once the promised date has passed ("due"): a real hall
# decides almost every case within its promise, so very few are still open (and overdue).
_PROGRESS = {
    1: (["in_handoff", "with_approver"], list(accumulate([6, 4]))),
    3: (["with_approver", "approved", "returned"], list(accumulate([6, 3, 1]))),
    0: (["issued", "approved", "denied", "with_approver"], list(accumulate([80, 10, 3, 7]))),
    "due": (["issued", "approved", "denied", "with_approver"], list(accumulate([88, 8, 3, 1]))),
}


class CaseMaker:
    """Makes the rows of one case after another; owns the chain head and the counters."""

    def __init__(self, plan: Plan, ids: Callable[[], str] | None = None) -> None:
        self.p = plan
        self.rng = random.Random(plan.seed)
        self.ids = ids or OrderedIds()
        # The current case's (id, clerk, applicant, id no., delivery, is org, legal rep), for
        # its issuance row.
        self._facts: tuple[Any, ...] = ()
        self.seq, self.prev = plan.seq, plan.prev_hash
        self.counters = dict(plan.counters)
        self.touched: set[tuple[str, str]] = set()
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}
        self.events = self.batches = 0
        self.cum_weights = list(accumulate(plan.weights))
        # Today's present moment, for what may not lie after it (a supplement back today).
        self.now = datetime.combine(plan.today, RECEIVING) + timedelta(
            seconds=plan.today_seconds + TODAY_MARGIN_S)

    def take(self, kind: str, day: date) -> str:
        key = (kind, f"{day:%y%m%d}")
        n = self.counters[key] = self.counters.get(key, 0) + 1
        self.touched.add(key)
        return format_number(day, kind, self.p.terminal, n)

    def event(self, kind: str, at: datetime, actor: str | None, role: str, case_id: str | None,
              batch_id: str | None = None, payload: str = "{}") -> None:
        """Appends an event to the chain. Its hash (and its successors' ``prev_hash``) are
        written by ``seal_chunk`` once the chunk's rows are complete, as the app's seal at
        commit does: only the chunk's first ``prev_hash`` (the head so far) is real here."""
        self.seq += 1
        eid, term, prev = self.ids(), self.p.terminal, self.prev
        h = eid  # a placeholder, unique: replaced in seal_chunk
        at_s = _dt(at)
        self.rows["event_log"].append((eid, at_s, at_s, term, term, self.seq, at_s, kind, case_id,
                                       batch_id, actor, role, payload, prev, h, None))
        self.prev = h
        self.events += 1

    def day(self, day: date, n: int) -> None:
        age = (self.p.today - day).days
        batches: dict[tuple[str, bool], tuple[str, str]] = {}
        rng, items, cum = self.rng, self.p.items, self.cum_weights
        for _ in range(n):
            self.case(rng.choices(items, cum_weights=cum)[0], day, age, batches)
        self.batches += len(batches)

    def take_chunk(self, cases: int) -> Chunk:
        rows, self.rows = self.rows, {t: [] for t in COLUMNS}
        head = seal_chunk(rows, COLUMNS)  # as the app would have sealed them
        if head:
            self.prev = head
        counters = {k: self.counters[k] for k in self.touched}
        self.touched = set()
        return Chunk(rows, counters, cases, self.events, self.batches)

    def case(self, ver: Item, day: date, age: int, batches: dict[tuple[str, bool], tuple[str, str]]
             ) -> None:
        rng, rand, term, ids, p = self.rng, self.rng.random, self.p.terminal, self.ids, self.p
        clerk = rng.choice(p.clerks[ver.window_code])
        at = datetime.combine(day, RECEIVING) + timedelta(
            seconds=rng.randrange(p.today_seconds if age == 0 else DAY_SECONDS))
        at_s = _dt(at)
        case_id, case_no = ids(), self.take(KIND_CASE, day)
        org = rand() < (0.6 if ver.window_code in ("SCZR", "JSGC") else 0.1)
        agent = rand() < 0.15
        roll = rand()
        if roll < 0.12:
            outcome = "awaiting_supplement"
        elif roll < 0.16:
            outcome = "not_accepted"
        elif ver.front_desk_can_finish and roll < 0.5:
            outcome = "finished"
        else:
            outcome = "accepted"
        mats: list[tuple[Any, ...]] = []
        problems = received = pages_total = 0
        supplement = outcome == "awaiting_supplement"
        for req in ver.materials:
            a = req.applies
            applies = a == ALWAYS or (a == AGENT and agent) or (a == ORG and org) or (
                a == PERSON and not org) or (a == CHANCE and rand() < 0.3)
            state = "received" if applies else "not_applicable"
            if req.requirement == "optional" and rand() < 0.5:
                state = "not_applicable"
            reason = ""
            if supplement and state == "received" and (
                    problems == 0 or rand() < 0.2) and req.requirement != "optional":
                state = rng.choice(["missing", "defective"])
                reason = rng.choice(DEFECT_REASONS) if state == "defective" else ""
                problems += 1
            requirement = "required" if a != ALWAYS and applies else req.requirement
            if state == "received":
                pages = (req.pages_hint or rng.randint(1, 4)) * req.copies
                received += 1
                pages_total += pages
                mats.append((ids(), at_s, at_s, term, case_id, req.id, req.seq, req.name,
                             requirement, state, req.form, req.copies, pages, reason, at_s))
            else:
                mats.append((ids(), at_s, at_s, term, case_id, req.id, req.seq, req.name,
                             requirement, state, "", 0, 0, reason, None))
        if supplement and problems == 0:
            outcome = "accepted"
        status, accepted_on, closed = outcome, None, None
        promised = statutory = None
        if outcome in ("accepted", "finished"):
            accepted_on = day.isoformat()
            promised = p.dues[(day, ver.promised_days, ver.promised_unit)].isoformat()
            statutory = p.dues[(day, ver.statutory_days, ver.statutory_unit)].isoformat()
        if outcome in ("not_accepted", "finished"):
            closed = at + timedelta(minutes=10)
        approver = rng.choice(p.approvers.get(ver.window_code) or [None])
        if outcome == "accepted" and age >= 1:  # every accepted case goes on, not only 承诺件
            due = p.dues[(day, ver.promised_days, ver.promised_unit)]
            stage = "due" if due < p.today else 1 if age == 1 else 3 if age <= 3 else 0
            names, cum = _PROGRESS[stage]
            status = rng.choices(names, cum_weights=cum)[0]
        if supplement and age > 10 and rand() < 0.7:
            status = "not_accepted"  # never came back; closed as not accepted for the demo
            closed = at + timedelta(days=10)
        back = None
        if (supplement and problems and status == "awaiting_supplement" and int(case_no[-1]) % 4 == 0
                and (age or at + timedelta(hours=2, minutes=3) <= self.now)):
            # Came back that afternoon with everything (no draw from rng: the other cases stay
            # as they were): the notice stands as issued, the supplement has its own receipt.
            back = at + timedelta(hours=2)
            mats = _supplied(mats, {r.id: r for r in ver.materials}, _dt(back))
            status, accepted_on = "accepted", day.isoformat()
            promised = p.dues[(day, ver.promised_days, ver.promised_unit)].isoformat()
            statutory = p.dues[(day, ver.statutory_days, ver.statutory_unit)].isoformat()
        if org:
            name, id_no, id_type = people.org_name(rng), people.credit_code(rng), "credit_code"
            legal = people.person_name(rng)
        else:
            name, id_no, id_type = people.person_name(rng), people.resident_id(rng), "resident_id"
            legal = ""
        refused = status == "not_accepted"
        closed_at = self._closed(status, closed, day, age)
        rows = self.rows
        rows["case_file"].append((
            case_id, at_s, at_s, term, case_no, ver.id, ver.code, ver.window_code,
            ver.department_code, clerk, None, status, 0, "organisation" if org else "person",
            name, id_type, id_no, legal, legal, people.mobile(rng), people.address(rng),
            people.person_name(rng) if agent else "", people.resident_id(rng) if agent else "",
            people.mobile(rng) if agent else "", rng.choice(["窗口领取", "窗口领取", "邮寄送达"]),
            "", at_s, day.isoformat(), accepted_on, promised, statutory, 0,
            "不属于本中心受理范围" if refused else "", "请到县相关部门咨询办理" if refused else "",
            _dt(closed_at) if closed_at is not None else None, "", 0))
        rows["case_material"].extend(mats)
        if supplement and problems:
            listed = [{"name": m[7], "state": m[9], "reason": m[13]} for m in mats
                      if m[9] in ("missing", "defective")]
            rows["notice"].append((
                ids(), at_s, at_s, term, case_id, "one_time_notice",
                _dt(at + timedelta(minutes=5)), clerk,
                json.dumps(listed, ensure_ascii=False), "", "", ""))
        self._facts = (case_id, clerk, name, id_no, rows["case_file"][-1][_DELIVERY], org, legal)
        ev = self.event
        ev("received", at, clerk, "clerk", case_id, payload=json.dumps(
            {"case_no": case_no, "item": ver.code}, ensure_ascii=False, sort_keys=True))
        ev(_FIRST[outcome], at + timedelta(minutes=5), clerk, "clerk", case_id)
        ev("printed", at + timedelta(minutes=6), clerk, "clerk", case_id, payload=_DOC[outcome])
        if back is not None:
            ev("supplemented", back, clerk, "clerk", case_id)
            ev("printed", back + timedelta(minutes=1), clerk, "clerk", case_id,
               payload=_DOC["supplemented"])
            ev("accepted", back + timedelta(minutes=2), clerk, "clerk", case_id)
            ev("printed", back + timedelta(minutes=3), clerk, "clerk", case_id,
               payload=_DOC["accepted"])
        if status in _BATCHED:
            self._handoff(ver, day, age, at, at_s, status, clerk, approver, case_id, batches,
                          received, pages_total)
        if status in ("finished", "issued") and rand() < 0.3:
            grade = rng.choices(_GRADES, cum_weights=_GRADE_CUM)[0]
            low = grade <= 2
            rows["evaluation"].append((
                ids(), at_s, at_s, term, case_id, grade, "", "screen",
                _dt(at + timedelta(minutes=15)), p.dues[(day, 15, "workday")].isoformat() if low else None,
                "open" if low else "", "", "", None))
        if rand() < 0.2:
            rows["consultation"].append((
                ids(), at_s, at_s, term, clerk, ver.window_code, ver.code, f"咨询{ver.name}所需材料",
                None, rng.choice(["answered", "prechecked", "sent_to_window", "helped_fill"]),
                _dt(at - timedelta(minutes=20))))

    def _closed(self, status: str, closed: datetime | None, day: date, age: int) -> datetime | None:
        """When the case closed, as the services close one: not accepted or finished at the
        counter, denied at the decision, issued when collected; open cases have none."""
        if status in ("not_accepted", "finished"):
            return closed
        if status == "denied":
            return datetime.combine(self.decided_on(day, age), time(15))
        if status == "issued":
            return self.issued_at(day, age)
        return None

    def decided_on(self, day: date, age: int) -> date:
        """A day after the case was signed for (16:30 + 17 h), at most three; never today's
        future (``age`` >= 1 here)."""
        return day + timedelta(days=max(1, min(age - 1, 3)))

    def issued_at(self, day: date, age: int) -> datetime:
        """Collected the day after the decision (or that day, when it was yesterday)."""
        decided = self.decided_on(day, age)
        collect = decided + timedelta(days=1) if decided + timedelta(days=1) < self.p.today else decided
        return datetime.combine(collect, time(16))

    def _handoff(self, ver: Item, day: date, age: int, at: datetime, at_s: str, status: str,
                 clerk: str, approver: str | None, case_id: str,
                 batches: dict[tuple[str, bool], tuple[str, str]], received: int, pages: int
                 ) -> None:
        term, rows = self.p.terminal, self.rows
        signed = status != "in_handoff"
        batch_at = datetime.combine(day, time(16, 30))
        b = batches.get((ver.department_code, signed))
        if b is None:
            bid, b_s = self.ids(), _dt(batch_at)
            b = batches[(ver.department_code, signed)] = (bid, b_s)
            rows["handoff_batch"].append((  # before its items: they reference it
                bid, b_s, b_s, term, self.take(KIND_BATCH, day), ver.department_code,
                ver.window_code, clerk, "signed" if signed else "open",
                approver if signed else None,
                _dt(batch_at + timedelta(hours=17)) if signed else None, 0))
        bid, b_s = b
        rows["handoff_item"].append((self.ids(), b_s, b_s, term, bid, case_id, received, pages,
                                     "signed" if signed else "pending", ""))
        self.event("batched", batch_at, clerk, "clerk", case_id, bid)
        if signed:
            self.event("signed", batch_at + timedelta(hours=17), approver, "approver", case_id, bid)
        if status in ("approved", "issued", "denied"):
            decided = self.decided_on(day, age)
            denied = status == "denied"
            rows["case_decision"].append((
                self.ids(), at_s, at_s, term, case_id, "denied" if denied else "approved",
                f"罗审〔{day.year}〕{self.rng.randrange(1, 9999)}号", decided.isoformat(),
                "申请人不符合法定条件" if denied else "", approver))
            self.event("decided", datetime.combine(decided, time(15)), approver, "approver",
                       case_id)
        if status == "returned":
            rows["case_return"].append((
                self.ids(), at_s, at_s, term, case_id, clerk, ver.code, approver or clerk,
                RETURN_REASONS[len(rows["case_return"]) % len(RETURN_REASONS)],
                _dt(batch_at + timedelta(hours=20))))
        if status == "issued":
            when = self.issued_at(day, age)
            _cid, _clerk, name, id_no, delivery, org, legal = self._facts
            post = delivery == "邮寄送达"
            rows["issuance"].append((
                self.ids(), at_s, at_s, term, case_id, "post" if post else "in_person",
                "" if post else (legal if org else name), "" if post or org else id_no,
                bool(org and not post), bool(org and not post),
                f"EM{case_id[-9:].replace('-', '')[:9].upper()}CN" if post else "", "",
                _dt(when), clerk))
            self.event("issued", when, clerk, "clerk", case_id)


def chunks(plan: Plan, ids: Callable[[], str] | None = None, chunk: int = CHUNK) -> Iterator[Chunk]:
    """The plan's cases, oldest day first, in chunks of whole days."""
    maker = CaseMaker(plan, ids)
    cases = pending = 0
    for day, n in zip(plan.days, plan.quota, strict=True):
        maker.day(day, n)
        cases += n
        pending += n
        if pending >= chunk:
            yield maker.take_chunk(cases)
            pending = 0
    if pending or not cases:
        yield maker.take_chunk(cases)
