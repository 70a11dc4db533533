"""Supervision screens at 1366x768 (issue 15, finding 10): the bulletin's tables keep several
rows and a cut cell reads whole in its tooltip, the catalog editor's buttons stay on the
screen, and a long complaint leaves the other columns in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget

from counter_app.services.supervision.complaints import ComplaintService

from ..conftest import Hall
from .conftest import accept
from .pages import shown_page
from .test_bulletin import _busy_day
from .test_ui import _shot, chinese  # noqa: F401  (module fixture: Chinese UI)

# The main window at 1366x768 leaves the page about 1366x700 (tabs and status bar).
PAGE = (1366, 700)


def test_bulletin_and_catalog_fit_1366x768(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    _busy_day(hall)
    page = shown_page(app_services, hall, qtbot, PAGE)
    view = page.bulletin
    qtbot.waitUntil(lambda: view.bulletin is not None, timeout=60000)
    for _ in range(3):
        QApplication.processEvents()
    table = view.tables.currentWidget()
    assert isinstance(table, QTableWidget) and table.rowCount() >= 5
    row_h = table.rowHeight(0)
    assert table.viewport().height() >= 5 * row_h  # five rows at least, not one
    assert all(c.height() >= 230 for c in view.charts)  # the charts' labels whole (they scroll)
    # The unchecked catalog items: their 未能核实 note is cut at the table's edge; the cell's
    # tooltip carries it whole (the exports carry it too).
    view.tables.setCurrentIndex(view.tables.count() - 1)
    unchecked = view.tables.currentWidget()
    assert isinstance(unchecked, QTableWidget) and unchecked.rowCount() > 0
    note = unchecked.columnCount() - 1
    cell = unchecked.item(0, note)
    assert unchecked.fontMetrics().horizontalAdvance(cell.text()) > unchecked.columnWidth(note)
    assert cell.toolTip() == cell.text() and len(cell.text()) > 40
    _shot(page, "supervision-dashboard-1366x768")
    page.setCurrentWidget(page.catalog)
    editor = page.catalog
    qtbot.waitUntil(lambda: editor.items.count() > 5, timeout=10000)
    editor.items.setCurrentRow(1)  # 房屋转移登记: nine materials
    qtbot.waitUntil(lambda: editor.code.text() != "" and editor.materials.rowCount() >= 5,
                    timeout=10000)
    for _ in range(3):
        QApplication.processEvents()
    for b in page.catalog.findChildren(QPushButton):
        if b.isHidden():  # hidden by design for this role (an approver's sign-off button)
            continue
        bottom = b.mapTo(page, b.rect().bottomLeft()).y()
        assert b.isVisible() and bottom <= page.height(), b.text()
    _shot(page, "supervision-catalog-1366x768")


LONG = ("上午九点到不动产登记窗口办理房屋转移登记，排队一个多小时，窗口工作人员中途离岗二十分钟"
        "未作说明，材料已经齐全却被要求回去补开无犯罪记录证明，希望中心核实并给予答复")


def test_a_long_complaint_keeps_the_columns_on_screen(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    case_no = accept(hall)
    ComplaintService(hall.ctx).receive(hall.supervisor, LONG, complainant="王先生", case_no=case_no)
    page = shown_page(app_services, hall, qtbot, PAGE, "complaints")
    w = page.complaints
    qtbot.waitUntil(lambda: w.table.rowCount() == 1, timeout=10000)
    for _ in range(3):
        QApplication.processEvents()
    table = w.table
    assert table.horizontalScrollBar().maximum() == 0  # the case, window, deadline: on screen
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    case = table.item(0, headers.index("办件"))
    assert case.text() == case_no
    assert table.fontMetrics().horizontalAdvance(case_no) < table.columnWidth(headers.index("办件"))
    content = table.item(0, headers.index("投诉内容"))
    assert content.toolTip() == LONG
    qtbot.keyClick(table, Qt.Key.Key_Down)  # picking the row by key shows the complaint whole
    qtbot.waitUntil(lambda: LONG in w.detail.text(), timeout=3000)
    assert w.detail.isVisible()
    _shot(page, "supervision-complaints-1366x768")
