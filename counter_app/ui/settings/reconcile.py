"""The "Reconciliation" tab of the settings page (supervisors): a day's prints of this
counter checked against the hall server's records: what the server lacks is shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...documents.common import DOC_KINDS
from ...legacy_sync import reconcile
from ...services.intake.numbering import display
from .common import SettingsHost, _fill, _say, _server_db, _table

STATUS_COLORS = {"missing": "#c62828", "differs": "#c62828", "conflict": "#e65100",
                 "pending": "#8d6e00"}


class ReconcilePanel(QWidget):
    """A day's prints of this counter against the server: what the server lacks is shown."""

    def __init__(self, page: SettingsHost) -> None:
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
        self.page.services.ops.network(self, run, self._show, self._failed)

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

