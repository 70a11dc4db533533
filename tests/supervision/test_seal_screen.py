"""The hall seal screen driven by keys (pytest-qt, in Chinese): Ctrl+0 opens its tab, Alt+1/3
tick the notices, Ctrl+Enter saves, Enter in an emptied text is refused with the field named.
Screenshots at 1366x768 and 1920x1080 go to /tmp/counter-shots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from counter_app.services.printing.hall_seal import SealService, SealSetting
from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator
from counter_app.ui.supervision.page import build as build_supervision

from ..conftest import Hall

SHOTS = Path("/tmp/counter-shots")


@pytest.fixture()
def chinese(qapp: QApplication) -> Iterator[None]:
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


def test_the_screen_by_keys(hall: Hall, app_services, qtbot, chinese) -> None:  # type: ignore[no-untyped-def]
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    w = page.seal
    assert page.tabText(page.indexOf(w)) == "大厅印章"
    page.activateWindow()
    page.currentWidget().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0,
                   Qt.KeyboardModifier.ControlModifier)  # its tab
    assert page.currentWidget() is w
    qtbot.waitUntil(lambda: w.text.text() != "", timeout=10000)
    assert "尚未设置" in w.source.text()
    qtbot.waitUntil(lambda: w.text.hasFocus(), timeout=5000)
    w.text.selectAll()
    qtbot.keyClick(w.text, Qt.Key.Key_Delete)
    ime = QInputMethodEvent()  # Chinese arrives from the input method, committed at once
    ime.setCommitString("综合受理专用章")
    QApplication.sendEvent(w.text, ime)
    assert w.text.text() == "综合受理专用章"
    qtbot.keyClick(w.text, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # 受理通知书
    qtbot.keyClick(w.text, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # 不予受理通知书
    qtbot.waitUntil(lambda: [b.isChecked() for b in w.boxes.values()] == [True, False, True],
                    timeout=5000)  # a mnemonic clicks after a short animation
    SHOTS.mkdir(exist_ok=True)
    for size in ((1366, 768), (1920, 1080)):
        page.resize(*size)
        QApplication.processEvents()
        assert page.grab().save(str(SHOTS / f"hall-seal-{size[0]}x{size[1]}.png"))
    qtbot.keyClick(w.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已保存" in w.message.text(), timeout=10000)
    assert "综合受理专用章" in w.message.text() and "2 种文书" in w.message.text()
    assert SealService(hall.ctx).current() == SealSetting("综合受理专用章",
                                                          ("acceptance", "not_accepted"))
    w.text.clear()
    qtbot.keyClick(w.text, Qt.Key.Key_Return)  # Enter saves too: refused, and said why
    qtbot.waitUntil(lambda: "印章名称：不能为空" in w.message.text(), timeout=10000)
    assert SealService(hall.ctx).current().seal_text == "综合受理专用章"
