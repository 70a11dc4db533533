"""Checking the event log's hash chains: was anything changed, deleted, inserted, reordered?

Each terminal's chain is walked in ``seq`` order. An event must (1) hash to its stored hash
from its own content and its ``prev_hash`` and (2) link to the event before it. Where an
event fails, its content is re-tried at neighbouring positions to tell a move (reordering,
or a shift caused by an insertion) from an edit. The first problem of each chain is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Event
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


def verify_chains(session: Session, whole: frozenset[str] | None = None) -> AuditReport:
    """Every terminal's chain; with ``whole`` (a PC holding part of the hall: its own
    terminal codes), only those chains must be complete."""
    terminals = session.execute(select(Event.terminal_code).distinct()).scalars().all()
    problems, total = [], 0
    for term in sorted(terminals):
        # Stream in seq order; a million events do not need to sit in memory at once.
        events = list(session.execute(
            select(Event).where(Event.terminal_code == term).order_by(Event.seq)
            .execution_options(yield_per=5000)
        ).scalars())
        total += len(events)
        problem = check_chain(term, events, partial=whole is not None and term not in whole)
        if problem:
            problems.append(problem)
        session.expunge_all()
    return AuditReport(len(terminals), total, tuple(problems))
