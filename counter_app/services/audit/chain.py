"""Checking the event log's hash chains: was anything changed, deleted, inserted, reordered?

Each terminal's chain is walked in ``seq`` order. An event must (1) hash to its stored hash
from its own content and its ``prev_hash`` and (2) link to the event before it. Where an
event fails, its content is re-tried at neighbouring positions to tell a move (reordering,
or a shift caused by an insertion) from an edit. The first problem of each chain is named.

The one walker (``walk_chains``) serves both ``verify_chains`` (tests, the hall flow) and
``verify-audit`` (``audit_check``): SQLite writes each event's canonical JSON and the log is
read in rowid (storage) order, a range at a time, hashed and stitched per terminal; only a
chain that does not stitch is read again in ``seq`` order by ``check_chain``, which tells
storage order from tampering and holds the rule for a PC holding part of the hall.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Event
from .events import GENESIS, event_digest, hashed_fields

KIND_LABELS = {"changed": "被修改", "deleted": "被删除", "inserted": "被插入", "reordered": "顺序被调换"}


@dataclass(frozen=True)
class ChainProblem:
    terminal: str
    seq: int
    event_id: str | None
    kind: str  # changed / deleted / inserted / reordered
    detail: str

    def __str__(self) -> str:
        who = f"事件 {self.event_id}" if self.event_id else "事件"
        return (f"终端 {self.terminal} 第 {self.seq} 条{who}{KIND_LABELS[self.kind]}：{self.detail}")


@dataclass(frozen=True)
class AuditReport:
    chains: int
    events: int
    problems: tuple[ChainProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _verifies(ev: Event, seq: int) -> bool:
    fields = hashed_fields(ev)
    fields["seq"] = seq
    return event_digest(ev.prev_hash, fields) == ev.hash


def check_chain(terminal: str, events: list[Event], partial: bool = False) -> ChainProblem | None:
    """``partial``: a PC that holds only part of the hall (``hall/scope.py``) holds only
    some of another terminal's events; each is still checked against its own hash, and the
    links between neighbours it holds, but a gap is not a deletion (the hall has the
    whole chain)."""
    expected_seq, expected_prev = 1, GENESIS
    for i, ev in enumerate(events):
        if partial and ev.seq > expected_seq:
            expected_prev = ev.prev_hash  # a gap: what came before is not held here
        elif ev.seq > expected_seq:
            return ChainProblem(terminal, expected_seq, None, "deleted",
                                f"序号 {expected_seq} 至 {ev.seq - 1} 缺失（在 {ev.id} 之前）")
        if not _verifies(ev, ev.seq):
            for d in (1, -1, 2, -2, 3, -3):
                if _verifies(ev, ev.seq + d):
                    if d < 0:  # pushed down the chain: something was put in before it
                        j = i - 1
                        while j > 0 and events[j].prev_hash != ev.prev_hash:
                            j -= 1
                        bad = events[j] if j >= 0 else ev
                        return ChainProblem(terminal, bad.seq, bad.id, "inserted",
                                            f"此事件不属于原始记录，其后事件被顺延（原序号 {ev.seq + d}）")
                    return ChainProblem(terminal, ev.seq, ev.id, "reordered",
                                        f"此事件原为第 {ev.seq + d} 条")
            return ChainProblem(terminal, ev.seq, ev.id, "changed", "内容与其哈希值不符")
        if ev.prev_hash != expected_prev:
            if i > 0 and events[i - 1].prev_hash == ev.prev_hash:
                prior = events[i - 1]
                return ChainProblem(terminal, prior.seq, prior.id, "inserted",
                                    "此事件与下一事件指向同一前驱：为后来插入")
            return ChainProblem(terminal, ev.seq, ev.id, "changed",
                                "与前一事件的链接断开：前一事件被修改或此前有事件被删除")
        expected_seq, expected_prev = ev.seq + 1, ev.hash
    return None


def is_partial(terminal: str, whole: frozenset[str] | None) -> bool:
    """The rule for a PC holding part of the hall (``whole``: its own terminal codes):
    another terminal's chain is held there only in part. ``whole=None``: every chain whole."""
    return whole is not None and terminal not in whole


# -- the one walker, over SQLite ------------------------------------------------------------

def event_json(conn: sqlite3.Connection) -> str:
    """SQL writing the JSON ``events.hashed_fields`` makes (keys sorted, compact)."""
    have = {r[1] for r in conn.execute('PRAGMA table_info("event_log")')}
    state = "state" if "state" in have else "NULL"
    common = ("'actor',actor_id,'at',replace(at,' ','T'),'batch',batch_id,'case',case_id,{c}"
              "'id',id,'kind',kind,'payload',payload,'role',actor_role,'seq',seq,{s}"
              "'terminal',terminal_code")
    v1 = common.format(c="", s="")
    v2 = common.format(c="'created',replace(created_at,' ','T'),", s="'state',state,")
    if state == "NULL":  # a database from before the seal: every event hashes as v1
        v2 = v1
    return f"CASE WHEN {state} IS NULL THEN json_object({v1}) ELSE json_object({v2}) END"


def event_sql(conn: sqlite3.Connection, where: str = "rowid BETWEEN ? AND ?") -> str:
    """Per event: terminal, seq, prev_hash, hash, state and the exact bytes its hash covers
    (``prev_hash + JSON`` as UTF-8, made by SQLite: no Python string per event)."""
    have = {r[1] for r in conn.execute('PRAGMA table_info("event_log")')}
    state = "state" if "state" in have else "NULL"
    return (f"SELECT terminal_code, seq, prev_hash, hash, {state}, "
            f"CAST(prev_hash || {event_json(conn)} AS BLOB) FROM event_log WHERE {where}")


@dataclass
class ChainPart:
    """One rowid range of the log, checked on its own (in a worker process for a big log):
    per terminal [first seq, its prev_hash, last seq, last hash, still good]."""

    terminals: dict[str, list[Any]]
    sealed: set[str]  # ``c<id>`` / ``b<id>`` of every seal in the range
    events: int


def read_part(conn: sqlite3.Connection, lo: int, hi: int) -> ChainPart:
    """Every event with rowid in [lo, hi], re-hashed in storage order."""
    per: dict[str, list[Any]] = {}
    sealed: set[str] = set()
    sha = hashlib.sha256
    n = 0
    cur = conn.execute(event_sql(conn), (lo, hi))
    while True:
        batch = cur.fetchmany(20_000)
        if not batch:
            break
        n += len(batch)
        for term, seq, prev, h, state, body in batch:
            t = per.get(term)
            if t is None:
                t = per[term] = [seq, prev, seq - 1, prev, True]
            if state:
                sealed.update(e.split(":", 1)[0] for e in state.split(" "))
            if t[4] and (seq != t[2] + 1 or prev != t[3] or sha(body).hexdigest() != h):
                t[4] = False  # out of order here, or broken: the ordered check decides
            t[2], t[3] = seq, h
    return ChainPart(per, sealed, n)


@dataclass
class ChainWalk:
    chains: int = 0
    events: int = 0
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)  # terminal -> (seq, hash)
    sealed: set[str] = field(default_factory=set)
    problems: list[ChainProblem] = field(default_factory=list)


def walk_chains(conn: sqlite3.Connection, whole: frozenset[str] | None = None,
                parts: Iterable[ChainPart] | None = None) -> ChainWalk:
    """Every chain. ``parts``: the log's rowid ranges in rowid order, already read (by
    worker processes, ``audit_check``); without them the log is read here in one pass."""
    if parts is None:
        top = conn.execute("SELECT coalesce(max(rowid), 0) FROM event_log").fetchone()[0]
        parts = [read_part(conn, 0, top)]
    walk = ChainWalk()
    state: dict[str, list[Any]] = {}
    bad: set[str] = set()
    for part in parts:
        walk.sealed |= part.sealed
        walk.events += part.events
        for term, (f_seq, f_prev, l_seq, l_hash, ok) in part.terminals.items():
            before = state.get(term)
            expect = (before[2] + 1, before[3]) if before else (1, GENESIS)
            if not ok or (f_seq, f_prev) != expect:
                bad.add(term)
            state[term] = [f_seq, f_prev, l_seq, l_hash, ok]
    walk.chains = len(state)
    for term, t in state.items():
        walk.heads[term] = (t[2], t[3])
    for term in sorted(bad):
        problem = ordered_check(conn, term, is_partial(term, whole), walk)
        if problem is not None:
            walk.problems.append(problem)
    return walk


def ordered_check(conn: sqlite3.Connection, terminal: str, partial: bool,
                  walk: ChainWalk | None = None) -> ChainProblem | None:
    """One chain read in ``seq`` order and walked by ``check_chain``: storage order told
    from tampering, the first problem located. Records the chain's head in ``walk``."""
    have = {r[1] for r in conn.execute('PRAGMA table_info("event_log")')}
    cols = [c for c in ("id", "terminal_code", "seq", "at", "kind", "case_id", "batch_id",
                        "actor_id", "actor_role", "payload", "prev_hash", "hash", "state",
                        "created_at") if c in have]
    events = []
    for r in conn.execute(f"SELECT {', '.join(cols)} FROM event_log WHERE terminal_code = ? "
                          "ORDER BY seq", (terminal,)):
        row = dict(zip(cols, r, strict=True))
        for when in ("at", "created_at"):  # as the ORM reads them (``hashed_fields``)
            if isinstance(row.get(when), str):
                row[when] = datetime.fromisoformat(row[when])
        events.append(Event(**row))
    if events and walk is not None:
        walk.heads[terminal] = (events[-1].seq, events[-1].hash)
    return check_chain(terminal, events, partial=partial)


def verify_chains(session: Session, whole: frozenset[str] | None = None) -> AuditReport:
    """Every terminal's chain; with ``whole`` (a PC holding part of the hall: its own
    terminal codes), only those chains must be complete. On SQLite (every PC, a small
    hall) through the one walker, on the session's own connection."""
    if session.get_bind().dialect.name == "sqlite":
        session.flush()
        raw = session.connection().connection.driver_connection
        walk = walk_chains(raw, whole)  # type: ignore[arg-type]  # a sqlite3 (or sqlcipher3) connection
        return AuditReport(walk.chains, walk.events, tuple(walk.problems))
    # PostgreSQL (the hall's own copy) has no json_object of SQLite's: each chain read in
    # seq order for ``check_chain``, the same ordered walk.
    terminals = session.execute(select(Event.terminal_code).distinct()).scalars().all()
    problems, total = [], 0
    for term in sorted(terminals):
        # Stream in seq order; a million events do not need to sit in memory at once.
        events = list(session.execute(
            select(Event).where(Event.terminal_code == term).order_by(Event.seq)
            .execution_options(yield_per=5000)
        ).scalars())
        total += len(events)
        problem = check_chain(term, events, partial=is_partial(term, whole))
        if problem:
            problems.append(problem)
        session.expunge_all()
    return AuditReport(len(terminals), total, tuple(problems))
