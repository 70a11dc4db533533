"""Screenshots of the custody screens at 1366x768 in Chinese, under build/screens/, for a
person to look at; the test checks that the desk says what to do next at each stage."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QListWidget, QWidget

from counter_app.services.handoff.service import CaseCheck, HandoffService
from counter_app.services.printing.service import PrintService
from counter_app.ui.approver.page import ApproverDesk
from counter_app.ui.handoff.issue_page import IssuePage
from counter_app.ui.handoff.page import HandoffPage

from ..conftest import Hall
from .conftest import Gui, accept_cases

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"
NAMES = ("张伟", "王芳", "李强", "赵敏", "陈静", "刘洋", "杨磊")


def _shot(widget: QWidget, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    QApplication.processEvents()  # let pending layout requests settle first
    assert widget.grab().save(str(path))
    return path


def _show(qtbot, w: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)


def _first_lines_fit(worklist: QListWidget) -> None:
    """Each entry's first line (number and due date) fits the side bar unbroken, even with
    the overdue mark before it: at 330 px the Chinese '限 11-30' broke onto its own line."""
    metrics = QFontMetrics(worklist.font())
    room = worklist.viewport().width() - 12  # the items' padding: 6 px each side
    lines = [worklist.item(i).text().split("\n")[0] for i in range(worklist.count())]
    assert any("限" in line for line in lines), lines
    for line in lines:
        marked = line if line.startswith("⚠") else "⚠ " + line
        assert metrics.horizontalAdvance(marked) <= room, (marked, room)


def _story(hall: Hall) -> tuple[str, str, list[str]]:
    """An old batch (waiting too long), a signed case with history, a fresh batch of four."""
    svc = HandoffService(hall.ctx)
    hall.clock.now -= timedelta(hours=26)
    old = accept_cases(hall, 2, names=NAMES[5:])
    (old_batch,) = svc.create_batches(hall.clerk, old[:1])
    (signed_batch,) = svc.create_batches(hall.clerk, old[1:])
    PrintService(hall.ctx).produce(hall.clerk, "handoff", signed_batch)
    hall.clock.now += timedelta(hours=2)
    svc.sign(hall.approver, signed_batch, [CaseCheck(old[1])])
    hall.clock.now += timedelta(hours=23)
    fresh = accept_cases(hall, 4, names=NAMES)
    (batch,) = svc.create_batches(hall.clerk, fresh)
    hall.clock.now += timedelta(minutes=40)
    assert old_batch
    return batch, old[1], fresh


def test_approver_desk_screens(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    batch, signed_case, fresh = _story(hall)
    desk = ApproverDesk(gui.services, hall.approver)
    _show(qtbot, desk)
    gui.wait(qtbot, lambda: desk.waiting.count() == 2)
    assert "等待过久" in desk.waiting_title.text()  # the old batch is flagged red
    _shot(desk, "approver-1-waiting")
    desk.handle_scan(batch)
    gui.wait(qtbot, lambda: desk.batch.batch_no == batch and desk.stack.currentWidget() is desk.batch)
    assert "第 2 步" in desk.batch.step.text() and not desk.batch.sign.isEnabled()
    _shot(desk, "approver-2-batch-scanned")
    desk.handle_scan(fresh[0])
    desk.batch.grid.item(1, 0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(desk.batch.buttons[fresh[2]], Qt.MouseButton.LeftButton)
    dialog = desk.dialog
    qtbot.waitExposed(dialog)
    dialog.materials.item(0).setCheckState(Qt.CheckState.Checked)
    _shot(dialog, "approver-discrepancy-dialog")
    dialog.accept()
    assert fresh[2] in desk.batch.findings
    desk.handle_scan(fresh[3])
    assert desk.batch.sign.isEnabled() and "第 3 步" in desk.batch.progress.text()
    _shot(desk, "approver-3-batch-checked")
    qtbot.mouseClick(desk.batch.sign, Qt.MouseButton.LeftButton)
    gui.wait(qtbot, lambda: desk.batch.view.summary.status == "partial" and desk.waiting.count() == 1)
    gui.wait(qtbot, lambda: "已签收 3 件" in desk.message.text())
    _shot(desk, "approver-4-batch-signed")
    _first_lines_fit(desk.work)
    desk.handle_scan(signed_case)
    gui.wait(qtbot, lambda: desk.stack.currentWidget() is desk.case and desk.case.case_no == signed_case)
    assert desk.case.approve_btn.isVisible() and not desk.side.isVisible()
    assert "审批员 测试approver" in desk.case.holder.text().split("→")[-1]
    _shot(desk, "approver-5-case-timeline")


def test_handoff_and_issue_screens(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = HandoffService(hall.ctx)
    batch, signed_case, fresh = _story(hall)
    svc.sign(hall.approver, batch, [CaseCheck(fresh[0]), CaseCheck(fresh[1], present=False),
                                    CaseCheck(fresh[2]), CaseCheck(fresh[3])])
    svc.return_case(hall.approver, fresh[2], "申请表缺少申请人签字，请补签后重新移交")
    svc.decide(hall.approver, fresh[3], "approved", decision_no="罗审〔2026〕88号")
    accept_cases(hall, 3, names=NAMES[2:])
    page = HandoffPage(gui.services, hall.clerk)
    _show(qtbot, page)
    gui.wait(qtbot, lambda: page.grid.rowCount() == 5 and page.problems.count() == 2)
    assert "等待过久" in page.waiting_title.text()
    _shot(page, "handoff-page")
    issue = IssuePage(gui.services, hall.clerk)
    _show(qtbot, issue)
    gui.wait(qtbot, lambda: issue.list.count() == 1
             and bool(issue.list.item(0).data(Qt.ItemDataRole.UserRole)))
    issue.load(fresh[3])
    gui.wait(qtbot, lambda: issue.view is not None)
    assert issue.issue_btn.isEnabled() and issue.name.text() == issue.view.applicant_name
    _shot(issue, "issue-page")
    assert signed_case


def test_handoff_rows_stay_short_beside_long_names(hall: Hall, gui: Gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Companies' names and a department's full name do not squeeze the item into a column of
    a few characters (the demo's 城乡居民基本养老保险参保登记 took five lines at 1366x768)."""
    accept_cases(hall, 3, names=("罗山县信合养殖专业合作社", "罗山县茶韵茶业有限公司", "张伟"))
    page = HandoffPage(gui.services, hall.clerk)
    _show(qtbot, page)
    gui.wait(qtbot, lambda: page.grid.rowCount() == 3)
    _shot(page, "handoff-long-names")
    hh = page.grid.horizontalHeader()
    assert hh.sectionSize(2) >= max(hh.sectionSize(3), hh.sectionSize(4), hh.sectionSize(6)), \
        [hh.sectionSize(i) for i in range(7)]
    font = QFont(page.grid.font())
    font.setPointSize(12)  # the table's style sheet
    line = QFontMetrics(font).lineSpacing()
    for row in range(3):
        assert page.grid.rowHeight(row) <= 2 * line + 16, (row, page.grid.rowHeight(row), line)
