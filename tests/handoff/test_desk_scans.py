"""Scans at the desks: a burst of keys on the window is one scan wherever the focus is, slow
typing stays typing, and every bad scan is explained and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from counter_app.services.handoff.service import HandoffService
from counter_app.ui.approver.page import ApproverDesk
from counter_app.ui.handoff.issue_page import IssuePage

from ..conftest import Hall
from ..scanner_keys import scan
from .conftest import Gui, accept_cases, snapshot
from .test_bad_scans import bad_scans


def _desk_in_window(gui: Gui, hall: Hall, qtbot) -> tuple[QWidget, ApproverDesk, QLineEdit]:  # type: ignore[no-untyped-def]
    """The desk next to an ordinary text field, in one window."""
    host = QWidget()
    note = QLineEdit()
    note.setObjectName("ordinaryField")
    desk = ApproverDesk(gui.services, hall.approver)
    lay = QVBoxLayout(host)
    lay.addWidget(note)
    lay.addWidget(desk)
    qtbot.addWidget(host)
    host.resize(1366, 768)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    return host, desk, note


def _await_message(gui: Gui, qtbot, desk: ApproverDesk) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    gui.wait(qtbot, lambda: bool(desk.message.text()))
    return desk.message.property("kind"), desk.message.text()


def test_scan_burst_is_captured_and_typing_is_not(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    cases = accept_cases(hall, 2)
    (batch,) = HandoffService(hall.ctx).create_batches(hall.clerk, cases)
    host, desk, note = _desk_in_window(gui, hall, qtbot)
    scan(host.windowHandle(), batch)
    gui.wait(qtbot, lambda: desk.batch.batch_no == batch)
    assert note.text() == "" and note.hasFocus()  # the scan did not leak into the field
    assert desk.field.text() == ""
    # A case scanned while the field has focus checks the case, and still leaks nothing.
    scan(host.windowHandle(), cases[1])
    assert desk.batch.present == {cases[1]} and note.text() == ""
    # A person typing the same digits slowly: every key reaches the field once, no scan.
    typed = cases[0][:10]
    gap_ms = desk.scanner.detector.max_gap_ms  # the app's own: scans carry a scanner's stamps
    for ch in typed:
        qtbot.keyClick(host.windowHandle(), ch, Qt.KeyboardModifier.NoModifier, gap_ms * 3)
    # The filter gives the last held key back on a timer: wait for it, not for a fixed pause.
    qtbot.waitUntil(lambda: note.text() == typed, timeout=5000)
    assert desk.batch.present == {cases[1]}
    # Short codes are typing too, however fast (a scan has at least 8 characters).
    note.clear()
    scan(host.windowHandle(), "1234")
    qtbot.waitUntil(lambda: note.text() == "1234")


def test_bad_scans_at_the_desk_change_nothing(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    cases = accept_cases(hall, 2)
    svc = HandoffService(hall.ctx)
    (batch,) = svc.create_batches(hall.clerk, cases[:1])
    host, desk, note = _desk_in_window(gui, hall, qtbot)
    before = snapshot(hall)
    for text, _expect, words in bad_scans(batch, cases[0]):
        if "这里需要" in words:  # the desk takes batch and case numbers alike
            continue
        desk.message.clear()
        if text.isascii() and len(text) >= 8:
            scan(host.windowHandle(), text)  # as the scanner types it
        else:
            desk.handle_scan(text)  # typed into the scan field
        kind, message = _await_message(gui, qtbot, desk)
        assert kind == "error" and words in message, (text, message)
        assert desk.stack.currentWidget() is desk.welcome
    assert note.text() == ""
    # With a batch open: a case of another batch, or a foreign code, is refused.
    desk.handle_scan(batch)
    gui.wait(qtbot, lambda: desk.batch.batch_no == batch)
    for text, words in ((cases[1], "不在本交接单"), ("410102" + cases[0][6:], "其他地区"),
                        (cases[0][:15], "长度为 15 位")):
        desk.message.clear()
        scan(host.windowHandle(), text)
        kind, message = _await_message(gui, qtbot, desk)
        assert kind == "error" and words in message, (text, message)
        assert desk.batch.present == set() and desk.stack.currentWidget() is desk.batch
    assert not desk.batch.sign.isEnabled()
    assert snapshot(hall) == before


def test_issue_page_wants_a_case_not_a_batch(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    cases = accept_cases(hall, 1)
    (batch,) = HandoffService(hall.ctx).create_batches(hall.clerk, cases)
    page = IssuePage(gui.services, hall.clerk)
    qtbot.addWidget(page)
    page.show()
    before = snapshot(hall)
    page.load(batch)
    gui.wait(qtbot, lambda: "这里需要办件编号" in page.message.text())
    page.load(cases[0])  # a case, but nothing to collect yet
    gui.wait(qtbot, lambda: "没有待领取" in page.message.text())
    assert not page.issue_btn.isEnabled()
    after = snapshot(hall)
    assert after.pop("looks") == before.pop("looks") + 1, "the case was looked at: one entry"
    assert after == before
