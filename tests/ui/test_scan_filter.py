"""The global scan capture on the real double-delivery path (keys sent to the QWindow)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from counter_app.ui.scan_filter import ScanFilter, make_scan_field

from ..scanner_keys import scanner_burst


@pytest.fixture()
def rig(qapp: QApplication, qtbot) -> Iterator[tuple[QWidget, QLineEdit, ScanFilter, list[str]]]:  # type: ignore[no-untyped-def]
    w = QWidget()
    field = make_scan_field(QLineEdit())
    QVBoxLayout(w).addWidget(field)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    f = ScanFilter()
    qapp.installEventFilter(f)
    scans: list[str] = []
    f.scanned.connect(scans.append)
    yield w, field, f, scans
    qapp.removeEventFilter(f)


def _burst(w: QWidget, text: str, enter: bool = True) -> None:
    scanner_burst(w.windowHandle(), text, enter)  # a scanner's timestamps: no stall splits it


def test_a_scan_is_captured_and_never_typed(rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, field, _f, scans = rig
    returns: list[int] = []
    field.returnPressed.connect(lambda: returns.append(1))
    _burst(w, "41152126112310100001")
    assert scans == ["41152126112310100001"]
    qtbot.wait(60)
    assert field.text() == "" and returns == []


def test_human_typing_arrives_once_and_in_order(rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, field, _f, scans = rig
    for ch in "gjj2026":
        QTest.keyClick(w.windowHandle(), Qt.Key(ord(ch.upper())))
        qtbot.wait(45)  # a fast typist: still slower than a scanner
    QTest.keyClick(w.windowHandle(), Qt.Key.Key_Backspace)
    qtbot.wait(60)
    assert field.text() == "gjj202" and scans == []


def test_short_bursts_and_missing_enter_are_given_back(rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, field, f, scans = rig
    partial: list[str] = []
    f.partial.connect(partial.append)
    _burst(w, "12345")  # too short for a scan: typed, and Enter passes
    qtbot.wait(60)
    assert field.text() == "12345" and scans == []
    field.clear()
    _burst(w, "ABCDEFGH12", enter=False)  # a scanner set up without Enter
    qtbot.wait(80)
    assert field.text() == "ABCDEFGH12" and partial == ["ABCDEFGH12"] and scans == []


def test_scan_fields_refuse_input_methods(rig) -> None:  # type: ignore[no-untyped-def]
    _w, field, _f, _s = rig
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly


def test_a_second_filter_does_not_garble_typing(rig, qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, field, _f, _scans = rig
    other = ScanFilter()  # e.g. another main window's, left installed
    qapp.installEventFilter(other)
    try:
        for ch in "abc123":
            QTest.keyClick(w.windowHandle(), Qt.Key(ord(ch.upper())))
            qtbot.wait(45)
        qtbot.wait(60)
        assert field.text() == "abc123"
    finally:
        qapp.removeEventFilter(other)
