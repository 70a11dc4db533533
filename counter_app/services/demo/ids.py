"""Time-ordered ids for bulk demo data.

Random UUID4 keys land on a random page of every primary-key and foreign-key index, so a
million-case load spends its time reading and splitting index pages that no longer fit the
cache. These ids grow instead (UUIDv7 layout: milliseconds, then a counter), so each insert
appends at the right edge of its indexes. The last 48 bits are drawn once per generator from
the OS, so two data folders, even generating in the same millisecond, never share an id.
"""

from __future__ import annotations

import os
import time

_COUNTER_BITS = 26  # 12 bits before the variant, 14 after: 67 million ids per millisecond


class OrderedIds:
    """``ids()`` gives the next 36-character UUID string (version 7), each larger than the
    last as text, so inserting them in order appends to the indexes."""

    def __init__(self, now_ms: int | None = None, node: int | None = None) -> None:
        self.ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        self.node = f"{int.from_bytes(os.urandom(6), 'big') if node is None else node:012x}"
        self.count = 0
        self._prefix = self._make_prefix()

    def _make_prefix(self) -> str:
        h = f"{self.ms:012x}"
        return f"{h[:8]}-{h[8:]}-7"

    def __call__(self) -> str:
        c = self.count
        if c >> _COUNTER_BITS:  # counter exhausted: move on to the next millisecond
            self.ms += 1
            self._prefix = self._make_prefix()
            c = 0
        self.count = c + 1
        return f"{self._prefix}{c >> 14:03x}-{0x8000 | (c & 0x3FFF):04x}-{self.node}"


def outbox_change_id(stamp_param: str) -> str:
    """SQL for a bulk-queued outbox ``change_id``: 32 hex digits like the triggers' random
    ones, but ordered (``stamp`` in milliseconds, then the source rowid) so the unique index
    grows at its end; 48 random bits keep two counters' ids apart on the server."""
    return f"printf('%012x%08x', :{stamp_param}, rowid) || lower(hex(randomblob(6)))"


class Stamps:
    """Strictly increasing millisecond stamps, one per queueing statement."""

    def __init__(self) -> None:
        self.last = 0

    def __call__(self) -> int:
        self.last = max(self.last + 1, time.time_ns() // 1_000_000)
        return self.last
