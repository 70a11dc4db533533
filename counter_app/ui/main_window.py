"""The main window: login, the workspace of role-based pages, the idle lock, switching user.

Locking shows the lock screen on top of the workspace without destroying it, so whatever
the clerk had typed is still there after unlocking with the same user's password.

Several people share a counter PC. Ctrl+Shift+Q (or another user signing in at the lock
screen) signs the current user out: each page that keeps unfinished work saves it first
(``leaving()``: the counter's intake becomes the user's draft, offered again at their next
sign-in), the page timers stop, and the workspace is taken down once the database lane has
delivered every answer it still owed to those pages. Keys that work everywhere: F1 (the keys
of this screen), Ctrl+Tab / Ctrl+Shift+Tab and Alt+1..9 (pages), Ctrl+Shift+L (lock).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from .idle import IdleWatcher
from .keyhelp import KeyHelpDialog, login_keys
from .keyhelp import sections as keyhelp_sections
from .login import LoginWidget, attempt_login
from .pages import pages_for
from .services import AppServices
from .sync_status import SyncController

if TYPE_CHECKING:  # keeps SQLAlchemy out of start-up
    from ..services.context import Actor
    from .queue.window_bar import QueueBar

DEFAULT_IDLE_MINUTES = 5.0
CALENDAR_CHECK_MS = 60 * 60 * 1000
log = logging.getLogger(__name__)


def focus_into(page: QWidget, reason: Qt.FocusReason) -> None:
    """The keys go to the page: to its own focus (proxy), else to its first field in the Tab
    order. A page that takes no focus itself (consultations, cases...) left the keys on the
    page before it, hidden, where they were lost."""
    page.setFocus(reason)
    focus = QApplication.focusWidget()
    if focus is not None and (focus is page or page.isAncestorOf(focus)):
        return
    w = page.nextInFocusChain()
    while w is not None and w is not page:
        if (page.isAncestorOf(w) and w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            w.setFocus(reason)
            return
        w = w.nextInFocusChain()


class MainWindow(QMainWindow):
    signed_out = Signal()  # the workspace of the previous user is gone
    ready = Signal(float)  # a user's workspace is shown: ms from pressing Enter at the login

    def __init__(self, services: AppServices, auth, idle_minutes: float = DEFAULT_IDLE_MINUTES
                 ) -> None:
        super().__init__()
        self.services = services
        self.auth = auth
        self.setWindowTitle(self.tr("Counter — comprehensive window acceptance"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login = LoginWidget()
        attempt_login(services.ops, auth, self.login, self._logged_in)
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
        self.help_dialog: KeyHelpDialog | None = None
        self.queue_bar: QueueBar | None = None  # a clerk's queue keys (ui/queue/window_bar.py)
        self._queue_dock: QToolBar | None = None
        self._queue_keys: list[QShortcut] = []
        self._sync_started = False
        self._login_clock = QElapsedTimer()
        self.login.submitted.connect(lambda *_: self._login_clock.start())
        self._window_shortcuts()

    def _window_shortcuts(self) -> None:
        keys = {
            "F1": self.show_help,
            "Ctrl+Shift+Q": self.switch_user,
            "Ctrl+Shift+L": self.lock,
            "Ctrl+Tab": lambda: self._step_page(1),
            "Ctrl+Shift+Tab": lambda: self._step_page(-1),
            "Ctrl+PgDown": lambda: self._step_page(1),
            "Ctrl+PgUp": lambda: self._step_page(-1),
        }
        for n in range(1, 10):
            keys[f"Alt+{n}"] = partial(self._go_page, n - 1)
        self.shortcuts: dict[str, QShortcut] = {}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            self.shortcuts[seq] = sc

    def catch_up_calendar(self) -> None:
        from ..services.deadlines.holiday_schedule import catch_up

        ctx = self.services.ctx
        self.services.ops.run(self, lambda: catch_up(ctx), None,
                                  lambda exc: log.warning("calendar catch-up failed: %s", exc))

    def _lane_slow(self, slow: bool) -> None:
        """A call has been running a while: say so. The lane cannot tell a write waiting for
        another program's lock from a slow read on a slow or busy PC (the first opening, a
        bulletin), so the message names the lock as a possibility, not as the cause."""
        if slow:
            self.statusBar().showMessage(self.tr(
                "Still working on the database, please wait… (another program, such as an "
                "import or sync, may be writing)"))
        else:
            self.statusBar().clearMessage()

    # -- login -------------------------------------------------------------------------
    def _logged_in(self, actor: Actor) -> None:
        if self.workspace is not None:  # a sign-in racing a sign-out: never two workspaces
            self._take_down_workspace(leaving=None)
        self.services.actor = actor
        self.workspace = QTabWidget()
        self.workspace.setObjectName("workspace")
        self.workspace.setDocumentMode(True)
        self._specs = {spec.key: spec for spec in pages_for(actor.roles)}
        for n, spec in enumerate(self._specs.values(), start=1):
            # Only the first page is built now; the others on first visit (a quick switch of
            # user: building every page cost 150-400 ms of the GUI thread).
            page = spec.build(self.services, actor) if n == 1 else QWidget()
            page.setProperty("pageKey", spec.key)
            page.setProperty("built", n == 1)
            title = spec.title()
            self.workspace.addTab(page, f"{n} {title}" if n <= 9 else title)
            self.workspace.setTabToolTip(n - 1, f"Alt+{n}" if n <= 9 else "")
        self.workspace.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # pages switch by key
        self._add_queue_bar(actor)
        self.workspace.currentChanged.connect(self._build_page)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.user_label.setText(
            self.tr("%1 · terminal %2").replace("%1", actor.full_name)
            .replace("%2", self.services.ctx.terminal)
            + "　" + self.tr("F1 keys · Ctrl+Shift+Q switch user")
        )
        self.login.reset()
        self.login.user.clear()
        self.idle.timer.start()
        if not self._sync_started:  # the PC syncs whoever is signed in
            self._sync_started = True
            self.sync.start()  # syncs only when a server URL is stored; else shows stand-alone
        self.calendar_timer.start()
        self.catch_up_calendar()
        self._preload_pages()
        if self.workspace.count():
            focus_into(self.workspace.currentWidget(), Qt.FocusReason.OtherFocusReason)
        if self._login_clock.isValid():
            self.ready.emit(self._login_clock.nsecsElapsed() / 1e6)
            self._login_clock.invalidate()

    def _preload_pages(self) -> None:
        """Import the other pages' modules on the lane, after the first page is up: a first
        visit then only builds widgets (importing the supervision page's modules held the
        GUI thread 250-600 ms under load). Nothing is built off the GUI thread."""
        import importlib

        modules = [spec.factory.split(":")[0] for spec in list(self._specs.values())[1:]]

        def load() -> None:
            for name in modules:
                importlib.import_module(name)

        self.services.ops.run(self, load, None, lambda exc: log.warning("preloading pages: %s", exc))

    # -- signing out ---------------------------------------------------------------------
    def switch_user(self) -> None:
        """Sign the current user out and show the login screen (keys: Ctrl+Shift+Q)."""
        if self.services.actor is None or self.workspace is None:
            return
        self._take_down_workspace(leaving=self.services.actor)
        self.services.actor = None
        if self.lock_screen is not None:
            self.stack.removeWidget(self.lock_screen)
            self.lock_screen.deleteLater()
            self.lock_screen = None
        self.idle.timer.stop()
        self.user_label.setText(self.tr("Nobody signed in"))
        self.login.reset()
        self.login.user.clear()
        self.stack.setCurrentWidget(self.login)
        self.login.user.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_queue_bar(self, actor: Actor) -> None:
        """A clerk calls tickets with one key on every page (the window's 叫号器)."""
        if not actor.has("clerk"):
            return
        from .queue.window_bar import QueueBar

        bar = QueueBar(self.services, actor)
        dock = QToolBar(self.tr("Queue"))
        dock.setObjectName("queueDock")
        dock.setMovable(False)
        dock.addWidget(bar)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, dock)
        self.queue_bar, self._queue_dock, self._queue_keys = bar, dock, bar.install_keys(self)

    def _remove_queue_bar(self) -> None:
        for sc in self._queue_keys:
            sc.setEnabled(False)
            sc.deleteLater()
        if self._queue_dock is not None:
            self.removeToolBar(self._queue_dock)
            self._queue_dock.deleteLater()
        self.queue_bar, self._queue_dock, self._queue_keys = None, None, []

    def _take_down_workspace(self, leaving: Actor | None) -> None:
        """The workspace goes; ``leaving`` (a sign-out) has their signing key closed too."""
        self._remove_queue_bar()
        workspace, self.workspace = self.workspace, None
        if workspace is None:
            return
        for i in range(workspace.count()):
            leaving = getattr(workspace.widget(i), "leaving", None)
            if callable(leaving):
                leaving()  # e.g. the intake in progress is saved as a draft (on the lane)
        for timer in workspace.findChildren(QTimer):
            timer.stop()
        workspace.setEnabled(False)
        self.stack.removeWidget(workspace)
        workspace.hide()

        def gone(_r: object = None) -> None:
            # The lane is first in, first out: every answer owed to these pages has been
            # delivered by now, so none arrives at a deleted widget.
            workspace.deleteLater()
            self.signed_out.emit()

        def close_key() -> None:
            if leaving is not None:
                self.auth.signed_out(leaving)

        self.services.ops.run(self, close_key, gone, gone)

    # -- pages and help --------------------------------------------------------------------
    def _step_page(self, step: int) -> None:
        if self.workspace is not None and not self.locked and self.workspace.count():
            self._go_page((self.workspace.currentIndex() + step) % self.workspace.count())

    def _go_page(self, index: int) -> None:
        if self.workspace is None or self.locked or not 0 <= index < self.workspace.count():
            return
        self.workspace.setCurrentIndex(index)
        focus_into(self.workspace.currentWidget(), Qt.FocusReason.ShortcutFocusReason)

    def current_page(self) -> QWidget | None:
        if self.workspace is None or self.locked or self.stack.currentWidget() is not self.workspace:
            return None
        return self.workspace.currentWidget()

    def show_help(self) -> None:
        page = self.current_page()
        if page is None:
            title = self.tr("Screen locked") if self.locked else self.tr("Sign in")
            sections: list[tuple[str, Sequence[tuple[str, str]]]] = [(title, login_keys())]
        else:
            assert self.workspace is not None
            title = self.workspace.tabText(self.workspace.currentIndex())
            sections = keyhelp_sections(page)
            if self.queue_bar is not None:
                sections.append((self.tr("Queue (every page)"), self.queue_bar.key_help()))
        focus = QApplication.focusWidget()
        self.help_dialog = KeyHelpDialog(title, sections, self, ops=self.services.ops)
        self.help_dialog.finished.connect(lambda _r: self._help_closed(focus))
        self.help_dialog.open()

    def _help_closed(self, focus: QWidget | None) -> None:
        dialog, self.help_dialog = self.help_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        # Back to where the keys were (a window manager would reactivate the main window;
        # the offscreen platform and some Linux desktops do not).
        self.activateWindow()
        if focus is not None and focus.isVisible() and focus.window() is self:
            focus.setFocus(Qt.FocusReason.PopupFocusReason)

    def _build_page(self, index: int) -> QWidget | None:
        """The page at ``index``, built now if it was not yet (first visit)."""
        ws, actor = self.workspace, self.services.actor
        if ws is None or actor is None or not 0 <= index < ws.count():
            return None
        holder = ws.widget(index)
        assert holder is not None  # index is in range
        if holder.property("built"):
            return holder
        key = holder.property("pageKey")
        page = self._specs[key].build(self.services, actor)
        page.setProperty("pageKey", key)
        page.setProperty("built", True)
        title, tip, current = ws.tabText(index), ws.tabToolTip(index), ws.currentIndex()
        ws.blockSignals(True)
        ws.removeTab(index)
        ws.insertTab(index, page, title)
        ws.setTabToolTip(index, tip)
        ws.setCurrentIndex(current)
        ws.blockSignals(False)
        holder.deleteLater()
        if current == index:
            focus_into(page, Qt.FocusReason.OtherFocusReason)
        return page

    def page(self, key: str) -> QWidget | None:
        if self.workspace is None:
            return None
        for i in range(self.workspace.count()):
            w = self.workspace.widget(i)
            if w is not None and w.property("pageKey") == key:
                return self._build_page(i)
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
        self.lock_screen = LoginWidget(self.tr("Screen locked"), locked_user=actor.username,
                                       switching=True, parent=self.stack)
        self.lock_screen.setObjectName("lockScreen")
        self.lock_screen.submitted.connect(self._unlock)
        self.lock_screen.switch.clicked.connect(self.switch_user)
        self.stack.addWidget(self.lock_screen)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.password.setFocus()
        screen = self.lock_screen
        QTimer.singleShot(0, lambda: screen.password.setFocus() if self.lock_screen is screen else None)

    def _unlock(self, user: str, password: str) -> None:
        actor = self.services.actor
        screen = self.lock_screen
        if actor is None or screen is None:
            return
        self._login_clock.start()

        def ok(who: Actor) -> None:
            if who.staff_id != actor.staff_id:  # a colleague takes over the PC
                if self.services.actor is actor:
                    self.switch_user()
                    self._logged_in(who)
                return
            self.stack.removeWidget(screen)
            screen.deleteLater()
            self.lock_screen = None
            if self.workspace is not None:
                self.stack.setCurrentWidget(self.workspace)
            self.idle.timer.start()

        self.services.ops.run(self, lambda: self.auth.login(user, password), ok,
                                  lambda exc: screen.show_error(str(exc)))

    @property
    def locked(self) -> bool:
        return self.lock_screen is not None

    def closeEvent(self, event) -> None:
        self.sync.stop()  # before the lane: the sync thread must not outlive the database
        self.services.lane.stop()
        super().closeEvent(event)
