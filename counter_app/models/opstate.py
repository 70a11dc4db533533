"""The operation running in this context, if any (see ``oplog`` for what operations are).

A ``ContextVar``: the GUI's lane thread and the sync thread never see each other's.
Kept apart from the tables so ``base.new_id`` can use it without an import cycle.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class OpState:
    op_id: str
    name: str
    staff_id: str
    args: str  # canonical JSON of the arguments
    at: datetime
    terminal: str = ""
    replay: bool = False  # True on the hall service
    numbers: list[str] = field(default_factory=list)
    # Replay: terminal codes besides the operation's own whose numbers it may carry (the code
    # a rebuilt PC had before).
    other_terminals: tuple[str, ...] = ()  # taken in order (record) / to take (replay)
    # Called with the connection of every transaction the operation commits, inside it:
    # the PC queues the operation, the hall service records that it applied it.
    save: Callable[[Any, OpState], None] | None = None
    # The signed-in person's signature over the operation (services/people/op_signing.py).
    key_id: str = ""
    sig: str = ""
    saved: bool = False
    _ids: int = 0
    _taken: int = 0

    def next_id(self) -> str:
        self._ids += 1
        return str(uuid.uuid5(uuid.UUID(self.op_id), str(self._ids)))

    def take_number(self) -> str | None:
        """Replay: the next number the PC took, or None when it took no more."""
        if self._taken >= len(self.numbers):
            return None
        self._taken += 1
        return self.numbers[self._taken - 1]


_current: ContextVar[OpState | None] = ContextVar("counter_op", default=None)


def current() -> OpState | None:
    return _current.get()


@contextmanager
def active(state: OpState) -> Iterator[OpState]:
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


