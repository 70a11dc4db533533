"""Issue 15, finding 13: counts that disagree with the list beside them.

The consultation page's list held older days' entries (times only) next to today's counts;
the cases page offered a supervisor only "my cases" and "my window" (they have neither), so
today's cases showed 0. Keys to the QWindow, as at the counter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.context import PermissionDenied
from counter_app.services.handoff.case_queries import CaseQueries
from counter_app.services.intake.service import IntakeService
from counter_app.services.supervision.consultations import ConsultationService

from ..conftest import PASSWORD
from ..helpers import complete_intake
from .winkeys import WindowKeys, sign_in


def _page(kb: WindowKeys, window, qtbot, key: str):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    ws = window.workspace
    n = next(i for i in range(ws.count()) if ws.widget(i).property("pageKey") == key) + 1
    kb.key(Qt.Key(Qt.Key.Key_0 + n), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_page() is not None
                    and window.current_page().property("pageKey") == key, timeout=10000)
    return window.current_page()


def test_the_consultation_list_is_the_day_it_counts(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = ConsultationService(ui_hall.ctx)
    ui_hall.clock.now -= timedelta(days=1)
    for topic in ("社保卡补办", "公积金提取"):  # yesterday's
        svc.log(ui_hall.clerk, "answered", topic=topic)
    ui_hall.clock.now += timedelta(days=1)
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    sign_in(kb, window, qtbot, "clerk", PASSWORD)
    page = _page(kb, window, qtbot, "consult")
    qtbot.waitUntil(lambda: page.today.text() != "", timeout=5000)
    assert page.isAncestorOf(QApplication.focusWidget())  # the keys came to the page
    assert page.table.rowCount() == 0 and "已解答 0" in page.today.text()
    kb.key(Qt.Key.Key_Tab)  # the item picker → the question
    assert QApplication.focusWidget() is page.topic
    kb.data("营业执照需要什么材料")
    kb.key(Qt.Key.Key_F5)  # 已解答
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert "已解答 1" in page.today.text()
    assert page.table.item(0, 2).text() == "营业执照需要什么材料"


def test_a_supervisor_sees_the_whole_halls_day(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeService(ui_hall.ctx)
    for _ in range(2):
        intake.record(ui_hall.clerk, complete_intake(intake, ui_hall.committed.code), "accept")
    with pytest.raises(PermissionDenied):
        CaseQueries(ui_hall.ctx).today(ui_hall.clerk, "hall")  # the hall's list is not a clerk's
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    sign_in(kb, window, qtbot, "boss", PASSWORD)
    page = _page(kb, window, qtbot, "cases")
    assert page.scope.currentData() == "hall"
    qtbot.waitUntil(lambda: page.today.rowCount() == 2, timeout=5000)
    assert page.tabs.tabText(0).endswith("（2）") or "2" in page.tabs.tabText(0)
