"""The catalog editor at 1366x768 and 1920x1080: an administrator reads every item name whole in
the list (no horizontal scroll), the materials keep five rows, and the editor works by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QWidget

from ..conftest import Hall
from ..ui.keys import send_text
from .pages import shown_page
from .test_ui import _shot, chinese  # noqa: F401  (module fixture: Chinese UI)

# The main window leaves the page its height less the tabs and the status bar.
SIZES = ((1366, 700), (1920, 1010))


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _text_room(items: QListWidget) -> int:
    """The width the list's delegate leaves for a row's text."""
    margin = items.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, items) + 1
    return items.viewport().width() - 2 * margin


def _editor(hall: Hall, app_services, qtbot, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    page = shown_page(app_services, hall, qtbot, size, "catalog")
    editor = page.catalog
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.items.count() == len(editor.catalog.items),
                    timeout=10000)
    _settle()
    return page, editor


def test_every_item_name_reads_whole(hall: Hall, app_services, qtbot, shipped_catalog) -> None:  # type: ignore[no-untyped-def]
    for size in SIZES:
        page, editor = _editor(hall, app_services, qtbot, size)
        items = editor.items
        assert items.count() == len(shipped_catalog.items) == 87
        fm = items.fontMetrics()
        widest = max((items.item(i) for i in range(items.count())),
                     key=lambda it: fm.horizontalAdvance(it.text()))
        assert "转移登记（继承、受遗赠）" in widest.text()  # the demo catalog's longest name
        assert fm.horizontalAdvance(widest.text()) <= _text_room(items), size
        assert items.horizontalScrollBar().maximum() == 0
        assert items.visualItemRect(widest).height() < 2 * fm.lineSpacing()  # one line
        assert widest.toolTip() == widest.text()
        # The editor beside it keeps its fields and five material rows.
        editor.select("BDC-0004")
        qtbot.waitUntil(lambda e=editor: e.materials.rowCount() >= 5, timeout=10000)
        _settle()
        table = editor.materials
        assert table.viewport().height() >= 5 * table.rowHeight(0), size
        for w in (editor.name, editor.keywords, editor.save_button, editor.export_button):
            assert w.isVisible() and w.width() >= w.minimumSizeHint().width(), w.objectName()
            assert w.mapTo(page, w.rect().bottomRight()).x() <= page.width()
        _shot(page, f"catalog-editor-{size[0]}")


def test_a_narrowed_list_wraps_names_instead_of_scrolling(  # type: ignore[no-untyped-def]
    hall: Hall, app_services, qtbot
) -> None:
    page, editor = _editor(hall, app_services, qtbot, SIZES[0])
    items = editor.items
    fm = items.fontMetrics()
    total = sum(editor.split.sizes())
    editor.split.moveSplitter(260, 1)  # as a supervisor's drag
    _settle()
    assert editor.split.sizes()[0] <= 270
    page.resize(1400, 700)  # a later resize keeps the supervisor's width
    _settle()
    assert editor.split.sizes()[0] <= 270 and sum(editor.split.sizes()) > total
    longest = next(items.item(i) for i in range(items.count()) if items.item(i).data(256) == "BDC-0003")
    assert fm.horizontalAdvance(longest.text()) > _text_room(items)
    assert items.horizontalScrollBar().maximum() == 0
    assert items.visualItemRect(longest).height() >= 2 * fm.lineSpacing()  # wrapped, all shown


def test_the_editor_by_keys(hall: Hall, app_services, qtbot) -> None:  # type: ignore[no-untyped-def]
    page, editor = _editor(hall, app_services, qtbot, SIZES[0])
    page.activateWindow()
    qtbot.waitActive(page)
    page.setCurrentIndex(0)
    qtbot.keyClick(page.bulletin, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # the tab
    assert page.currentWidget() is editor and QApplication.focusWidget() is editor.filter
    editor.items.setFocus()
    qtbot.keyClick(editor.items, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.filter
    send_text(editor.filter, "抵押权首次")
    qtbot.keyClick(editor.filter, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.items
    qtbot.waitUntil(lambda: editor.code.text() == "BDC-0004", timeout=10000)
    # Tab walks the form in reading order, through the materials table and on to the buttons.
    seen: list[QWidget] = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is editor.export_button:
            break
    want = [editor.code, editor.name, editor.window_box, editor.kind, editor.statutory,
            editor.finish, editor.check, editor.conditions, editor.review, editor.legal,
            editor.keywords, editor.add_row, editor.materials, editor.save_button,
            editor.export_button]
    assert [w for w in seen if w in want] == want
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.materials
    qtbot.keyClick(editor.materials, Qt.Key.Key_Tab)  # Tab leaves the table
    assert QApplication.focusWidget() is editor.save_button
    rows = editor.materials.rowCount()
    # A button's Alt key presses it as a click would show it (animateClick: a moment later).
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.materials.rowCount() == rows + 1, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.code, timeout=3000)
    assert editor.code.text() == "" and not editor.code.isReadOnly()
    # The mnemonics are shown: every button's label carries its Alt key.
    for b in (editor.save_button, editor.new_button, editor.add_row, editor.del_row,
              editor.import_button, editor.export_button, editor.sign):
        assert "&" in b.text(), b.text()
