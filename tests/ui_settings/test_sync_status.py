"""The sync indicator and the background runner: offline while the server is missing, online
once it appears, changes waiting going to 0; a nudge syncs a new case at once; stop is clean."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import text

from counter_app.sync.report import SyncReport
from counter_app.sync.server import init_server
from counter_app.ui.services import AppServices
from counter_app.ui.sync_status import SyncController, SyncRunner, nudge_sync

from ..conftest import Hall
from .conftest import SCREENS, accept_case


def _controller(services: AppServices, qtbot) -> tuple[SyncController, QMainWindow]:  # type: ignore[no-untyped-def]
    win = QMainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    # A long interval: every round after the first comes from a retry, a nudge or a click.
    return SyncController(services, win.statusBar(), interval=600, delay=lambda _a: 0.3), win


def test_offline_then_online_when_the_server_appears(services: AppServices, hall: Hall,  # type: ignore[no-untyped-def]
                                                      qtbot, server_url: str) -> None:
    sync, _win = _controller(services, qtbot)
    ind = sync.indicator
    assert ind.state == "standalone" and ind.text() == "● 单机"
    sync.configure(server_url)  # the shared file does not exist yet
    qtbot.waitUntil(lambda: ind.state == "offline" and ind.waiting is not None, timeout=10000)
    waiting = ind.waiting
    assert waiting and waiting > 100  # the catalog and staff made before sync was set up
    assert ind.text().startswith("● 离线 · 待上传 ") and "#c62828" in ind.styleSheet()
    assert "上次出错：共享数据库文件不存在" in ind.toolTip() and "秒后重试" in ind.toolTip()
    assert sync.runner is not None and sync.runner.attempt >= 1
    _bar_shot(_win, "statusbar-offline")
    init_server(server_url)  # the server comes up; the next retry (back-off 0.3 s) gets in
    qtbot.waitUntil(lambda: ind.state == "online" and ind.waiting == 0, timeout=15000)
    assert ind.text().startswith("● 在线 · 待上传 0 · 同步于 ") and "#2e7d32" in ind.styleSheet()
    assert "上次出错" not in ind.toolTip() and "点击立即同步" in ind.toolTip()
    assert sync.runner.attempt == 0
    # A case recorded after that: the page nudges, the runner sends it without waiting 10 min.
    _bar_shot(_win, "statusbar-online-after-offline")
    sync.runner.status_every = 0.1  # the idle re-count (5 s in the app)
    accept_case(hall)
    qtbot.waitUntil(lambda: (ind.waiting or 0) > 0, timeout=5000)  # shown before any round
    assert ind.state == "online" and "待上传 0" not in ind.text()
    before = ind.status
    nudge_sync(services)
    qtbot.waitUntil(lambda: ind.status is not before and ind.state == "online", timeout=10000)
    assert ind.waiting == 0
    with hall.ctx.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one() == 0
    thread = sync.runner.loop_thread
    sync.stop()
    assert not thread.is_alive()


def _bar_shot(win: QMainWindow, name: str) -> None:
    bar = win.statusBar()
    QApplication.processEvents()
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert win.grab(QRect(bar.mapTo(win, bar.rect().topLeft()), bar.size())).save(
        str(SCREENS / f"{name}.png"))


def test_a_hung_round_never_blocks_stop_or_the_gui(qtbot) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    class SlowEngine:
        def status(self) -> None:
            return None

        def run_once(self) -> SyncReport:
            release.wait(30)  # a network that does not answer
            return SyncReport()

        def close(self) -> None:
            pass

    runner = SyncRunner(SlowEngine, interval=600)
    started: list[int] = []
    finished: list[object] = []
    runner.round_started.connect(lambda: started.append(1))
    runner.round_finished.connect(finished.append)
    runner.start()
    qtbot.waitUntil(lambda: bool(started), timeout=3000)
    t0 = time.monotonic()
    assert runner.stop(timeout=0.2) is False  # still stuck in the round: not waited for
    assert time.monotonic() - t0 < 1.0
    release.set()
    runner.loop_thread.join(5)
    assert not runner.loop_thread.is_alive()  # the round ended and the loop saw the stop
    qtbot.wait(50)
    assert started == [1] and finished == []  # nothing is reported after stop()


def test_backoff_grows_while_the_server_stays_away(services: AppServices, qtbot, server_url: str) -> None:  # type: ignore[no-untyped-def]
    delays: list[int] = []

    def delay(attempt: int) -> float:
        delays.append(attempt)
        return 0.05

    sync = SyncController(services, None, interval=600, delay=delay)
    sync.configure(server_url)
    qtbot.waitUntil(lambda: len(delays) >= 3, timeout=10000)
    sync.stop()
    assert delays[:3] == [1, 2, 3]  # next_delay(attempt) gets longer with each failure
    sync.configure(None)
    assert sync.indicator.state == "standalone" and sync.runner is None
