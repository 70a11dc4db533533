"""When to try again after a failed round: exponential back-off with jitter, capped."""

from __future__ import annotations


def next_delay(attempt: int, *, base: float = 5.0, factor: float = 2.0, cap: float = 300.0,
               jitter: float = 0.2, u: float = 0.5) -> float:
    """Seconds to wait before retry number ``attempt`` (1 = first retry after a failure).

    ``u`` is a uniform sample in [0, 1) the caller draws (``random.random()``): it spreads
    the retries of many counters after a server restart; 0.5 gives the centre. Pure, so
    the schedule is testable.
    """
    if attempt <= 0:
        return 0.0
    delay = min(cap, base * factor ** min(attempt - 1, 32))
    return max(0.0, min(cap, delay * (1.0 + jitter * (2.0 * u - 1.0))))
