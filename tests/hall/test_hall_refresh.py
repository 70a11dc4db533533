"""Cases another PC works on reach this PC's cases page by the hall's pull: the page
refreshes because the pull wrote cases, with no timer of its own (issue 18). Each wait is for
a row the other PC's work adds or removes, never for what the page already shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QTableWidget

from counter_app.services.context import Actor
from counter_app.services.intake.service import MaterialEntry
from counter_app.ui.cases_page import CasesPage
from counter_app.ui.services import AppServices
from counter_app.ui.sync_status import HALL_PREFIX, SyncController
from counter_app.ui.worker import DbLane

from ..helpers import fill_person
from .conftest import Staffed
from .kit import PC, authorize, receive


def _incomplete(pc: PC, clerk: Actor, item_code: str, name: str) -> tuple[str, MaterialEntry]:
    """An application missing one required material (one-time notice: 待补正); its number
    and the missing material, as the applicant brings it later."""
    intake = fill_person(pc.intake.new_intake(item_code))
    intake.applicant.name = name
    missing = next(m for m in intake.materials if m.requirement == "required")
    for m in intake.materials:
        if m.state != "not_applicable" and m is not missing:
            m.state, m.form, m.copies, m.pages = "received", m.default_form, m.default_copies, 2
    case_no = pc.intake.record(clerk, intake, "notify").case_no
    return case_no, MaterialEntry(name=missing.name, requirement=missing.requirement,
                                  state="received", form=missing.default_form,
                                  copies=missing.default_copies, pages=1)


def _names(table: QTableWidget) -> list[str]:
    return sorted(table.item(r, 2).text() for r in range(table.rowCount()))


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a top-level widget
def test_a_hall_pull_refreshes_the_cases_page_without_a_timer(staffed: Staffed, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    b = staffed.pc("counter-b")
    authorize(b, b.login("boss"), "clerk", staffed.window)
    b.run()
    clerk_b = b.login("clerk")
    receive(b, clerk_b, staffed.item_code, name="李娜")
    b.run()
    a = staffed.pc("counter-a")  # the same window, the whole hall: it holds b's cases

    lane = DbLane()
    services = AppServices(ctx=a.ctx, lane=lane)
    win = QMainWindow()
    qtbot.addWidget(win)
    # Another clerk of the window: b's cases are not theirs, but are their window's.
    page = CasesPage(services, a.login("clerk2"))
    win.setCentralWidget(page)
    win.resize(1366, 768)
    win.show()
    # No periodic round in this test (ten minutes): only the hall's feed starts a pull.
    sync = SyncController(services, win.statusBar(), interval=600, delay=lambda _a: 0.3)
    try:
        sync.configure(HALL_PREFIX + staffed.server.url)
        qtbot.waitUntil(lambda: sync.indicator.state == "online", timeout=15000)
        assert page.scope.currentData() == "clerk" and page.today.rowCount() == 0
        page.scope.setFocus()
        qtbot.keyClick(page.scope, Qt.Key.Key_Down)  # 我的窗口: the window's cases, by keys
        assert page.scope.currentData() == "window"
        qtbot.waitUntil(lambda: _names(page.today) == ["李娜"], timeout=5000)
        assert page.waiting.rowCount() == 0
        assert [t for t in page.findChildren(QTimer) if t.isActive()] == []

        # b receives an incomplete application: its feed tells a, whose pull writes the case.
        case_no, missing = _incomplete(b, clerk_b, staffed.item_code, "赵强")
        b.run()
        qtbot.waitUntil(lambda: _names(page.waiting) == ["赵强"], timeout=15000)
        assert _names(page.today) == ["李娜", "赵强"]
        assert a.status_of(case_no) == "awaiting_supplement"

        # The applicant brings the material to b: the case leaves a's 待补正 list.
        b.intake.supplement(clerk_b, case_no, [missing])
        b.run()
        qtbot.waitUntil(lambda: page.waiting.rowCount() == 0, timeout=15000)
        assert _names(page.today) == ["李娜", "赵强"]
        assert a.status_of(case_no) == "accepted"
        assert [t for t in page.findChildren(QTimer) if t.isActive()] == []
    finally:
        sync.stop()
        lane.stop()
        qapp.processEvents()
