"""The "Sync conflicts" tab of the settings page (supervisors): open conflicts on the hall
server and on this PC, both versions of the selected one, and the supervisor's decision.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...legacy_sync import list_conflicts, resolve_conflict
from ...services.intake.numbering import display
from ...sync.errors import SyncError
from .common import SettingsHost, _fill, _say, _server_db, _table


class ConflictsPanel(QWidget):
    """Open sync conflicts on the server (a supervisor decides) and on this PC (to look at)."""

    def __init__(self, page: SettingsHost) -> None:
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
        self.page.services.ops.network(self, load, self._show,
                                       lambda exc: _say(self.message, str(exc), "error"))

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

        self.page.services.ops.network(self, run, done,
                                       lambda exc: _say(self.message, str(exc), "error"))

