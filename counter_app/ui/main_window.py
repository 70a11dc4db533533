"""The main window: login, the workspace of role-based pages, and the idle lock.

Locking shows the lock screen on top of the workspace without destroying it, so whatever
the clerk had typed is still there after unlocking with the same user's password.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from .idle import IdleWatcher
from .login import LoginWidget, attempt_login
from .pages import pages_for
from .services import AppServices
from .sync_status import SyncController

if TYPE_CHECKING:  # keeps SQLAlchemy out of start-up
    from ..services.context import Actor

DEFAULT_IDLE_MINUTES = 5.0
CALENDAR_CHECK_MS = 60 * 60 * 1000
log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, services: AppServices, auth, idle_minutes: float = DEFAULT_IDLE_MINUTES  # type: ignore[no-untyped-def]
                 ) -> None:
        super().__init__()
        self.services = services
        self.auth = auth
        self.setWindowTitle(self.tr("Counter — comprehensive window acceptance"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login = LoginWidget()
        attempt_login(services.lane, auth, self.login, self._logged_in)
        self.stack.addWidget(self.login)
        self.workspace: QTabWidget | None = None
        self.lock_screen: LoginWidget | None = None
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        # Sync indicator in the status bar; the background sync starts after login (sync_status.py).
        self.sync = SyncController(services, self.statusBar())
        services.lane.slow.connect(self._lane_slow)
        # A holiday schedule that arrived by sync moves this PC's due dates (at login, hourly).
        self.calendar_timer = QTimer(self)
        self.calendar_timer.setInterval(CALENDAR_CHECK_MS)
        self.calendar_timer.timeout.connect(self.catch_up_calendar)
        self.idle = IdleWatcher(idle_minutes, self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

    def catch_up_calendar(self) -> None:
        from ..services.holiday_schedule import catch_up

        ctx = self.services.ctx
        self.services.lane.submit(lambda: catch_up(ctx), None,
                                  lambda exc: log.warning("calendar catch-up failed: %s", exc))

    def _lane_slow(self, slow: bool) -> None:
        """A call is waiting for the database (another program is writing): say so."""
        if slow:
            self.statusBar().showMessage(self.tr(
                "Waiting for the database: another program (an import or sync) is writing…"))
        else:
            self.statusBar().clearMessage()

    # -- login -------------------------------------------------------------------------
    def _logged_in(self, actor: Actor) -> None:
        self.services.actor = actor
        self.workspace = QTabWidget()
        self.workspace.setObjectName("workspace")
        self.workspace.setDocumentMode(True)
        for spec in pages_for(actor.roles):
            page = spec.build(self.services, actor)
            page.setProperty("pageKey", spec.key)
            self.workspace.addTab(page, spec.title())
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.user_label.setText(
            self.tr("%1 · terminal %2").replace("%1", actor.full_name)
            .replace("%2", self.services.ctx.terminal)
        )
        self.login.reset()
        self.idle.timer.start()
        self.sync.start()  # syncs only when a server URL is stored; else shows stand-alone
        self.calendar_timer.start()
        self.catch_up_calendar()
        if self.workspace.count():
            self.workspace.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def page(self, key: str) -> QWidget | None:
        if self.workspace is None:
            return None
        for i in range(self.workspace.count()):
            w = self.workspace.widget(i)
            if w.property("pageKey") == key:
                return w
        return None

    def show_page(self, key: str) -> QWidget | None:
        w = self.page(key)
        if w is not None and self.workspace is not None:
            self.workspace.setCurrentWidget(w)
        return w

    # -- idle lock -----------------------------------------------------------------------
    def lock(self) -> None:
        actor = self.services.actor
        if actor is None or self.lock_screen is not None:
            return
        self.lock_screen = LoginWidget(self.tr("Screen locked"), locked_user=actor.username)
        self.lock_screen.setObjectName("lockScreen")
        self.lock_screen.submitted.connect(self._unlock)
        self.stack.addWidget(self.lock_screen)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.password.setFocus()

    def _unlock(self, user: str, password: str) -> None:
        actor = self.services.actor
        screen = self.lock_screen
        if actor is None or screen is None:
            return

        def ok(who: Actor) -> None:
            if who.staff_id != actor.staff_id:
                screen.show_error(self.tr("Only the signed-in user can unlock"))
                return
            self.stack.removeWidget(screen)
            screen.deleteLater()
            self.lock_screen = None
            if self.workspace is not None:
                self.stack.setCurrentWidget(self.workspace)
            self.idle.timer.start()

        self.services.lane.submit(lambda: self.auth.login(actor.username, password), ok,
                                  lambda exc: screen.show_error(str(exc)))

    @property
    def locked(self) -> bool:
        return self.lock_screen is not None

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.sync.stop()  # before the lane: the sync thread must not outlive the database
        self.services.lane.stop()
        super().closeEvent(event)
