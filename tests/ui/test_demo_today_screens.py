"""The demo's morning on the screens: the hall display and the guide's page built on demo
data at 10:40 show the desks serving, the last calls and who waits, as the queue service
reads them. Screenshots at 1366x768 and 1920x1080 in /tmp/demo-today."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from counter_app.services.demo import generate as demo
from counter_app.services.people.auth import AuthService
from counter_app.services.queue.service import QueueService
from counter_app.ui.queue.display import HallDisplay
from counter_app.ui.queue.guide_page import GuidePage

SHOTS = Path("/tmp/demo-today")
MORNING = datetime(2026, 11, 23, 10, 40)  # a Monday


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        QApplication.processEvents()
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def test_the_display_and_the_guide_show_the_demo_morning(services, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    ui_hall.clock.now = MORNING
    demo.generate(ui_hall.ctx, 600, 10, seed=5)
    board = QueueService(ui_hall.ctx).board(recent=8)
    serving = {desk: no for desk, no in board.desks if no}
    assert len(serving) >= 3
    display = HallDisplay(services)
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    display.show()
    display.start()
    qtbot.waitUntil(lambda: display.findChild(QWidget, f"displayNumber{min(serving)}") is not None,
                    timeout=10000)
    for desk, no in serving.items():
        label = display.findChild(QLabel, f"displayNumber{desk}")
        assert label is not None and label.text() == no
    assert display.recent_list.count() == len(board.recent) == 8
    assert display.recent_list.item(0).text().startswith(board.recent[0].ticket_no)
    waiting = display.findChild(QLabel, "displayWaiting")
    assert waiting is not None and all(str(n) in waiting.text() for n in board.waiting.values())
    _shot(display, "display-1920")
    display.resize(1366, 768)
    _shot(display, "display-1366")

    guide = AuthService(ui_hall.ctx).login("guide01", demo.DEMO_PASSWORD)
    page = GuidePage(services, guide)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    groups = {g.code: g for g in QueueService(ui_hall.ctx).groups()}
    qtbot.waitUntil(lambda: page.groups.count() == len(groups), timeout=10000)
    rows = [page.groups.item(i).text() for i in range(page.groups.count())]
    busy = [g for g in groups.values() if g.waiting]
    assert busy and all(any(r.startswith(g.letter) and f"等候 {g.waiting} 人" in r for r in rows)
                        for g in busy), rows
    _shot(page, "guide-1366")
    page.resize(1920, 1080)
    _shot(page, "guide-1920")
