"""Keys sent the way a keyboard sends them: to the QWindow, so that shortcuts, the scan filter
(which sees every key on the window first) and the focus widget all take part, as on a PC."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ..scanner_keys import scan
from .keys import send_text

HUMAN_GAP_MS = 45  # a fast typist: still slower than a scanner (TECH-NOTES)


class WindowKeys:
    """Counts keys like ``Keyboard``; sends to the active window's QWindow."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.keys = 0
        self.data_keys = 0
        self.worst_ms = 0.0  # the longest a key's handlers held the GUI thread (issue 15: 16 ms)
        self.worst_key = ""
        self.hold_ms = 40  # after a printable key: the scan filter holds it max_gap_ms (30)

    def _timed(self, what: str, send) -> None:  # type: ignore[no-untyped-def]
        """Delivery is synchronous: the time of the call is the time the handlers took."""
        started = time.perf_counter()
        send()
        spent = (time.perf_counter() - started) * 1000
        if spent > self.worst_ms:
            self.worst_ms, self.worst_key = spent, what

    def window(self) -> QWidget:
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
        return QApplication.focusWidget().window()

    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            count: int = 1) -> None:
        for _ in range(count):
            handle = self.window().windowHandle()
            self._timed(f"{QKeySequence(int(mods.value) | int(key)).toString()}",
                        lambda h=handle: QTest.keyClick(h, key, mods))
            self.keys += 1
            QApplication.processEvents()
            plain = not mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
            if plain and 0x20 <= int(key) <= 0x7E:
                self.qtbot.wait(self.hold_ms)  # a printable key is held by the scan filter

    def ctrl(self, key: Qt.Key) -> None:
        self.key(key, Qt.KeyboardModifier.ControlModifier)

    def ctrl_shift(self, key: Qt.Key) -> None:
        self.key(key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    def _type(self, text: str, gap_ms: int) -> None:
        for ch in text:
            handle = self.window().windowHandle()
            if ch.isascii():
                mods = (Qt.KeyboardModifier.ShiftModifier if ch.isupper()
                        else Qt.KeyboardModifier.NoModifier)
                code = Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key.Key_unknown
                QTest.sendKeyEvent(QTest.KeyAction.Click, handle, code, ch, mods)
            else:
                send_text(QApplication.focusWidget(), ch)  # an IME commits text to the widget
            if gap_ms:
                self.qtbot.wait(gap_ms)
        self.qtbot.wait(60)  # the scan filter gives held keys back after ~30 ms

    def type(self, text: str, gap_ms: int = HUMAN_GAP_MS) -> None:
        self._type(text, gap_ms)
        self.keys += len(text)

    def data(self, text: str, gap_ms: int = HUMAN_GAP_MS) -> None:
        self._type(text, gap_ms)
        self.data_keys += len(text)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the code in a burst, then Enter, stamped as a scanner's
        keys are (``scanner_burst``), so a stall of this loop cannot split the burst."""
        scan(self.window().windowHandle(), code)


def sign_in(kb: WindowKeys, window, qtbot, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    """At the login (or lock) screen, by keys only: user, Enter, password, Enter."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (window.login.user, window.login.password)
                    or (window.lock_screen is not None
                        and QApplication.focusWidget() is window.lock_screen.password), timeout=5000)
    if QApplication.focusWidget() is window.login.user:
        kb.data(user)
        kb.key(Qt.Key.Key_Return)
    kb.data(password)
    kb.key(Qt.Key.Key_Return)
