"""The hall display on an enrolled PC follows the service's call feed: a window's call is on
the screen at once; when the service goes away the display says so, and when it is back the
board is whole again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from counter_app.services.queue.service import QueueService
from counter_app.ui.queue.display import HallDisplay, call_text
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane

from .conftest import Staffed


def _number(display: HallDisplay, desk: int) -> str:
    label = display.findChild(QWidget, f"displayNumber{desk}")
    return label.text() if label is not None else ""  # type: ignore[attr-defined]


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, once per window
def test_display_follows_the_hall_and_says_when_it_loses_it(staffed: Staffed, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    a, screen_pc = staffed.pc("window-a"), staffed.pc("hall-screen")
    clerk = a.login("clerk")
    q = QueueService(a.ctx)
    q.open_desk(clerk, 5)
    first, second = (q.issue(clerk, window_code=staffed.window) for _ in range(2))
    q.call_next(clerk, 5)
    lane = DbLane()
    display = HallDisplay(AppServices(ctx=screen_pc.ctx, lane=lane))
    qtbot.addWidget(display)
    try:
        display.resize(1366, 768)
        display.show()
        display.start()
        qtbot.waitUntil(lambda: _number(display, 5) == first.ticket_no, timeout=15000)
        assert display.speaker.spoken == [], "a call from before is shown, not spoken"
        called = q.call_next(clerk, 5)
        assert called.ticket_no == second.ticket_no
        qtbot.waitUntil(lambda: _number(display, 5) == second.ticket_no, timeout=5000)
        assert display.speaker.spoken == [call_text(second.ticket_no, 5)]
        assert display.status.text() == ""
        staffed.server.stop()
        qtbot.waitUntil(lambda: "大厅服务器" in display.status.text(), timeout=15000)  # why, in Chinese
        assert _number(display, 5) == second.ticket_no, "the last board stays on the screen"
        staffed.server.start()
        q.done(clerk, 5, called.id)
        qtbot.waitUntil(lambda: display.status.text() == "" and _number(display, 5) == "—",
                        timeout=30000)
    finally:
        display.close()
        lane.stop()
