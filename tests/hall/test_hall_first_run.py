"""The first-run dialog enrolls a new PC with a real hall service, driven by the keyboard:
Alt+H, the address, Tab, the code, Enter. Every failure is the service's Chinese reason in
the dialog, and the code field is ready for another try."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from counter_app.bootstrap import open_database
from counter_app.first_run_check import first_run_pending
from counter_app.hallsync import config
from counter_app.models import hall_now
from counter_app.services.settings import TERMINAL_KEY, get_setting
from counter_app.ui.first_run import FirstRunDialog
from counter_app.ui.worker import DbLane

from ..ui.keys import Keyboard
from .conftest import Staffed
from .kit import refused_port

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture()
def dialog(qtbot: QtBot, tmp_path: Path) -> Iterator[FirstRunDialog]:
    lane = DbLane()
    dlg = FirstRunDialog(lane, lambda: open_database(tmp_path / "pc"))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: dlg.save.isEnabled() and dlg.isActiveWindow(), timeout=30_000)
    yield dlg
    lane.stop()
    if dlg.db is not None:
        dlg.db.dispose()


def _try(qtbot: QtBot, kb: Keyboard, dlg: FirstRunDialog, url: str, code: str) -> str:
    """Type the address and the code as a person would, press Enter, wait for the answer."""
    dlg.hall_url.setFocus()
    kb.key(Qt.Key.Key_A, CTRL)
    kb.type(url)
    kb.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dlg.hall_code
    kb.key(Qt.Key.Key_A, CTRL)
    kb.type(code)
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.save.isEnabled() or dlg.result() == QDialog.DialogCode.Accepted,
                    timeout=60_000)
    return dlg.message.text()


def _code(staffed: Staffed, hours_ago: float = 0) -> str:
    hall = staffed.server.hall()
    try:
        return hall.new_enroll_code(hall_now() - timedelta(hours=hours_ago))
    finally:
        hall.db.dispose()


def test_the_first_run_dialog_enrolls_with_the_hall(qtbot: QtBot, dialog: FirstRunDialog,
                                                    staffed: Staffed, tmp_path: Path) -> None:
    kb = Keyboard(qtbot)
    assert not dialog.hall_group.isVisible()
    kb.key(Qt.Key.Key_H, ALT)  # 用注册码接入大厅服务 (a mnemonic clicks after a short flash)
    qtbot.waitUntil(dialog.use_hall.isChecked, timeout=2000)
    assert dialog.hall_group.isVisible()
    assert not dialog.terminal.isVisible() and not dialog.supervisor.isVisible()
    assert QApplication.focusWidget() is dialog.hall_url

    good = _code(staffed)
    with refused_port() as port:
        assert "无法连接大厅服务器" in _try(qtbot, kb, dialog, f"https://127.0.0.1:{port}", good)
    assert QApplication.focusWidget() is dialog.hall_code

    assert "注册码“12345”格式不对" in _try(qtbot, kb, dialog, staffed.server.url, "12345")
    fp = good.split("-")[2]
    assert "注册码无效" in _try(qtbot, kb, dialog, staffed.server.url, f"ABCDE-FGHJK-{fp}")
    assert "过期" in _try(qtbot, kb, dialog, staffed.server.url, _code(staffed, hours_ago=25))
    used = _code(staffed)
    hall = staffed.server.hall()
    try:
        hall.enroll(used.rsplit("-", 1)[0], "another PC", "counter")
    finally:
        hall.db.dispose()
    assert "已被终端 01 使用过" in _try(qtbot, kb, dialog, staffed.server.url, used)
    assert "应以 https:// 开头" in _try(qtbot, kb, dialog, "http://127.0.0.1:1", good)
    assert first_run_pending(tmp_path / "pc"), "the failures set nothing up"

    # Alt+I: this PC's use; Down: the approver desk. Then the good code, Enter.
    kb.key(Qt.Key.Key_I, ALT)
    assert QApplication.focusWidget() is dialog.hall_kind
    kb.key(Qt.Key.Key_Down)
    assert dialog.hall_kind.currentData() == "approver"
    _try(qtbot, kb, dialog, staffed.server.url, good)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()
    assert any("已注册到大厅服务" in line and "终端编号 02" in line for line in dialog.done_lines)
    db = dialog.db
    assert db is not None
    cfg = config.load(db)
    assert cfg is not None and cfg.url == staffed.server.url
    with db.session() as s:
        assert get_setting(s, TERMINAL_KEY) == "02"
    assert not first_run_pending(tmp_path / "pc")
    hall = staffed.server.hall()
    try:
        kinds = {t.code: t.kind for t in hall.terminals()}
    finally:
        hall.db.dispose()
    assert kinds["02"] == "approver"
