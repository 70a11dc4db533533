"""The clerk's PC learns of an approver's return from the hall's change feed and its
screens refresh, within seconds, while its own periodic round is ten minutes away."""

from __future__ import annotations

import os
import time

import pytest
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


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a top-level widget
def test_f7_asks_the_hall_for_a_case_this_pc_does_not_hold(staffed: Staffed, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from counter_app.ui.cases_page import CasesPage

    from .kit import receive

    b = staffed.pc("counter-b")  # the whole hall: it receives the case
    authorize(b, b.login("boss"), "clerk", staffed.window)
    case_no = receive(b, b.login("clerk"), staffed.item_code, name="赵强")
    b.run()
    a = staffed.pc("counter-a", department=staffed.other_department)  # holds none of it
    assert a.status_of_all() == {}
    lane = DbLane()
    services = AppServices(ctx=a.ctx, lane=lane)
    page = CasesPage(services, a.login("clerk"))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    try:
        qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(page.search, case_no)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "F7" in page.message.text(), timeout=5000)
        assert page.found.rowCount() == 0
        qtbot.keyClick(page.search, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: page.found.rowCount() == 1, timeout=10000)
        assert page.found.item(0, 2).text() == "赵强" and "*" in page.found.item(0, 3).text()
        assert page.found.hasFocus()
        assert a.status_of_all() == {}, "shown, never stored on this PC"
        if os.environ.get("HALL_SCREENS"):  # to look at: HALL_SCREENS=folder
            for w, h in ((1366, 768), (1920, 1080)):
                page.resize(w, h)
                qapp.processEvents()
                page.grab().save(f"{os.environ['HALL_SCREENS']}/cases-hall-lookup-{w}x{h}.png")
    finally:
        lane.stop()
        qapp.processEvents()
