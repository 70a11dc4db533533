"""A case another PC received reaches this PC's cases page by the hall's pull: the page
refreshes because the pull wrote cases, with no timer of its own (issue 18)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMainWindow

from counter_app.ui.cases_page import CasesPage
from counter_app.ui.services import AppServices
from counter_app.ui.sync_status import HALL_PREFIX, SyncController
from counter_app.ui.worker import DbLane

from .conftest import Staffed
from .kit import authorize, receive


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a top-level widget
def test_a_hall_pull_refreshes_the_cases_page_without_a_timer(staffed: Staffed, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    b = staffed.pc("counter-b")
    authorize(b, b.login("boss"), "clerk", staffed.window)
    b.run()
    a = staffed.pc("counter-a")  # the same window, the whole hall: it will hold b's cases

    lane = DbLane()
    services = AppServices(ctx=a.ctx, lane=lane)
    win = QMainWindow()
    qtbot.addWidget(win)
    page = CasesPage(services, a.login("clerk"))
    win.setCentralWidget(page)
    win.resize(1366, 768)
    win.show()
    # No periodic round in this test (ten minutes): only the hall's feed starts a pull.
    sync = SyncController(services, win.statusBar(), interval=600, delay=lambda _a: 0.3)
    try:
        sync.configure(HALL_PREFIX + staffed.server.url)
        qtbot.waitUntil(lambda: sync.indicator.state == "online", timeout=15000)
        page.scope.setFocus()
        qtbot.keyClick(page.scope, Qt.Key.Key_Down)  # 我的窗口: the window's cases, by keys
        assert page.scope.currentData() == "window"
        qtbot.waitUntil(lambda: page.today.rowCount() == 0, timeout=5000)
        assert [t for t in page.findChildren(QTimer) if t.isActive()] == []

        case_no = receive(b, b.login("clerk"), staffed.item_code, name="赵强")
        b.run()  # at the hall now; its feed tells a, whose pull writes the case
        qtbot.waitUntil(lambda: page.today.rowCount() == 1, timeout=15000)
        assert page.today.item(0, 2).text() == "赵强"
        assert a.status_of(case_no) == "accepted"
        assert [t for t in page.findChildren(QTimer) if t.isActive()] == []
    finally:
        sync.stop()
        lane.stop()
        qapp.processEvents()
