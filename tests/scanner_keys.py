"""A keyboard-wedge scanner's burst, stamped as the PC stamps a real scanner's keys.

The scan filter tells a scan from typing by the keys' timestamps (``ScanDetector``). A real
scanner's keys are stamped when they reach the PC, a few ms apart, however late the GUI
thread gets to handle them. ``QTest`` stamps a key with the time the test sends it, so on a
loaded CI box one stall of the test process between two keys split the burst: a 20-digit code
became its first digit typed into the field and a 19-digit scan ("长度为 19 位"). These keys
carry a scanner's timestamps instead, and go to the QWindow, where the scan filter sees every
key first, exactly as a real scanner's do; what the filter does not take reaches the focus
widget through the window, as any key does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

SCANNER_GAP_MS = 3  # well under the ~30 ms a scanner stays within (TECH-NOTES)


class _Clock(QObject):
    """Reads the timestamp the window system gave one key (the clock the scan filter reads)."""

    def __init__(self) -> None:
        super().__init__()
        self.stamp: int | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.stamp is None and isinstance(event, QKeyEvent) and isinstance(watched, QWindow):
            self.stamp = int(event.timestamp())
        return False


def _now_ms(window: QWindow) -> int:
    """Now, on the clock of key events: a Shift tap, which scanners send too and the scan
    filter passes by, stamped by the window system."""
    clock = _Clock()
    app = QGuiApplication.instance()
    assert app is not None
    app.installEventFilter(clock)
    try:
        QTest.sendKeyEvent(QTest.KeyAction.Click, window, Qt.Key.Key_Shift, "",
                           Qt.KeyboardModifier.NoModifier)
    finally:
        app.removeEventFilter(clock)
    assert clock.stamp is not None, "the Shift tap never reached the window"
    return clock.stamp


def _click(window: QWindow, key: Qt.Key, text: str, stamp: int) -> None:
    mods = Qt.KeyboardModifier.ShiftModifier if text.isupper() else Qt.KeyboardModifier.NoModifier
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, mods, text)
        event.setTimestamp(stamp)
        QGuiApplication.sendEvent(window, event)


def scanner_burst(window: QWindow, code: str, enter: bool = True, gap_ms: int = SCANNER_GAP_MS) -> None:
    """``code`` then Enter (unless a scanner set up without it), each key ``gap_ms`` after the
    one before on the key clock."""
    stamp = _now_ms(window)
    for ch in code:
        stamp += gap_ms
        _click(window, Qt.Key(ord(ch.upper())), ch, stamp)
    if enter:
        _click(window, Qt.Key.Key_Return, "\r", stamp + gap_ms)


def scan(window: QWindow, code: str) -> None:
    """A scan as the GUI tests send one: the burst, then the events it caused handled."""
    scanner_burst(window, code)
    QApplication.processEvents()
