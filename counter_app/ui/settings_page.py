"""Settings of this counter PC: the hall server (or stand-alone), UI language, idle lock,
default print layout; for supervisors also the sync conflicts and the day's reconciliation.

Network work (testing a server, reading its conflicts, reconciling) runs on a detached
thread (sync_status.run_detached), local database work on the DB lane: never the GUI thread.
The server URL is stored with sync.store_server_url (its password never in plain text); the
password has its own field and is never shown again. Language and idle minutes live in
QSettings, read at start-up (``stored_language``, ``stored_idle_minutes``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from ..documents.common import DOC_KINDS
from ..services.context import Actor
from ..services.numbering import display
from ..services.printing import default_layout
from ..services.settings import get_setting, set_setting
from ..setup_file import LAYOUT_KEY
from ..sync import (
    SyncError,
    list_conflicts,
    load_server_url,
    reconcile,
    redact,
    resolve_conflict,
    store_server_url,
    test_connection,
)
from .i18n import DEFAULT_LANGUAGE, LANGUAGES
from .prefs import IDLE_KEY, LANG_KEY
from .printing import remember, remembered, ui_settings
from .services import AppServices
from .sync_status import SYNC_KEY, run_detached

COLORS = {"ok": "#2e7d32", "error": "#c62828", "busy": "#1565c0"}
STATUS_COLORS = {"missing": "#c62828", "differs": "#c62828", "conflict": "#e65100",
                 "pending": "#8d6e00"}


def stored_language() -> str:
    value = str(ui_settings().value(LANG_KEY, "") or "")
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def stored_idle_minutes(default: float = 5.0) -> float:
    try:
        return float(ui_settings().value(IDLE_KEY, default))
    except (TypeError, ValueError):
        return default


def _say(label: QLabel, text: str, kind: str = "") -> None:
    label.setText(text)
    label.setStyleSheet(f"color: {COLORS[kind]};" if kind else "")


def _server_db(url: str) -> Any:
    from ..cli.commands_reconcile import server_database

    return server_database(url)


class SettingsPage(QWidget):
    def __init__(self, services: AppServices, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("settingsPage")
        self.services, self.actor = services, actor
        self.server_url = ""  # as stored (full, with password): used by the panels
        self.tabs = QTabWidget()
        self.tabs.addTab(self._counter_tab(), self.tr("This counter"))
        self.conflicts: ConflictsPanel | None = None
        self.reconcile: ReconcilePanel | None = None
        if actor.has("supervisor"):
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
        lay.addWidget(self._server_box())
        lay.addWidget(self._local_box())
        lay.addStretch(1)
        return tab

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Hall server (sync)"))
        self.standalone = QRadioButton(self.tr("Stand-alone: this PC works on its own, no server"))
        self.networked = QRadioButton(self.tr("Sync with the hall's shared database"))
        self.mode = QButtonGroup(box)
        for button in (self.standalone, self.networked):
            self.mode.addButton(button)
        self.standalone.setChecked(True)
        self.networked.toggled.connect(self._mode_changed)
        self.testing = False  # a connection test is running
        self.url = QLineEdit()
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("postgresql+psycopg://counter@192.168.1.10:5432/hall")
        self.url.textChanged.connect(self._mode_changed)
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(self.tr(
            "PostgreSQL: postgresql+psycopg://user@server:5432/database. The smallest hall may "
            "share a SQLite file on this PC's own disk (never on a network share): "
            "sqlite:///D:/counter/shared.sqlite3"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.save_server_button = QPushButton(self.tr("Save server setting"))
        self.save_server_button.setObjectName("saveServer")
        self.save_server_button.clicked.connect(self.save_server)
        self.server_result = QLabel()
        self.server_result.setObjectName("serverResult")
        self.server_result.setWordWrap(True)
        self.server_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Server address:"), self.url)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_server_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(box)
        lay.addWidget(self.standalone)
        lay.addWidget(self.networked)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.server_result)
        self._mode_changed()
        return box

    def _local_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This PC"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(stored_language())))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setValue(max(1, min(60, round(stored_idle_minutes()))))
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("printLayout")
        self.layout_box.addItem(self.tr("A4 paper"), "a4")
        self.layout_box.addItem(self.tr("80 mm receipt"), "receipt")
        self.save_local_button = QPushButton(self.tr("Save"))
        self.save_local_button.setObjectName("saveLocal")
        self.save_local_button.clicked.connect(self.save_local)
        self.local_result = QLabel()
        self.local_result.setObjectName("localResult")
        form = QFormLayout(box)
        form.addRow(self.tr("Interface language:"), self._with_note(
            self.language, self.tr("takes effect at the next start")))
        form.addRow(self.tr("Lock the screen after no input for:"), self._with_note(self.idle_minutes))
        window = self.actor.window_code or self.tr("(no window)")
        form.addRow(self.tr("Default print layout of window %1:").replace("%1", window),
                    self._with_note(self.layout_box))
        row = QHBoxLayout()
        row.addWidget(self.save_local_button)
        row.addWidget(self.local_result, 1)
        form.addRow("", row)
        return box

    @staticmethod
    def _with_note(field: QWidget, note: str = "") -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(field)
        if note:
            label = QLabel(note)
            label.setStyleSheet("color: #616161;")
            lay.addWidget(label)
        lay.addStretch(1)
        return w

    def _mode_changed(self, _checked: bool = False) -> None:
        on = self.networked.isChecked()
        self.url.setEnabled(on)
        self.test_button.setEnabled(on and not self.testing)
        self.password.setEnabled(on and not self.url.text().strip().startswith("sqlite"))

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

        self.services.lane.submit(read, self._loaded,
                                  lambda exc: _say(self.server_result, str(exc), "error"))

    def _loaded(self, result: tuple[str, str, str]) -> None:
        url, error, layout = result
        self._show_url(url)
        if error:
            _say(self.server_result, error, "error")
        layout = remembered(self.actor.window_code, "layout") or layout
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(layout)))

    def _show_url(self, url: str) -> None:
        self.server_url = url
        (self.networked if url else self.standalone).setChecked(True)
        try:
            u = make_url(url) if url else None
        except ArgumentError:
            u = None
        self.url.setText(u._replace(password=None).render_as_string(hide_password=False) if u else url)
        self.password.clear()
        self.password.setPlaceholderText(self.tr("saved; leave empty to keep it")
                                         if u is not None and u.password else "")
        if self.conflicts is not None and self.conflicts.isVisible():
            self.conflicts.refresh()

    def compose_url(self) -> str:
        """The typed address with the password field (or the saved password) put in."""
        text = self.url.text().strip()
        try:
            u = make_url(text)
        except ArgumentError:
            return text  # test_connection / store report it as invalid
        if self.password.text():
            u = u.set(password=self.password.text())
        elif u.password in (None, "***") and self.server_url:
            old = make_url(self.server_url)
            same = (old.drivername, old.username, old.host, old.port) == (
                u.drivername, u.username, u.host, u.port)
            u = u._replace(password=old.password if same else None)
        return u.render_as_string(hide_password=False)

    # -- server ------------------------------------------------------------------------
    def test_connection(self) -> None:
        url = self.compose_url()
        if not url:
            _say(self.server_result, self.tr("Enter the server address first"), "error")
            return
        self.testing = True
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        _say(self.server_result, self.tr("Connecting to %1 …").replace("%1", redact(url)), "busy")
        run_detached(lambda: test_connection(url), self._tested, self._test_failed)

    def _tested(self, result: tuple[bool, str]) -> None:
        ok, message = result
        self._test_done()
        _say(self.server_result, ("✔ " if ok else "✘ ") + message, "ok" if ok else "error")

    def _test_failed(self, exc: BaseException) -> None:
        self._test_done()
        _say(self.server_result, "✘ " + str(exc), "error")

    def _test_done(self) -> None:
        self.testing = False
        self.test_button.setText(self.tr("Test connection"))
        self.test_button.setEnabled(self.networked.isChecked())

    def save_server(self) -> None:
        url = self.compose_url() if self.networked.isChecked() else ""
        if self.networked.isChecked() and not url:
            _say(self.server_result, self.tr("Enter the server address first"), "error")
            return
        db = self.services.ctx.db

        def save() -> None:
            with db.transaction() as s:
                store_server_url(s, url)

        self.services.lane.submit(save, lambda _r: self._server_saved(url),
                                  lambda exc: _say(self.server_result, str(exc), "error"))

    def _server_saved(self, url: str) -> None:
        self._show_url(url)
        text = (self.tr("Saved: this PC syncs with %1").replace("%1", redact(url)) if url
                else self.tr("Saved: stand-alone, no sync"))
        _say(self.server_result, text, "ok")
        controller = self.services.settings.get(SYNC_KEY)
        if controller is not None:
            controller.configure(url or None)

    # -- this PC -----------------------------------------------------------------------
    def save_local(self) -> None:
        minutes, layout = self.idle_minutes.value(), self.layout_box.currentData()
        settings = ui_settings()
        settings.setValue(LANG_KEY, self.language.currentData())
        settings.setValue(IDLE_KEY, minutes)
        remember(self.actor.window_code, "layout", layout)  # what the print preview uses
        idle = getattr(self.window(), "idle", None)
        if idle is not None:  # the main window's idle lock applies the new time at once
            idle.set_minutes(minutes)
        db = self.services.ctx.db

        def save() -> None:
            with db.transaction() as s:
                set_setting(s, LAYOUT_KEY, layout)

        self.services.lane.submit(save, lambda _r: _say(self.local_result, self.tr("Saved"), "ok"),
                                  lambda exc: _say(self.local_result, str(exc), "error"))


def _table(headers: list[str], stretch: int) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    head = t.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _fill(table: QTableWidget, rows: list[list[str]], colors: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if colors and colors[r]:
                item.setForeground(QBrush(QColor(colors[r])))
            table.setItem(r, c, item)


class ConflictsPanel(QWidget):
    """Open sync conflicts on the server (a supervisor decides) and on this PC (to look at)."""

    def __init__(self, page: SettingsPage) -> None:
        super().__init__()
        self.setObjectName("conflictsPanel")
        self.page = page
        self.items: list[Any] = []  # ConflictView, newest first
        self.show_all = QCheckBox(self.tr("Also show conflicts already settled or resolved"))
        self.show_all.toggled.connect(lambda _c: self.refresh())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.table = _table([self.tr("Found"), self.tr("Where"), self.tr("Terminal"),
                             self.tr("Case number"), self.tr("Rule"), self.tr("Status"),
                             self.tr("What happened")], 6)
        self.table.setObjectName("conflictTable")
        self.table.itemSelectionChanged.connect(self._selected)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(150)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note: why this choice"))
        self.keep_server = QPushButton(self.tr("Keep the server's version"))
        self.keep_server.clicked.connect(lambda: self.resolve("server"))
        self.take_terminal = QPushButton(self.tr("Use the counter's version"))
        self.take_terminal.clicked.connect(lambda: self.resolve("terminal"))
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.show_all)
        top.addStretch(1)
        top.addWidget(refresh)
        act = QHBoxLayout()
        act.addWidget(self.note, 1)
        act.addWidget(self.keep_server)
        act.addWidget(self.take_terminal)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addLayout(act)
        lay.addWidget(self.message)
        self._selected()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        url, local = self.page.server_url, self.page.services.ctx.db
        status = None if self.show_all.isChecked() else "open"

        def load() -> tuple[list[Any], str]:
            rows, error = [], ""
            if url:
                try:
                    server = _server_db(url)
                    try:
                        with Session(server.engine) as s:
                            rows += list_conflicts(s, status)
                    finally:
                        server.dispose()
                except SyncError as exc:
                    error = str(exc)
            with local.session() as s:
                rows += list_conflicts(s, status)
            return sorted(rows, key=lambda c: c.detected_at, reverse=True), error

        _say(self.message, self.tr("Loading…"), "busy")
        run_detached(load, self._show, lambda exc: _say(self.message, str(exc), "error"))

    def _show(self, result: tuple[list[Any], str]) -> None:
        self.items, error = result
        where = {"server": self.tr("server"), "local": self.tr("this PC")}
        _fill(self.table, [[f"{c.detected_at:%m-%d %H:%M}", where.get(c.side, c.side), c.terminal,
                            display(c.case_no) if c.case_no else "", c.rule_label, c.status_label,
                            c.message] for c in self.items])
        if error:
            _say(self.message, self.tr("Server conflicts could not be read: %1").replace("%1", error),
                 "error")
        elif not self.page.server_url:
            _say(self.message, self.tr("Stand-alone: there is no server to sync with"))
        else:
            _say(self.message, self.tr("%1 conflict(s)").replace("%1", str(len(self.items))))
        self._selected()

    def current(self) -> Any:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) and self.table.selectedItems() else None

    def _selected(self) -> None:
        c = self.current()
        can = c is not None and c.side == "server" and c.status != "resolved"
        self.keep_server.setEnabled(can)
        self.take_terminal.setEnabled(can and c.table_name != "event_log")
        if c is None:
            self.detail.setPlainText(self.tr("Select a conflict to see both versions."))
            return
        lines = [f"{c.table_name} {c.row_id}", c.message]
        for col in c.columns or tuple((c.local or c.server or {}).keys()):
            mine = (c.local or {}).get(col, "—")
            theirs = (c.server or {}).get(col, "—")
            lines.append(self.tr("%1: counter %2 / server %3").replace("%1", col)
                         .replace("%2", str(mine)).replace("%3", str(theirs)))
        if c.side != "server":
            lines.append(self.tr("Met on this PC while pulling: for information only."))
        self.detail.setPlainText("\n".join(lines))

    def resolve(self, choice: str) -> None:
        c, url = self.current(), self.page.server_url
        if c is None or not url:
            return
        staff, note = self.page.actor.staff_id, self.note.text().strip()

        def run() -> None:
            server = _server_db(url)
            try:
                with Session(server.engine) as s, s.begin():
                    resolve_conflict(s, c.id, choice, staff, note)
            finally:
                server.dispose()

        def done(_r: object) -> None:
            self.note.clear()
            self.refresh()
            _say(self.message, self.tr("Resolved"), "ok")

        run_detached(run, done, lambda exc: _say(self.message, str(exc), "error"))


class ReconcilePanel(QWidget):
    """A day's prints of this counter against the server: what the server lacks is shown."""

    def __init__(self, page: SettingsPage) -> None:
        super().__init__()
        self.setObjectName("reconcilePanel")
        self.page = page
        self.rows: list[Any] = []
        self.day = QDateEdit()
        self.day.setObjectName("reconcileDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = page.services.ctx.now().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.check_button = QPushButton(self.tr("Check against the server"))
        self.check_button.setObjectName("reconcileButton")
        self.check_button.clicked.connect(self.check)
        self.summary = QLabel()
        self.summary.setObjectName("reconcileSummary")
        self.summary.setWordWrap(True)
        self.table = _table([self.tr("Printed"), self.tr("Document"), self.tr("Reprint"),
                             self.tr("Case number"), self.tr("Result"), self.tr("Detail")], 5)
        self.table.setObjectName("reconcileTable")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day printed:")))
        top.addWidget(self.day)
        top.addWidget(self.check_button)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)

    def check(self) -> None:
        url, ctx = self.page.server_url, self.page.services.ctx
        if not url:
            _say(self.summary, self.tr("Stand-alone: there is no server to check against"), "error")
            return
        q = self.day.date()
        day = date(q.year(), q.month(), q.day())

        def run() -> list[Any]:
            server = _server_db(url)
            try:
                return reconcile(ctx.db, server, day, ctx.terminal)
            finally:
                server.dispose()

        self.check_button.setEnabled(False)
        _say(self.summary, self.tr("Checking…"), "busy")
        run_detached(run, self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        _say(self.summary, str(exc), "error")

    def _show(self, rows: list[Any]) -> None:
        self.check_button.setEnabled(True)
        self.rows = rows
        _fill(self.table, [[f"{r.printed_at:%H:%M:%S}", DOC_KINDS.get(r.doc_kind, r.doc_kind),
                            str(r.reprint_no or ""), display(r.case_no) if r.case_no else "",
                            r.status_label, r.detail] for r in rows],
              [STATUS_COLORS.get(r.status, "") for r in rows])
        bad = sum(r.status != "ok" for r in rows)
        missing = sum(r.status == "missing" for r in rows)
        text = self.tr("%1 document(s) printed, %2 match the server").replace(
            "%1", str(len(rows))).replace("%2", str(len(rows) - bad))
        if missing:
            text += self.tr("; %1 have NO record on the server: find out why now").replace(
                "%1", str(missing))
        elif bad:
            text += self.tr("; the rest are not on the server yet: sync, then check again")
        _say(self.summary, text, "error" if missing else ("busy" if bad else "ok"))


def build(services: AppServices, actor: Actor) -> QWidget:
    return SettingsPage(services, actor)
