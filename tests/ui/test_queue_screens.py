"""The queue's screens driven by keys: the guide's ticket desk, the window's keys on a
clerk's main window, the hall display. Screenshots at 1366x768 and 1920x1080 in /tmp."""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.queue.service import QueueService
from counter_app.ui.queue.display import HallDisplay, call_text
from counter_app.ui.queue.guide_page import GuidePage
from counter_app.ui.queue.window_bar import QueueBar, TransferDialog

from .flow import login
from .keys import send_text

SHOTS = Path("/tmp/queue-screens")


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        QApplication.processEvents()
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def _key(qtbot, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,  # type: ignore[no-untyped-def]
         window: QWidget | None = None) -> None:
    """A key as a person presses it: to whatever has the focus (or the window itself)."""
    target = QApplication.focusWidget()
    if window is not None and (target is None or not target.isVisible() or target.window() is not window):
        target = window.focusWidget() or window
    assert target is not None
    qtbot.keyClick(target, key, mods)


def test_guide_issues_by_item_by_group_and_with_priority(services, ui_hall, qtbot, pdf_folder) -> None:  # type: ignore[no-untyped-def]
    guide = dataclasses.replace(ui_hall.supervisor, roles=frozenset({"guide"}))
    page = GuidePage(services, guide)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.picker.catalog is not None and page.groups.count() > 0, timeout=10000)
    page.picker.field.setFocus()
    send_text(page.picker.field, ui_hall.committed.name[:4])
    qtbot.waitUntil(lambda: page.picker.results.count() > 0)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last is not None and "已打印" in page.message.text(), timeout=10000)
    first = page.last
    assert first is not None and first.item_code == page.picker.catalog.search(  # type: ignore[union-attr]
        ui_hall.committed.name[:4])[0].code
    assert page.ticket.text() == first.ticket_no
    assert (pdf_folder / "queue" / f"{first.day:%Y%m%d}" / f"{first.ticket_no}.pdf").exists()
    assert page.picker.field.hasFocus(), "ready for the next applicant"
    # F2: a window group; F6: priority with its reason; Enter in the reason issues.
    _key(qtbot, Qt.Key.Key_F6)
    assert page.priority.hasFocus()
    _key(qtbot, Qt.Key.Key_Down)
    assert page.priority.currentData() == "elderly"
    _key(qtbot, Qt.Key.Key_F2)
    row = next(i for i in range(page.groups.count())
               if page.groups.item(i).data(Qt.ItemDataRole.UserRole) == first.window_code)
    page.groups.setCurrentRow(row)
    page.note.setFocus()
    send_text(page.note, "持老年证")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last is not None and page.last.id != first.id, timeout=10000)
    second = page.last
    assert second.priority == "elderly" and second.priority_note == "持老年证"
    assert second.ahead == 0, "priority goes first"
    assert "优先：老年人" in page.detail.text()
    for w, h in ((1366, 768), (1920, 1080)):
        page.resize(w, h)
        _shot(page, f"guide-{w}x{h}")


def test_window_keys_call_recall_transfer_no_show_on_any_page(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    q = QueueService(ui_hall.ctx)
    win = ui_hall.committed.window_code
    tickets = [q.issue(ui_hall.supervisor, window_code=win) for _ in range(3)]
    login(window, qtbot, "clerk")
    bar = window.queue_bar
    assert isinstance(bar, QueueBar)
    _key(qtbot, Qt.Key.Key_F10, window=window)
    assert "先开启" in bar.message.text() or "first" in bar.message.text()
    _key(qtbot, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier, window)
    qtbot.waitUntil(lambda: bar.is_open, timeout=10000)
    _key(qtbot, Qt.Key.Key_F10, window=window)
    qtbot.waitUntil(lambda: bar.serving is not None, timeout=10000)
    assert bar.serving.ticket_no == tickets[0].ticket_no
    assert tickets[0].ticket_no in bar.now.text()
    _key(qtbot, Qt.Key.Key_F11, window=window)
    qtbot.waitUntil(lambda: q.ticket(tickets[0].id).calls == 2, timeout=10000)  # type: ignore[union-attr]
    # F10 again: the first is finished, the second called.
    _key(qtbot, Qt.Key.Key_F10, window=window)
    qtbot.waitUntil(lambda: bar.serving is not None and bar.serving.ticket_no == tickets[1].ticket_no,
                    timeout=10000)
    assert q.ticket(tickets[0].id).status == "done"  # type: ignore[union-attr]
    # Shift+F11: transfer to another group's queue, chosen by keys.
    _key(qtbot, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier, window)
    qtbot.waitUntil(lambda: isinstance(bar.dialog, TransferDialog) and bar.dialog.isVisible(), timeout=10000)
    dialog = bar.dialog
    assert dialog is not None
    for w, h in ((1366, 768), (1920, 1080)):
        window.resize(w, h)
        _shot(window, f"window-keys-{w}x{h}")
    window.resize(1366, 768)
    _shot(dialog, "transfer-dialog")
    target = next(i for i in range(dialog.target.count()) if dialog.target.itemData(i)[0] == "group"
                  and dialog.target.itemData(i)[1] != win)
    dialog.target.setCurrentIndex(target)
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.serving is None, timeout=10000)
    moved = q.ticket(tickets[1].id)
    assert moved is not None and moved.status == "waiting" and moved.window_code != win
    # F12 on the third: not present.
    _key(qtbot, Qt.Key.Key_F10, window=window)
    qtbot.waitUntil(lambda: bar.serving is not None and bar.serving.ticket_no == tickets[2].ticket_no,
                    timeout=10000)
    _key(qtbot, Qt.Key.Key_F12, window=window)
    qtbot.waitUntil(lambda: q.ticket(tickets[2].id).status == "no_show", timeout=10000)  # type: ignore[union-attr]
    _key(qtbot, Qt.Key.Key_F10, window=window)
    qtbot.waitUntil(lambda: "没有等候的号" in bar.message.text(), timeout=10000)


def test_hall_display_shows_calls_per_window_and_speaks_or_says_why_not(
        services, ui_hall, qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    q = QueueService(ui_hall.ctx)
    win = ui_hall.committed.window_code
    q.open_desk(ui_hall.clerk, 3)
    q.open_desk(ui_hall.trainee, 4)
    for _ in range(4):
        q.issue(ui_hall.supervisor, window_code=win)
    earlier = q.call_next(ui_hall.clerk, 3)
    with caplog.at_level(logging.INFO, logger="counter_app.ui.queue.display"):
        display = HallDisplay(services)
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    display.show()
    display.start()
    qtbot.waitUntil(lambda: display.findChild(QWidget, "displayNumber3") is not None, timeout=10000)
    assert display.speaker.spoken == [], "a call made before the display opened is not spoken"
    if not display.speaker.available:
        assert [r.message for r in caplog.records if "not spoken" in r.message][:1], "said once"
    ui_hall.clock.now += timedelta(minutes=1)
    t = q.call_next(ui_hall.trainee, 4)
    qtbot.waitUntil(lambda: display.speaker.spoken == [call_text(t.ticket_no, 4)], timeout=10000)
    number = display.findChild(QWidget, "displayNumber4")
    assert number is not None and number.text() == t.ticket_no  # type: ignore[attr-defined]
    assert display.latest.text() == f"请 {t.ticket_no} 号到 4 号窗口办理"
    assert display.recent_list.count() == 2
    texts = [display.recent_list.item(i).text() for i in range(2)]
    assert texts[0].startswith(t.ticket_no) and texts[1].startswith(earlier.ticket_no)
    # No names anywhere on the display: only numbers, windows and group names.
    shown = " ".join(w.text() for w in display.findChildren(QWidget) if hasattr(w, "text")
                     and isinstance(w.text(), str))  # type: ignore[attr-defined]
    assert "测试" not in shown
    ui_hall.clock.now += timedelta(seconds=40)
    q.recall(ui_hall.trainee, 4, t.id)
    qtbot.waitUntil(lambda: len(display.speaker.spoken) == 2, timeout=10000)
    for w, h in ((1366, 768), (1920, 1080)):
        display.resize(w, h)
        _shot(display, f"display-{w}x{h}")
    display.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is display)
    qtbot.keyClick(display, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not display.isVisible())
