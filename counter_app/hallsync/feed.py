"""The hall's change feed: the service announces each new journal position (server-sent
events) and the PC syncs at once instead of waiting for its next round. Qt-free; a daemon
thread that reconnects with a growing pause while the service cannot be reached."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from ..sync.errors import SyncError
from .client import HallClient

log = logging.getLogger(__name__)
READ_TIMEOUT = 45.0  # the service pings every 15 s; silence this long means a dead link


class ChangeFeed:
    def __init__(self, make_client: Callable[[], HallClient], on_change: Callable[[int], None]) -> None:
        self._make_client, self._on_change = make_client, on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hall-feed", daemon=True)

    def start(self) -> ChangeFeed:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # the thread ends at the next ping or reconnect

    def _run(self) -> None:
        pause, last = 1.0, -1
        while not self._stop.is_set():
            try:
                with self._make_client() as c:
                    for line in c.stream_lines("/v1/changes", READ_TIMEOUT):
                        if self._stop.is_set():
                            return
                        if line.startswith("data:"):
                            seq = int(line[5:].strip() or 0)
                            pause = 1.0
                            if seq != last:
                                last = seq
                                self._on_change(seq)
            except (SyncError, ValueError) as exc:
                log.info("hall change feed: %s", exc)
            except Exception:  # the feed only hurries syncs along: it must never die loudly
                log.exception("hall change feed failed")
            self._stop.wait(pause)
            pause = min(pause * 2, 60.0)
