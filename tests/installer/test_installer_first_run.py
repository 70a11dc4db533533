"""The first-run dialog, offscreen: loads the state on the lane, saves with the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from counter_app.bootstrap import open_database
from counter_app.services.context import ServiceContext
from counter_app.services.people.auth import AuthService
from counter_app.services.settings import TERMINAL_KEY, get_setting
from counter_app.setup_file import LAYOUT_KEY, WINDOW_KEY, first_run_pending
from counter_app.ui.first_run import FirstRunDialog
from counter_app.ui.worker import DbLane

# Showing a dialog on the offscreen platform warns about size hints it cannot pass on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture()
def dialog(qtbot: QtBot, tmp_path: Path) -> Iterator[FirstRunDialog]:
    lane = DbLane()
    dlg = FirstRunDialog(lane, lambda: open_database(tmp_path / "data"))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.save.isEnabled(), timeout=30_000)
    yield dlg
    lane.stop()
    if dlg.db is not None:
        dlg.db.dispose()


def fill(qtbot: QtBot, dlg: FirstRunDialog) -> None:
    dlg.terminal.setValue(12)
    dlg.window_box.setCurrentIndex(dlg.window_box.findData("SCZR"))
    dlg.layout_box.setCurrentIndex(dlg.layout_box.findData("receipt"))
    qtbot.keyClicks(dlg.user, "boss")
    dlg.full_name.setText("王主任")  # typed through an IME; QTest sends Latin-1 keys only
    qtbot.keyClicks(dlg.password, "secret-123")
    qtbot.keyClicks(dlg.password2, "secret-123")


def test_loads_windows_from_the_shipped_catalog(dialog: FirstRunDialog) -> None:
    assert dialog.window_box.findData("SCZR") > 0 and dialog.window_box.itemData(0) == ""
    assert dialog.standalone.isChecked() and not dialog.server.isEnabled()
    assert dialog.supervisor.isVisible() and dialog.asks_supervisor
    assert dialog.message.text() == ""


def test_enter_saves_and_the_pc_is_set_up(qtbot: QtBot, dialog: FirstRunDialog, tmp_path: Path) -> None:
    fill(qtbot, dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        qtbot.keyClick(dialog.password2, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert any("已新建管理员账号 boss" in line for line in dialog.done_lines)
    db = dialog.db
    assert db is not None
    with db.session() as s:
        assert (get_setting(s, TERMINAL_KEY), get_setting(s, WINDOW_KEY), get_setting(s, LAYOUT_KEY)) == (
            "12", "SCZR", "receipt")
    assert AuthService(ServiceContext(db=db, terminal="12")).login("boss", "secret-123").has("supervisor")
    assert not first_run_pending(tmp_path / "data")


def test_mistakes_are_shown_and_nothing_is_saved(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill(qtbot, dialog)
    dialog.password2.setText("different")
    dialog.save.click()
    assert dialog.message.text() == "The two passwords differ."
    assert dialog.password2.text() == "" and dialog.password2.hasFocus()
    dialog.password2.setText("secret-123")
    dialog.user.setText("bad name")
    dialog.save.click()
    assert "管理员用户名“bad name”无效" in dialog.message.text()
    dialog.user.setText("boss")
    dialog.standalone.setChecked(False)
    dialog.save.click()
    assert dialog.message.text() == "Enter the hall server's address, or tick stand-alone."
    dialog.server.setText("ftp://nowhere")
    dialog.save.click()
    assert "不支持的服务器类型" in dialog.message.text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_escape_quits(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        qtbot.keyClick(dialog.terminal, Qt.Key.Key_Escape)


def test_values_match_the_set_up_file_keys(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill(qtbot, dialog)
    dialog.printer.setEditText("Office Printer")
    assert dialog.values() == {
        "terminal": 12, "window": "SCZR", "server_url": None,
        "printer": {"name": "Office Printer", "layout": "receipt"},
        "supervisor": {"username": "boss", "full_name": "王主任", "password": "secret-123"},
    }
    dialog.printer.setCurrentIndex(0)
    assert dialog.values()["printer"]["name"] == ""
