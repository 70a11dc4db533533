"""The custody screens by keyboard alone (issue 15, findings 4 and 5), keys sent to the QWindow.

The clerk's handoff page: nothing ticked by default, Space ticks, Ctrl+A / Ctrl+Shift+A,
F9 makes the sheet, Tab leaves the table, the tick column never scrolls away, and the
minute's refresh keeps the cursor on the same file."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.handoff import HandoffService
from counter_app.ui.handoff.page import HandoffPage

from ..conftest import Hall
from ..ui.conftest import screenshot
from .conftest import Gui, accept_cases


def press(w: QWidget, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          qtbot=None) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(w.window().windowHandle(), key, mods)
    QApplication.processEvents()
    if qtbot is not None:
        qtbot.wait(40)  # a printable key waits in the scan filter ~30 ms (none here, but real)


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_handoff_page_by_keys(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = HandoffService(hall.ctx)
    cases = accept_cases(hall, 3)
    page = HandoffPage(gui.services, hall.clerk)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    qtbot.waitExposed(page)
    gui.wait(qtbot, lambda: page.grid.rowCount() == 3)
    assert page.selected() == [] and not page.make.isEnabled()  # nothing ticked by default
    page.activateWindow()
    page.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    assert page.grid.currentRow() == 0
    press(page, Qt.Key.Key_Space, qtbot=qtbot)
    press(page, Qt.Key.Key_Down)
    press(page, Qt.Key.Key_Space, qtbot=qtbot)
    assert page.selected() == cases[:2] and page.make.isEnabled()
    press(page, Qt.Key.Key_Space, qtbot=qtbot)  # Space again: unticked
    assert page.selected() == cases[:1]
    press(page, Qt.Key.Key_A, CTRL)
    assert page.selected() == cases
    press(page, Qt.Key.Key_A, CTRL | SHIFT)
    assert page.selected() == []
    # Sideways keys never take the cursor (and the view) away from the tick column.
    press(page, Qt.Key.Key_Right)
    press(page, Qt.Key.Key_End)
    assert page.grid.currentColumn() == 0 and page.grid.horizontalScrollBar().value() == 0
    press(page, Qt.Key.Key_Down)
    assert page.grid.currentRow() == 2
    press(page, Qt.Key.Key_Space, qtbot=qtbot)

    # The refresh: unchanged data leaves the table alone; a new file (received earlier, so
    # sorted first) moves the rows, and the cursor moves with its file.
    first_item = page.grid.item(0, 0)
    page.refresh()
    qtbot.wait(300)
    assert page.grid.item(0, 0) is first_item and page.grid.currentRow() == 2
    hall.clock.now -= timedelta(hours=1)
    (early,) = accept_cases(hall, 1, names=("周杰",))
    hall.clock.now += timedelta(hours=1)
    page.refresh()
    gui.wait(qtbot, lambda: page.grid.rowCount() == 4)
    numbers = [c.case_no for c in page.ready]
    assert numbers[0] == early
    assert page.ready[page.grid.currentRow()].case_no == cases[2]  # still on the same file
    assert page.selected() == [cases[2]]  # and the new one is not ticked
    press(page, Qt.Key.Key_Space, qtbot=qtbot)  # so Space unticks the file under the cursor
    assert page.selected() == []
    press(page, Qt.Key.Key_Space, qtbot=qtbot)
    screenshot(page, "handoff-keys-1366x768")

    # Tab leaves the table for the make button.
    press(page, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.make
    press(page, Qt.Key.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is page.grid
    press(page, Qt.Key.Key_F9)
    gui.wait(qtbot, lambda: page.preview is not None)
    gui.wait(qtbot, lambda: len(page.preview.done_jobs()) == 1, timeout=20000)
    page.preview.reject()
    (batch,) = svc.batches(status="open")
    assert [ln.case_no for ln in svc.batch_view(batch.batch_no).lines] == [cases[2]]
    gui.wait(qtbot, lambda: page.grid.rowCount() == 3)
    assert page.selected() == []
