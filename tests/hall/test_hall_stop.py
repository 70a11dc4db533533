"""Stopping the service (an IT officer's restart, a systemd stop) is not held up by the PCs'
change feeds, which never end by themselves; and a PC's feed reconnects to the new service."""

from __future__ import annotations

import signal
import subprocess
import time

from counter_app.hall.cli import SHUTDOWN_GRACE_S
from counter_app.hallsync.client import HallClient
from counter_app.hallsync.feed import ChangeFeed

from .conftest import Staffed
from .kit import authorize


def test_a_stop_is_not_held_up_by_connected_change_feeds(staffed: Staffed) -> None:
    a = staffed.pc("a")
    cfg = a.sync.cfg
    seen: list[int] = []
    feed = ChangeFeed(lambda: HallClient(cfg.url, cfg.ca_pem, cfg.token), seen.append).start()
    try:
        time.sleep(1.0)  # the feed is connected and waiting
        proc = staffed.server.proc
        assert proc is not None
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(SHUTDOWN_GRACE_S + 10)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                "the service did not stop while a change feed was connected") from None
        took = time.monotonic() - t0
        staffed.server.proc = None
        staffed.server.start()
        # The feed finds the service again by itself and tells of new work.
        count = len(seen)
        authorize(a, a.login("boss"), "clerk", staffed.window)
        a.run()
        deadline = time.monotonic() + 30
        while len(seen) == count:
            assert time.monotonic() < deadline, "the change feed did not reconnect"
            time.sleep(0.1)
    finally:
        feed.stop()
    print(f"stopped in {took:.1f} s with a feed connected")
