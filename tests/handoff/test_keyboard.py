"""The custody screens by keyboard alone (issue 15, findings 4 and 5), keys sent to the QWindow.

The clerk's handoff page: nothing ticked by default, Space ticks, Ctrl+A / Ctrl+Shift+A,
F9 makes the sheet, Tab leaves the table, the tick column never scrolls away, and the
minute's refresh keeps the cursor on the same file."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.handoff.service import HandoffService
from counter_app.ui.handoff.page import HandoffPage

from ..conftest import Hall
from ..ui.conftest import screenshot
from .conftest import Gui, accept_cases, snapshot


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
    gui.settle(qtbot)  # the reload has been shown (a fixed pause could end before it)
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


def _desk(gui: Gui, hall: Hall, qtbot):  # type: ignore[no-untyped-def]
    from counter_app.ui.approver.page import ApproverDesk

    desk = ApproverDesk(gui.services, hall.approver)
    qtbot.addWidget(desk)
    desk.resize(1366, 740)
    desk.show()
    qtbot.waitExposed(desk)
    desk.activateWindow()
    desk.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.field)
    return desk


def _dialog(qtbot, name: str):  # type: ignore[no-untyped-def]
    def ready() -> bool:
        d, f = QApplication.activeModalWidget(), QApplication.focusWidget()
        return d is not None and d.objectName() == name and f is not None and f.window() is d
    qtbot.waitUntil(ready, timeout=5000)
    return QApplication.activeModalWidget()


def test_approver_desk_by_keys(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ..ui.winkeys import WindowKeys

    svc = HandoffService(hall.ctx)
    cases = accept_cases(hall, 4)
    (batch,) = svc.create_batches(hall.clerk, cases[:2])
    desk = _desk(gui, hall, qtbot)
    kb = WindowKeys(qtbot)
    kb.scan(batch)
    gui.wait(qtbot, lambda: desk.batch.batch_no == batch
             and QApplication.focusWidget() is desk.batch.grid)
    assert "(F5)" in desk.batch.sign.text() or "F5" in desk.batch.progress.text() \
        or not desk.batch.sign.isEnabled()
    kb.key(Qt.Key.Key_Space)  # the first file is in the folder; the cursor moves on
    assert desk.batch.present == {cases[0]} and desk.batch.grid.currentRow() == 1
    kb.key(Qt.Key.Key_F5)  # not all checked: F5 says so and signs nothing
    assert desk.batch.is_open and "未核对" in desk.message.text()
    kb.key(Qt.Key.Key_D)  # the second lacks a material
    dialog = _dialog(qtbot, "discrepancyDialog")
    kb.key(Qt.Key.Key_Space)  # "the whole case is not in the folder"
    assert dialog.absent.isChecked()
    kb.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    gui.wait(qtbot, lambda: cases[1] in desk.batch.findings
             and QApplication.focusWidget() is desk.batch.grid)
    screenshot(desk, "desk-batch-keys-1366x768")
    kb.key(Qt.Key.Key_F5)  # sign
    gui.wait(qtbot, lambda: not desk.batch.is_open and desk.batch.view is not None)
    gui.wait(qtbot, lambda: QApplication.focusWidget() is desk.batch.grid)
    kb.key(Qt.Key.Key_Home)
    kb.key(Qt.Key.Key_Return)  # Enter opens the case under the cursor
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == cases[0])
    screenshot(desk, "desk-case-keys-1366x768")
    kb.key(Qt.Key.Key_F6)  # return, the reason ended by Ctrl+Enter
    dialog = _dialog(qtbot, "returnDialog")
    assert QApplication.focusWidget() is dialog.reason
    kb.data("缺少原件")
    kb.key(Qt.Key.Key_Return)  # a new line in the reason, not a submit
    assert dialog.isVisible()
    kb.data("请补齐")
    kb.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    gui.wait(qtbot, lambda: desk.case.view is not None and desk.case.view.status == "returned")
    kb.key(Qt.Key.Key_Escape)  # back to the batch
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.batch)

    # Decide two more by keys: F5 approve (number, Enter), F7 deny (reasons, Ctrl+Enter).
    (batch2,) = svc.create_batches(hall.clerk, cases[2:])
    from counter_app.services.handoff.service import CaseCheck

    svc.sign(hall.approver, batch2, [CaseCheck(cases[2]), CaseCheck(cases[3])])
    kb.scan(cases[2])
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == cases[2])
    kb.key(Qt.Key.Key_F5)
    dialog = _dialog(qtbot, "decideDialog")
    kb.data("LS-2026-7")
    kb.key(Qt.Key.Key_Return)
    gui.wait(qtbot, lambda: desk.case.view is not None and desk.case.view.status == "approved")
    kb.scan(cases[3])
    gui.wait(qtbot, lambda: desk.case.case_no == cases[3] and desk.case.view.status == "with_approver")
    kb.key(Qt.Key.Key_F7)
    dialog = _dialog(qtbot, "decideDialog")
    assert QApplication.focusWidget() is dialog.reason  # the reasons first (the number is optional)
    kb.data("不符合规划条件")
    kb.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    gui.wait(qtbot, lambda: desk.case.view is not None and desk.case.view.status == "denied")
    # Three cases opened (Enter, two scans); shown again after a return or decision: no new look.
    assert snapshot(hall)["looks"] == 3
    print(f"\nWORST KEY at the desk: {kb.worst_key} held the GUI thread {kb.worst_ms:.1f} ms")


def test_issue_page_enter_issues(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    from counter_app.services.handoff.service import CaseCheck
    from counter_app.ui.handoff.issue_page import IssuePage

    from ..helpers import PERSON_ID
    from ..ui.winkeys import WindowKeys

    svc = HandoffService(hall.ctx)
    (case,) = accept_cases(hall, 1)
    (batch,) = svc.create_batches(hall.clerk, [case])
    svc.sign(hall.approver, batch, [CaseCheck(case)])
    svc.decide(hall.approver, case, "approved", decision_no="罗审〔2026〕7号")
    page = IssuePage(gui.services, hall.clerk)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.field)
    kb = WindowKeys(qtbot)
    kb.scan(case)
    gui.wait(qtbot, lambda: page.view is not None and QApplication.focusWidget() is page.id_no)
    assert page.name.text() == "张伟"
    kb.data(PERSON_ID)
    screenshot(page, "issue-keys-1366x768")
    kb.key(Qt.Key.Key_Return)  # Enter on the last field issues
    gui.wait(qtbot, lambda: page.preview is not None)
    gui.wait(qtbot, lambda: len(page.preview.done_jobs()) == 1, timeout=20000)
    page.preview.reject()
    assert svc.case_view(case).status == "issued"


def test_worklist_on_the_desk_by_keys(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A signed, undecided case waits in the worklist (F3, Enter) until it is decided."""
    from counter_app.services.handoff.service import CaseCheck

    from ..ui.winkeys import WindowKeys
    from .test_worklist import _approver

    svc = HandoffService(hall.ctx)
    cases = accept_cases(hall, 2)
    (batch,) = svc.create_batches(hall.clerk, cases)
    me = _approver(hall, "dep_a", hall.committed.department_code)
    svc.sign(me, batch, [CaseCheck(n) for n in cases])
    from counter_app.ui.approver.page import ApproverDesk

    desk = ApproverDesk(gui.services, me)
    qtbot.addWidget(desk)
    desk.resize(1366, 740)
    desk.show()
    qtbot.waitExposed(desk)
    desk.activateWindow()
    desk.setFocus()
    gui.wait(qtbot, lambda: desk.work.count() == 2 and bool(desk.work.item(0).data(Qt.ItemDataRole.UserRole)))
    assert "（2）" in desk.work_title.text() and "所属部门" in desk.scope.text()
    screenshot(desk, "desk-worklist-1366x768")
    kb = WindowKeys(qtbot)
    kb.key(Qt.Key.Key_F3)
    assert QApplication.focusWidget() is desk.work and desk.work.currentRow() == 0
    kb.key(Qt.Key.Key_Down)
    kb.key(Qt.Key.Key_Return)
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == cases[1])
    kb.key(Qt.Key.Key_F5)
    _dialog(qtbot, "decideDialog")
    kb.data("LS-2026-8")
    kb.key(Qt.Key.Key_Return)
    gui.wait(qtbot, lambda: desk.case.view is not None and desk.case.view.status == "approved")
    gui.wait(qtbot, lambda: desk.work.count() == 1)
    assert desk.work.item(0).data(Qt.ItemDataRole.UserRole) == cases[0]
    kb.key(Qt.Key.Key_F3)  # back to the list from the case, on the one left
    assert QApplication.focusWidget() is desk.work and desk.side.isVisible()
