"""The settings page of an enrolled PC, in Chinese: the hall's address, this PC's code, the
clock, and each operation the hall refused with its reason; F5 syncs. Screenshots at
1366x768 and 1920x1080 go to build/screens/."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.ui.services import AppServices
from counter_app.ui.settings.page import SettingsPage
from counter_app.ui.worker import DbLane

from ..qt_support import chinese_ui, ui_session  # noqa: F401  (autouse: Chinese UI)
from .conftest import Staffed
from .kit import authorize, signed_behind

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, per top-level window


def test_refused_operations_on_the_settings_page(staffed: Staffed, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    a, b = staffed.pc("counter-a"), staffed.pc("counter-b")
    c = staffed.pc("approver-c", "approver")
    authorize(a, a.login("boss"), "clerk", staffed.window)
    authorize(a, a.login("boss"), "clerk2", staffed.window)
    a.run()
    b.run()
    case_no = signed_behind(a, b, c, staffed.item_code)
    b.handoff.create_batches(b.login("clerk2"), [case_no])  # on B's stale copy
    b.run()
    lane = DbLane()
    services = AppServices(ctx=b.ctx, lane=lane)
    boss = b.login("boss")
    page = SettingsPage(services, boss)
    qtbot.addWidget(page)
    try:
        table = page.hall.refused if page.hall is not None else None
        assert table is not None, "an enrolled PC shows the hall panel"
        qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10000)
        assert table.item(0, 2).text() == "移交（生成交接单）"
        assert "不能移交" in table.item(0, 3).text()
        assert "有 1 项操作被拒绝" in page.hall.message.text()
        assert page.hall.terminal.text() == b.ctx.terminal
        assert page.tabs.count() == 1, "no database conflicts or reconciliation tabs here"
        from counter_app.hall.apply import OPERATIONS

        assert set(page.hall.labels()) == set(OPERATIONS), "every operation has a Chinese name"
        SCREENS.mkdir(parents=True, exist_ok=True)
        for w, h in ((1366, 768), (1920, 1080)):
            page.resize(w, h)
            page.show()
            for _ in range(3):
                QApplication.processEvents()
            assert page.grab().save(str(SCREENS / f"hall-settings-{w}x{h}.png"))
        # A second operation the hall refuses: the panel does not poll, F5 shows it.
        second = signed_behind(a, b, c, staffed.item_code)
        b.handoff.create_batches(b.login("clerk2"), [second])
        b.run()
        assert table.rowCount() == 1
        page.hall.sync_now.setFocus()
        qtbot.keyClick(page.hall, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
        assert "有 2 项操作被拒绝" in page.hall.message.text()
    finally:
        lane.stop()
        qapp.processEvents()
