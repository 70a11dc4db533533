"""Global capture of keyboard-wedge barcode scans, wherever the focus is.

An application event filter sees each real key press twice: on the QWindow and again on the
focus widget. This filter acts on QWindow key events only. Printable keys go through the
pure ``ScanDetector``: a fast burst ended by Enter becomes ``scanned(code)`` and never reaches
a widget; anything else (a person typing) is replayed to the window in order, about 30 ms late.

Speed alone cannot tell a scanner from a fast typist, so a finished burst is judged once more
(``judge_burst``): a burst the focused field expects (``expect_typed``: an ID number in the ID
field, a credit code in the credit-code field, anything in the login fields) is typing, and
is given to the field with its Enter; and when the hall's scanners send a prefix (setting
``scanner/prefix`` of this PC), only a burst that starts with it is a scan.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ..services.intake.scan_detector import ScanDetector, judge_burst
from .services import AppServices

PREFIX_KEY = "scanner/prefix"  # QSettings of this PC: what the scanners send before a code
TYPED_PROPERTY = "typedPattern"


class ScanFilter(QObject):
    scanned = Signal(str)
    partial = Signal(str)  # a burst that looked like a scan but had no Enter
    _replaying = 0  # class-wide: keys being given back pass every ScanFilter untouched

    def __init__(self, parent: QObject | None = None, max_gap_ms: int = 30,
                 min_length: int = 8, prefix: str = "") -> None:
        super().__init__(parent)
        self.detector = ScanDetector(max_gap_ms=max_gap_ms, min_length=min_length)
        self.prefix = prefix
        self._held: list[tuple[int, Qt.KeyboardModifier, str]] = []  # mirrors detector buffer
        self._swallowed_releases: list[int] = []
        self._window: QWindow | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._flush(force=True))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or not isinstance(watched, QWindow):
            return False
        if kind == QEvent.Type.KeyRelease:
            assert isinstance(event, QKeyEvent)
            if event.key() in self._swallowed_releases:
                self._swallowed_releases.remove(event.key())
                return True
            return False
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            self._flush(force=True)
            return False
        if kind != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        text = event.text()
        key = text if len(text) == 1 and not mods else f"<{event.key()}>"
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            key = "\r"
        if event.key() in (Qt.Key.Key_Shift,):
            return False  # a scanner typing capitals presses Shift: not part of the payload
        self._window = watched
        result = self.detector.feed(key, int(event.timestamp()))
        self._replay(result.replay, result.partial_scan)
        if result.scan is not None:
            self._timer.stop()
            verdict = judge_burst(result.scan, self._expected(), self.prefix)
            if verdict.scan is None:  # a fast typist: the field gets its keys, then the Enter
                self._replay(result.scan, False)
                return False
            self._held.clear()
            self._swallowed_releases.append(event.key())
            self.scanned.emit(verdict.scan)
            return True
        if result.swallow:
            self._held.append((event.key(), event.modifiers(), text))
            self._swallowed_releases.append(event.key())
            self._timer.start(self.detector.max_gap_ms + 1)
            return True
        return False

    @staticmethod
    def _expected() -> str:
        """What the focused field expects to be typed into it, if it says (``expect_typed``)."""
        focus = QApplication.focusWidget()
        value = focus.property(TYPED_PROPERTY) if focus is not None else None
        return value if isinstance(value, str) else ""

    def _flush(self, force: bool = False) -> None:
        result = self.detector.flush(0, force=force)
        self._replay(result.replay, result.partial_scan)

    def _replay(self, text: str, partial: bool) -> None:
        if not text:
            return
        held, self._held = self._held[:len(text)], self._held[len(text):]
        if partial:
            self.partial.emit(text)
        target = self._window
        if target is None:
            return
        ScanFilter._replaying += 1
        try:
            for key, mods, ch in held:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QGuiApplication.sendEvent(target, QKeyEvent(kind, key, mods, ch))
        finally:
            ScanFilter._replaying -= 1


def scan_filter(services: AppServices) -> ScanFilter:
    """The application's scan filter (one per AppServices, i.e. per main window), installed
    on first use. Should two ever be installed, keys given back by one pass the other."""
    if services.scan_filter is not None:
        return services.scan_filter
    app = QGuiApplication.instance()
    from .prefs import ui_settings

    f = ScanFilter(app, prefix=str(ui_settings().value(PREFIX_KEY, "") or ""))
    if app is not None:
        app.installEventFilter(f)
    services.scan_filter = f
    return f


def expect_typed(field: QWidget, pattern: str) -> QWidget:
    """``field`` expects text matching ``pattern`` (a regular expression, see the ``*_TYPED``
    patterns of services/intake/scan_detector): typed that fast, it is still typing, not a scan."""
    field.setProperty(TYPED_PROPERTY, pattern)
    return field


def make_scan_field(field: QLineEdit) -> QLineEdit:
    """Scanners type ASCII: a Chinese input method must not swallow the code."""
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    field.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
    return field


def visible_and_active(widget: QWidget) -> bool:
    """Whether a scan should go to this page: shown, and its window not locked behind."""
    return widget.isVisible() and not getattr(widget.window(), "locked", False)
