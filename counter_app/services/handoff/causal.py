"""A case's history in causal order: the order the hall applied its acts, not clocks.

Each act on a case seals it (``audit_state.seal_entity``): the case's ``audit_rev`` goes up
by one and the act's newest event records the new revision in its ``state``. On the hall
service the operations of all PCs are applied one at a time, so these revisions number a
case's acts in the hall's order of application; a PC shows the hall's rows once synced,
and its own unsent acts after them (its local revisions are higher). A PC whose clock was
hours off therefore cannot put *signed* before *received*.

Events of one act that do not carry the seal sit with the sealed one of the same terminal
chain (a chain is in its own order); an event with no sealed neighbour in its chain (a
batch-level print, an event older than the seal) is placed by its time among the sealed
ones. Without any seal at all (a case older than the seal) the order is the clock's, as
before.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from ..audit.seal import parse_state


class EventLike(Protocol):
    @property
    def at(self) -> datetime: ...
    @property
    def seq(self) -> int: ...
    @property
    def terminal_code(self) -> str: ...
    @property
    def state(self) -> str | None: ...


E = TypeVar("E", bound=EventLike)


def case_rev(state: str | None, case_id: str) -> int | None:
    """The case's revision an event's seal records, or None."""
    try:
        seals = parse_state(state)
    except ValueError:  # a damaged seal is the audit's to report; here it only orders
        return None
    return next((s.rev for s in seals if s.kind == "c" and s.entity_id == case_id), None)


def causal_order(events: Sequence[E], case_id: str) -> list[E]:
    revs = [case_rev(e.state, case_id) for e in events]
    anchored = sorted((r, e.at) for r, e in zip(revs, events, strict=True) if r is not None)
    if not anchored:
        return sorted(events, key=lambda e: (e.at, e.seq))
    by_chain: dict[str, list[tuple[int, int]]] = defaultdict(list)  # terminal -> (seq, rev)
    for r, e in zip(revs, events, strict=True):
        if r is not None:
            by_chain[e.terminal_code].append((e.seq, r))
    for chain in by_chain.values():
        chain.sort()

    def key(item: tuple[int | None, E]) -> tuple[Any, ...]:
        rev, e = item
        if rev is not None:
            return (rev, 1, e.at, e.seq)
        chain = by_chain.get(e.terminal_code, [])
        i = bisect.bisect_right(chain, (e.seq, -1))
        if i < len(chain):  # the act it belongs to, or a later one of the same PC
            return (chain[i][1], 0, e.at, e.seq)
        if chain:  # after this PC's last sealed act
            return (chain[-1][1], 2, e.at, e.seq)
        # No sealed act of its chain: after the latest act sealed by then.
        before = [r for r, at in anchored if at <= e.at]
        return (max(before) if before else 0, 2, e.at, e.seq)

    return [e for _, e in sorted(zip(revs, events, strict=True), key=key)]
