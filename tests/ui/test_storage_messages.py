"""Issue 16: what the windowed app shows when its data folder is broken or a call fails."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from counter_app.failures import StorageError, UnexpectedError
from counter_app.ui.login_window import build_main_window
from counter_app.ui.worker import DbLane

from .conftest import screenshot


def test_login_screen_names_a_broken_database(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "pc"
    folder.mkdir()
    (folder / "counter.sqlite3").write_bytes(b"\x00garbage, not a database" * 100)
    window = build_main_window(argparse.Namespace(data_dir=str(folder), idle_minutes=60))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    try:
        qtbot.waitUntil(lambda: "已损坏" in window.login.message.text(), timeout=10000)
        text = window.login.message.text()
        assert "无法打开数据库" in text and "请不要删除" in text and "Error" not in text
        screenshot(window, "login-broken-database-1366x768")
    finally:
        window.services.lane.stop()


def test_the_lane_turns_failures_into_messages(qtbot) -> None:  # type: ignore[no-untyped-def]
    lane = DbLane()
    got: list[BaseException] = []

    def locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    def bug() -> None:
        raise AttributeError("'NoneType' object has no attribute 'strip'")

    try:
        for fn in (locked, bug):
            lane.submit(fn, None, got.append)
        qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    finally:
        lane.stop()
    assert isinstance(got[0], StorageError) and "另一程序占用" in str(got[0])
    assert isinstance(got[1], UnexpectedError) and "程序内部出错（AttributeError）" in str(got[1])
    assert "NoneType" not in str(got[1])


def test_a_write_that_waits_for_the_lock_says_so(window, ui_hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Another program holds the write lock (as a ledger import in another process does):
    the window's status bar says the app is waiting, and clears once the write went in."""
    from counter_app.services.deadlines.calendar_store import mark_year_complete

    path = ui_hall.ctx.db.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    done: list[object] = []

    def write() -> None:
        with ui_hall.ctx.db.transaction() as s:
            mark_year_complete(s, 2031, terminal="01")

    try:
        window.services.lane.submit(write, done.append, done.append)
        qtbot.waitUntil(lambda: "正在处理数据，请稍候" in window.statusBar().currentMessage(),
                        timeout=5000)
        screenshot(window, "waiting-for-database-1366x768")
        assert not done
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: bool(done) and window.statusBar().currentMessage() == "", timeout=10000)
    assert done == [None]
