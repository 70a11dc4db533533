"""The operation wrapper (ui/operations.py): an error is shown once, in Chinese, and logged
once; a page gone before its answer gets nothing and nothing crashes; one busy operation per
page; every committed write is told to the screens that watch it, and only those."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from shiboken6 import isValid
from sqlalchemy import select

from counter_app.models import Setting
from counter_app.services.settings import set_setting
from counter_app.ui.operations import CASES, QUEUE, SETTINGS, areas_of
from counter_app.ui.services import AppServices

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level widgets


def _page(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    page = QWidget()
    page.setLayout(QVBoxLayout())
    field = QLineEdit()
    page.layout().addWidget(field)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    field.setFocus()
    return page


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "operationError" and w.isVisible()]


def test_an_unhandled_error_is_shown_once_in_chinese_and_logged_once(
        services: AppServices, qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)

    def bug() -> None:
        raise KeyError("internal")  # a bug: English, with a traceback

    with caplog.at_level(logging.WARNING):
        assert services.ops.run(page, bug)
        qtbot.waitUntil(lambda: len(_boxes()) == 1, timeout=5000)
    (box,) = _boxes()
    text = box.text()
    assert "程序内部出错" in text and "KeyError" in text
    assert "Traceback" not in text and "internal" not in text
    failed = [r for r in caplog.records if r.name == "counter_app.ui.operations"]
    assert len(failed) == 1 and "程序内部出错" in failed[0].getMessage()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the keys close it
    qtbot.waitUntil(lambda: _boxes() == [], timeout=5000)


def test_a_page_words_its_own_error_and_no_box_opens(services: AppServices, qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    said: list[str] = []

    def refused() -> None:
        raise ValueError("申请人姓名“张𠮷”中有字库缺少的字")  # a service's own message: passes unchanged

    with caplog.at_level(logging.WARNING):
        services.ops.run(page, refused, None, lambda exc: said.append(str(exc)))
        qtbot.waitUntil(lambda: said == ["申请人姓名“张𠮷”中有字库缺少的字"], timeout=5000)
        services.ops.lane.call(lambda: None)
        QApplication.processEvents()
    assert _boxes() == []
    (logged,) = [r.getMessage() for r in caplog.records if r.name == "counter_app.ui.operations"]
    assert "申请人姓名“…”中有字库缺少的字" in logged and "张" not in logged  # the name stays off the log


def test_a_page_closed_before_its_answer_gets_no_callback(services: AppServices, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()  # not qtbot's: it is deleted here
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.show()
    release = threading.Event()
    called: list[object] = []

    def answer() -> str:
        release.wait(5)
        return "done"

    def refuse() -> None:
        release.wait(5)
        raise ValueError("办件已被撤回")

    def bug() -> None:
        release.wait(5)
        raise KeyError("x")

    services.ops.run(page, answer, called.append, called.append)
    services.ops.run(page, refuse, called.append, called.append)
    services.ops.run(page, bug)  # would open the error box over a page that is gone
    page.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(page)
    release.set()
    services.lane.call(lambda: None)  # every answer is out of the lane ...
    for _ in range(5):
        QApplication.processEvents()  # ... and delivered (or not) on the GUI thread
    assert called == []
    assert _boxes() == []  # an error of a page that is gone is logged, not shown


def test_one_busy_operation_per_page(services: AppServices, qtbot) -> None:  # type: ignore[no-untyped-def]
    page, other = _page(qtbot), _page(qtbot)
    release = threading.Event()
    got: list[str] = []
    assert services.ops.run(page, lambda: release.wait(5) and "first", got.append, busy=True)
    assert services.ops.busy(page)
    assert not services.ops.run(page, lambda: "second", got.append, busy=True)  # refused
    assert services.ops.run(other, lambda: "other", got.append, busy=True)  # its own guard
    release.set()
    qtbot.waitUntil(lambda: got == ["first", "other"], timeout=5000)
    assert not services.ops.busy(page)
    assert services.ops.run(page, lambda: "again", got.append, busy=True)
    qtbot.waitUntil(lambda: got[-1:] == ["again"], timeout=5000)


def test_committed_writes_are_told_to_the_screens_that_watch_them(services: AppServices, qtbot) -> None:  # type: ignore[no-untyped-def]
    watcher, hidden = _page(qtbot), _page(qtbot)
    hidden.hide()
    seen: list[str] = []
    services.changes.watch(watcher, SETTINGS, lambda: seen.append("settings"))
    services.changes.watch(watcher, QUEUE, lambda: seen.append("queue"))
    services.changes.watch(hidden, SETTINGS, lambda: seen.append("hidden"))
    db = services.ctx.db

    def write(key: str) -> None:
        with db.transaction() as s:
            set_setting(s, key, "1")

    def rolled_back() -> None:
        with db.transaction() as s:
            set_setting(s, "ops.test.rolled", "1")
            raise ValueError("放弃")

    services.ops.run(watcher, rolled_back, None, lambda _e: None)
    services.ops.run(watcher, lambda: db.session().execute(select(Setting)).all())  # a read
    services.lane.call(lambda: None)
    for _ in range(5):
        QApplication.processEvents()
    assert seen == [], "a rollback or a read tells nothing"
    services.ops.run(watcher, lambda: write("ops.test.a"))
    qtbot.waitUntil(lambda: "settings" in seen, timeout=5000)
    for _ in range(5):
        QApplication.processEvents()
    assert seen == ["settings"], "told once; not to the queue's watcher, nor to a hidden page"
    hidden.show()  # a hidden page missed it: it refreshes once, when shown
    qtbot.waitUntil(lambda: "hidden" in seen, timeout=5000)
    for _ in range(5):
        QApplication.processEvents()
    assert seen == ["settings", "hidden"]


def test_commits_close_together_are_told_once(services: AppServices, qtbot) -> None:  # type: ignore[no-untyped-def]
    from counter_app.ui.operations import Changes

    changes, told = Changes(), []
    changes.changed.connect(told.append)
    changes.notify(["setting"])  # two commits before the event loop turns (a pull's pages)
    changes.notify(["queue_ticket", "event_log"])
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    for _ in range(5):
        QApplication.processEvents()
    assert told == [frozenset({SETTINGS, QUEUE})]


def test_tables_map_to_areas() -> None:
    assert areas_of(["case_file", "event_log"]) >= {CASES}
    assert areas_of(["queue_ticket"]) == {QUEUE}
    assert areas_of(["event_log", "print_log"]) == frozenset()
