"""The clerk's PC learns of an approver's return from the hall's change feed and its
screens refresh, within seconds, while its own periodic round is ten minutes away."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QMainWindow

from counter_app.ui.services import AppServices
from counter_app.ui.sync_status import HALL_PREFIX, SyncController
from counter_app.ui.worker import DbLane

from .conftest import Staffed
from .kit import authorize, with_approver


def test_a_return_reaches_the_clerks_screen_within_seconds(staffed: Staffed, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    a, c = staffed.pc("counter-a"), staffed.pc("approver-c", "approver")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    case_no, approver = with_approver(a, c, staffed.item_code)

    lane = DbLane()
    services = AppServices(ctx=a.ctx, lane=lane)
    win = QMainWindow()
    qtbot.addWidget(win)
    sync = SyncController(services, win.statusBar(), interval=600, delay=lambda _a: 0.3)
    try:
        sync.configure(HALL_PREFIX + staffed.server.url)
        qtbot.waitUntil(lambda: sync.indicator.state == "online", timeout=15000)
        assert a.status_of(case_no) == "with_approver"
        changed: list[float] = []
        sync.data_changed.connect(lambda: changed.append(time.monotonic()))
        c.handoff.return_case(approver, case_no, "申请表缺少签字")
        sent = time.monotonic()
        c.run()
        qtbot.waitUntil(lambda: bool(changed), timeout=10000)
        assert changed[0] - sent < 5, "the feed, not the ten-minute round, brought it"
        assert a.status_of(case_no) == "returned"
        # The clerk sends it again: the operation wakes the sync, no round is waited for.
        before = staffed.server.hall()
        ops = before.op_count()
        before.db.dispose()
        a.handoff.create_batches(a.login("clerk"), [case_no])
        hall = staffed.server.hall()
        qtbot.waitUntil(lambda: hall.op_count() > ops, timeout=10000)
        hall.db.dispose()
    finally:
        sync.stop()
        lane.stop()
        qapp.processEvents()
