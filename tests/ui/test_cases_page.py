"""The counter's day: today's cases, those awaiting the applicant, search, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.services.intake.service import IntakeService
from counter_app.ui.counter.page import RESUME

from ..helpers import PERSON_ID, complete_intake
from .conftest import screenshot
from .flow import login
from .keys import send_text


def test_day_lists_search_and_reopen(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = IntakeService(ui_hall.ctx)
    accepted = svc.record(ui_hall.clerk, complete_intake(svc, ui_hall.committed.code), "accept")
    waiting_intake = complete_intake(svc, ui_hall.committed.code)
    next(m for m in waiting_intake.materials if m.requirement == "required").state = "missing"
    waiting_intake.applicant.name = "王芳"
    waiting = svc.record(ui_hall.clerk, waiting_intake, "notify")
    counter = login(window, qtbot)
    cases = window.show_page("cases")
    qtbot.waitUntil(lambda: cases.today.rowCount() == 2 and cases.waiting.rowCount() == 1,
                    timeout=5000)
    assert cases.tabs.tabText(1) == "待补正（1）"
    masked = PERSON_ID[:6] + "*" * 8 + PERSON_ID[-4:]
    assert cases.today.item(0, 3).text() == masked  # a list never shows the whole number
    screenshot(window, "cases-1366x768")
    qtbot.keyClick(cases, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert cases.search.hasFocus()
    qtbot.keyClicks(cases.search, accepted.case_no[-5:])
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cases.found.rowCount() == 1, timeout=5000)
    cases.search.clear()
    send_text(cases.search, "王")
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cases.found.rowCount() == 1 and cases.found.item(0, 2).text() == "王芳"
                    and cases.found.hasFocus(), timeout=5000)
    qtbot.keyClick(cases.found, Qt.Key.Key_Return)  # reopen at the counter
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == RESUME and counter.resume.case
                    is not None and counter.resume.case.case_no == waiting.case_no, timeout=5000)
    assert window.workspace.currentWidget() is counter
    # The case's own screen: the receiving clerk sees the whole number and phone.
    assert PERSON_ID in counter.resume.header.text() and "13812345678" in counter.resume.header.text()
    assert _looks(ui_hall) == ["open"], "lists and name searches are no looks; reopening is one"
    cases = window.show_page("cases")
    cases.search.clear()
    send_text(cases.search, PERSON_ID)
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cases.found.rowCount() == 2, timeout=5000)
    assert _looks(ui_hall) == ["open", "search"]


def _looks(hall) -> list[str]:  # type: ignore[no-untyped-def]
    import json

    from sqlalchemy import select

    from counter_app.models import Event

    with hall.ctx.db.session() as s:
        return [json.loads(p)["what"] for p in s.execute(
            select(Event.payload).where(Event.kind == "accessed").order_by(Event.seq)).scalars()]
