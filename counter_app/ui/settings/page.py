"""Settings of this counter PC: the hall server (or stand-alone), UI language, idle lock,
default print layout; for supervisors also the sync conflicts and the day's reconciliation.

Network work (testing a server, reading its conflicts, reconciling) runs on a thread of its
own (``ops.network``), local database work on the DB lane (``ops.run``): never the GUI thread.
The server URL is stored with sync.store_server_url (its password never in plain text); the
password has its own field and is never shown again. Language and idle minutes live in
QSettings, read at start-up (``stored_language``, ``stored_idle_minutes``).

The parts: the server box (``server_box``), the this-PC box (``local_box``), the supervisors'
tabs (``conflicts``, ``reconcile``) and shared helpers (``common``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...legacy_sync import load_server_url
from ...services.context import Actor
from ...services.printing.service import default_layout
from ...services.settings import get_setting
from ...setup_file import LAYOUT_KEY
from ...sync.errors import SyncError
from ..printing import remembered
from ..services import AppServices
from .common import _say
from .conflicts import ConflictsPanel
from .hall_box import HallPanel, hall_panel
from .local_box import LocalSettings
from .reconcile import ReconcilePanel
from .server_box import ServerSettings


class SettingsPage(ServerSettings, LocalSettings, QWidget):
    def __init__(self, services: AppServices, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("settingsPage")
        self.services, self.actor = services, actor
        self.server_url = ""  # as stored (full, with password): used by the panels
        self.hall: HallPanel | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._counter_tab(), self.tr("This counter"))
        self.conflicts: ConflictsPanel | None = None
        self.reconcile: ReconcilePanel | None = None
        # On a PC enrolled with the hall service there is no database to reach: the hall
        # panel takes the server box's place, and the refused operations the conflicts'.
        if actor.has("supervisor") and not services.ctx.records_ops:
            self.conflicts = ConflictsPanel(self)
            self.reconcile = ReconcilePanel(self)
            self.tabs.addTab(self.conflicts, self.tr("Sync conflicts"))
            self.tabs.addTab(self.reconcile, self.tr("Reconciliation"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.tabs)
        self.load()

    # -- layout ------------------------------------------------------------------------
    def _counter_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.hall = hall_panel(self.services, self.actor)
        lay.addWidget(self.hall if self.hall is not None else self._server_box())
        lay.addWidget(self._local_box())
        lay.addStretch(1)
        return tab

    # -- loading -----------------------------------------------------------------------
    def load(self) -> None:
        db, window = self.services.ctx.db, self.actor.window_code

        def read() -> tuple[str, str, str]:
            with db.session() as s:
                try:
                    url, error = load_server_url(s) or "", ""
                except SyncError as exc:
                    url, error = "", str(exc)
                return url, error, get_setting(s, LAYOUT_KEY) or default_layout(s, window)

        shown = self.hall.message if self.hall is not None else self.server_result
        self.services.ops.run(self, read, self._loaded, lambda exc: _say(shown, str(exc), "error"))

    def _loaded(self, result: tuple[str, str, str]) -> None:
        url, error, layout = result
        if self.hall is None:  # the old way: a database URL of its own
            self._show_url(url)
            if error:
                _say(self.server_result, error, "error")
        layout = remembered(self.actor.window_code, "layout") or layout
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(layout)))


def build(services: AppServices, actor: Actor) -> QWidget:
    return SettingsPage(services, actor)
