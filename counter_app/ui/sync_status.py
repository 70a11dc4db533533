"""Background sync and its indicator in the status bar.

``SyncRunner`` runs ``SyncEngine.run_once`` on a thread of its own, never the DB lane: a dead
network can hold a round for seconds and the clerk must not wait for it. It syncs every
``interval`` seconds, at once after ``sync_now()`` (or ``nudge()`` while online), and after a
failure again after ``next_delay(attempt)``. Results come back as Qt signals delivered on the
GUI thread. ``SyncIndicator`` shows them; ``SyncController`` wires both into the main window
and is kept in ``AppServices.sync`` so a page can nudge it after recording a case.

The sync package is imported on the sync thread: the login screen does not pay for it.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QToolButton

from .services import AppServices

log = logging.getLogger(__name__)

HALL_PREFIX = "hall:"  # the stored "URL" of a PC enrolled with the hall service
DEFAULT_INTERVAL = 60.0  # seconds between rounds while online
STATUS_EVERY = 5.0  # seconds between local re-counts of the changes waiting, between rounds


def _default_delay(attempt: int) -> float:
    from ..sync.backoff import next_delay

    return next_delay(attempt, u=random.random())


class SyncRunner(QObject):
    """One sync thread for one server URL. Signals are never emitted after ``stop``."""

    round_started = Signal()
    round_finished = Signal(object)  # SyncReport
    status_changed = Signal(object)  # SyncStatus
    failed = Signal(str)  # the engine could not even be set up

    def __init__(self, make_engine: Callable[[], Any], interval: float = DEFAULT_INTERVAL,
                 delay: Callable[[int], float] = _default_delay,
                 wait_for: threading.Thread | None = None) -> None:
        super().__init__()
        self._make_engine, self.interval, self._delay = make_engine, interval, delay
        self._wait_for = wait_for  # a previous runner still finishing its round
        self._wake, self._stop = threading.Event(), threading.Event()
        self.attempt = 0  # failed rounds in a row
        self.next_at: float | None = None  # time.monotonic() of the next round
        self.status_every = STATUS_EVERY
        self._shown: Any = None  # the last SyncStatus emitted
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self.engine: Any = None  # made on the sync thread; ``through`` borrows it

    def through(self, state: Any) -> None:
        """A write-through operation, on the caller's thread (the database lane): the hall's
        answer now, while the last round reached it; offline, it waits for the next round."""
        engine = self.engine
        if engine is None or self.attempt or not hasattr(engine, "through") or self._stop.is_set():
            return
        engine.through(state.op_id)

    @property
    def loop_thread(self) -> threading.Thread:  # not thread(): that is QObject's
        return self._thread

    def start(self) -> None:
        self._thread.start()

    def nudge(self) -> None:
        """Sync soon because something changed; while offline the back-off decides."""
        if self.attempt == 0:
            self._wake.set()

    def sync_now(self) -> None:
        self._wake.set()

    def request_stop(self) -> threading.Thread:
        self._stop.set()
        self._wake.set()
        return self._thread

    def stop(self, timeout: float = 3.0) -> bool:
        """Stop and wait a little; a round stuck on the network is left to die with the
        process (daemon thread): the engine never leaves the local database half-written."""
        self.request_stop()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _emit(self, signal: Any, *args: Any) -> None:
        if not self._stop.is_set():
            try:
                signal.emit(*args)
            except RuntimeError:  # the Qt side is gone (shutdown)
                self._stop.set()

    def _run(self) -> None:
        if self._wait_for is not None:
            self._wait_for.join()
        engine: Any = None
        try:
            while not self._stop.is_set():
                self._wake.clear()  # a nudge from now on means "one more round"
                if engine is None:
                    try:  # touches only the local database; retried like a failed round
                        engine = self._make_engine()
                        self.engine = engine
                        self._emit_status(engine, force=True)
                    except Exception as exc:
                        log.exception("sync engine could not start")
                        seconds = self._schedule(False)
                        self._emit(self.failed, str(exc))
                        self._wake.wait(seconds)
                        continue
                self._emit(self.round_started)
                report = engine.run_once()
                wait = self._schedule(report.ok)
                self._emit(self.round_finished, report)
                self._emit_status(engine, force=True)
                self._idle(engine, wait)
        finally:
            if engine is not None:
                engine.close()

    def _emit_status(self, engine: Any, force: bool = False) -> None:
        try:
            status = engine.status()
        except Exception:  # the local database is busy or closing: try again later
            log.exception("sync status unavailable")
            return
        if force or status != self._shown:
            self._shown = status
            self._emit(self.status_changed, status)

    def _idle(self, engine: Any, seconds: float) -> None:
        """Wait for the next round (or a wake-up); meanwhile re-count the changes waiting,
        so a case recorded at the counter shows in the indicator within seconds."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or self._wake.wait(min(self.status_every, left)):
                return
            self._emit_status(engine)

    def _schedule(self, ok: bool) -> float:
        """Count the outcome; seconds until the next round (interval, or back-off)."""
        self.attempt = 0 if ok else self.attempt + 1
        seconds = self.interval if ok else self._delay(self.attempt)
        self.next_at = time.monotonic() + seconds
        return seconds


COLORS = {"standalone": "#616161", "syncing": "#1565c0", "online": "#2e7d32", "offline": "#c62828"}


class SyncIndicator(QToolButton):
    """Status-bar button: stand-alone / syncing / online / offline, changes waiting, last
    sync time; the last error in the tooltip. A click syncs now."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.state = "standalone"
        self.status: Any = None  # SyncStatus
        self.error = ""
        self.next_at: float | None = None
        self._render()

    @property
    def waiting(self) -> int | None:
        return self.status.waiting if self.status is not None else None

    def set_state(self, state: str) -> None:
        self.state = state
        self._render()

    def round_finished(self, report: Any) -> None:
        self.error = "; ".join(report.errors)
        self.set_state("online" if report.ok else "offline")

    def show_status(self, status: Any) -> None:
        self.status = status
        self._render()

    def show_error(self, message: str) -> None:
        self.error = message
        self.set_state("offline")

    def _render(self) -> None:  # not render(): that is QWidget's
        st = self.status
        labels = {"standalone": self.tr("Stand-alone"), "syncing": self.tr("Syncing…"),
                  "online": self.tr("Online"), "offline": self.tr("Offline")}
        parts = [("⟳ " if self.state == "syncing" else "● ") + labels[self.state]]
        if st is not None and self.state != "standalone":
            parts.append(self.tr("%1 waiting").replace("%1", str(st.waiting)))
            if st.last_sync_at is not None:
                parts.append(self.tr("synced %1").replace("%1", f"{st.last_sync_at:%H:%M}"))
            if st.local_conflicts:
                parts.append(self.tr("%1 conflicts").replace("%1", str(st.local_conflicts)))
        self.setText(" · ".join(parts))
        self.setStyleSheet(f"QToolButton#syncIndicator {{ color: {COLORS[self.state]}; }}")
        self.setToolTip(self._tooltip())

    def _tooltip(self) -> str:
        if self.state == "standalone":
            return self.tr("Stand-alone: no hall server is set (Settings page)")
        st, lines = self.status, []
        if st is not None:
            lines.append(self.tr("Server: %1").replace("%1", st.server))
            when = f"{st.last_sync_at:%Y-%m-%d %H:%M:%S}" if st.last_sync_at else self.tr("never")
            lines.append(self.tr("Last sync: %1").replace("%1", when))
            lines.append(self.tr("Changes waiting to be sent: %1").replace("%1", str(st.waiting)))
        if self.error:
            lines.append(self.tr("Last error: %1").replace("%1", self.error))
            if self.next_at is not None:
                secs = max(0, round(self.next_at - time.monotonic()))
                lines.append(self.tr("Retrying in about %1 s").replace("%1", str(secs)))
        lines.append(self.tr("Click to sync now"))
        return "\n".join(lines)


class SyncController(QObject):
    """The main window's sync: the indicator, and a runner while a server URL is set."""

    data_changed = Signal()  # a round brought rows from the hall: screens refresh

    def __init__(self, services: AppServices, status_bar: QStatusBar | None = None, *,
                 interval: float = DEFAULT_INTERVAL,
                 delay: Callable[[int], float] = _default_delay) -> None:
        super().__init__()
        self.services, self.interval, self.delay = services, interval, delay
        self.indicator = SyncIndicator()
        self.indicator.clicked.connect(self.sync_now)
        if status_bar is not None:
            status_bar.addPermanentWidget(self.indicator)
        self.runner: SyncRunner | None = None
        self.feed: Any = None  # hallsync.feed.ChangeFeed while enrolled with a hall service
        self.url: str | None = None
        services.sync = self

    def start(self) -> None:
        """After login: read the stored server URL on the lane, then sync if there is one."""
        from ..legacy_sync import load_server_url

        db = self.services.ctx.db

        def load() -> str | None:
            from ..hallsync import config

            with db.session() as s:
                hall = config.read(s)
                return HALL_PREFIX + hall.url if hall else load_server_url(s)

        self.services.ops.run(self, load, self.configure, lambda exc: self.indicator.show_error(str(exc)))

    def configure(self, url: str | None) -> None:
        """Sync with ``url`` from now on (``None``/"" = stand-alone). The old runner finishes
        its round on its own thread; the new one waits for it, so rounds never overlap."""
        previous = self.runner.request_stop() if self.runner is not None else None
        if self.feed is not None:
            self.feed.stop()
            self.feed = None
        self.services.ctx.after_op = None
        self.services.ctx.through = None
        self.runner, self.url = None, url or None
        if not url:
            self.indicator.status = None
            self.indicator.set_state("standalone")
            return
        ctx = self.services.ctx

        hall = url.startswith(HALL_PREFIX)

        def make_engine() -> Any:
            if hall:
                from ..hallsync.engine import HallSync

                return HallSync(ctx.db, ctx.terminal, clock=ctx.clock)
            from ..legacy_sync import SyncEngine

            return SyncEngine(ctx.db, url, ctx.terminal, clock=ctx.clock)

        runner = SyncRunner(make_engine, self.interval, self.delay, wait_for=previous)
        runner.round_started.connect(lambda: self.indicator.set_state("syncing"))
        runner.round_finished.connect(self._finished)
        runner.status_changed.connect(self.indicator.show_status)
        runner.failed.connect(self._failed)
        self.runner = runner
        self.indicator.set_state("syncing")
        runner.start()
        if hall:
            self._start_feed(runner)
            ctx.after_op = runner.nudge  # every operation goes to the hall at once
            ctx.through = runner.through  # the approver's acts: answered by the hall now

    def _start_feed(self, runner: SyncRunner) -> None:
        """The hall announces every change: sync at once (a clerk sees an approver's return
        within seconds, not at the next round)."""
        from ..hallsync import config
        from ..hallsync.client import HallClient
        from ..hallsync.feed import ChangeFeed

        db = self.services.ctx.db

        def make_client() -> HallClient:
            cfg = config.load(db)
            assert cfg is not None
            return HallClient(cfg.url, cfg.ca_pem, cfg.token)

        self.feed = ChangeFeed(make_client, lambda _seq: runner.sync_now()).start()

    def _failed(self, message: str) -> None:
        if self.runner is not None:
            self.indicator.next_at = self.runner.next_at
        self.indicator.show_error(message)

    def _finished(self, report: Any) -> None:
        if self.runner is not None:
            self.indicator.next_at = self.runner.next_at
        self.indicator.round_finished(report)
        if getattr(report, "pulled", 0):
            self.data_changed.emit()

    def nudge(self) -> None:
        if self.runner is not None:
            self.runner.nudge()

    def sync_now(self) -> None:
        if self.runner is not None:
            self.runner.sync_now()

    def stop(self, timeout: float = 3.0) -> None:
        if self.feed is not None:
            self.feed.stop()
            self.feed = None
        if self.runner is not None:
            self.runner.stop(timeout)
            self.runner = None


def nudge_sync(services: AppServices) -> None:
    """For pages: call after recording a case so it reaches the server soon."""
    if services.sync is not None:
        services.sync.nudge()
