"""Driving the main window through a whole intake, by keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.ui.counter.page import CounterPage
from counter_app.ui.main_window import MainWindow
from counter_app.ui.printing import PrintPreviewDialog

from ..conftest import PASSWORD
from .keys import Keyboard

PERSON = {"name": "张伟", "id": "11010519491231002X", "phone": "13812345678",
          "address": "罗山县龙山街道1号"}
COMMON_ITEM = "BDC-0002"  # 房屋转移登记（买卖）: the daily bread of the real-estate window


def login(window: MainWindow, qtbot, user: str = "clerk") -> CounterPage | None:  # type: ignore[no-untyped-def]
    window.login.user.setFocus()
    qtbot.keyClicks(window.login.user, user)
    qtbot.keyClick(window.login.user, Qt.Key.Key_Return)
    qtbot.keyClicks(window.login.password, PASSWORD)
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    page = window.page("counter")
    if isinstance(page, CounterPage):
        qtbot.waitUntil(lambda: page.catalog is not None, timeout=10000)
        return page
    return None


def wait_dialog(qtbot, name: str):  # type: ignore[no-untyped-def]
    """The modal dialog ``name`` once it has the keyboard focus (as a person would wait)."""
    def ready() -> bool:
        d, f = QApplication.activeModalWidget(), QApplication.focusWidget()
        return d is not None and d.objectName() == name and f is not None and f.window() is d
    qtbot.waitUntil(ready, timeout=5000)
    return QApplication.activeModalWidget()


def wait_preview(page: CounterPage, qtbot) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.preview is not None, timeout=10000)
    dialog = page.preview
    assert dialog is not None
    try:
        qtbot.waitUntil(lambda: all(j is not None for j in dialog.jobs)
                        and dialog.print_button.isEnabled(), timeout=15000)
    except Exception:
        raise AssertionError(f"preview not ready: {dialog.status.text()}") from None
    return dialog


def print_with_keys(kb: Keyboard, dialog: PrintPreviewDialog, qtbot) -> list[Path]:  # type: ignore[no-untyped-def]
    """Ctrl+P in the preview; with no printer (CI) that saves the PDFs."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog, timeout=5000)
    kb.key(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(dialog.saved), timeout=5000)
    return list(dialog.saved)


def fill_person(kb: Keyboard, page: CounterPage, qtbot, person: dict[str, str] = PERSON) -> None:  # type: ignore[no-untyped-def]
    """From the applicant's name field to the checklist: data + 4 Enters."""
    for i, key in enumerate(("name", "id", "phone", "address")):
        kb.data(person[key])
        if i == 0:
            qtbot.waitUntil(lambda: page.intake is not None, timeout=5000)
        kb.key(Qt.Key.Key_Return)
