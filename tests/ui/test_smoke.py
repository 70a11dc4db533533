from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.ui.counter.page import CounterPage

from .conftest import screenshot
from .keys import Keyboard


def test_login_and_page(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    kb = Keyboard(qtbot)
    window.login.user.setFocus()
    kb.type("clerk")
    kb.key(Qt.Key.Key_Return)
    kb.type("counter123")
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.page("counter") is not None, timeout=10000)
    page = window.page("counter")
    assert isinstance(page, CounterPage)
    qtbot.waitUntil(lambda: page.catalog is not None, timeout=10000)
    screenshot(window, "smoke")
