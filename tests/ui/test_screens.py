"""Every screen rendered in Chinese at 1366x768 and 1920x1080 (build/screens/*.png)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.intake.service import IntakeService

from ..helpers import complete_intake
from .conftest import screenshot
from .flow import PERSON, login, wait_dialog
from .keys import Keyboard, send_text

SIZES = ((1366, 768), (1920, 1080))


def _both(window, name: str) -> None:  # type: ignore[no-untyped-def]
    for w, h in SIZES:
        window.resize(w, h)
        screenshot(window, f"{name}-{w}x{h}")
    window.resize(*SIZES[0])


def test_screens(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = IntakeService(ui_hall.ctx)
    waiting = complete_intake(svc, ui_hall.committed.code)
    for m in waiting.materials[:2]:
        m.state = "missing"
    waiting_no = svc.record(ui_hall.clerk, waiting, "notify").case_no
    _both(window, "login")
    page = login(window, qtbot)
    _both(window, "counter-empty")
    kb = Keyboard(qtbot)
    page.setFocus()
    kb.key(Qt.Key.Key_F2)
    kb.type("gjj")
    _both(window, "counter-search")
    kb.key(Qt.Key.Key_Down, count=2)
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intake is not None)
    for value in (PERSON["name"], "1101051949", "138123", PERSON["address"]):
        send_text(QApplication.focusWidget(), value)
        kb.key(Qt.Key.Key_Return)
    kb.key(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.checklist.isEnabled())
    send_text(QApplication.focusWidget(), "李1")
    page.focus_checklist()
    kb.key(Qt.Key.Key_Space)
    kb.key(Qt.Key.Key_D)
    dialog = wait_dialog(qtbot, "defectDialog")
    screenshot(dialog, "dialog-defect")
    kb.key(Qt.Key.Key_2)
    _both(window, "counter-person-agent-errors")
    kb.key(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    send_text(QApplication.focusWidget(), "罗山县鑫源商贸有限公司")
    kb.key(Qt.Key.Key_Return)
    send_text(QApplication.focusWidget(), "91110000600037341M")
    qtbot.waitUntil(lambda: page.checklist.isEnabled())
    _both(window, "counter-organisation-warning")
    page.open_case(waiting_no)
    qtbot.waitUntil(lambda: page.resume.case is not None, timeout=5000)
    _both(window, "counter-resume")
    page.back()
    window.show_page("cases")
    qtbot.waitUntil(lambda: window.page("cases").waiting.rowCount() == 1, timeout=5000)
    _both(window, "cases")
    window.show_page("counter")
    window.lock()
    _both(window, "lock")
