"""Keyboard-only driving of the app, counting every key sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def send_text(widget: QWidget, text: str) -> None:
    """Type text, Chinese included (QTest.keyClicks knows ASCII only; an IME commits text)."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)


class Keyboard:
    """Sends keys to whatever has focus (as a person would) and counts them.

    ``data`` is the applicant's own data (name, ID number...): typed, but counted apart.
    """

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.keys = 0
        self.data_keys = 0

    def target(self) -> QWidget:
        # After a dialog closes the main window gets the focus back a moment later.
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
        return QApplication.focusWidget()

    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            count: int = 1) -> None:
        for _ in range(count):
            self.qtbot.keyClick(self.target(), key, mods)
            self.keys += 1

    def type(self, text: str) -> None:
        """Typed keys that are not the applicant's data (a search query, a page count)."""
        for ch in text:
            send_text(self.target(), ch)
            self.keys += 1

    def data(self, text: str) -> None:
        """The applicant's own data: not part of the key budget."""
        for ch in text:
            send_text(self.target(), ch)
            self.data_keys += 1
