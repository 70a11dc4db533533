"""Tell a keyboard-wedge barcode scanner from a person typing, from keys and their timestamps.

A scanner "types" its ASCII payload with a few milliseconds between keys and presses Enter.
A person types 80 ms or more apart. The detector is a pure state machine of ``(key, ts_ms)``;
the UI feeds it the keys of the QWindow (not every widget: that would see each key twice).

The first key of a burst cannot be known to be a scan until the next key arrives fast, so
printable ASCII keys are *held back* and later either released as typed text (``replay``)
or completed into a scan. Nothing is lost or doubled.

States::

    IDLE    -- no held keys.
    PENDING -- ``buffer`` holds printable ASCII keys, each at most ``max_gap_ms`` after the
               previous one; ``last_ts`` is the time of the last.

    On every event, a PENDING buffer whose ``last_ts`` is more than ``max_gap_ms`` ago (or
    after the event: the clock went back) is stale: it is released as ``replay`` (flagged
    ``partial_scan`` when long enough to be a scan: probably a scanner set up without the
    Enter suffix, or an Enter that was lost), and the state becomes IDLE. Then:

    printable ASCII key   -> appended to buffer, swallowed;          -> PENDING
    terminator (Enter)    -> buffer >= min_length: ``scan`` = buffer, Enter swallowed;
                             otherwise buffer released as ``replay``, Enter passes through;
                                                                     -> IDLE
    any other key         -> buffer released as ``replay``, the key passes through
      (non-ASCII text such as Chinese, Backspace, Tab, arrows ...)   -> IDLE
    flush(ts) tick        -> releases a stale buffer only.

The caller delivers, in order: ``replay`` as typed text, then the current key unless
``swallow`` is set. It should call :meth:`ScanDetector.flush` at :attr:`ScanDetector.deadline_ms`
(a single-shot timer), so a held key reaches its widget within about ``max_gap_ms``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

ENTER_KEYS = frozenset({"\r", "\n", "Enter", "Return"})


@dataclass(frozen=True)
class FeedResult:
    swallow: bool = False  # do not deliver the current key (held back or consumed)
    replay: str = ""  # earlier held keys to deliver as typed text, before the current key
    scan: str | None = None  # a completed scan (its Enter is swallowed)
    partial_scan: bool = False  # replay looked like a scan but no Enter came: warn the user


class ScanDetector:
    def __init__(
        self,
        max_gap_ms: int = 30,
        min_length: int = 8,
        terminators: frozenset[str] = ENTER_KEYS,
    ) -> None:
        if max_gap_ms < 0 or min_length < 1:
            raise ValueError("max_gap_ms must be >= 0 and min_length >= 1")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.terminators = terminators
        self._buffer: list[str] = []
        self._last_ts = 0

    @property
    def pending(self) -> str:
        """Keys held back so far."""
        return "".join(self._buffer)

    @property
    def deadline_ms(self) -> int | None:
        """When to call flush() if no key comes first; None when nothing is held."""
        return self._last_ts + self.max_gap_ms + 1 if self._buffer else None

    def _release(self) -> FeedResult:
        text = "".join(self._buffer)
        self._buffer.clear()
        return FeedResult(replay=text, partial_scan=len(text) >= self.min_length)

    def _stale(self, ts_ms: int) -> bool:
        return bool(self._buffer) and not 0 <= ts_ms - self._last_ts <= self.max_gap_ms

    def feed(self, key: str, ts_ms: int) -> FeedResult:
        # After a stale release the buffer is empty, so at most one of ``stale`` and the
        # buffer holds keys: order is never in question.
        stale = self._release() if self._stale(ts_ms) else None
        if key in self.terminators and len(self._buffer) >= self.min_length:
            scan = "".join(self._buffer)
            self._buffer.clear()
            return FeedResult(swallow=True, scan=scan)
        if key not in self.terminators and len(key) == 1 and " " <= key <= "~":
            self._buffer.append(key)
            self._last_ts = ts_ms
            return replace(stale, swallow=True) if stale is not None else FeedResult(swallow=True)
        # Anything else ends the burst: held keys are replayed, then this key passes.
        return stale if stale is not None else self._release()

    def flush(self, ts_ms: int, force: bool = False) -> FeedResult:
        """Timer tick: release held keys if stale (or at once with ``force``, e.g. focus loss)."""
        if force or self._stale(ts_ms):
            return self._release()
        return FeedResult()


# -- a burst ended by Enter: a scan, or a fast typist? ------------------------------------
# Timing alone cannot tell a scanner from a person typing 18 characters at 30-50 ms a key.
# Two better signals, both checked here: what the focused field itself expects (a credit
# code typed into the credit-code field is typing, whatever its speed), and, where the hall
# has set its scanners up with one, a prefix that only scanners send.
RESIDENT_ID_TYPED = r"\d{17}[\dXx]|[A-Za-z]{1,2}\d{6,9}"  # ID card number, or a passport's
CREDIT_CODE_TYPED = r"[0-9A-HJ-NP-RTUW-Ya-hj-np-rtuw-y]{18}"  # GB 32100: no I, O, S, V, Z
PHONE_TYPED = r"[\d\-]{7,13}"
ITEM_QUERY_TYPED = r"[A-Za-z][A-Za-z0-9\-]{0,15}"  # pinyin initials or an item code
ANY_TYPED = r".+"  # user name, password: never a scan


@dataclass(frozen=True)
class Verdict:
    scan: str | None  # the scanned code (prefix taken off), or None: it was typing


def judge_burst(burst: str, expected: str = "", prefix: str = "") -> Verdict:
    """A fast burst ended by Enter: a scan, or typing into the focused field?

    ``expected`` is the focused field's own content as a regular expression ("" when the
    field has none, or nothing that types has the focus). ``prefix`` is what the hall's
    scanners send before each code, if they were set up with one. With a prefix only a
    burst that starts with it is a scan; without one, a burst the focused field expects is
    typing, and anything else is a scan (the codes this app prints never match a field's
    content: 20 digits are no ID, credit code, phone or item code).
    """
    if prefix:
        return Verdict(burst[len(prefix):] if burst.startswith(prefix) else None)
    if expected and re.fullmatch(expected, burst):
        return Verdict(None)
    return Verdict(burst)
