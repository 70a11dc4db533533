"""End to end in the real main window at 1366x768, in Chinese: a supervisor logs in on a
counter set up for a shared SQLite server; the status bar goes online and sends everything;
the settings page shows the server, a conflict is resolved, the day is reconciled.
Screenshots go to build/screens/ for a person to look at."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.legacy_sync import store_server_url
from counter_app.models import CaseFile, SyncConflict
from counter_app.services.people.auth import AuthService
from counter_app.sync.server import init_server
from counter_app.ui.main_window import MainWindow
from counter_app.ui.services import AppServices
from counter_app.ui.settings_page import SettingsPage

from ..conftest import PASSWORD, Hall
from .conftest import accept_case, lose_from_outbox, print_acceptance, screenshot


@pytest.fixture()
def window(services: AppServices, hall: Hall, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(services, AuthService(hall.ctx), idle_minutes=60)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()  # stops the sync runner, then the lane


def _login(window: MainWindow, qtbot, user: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.login.user, user)
    qtbot.keyClicks(window.login.password, PASSWORD)
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)


def _status_bar_shot(window: MainWindow, name: str) -> None:
    bar = window.statusBar()
    QApplication.processEvents()
    img = window.grab(QRect(bar.mapTo(window, bar.rect().topLeft()), bar.size()))
    screenshot(window, name + "-full")  # the whole window too, for context
    from .conftest import SCREENS

    assert img.save(str(SCREENS / f"{name}.png"))


def _server_conflict(url: str, case_no: str, terminal: str) -> str:
    """A conflict as the server records it when two sides changed the same column."""
    from counter_app.cli.commands_reconcile import server_database

    db = server_database(url)
    try:
        with db.transaction() as s:
            case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no)).scalar_one()
            c = SyncConflict(side="server", terminal=terminal, table_name="case_file",
                             row_id=case.id, case_id=case.id, rule="both_changed",
                             columns=json.dumps(["phone"]),
                             message="受理员与审批人员同时修改了联系电话",
                             local_json=json.dumps({"phone": "13900001111"}),
                             server_json=json.dumps({"phone": "13812345678"}))
            s.add(c)
            s.flush()
            return c.id
    finally:
        db.dispose()


def test_supervisor_sync_settings_conflicts_and_reconciliation(  # type: ignore[no-untyped-def]
        window: MainWindow, hall: Hall, qtbot, server_url: str) -> None:
    init_server(server_url)
    with hall.ctx.db.transaction() as s:
        store_server_url(s, server_url)
    case_no = accept_case(hall)
    print_acceptance(hall, case_no)
    ind = window.sync.indicator
    assert ind.state == "standalone"  # nothing runs before login
    _login(window, qtbot, "boss")
    qtbot.waitUntil(lambda: ind.state == "online" and ind.waiting == 0, timeout=15000)
    assert window.statusBar().isAncestorOf(ind) and ind.isVisible()
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(lambda: page.server_url == server_url, timeout=5000)
    assert page.networked.isChecked() and page.url.text() == server_url
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["本机设置", "同步冲突", "打印对账"]
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.testing, timeout=10000)
    assert page.server_result.text().startswith("✔ 连接成功")
    screenshot(window, "settings-1366x768")
    _status_bar_shot(window, "statusbar-online")

    # Sync conflicts: one on the server, the supervisor keeps the server's version.
    conflict_id = _server_conflict(server_url, case_no, hall.ctx.terminal)
    panel = page.conflicts
    assert panel is not None
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    assert panel.keep_server.isEnabled() and panel.take_terminal.isEnabled()
    assert "终端为 13900001111 ／ 服务器为 13812345678" in panel.detail.toPlainText()
    panel.note.setText("以审批人员核实的电话为准")
    screenshot(window, "settings-conflicts-1366x768")
    qtbot.mouseClick(panel.keep_server, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.text() == "已裁定", timeout=5000)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=5000)
    from counter_app.cli.commands_reconcile import server_database

    db = server_database(server_url)
    try:
        with db.session() as s:
            c = s.get(SyncConflict, conflict_id)
            assert c is not None and c.status == "resolved" and c.resolved_by_id == hall.supervisor.staff_id
            assert c.resolution == "保留服务器版本：以审批人员核实的电话为准"
    finally:
        db.dispose()

    # Reconciliation: one print matches, one is lost (no server record), one waits.
    lost = print_acceptance(hall, case_no)
    lose_from_outbox(hall, lost)
    print_acceptance(hall, accept_case(hall))
    rec = page.reconcile
    assert rec is not None
    page.tabs.setCurrentWidget(rec)
    assert rec.day.date().toString("yyyy-MM-dd") == "2026-11-23"
    qtbot.mouseClick(rec.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rec.table.rowCount() == 3, timeout=10000)
    results = sorted(rec.table.item(r, 4).text() for r in range(3))
    assert results == ["一致", "待上传（尚未同步）", "服务器无记录"]
    assert rec.summary.text() == ("本机共打印 3 份文书，1 份与服务器一致；"
                                  "1 份在服务器上没有记录，请立即查明原因")
    screenshot(window, "settings-reconcile-1366x768")

    # Clicking the indicator syncs now: the waiting case goes out, the count returns to 0.
    qtbot.waitUntil(lambda: ind.state == "online", timeout=5000)
    before = ind.status
    qtbot.mouseClick(ind, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ind.status is not before and ind.state == "online", timeout=10000)
    assert ind.waiting == 0


def test_clerk_sees_the_counter_settings_only(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _login(window, qtbot, "clerk")
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage) and page.tabs.count() == 1 and page.conflicts is None
    assert window.sync.indicator.text() == "● 单机"
    # Stand-alone is checked from the start: wait for the page's load itself (the one lane
    # runs in order), then see it left stand-alone on.
    loaded: list[object] = []
    window.services.lane.submit(lambda: None, loaded.append)
    qtbot.waitUntil(lambda: bool(loaded), timeout=5000)
    assert page.standalone.isChecked()
    page.idle_minutes.setValue(7)
    qtbot.mouseClick(page.save_local_button, Qt.MouseButton.LeftButton)
    assert window.idle.timer.interval() == 7 * 60_000  # applied at once, not only at next start
    qtbot.waitUntil(lambda: page.local_result.text() == "已保存", timeout=5000)
    screenshot(window, "settings-clerk-standalone-1366x768")
    _status_bar_shot(window, "statusbar-standalone")
