"""Personal data, for supervisors: who looked at one person (by ID number), the personal-
information report (个人信息保护法第四十五条), unusual volume of looks, and the case list
export (masked unless a reason is given). Every rule is the services'; this only shows.

Keys: Ctrl+L the ID number, Enter lists who looked, Ctrl+P saves the report, F5 refreshes
the warnings, Ctrl+E exports the case list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.privacy.access_queries import AccessLine, AccessQueries, VolumeAlert
from ...services.privacy.exports import ExportService
from ...services.privacy.subject_report import SubjectReportService
from ..file_dialogs import ask_save
from .common import fill_table, make_table, message_label, say, submit


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class PrivacyWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyWidget")
        self.services, self.actor = services, actor
        self.queries = AccessQueries(services.ctx)
        today = services.ctx.now().date()

        # -- one person ------------------------------------------------------------------
        self.id_no = QLineEdit()
        self.id_no.setObjectName("privacyIdNo")
        self.id_no.setPlaceholderText(self.tr("Full ID number (Ctrl+L), then Enter"))
        self.id_no.returnPressed.connect(self.look_up)
        self.reason = QLineEdit()
        self.reason.setObjectName("privacyReason")
        self.reason.setPlaceholderText(self.tr("e.g. the applicant asked in person"))
        self.lookup_button = QPushButton(self.tr("Who looked (Enter)"))
        self.lookup_button.setObjectName("privacyLookup")
        self.lookup_button.clicked.connect(self.look_up)
        self.report_button = QPushButton(self.tr("Save report… (Ctrl+P)"))
        self.report_button.setObjectName("privacyReport")
        self.report_button.clicked.connect(self.save_report)
        self.looks = make_table("privacyLooks")
        person = QFormLayout()
        person.addRow(self.tr("ID number"), self.id_no)
        person.addRow(self.tr("Reason for the report"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.lookup_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        person_box = QGroupBox(self.tr("Who looked at one person's data"))
        pl = QVBoxLayout(person_box)
        pl.addLayout(person)
        pl.addLayout(buttons)
        pl.addWidget(self.looks, 1)

        # -- unusual volume --------------------------------------------------------------
        self.alert_day = _date_edit("privacyAlertDay", today)
        self.alert_count = QSpinBox()
        self.alert_count.setObjectName("privacyAlertCount")
        self.alert_count.setRange(1, 100000)
        self.alert_minutes = QSpinBox()
        self.alert_minutes.setObjectName("privacyAlertMinutes")
        self.alert_minutes.setRange(1, 24 * 60)
        self.alert_minutes.setSuffix(self.tr(" min"))
        save_limits = QPushButton(self.tr("Save thresholds"))
        save_limits.setObjectName("privacySaveThresholds")
        save_limits.clicked.connect(self.save_thresholds)
        refresh = QPushButton(self.tr("Check (F5)"))
        refresh.clicked.connect(self.refresh_alerts)
        self.alerts = make_table("privacyAlerts")
        self.alert_note = QLabel("")
        self.alert_note.setObjectName("privacyAlertNote")
        self.alert_note.setWordWrap(True)
        limits = QHBoxLayout()
        for w in (QLabel(self.tr("Day")), self.alert_day,
                  QLabel(self.tr("Warn at")), self.alert_count,
                  QLabel(self.tr("cases of other windows within")), self.alert_minutes,
                  save_limits, refresh):
            limits.addWidget(w)
        limits.addStretch(1)
        alert_box = QGroupBox(self.tr("Unusual volume"))
        al = QVBoxLayout(alert_box)
        al.addLayout(limits)
        al.addWidget(self.alert_note)
        al.addWidget(self.alerts, 1)

        # -- export ----------------------------------------------------------------------
        self.export_from = _date_edit("privacyExportFrom", today)
        self.export_to = _date_edit("privacyExportTo", today)
        self.unmasked = QCheckBox(self.tr("Full ID numbers and phones"))
        self.unmasked.setObjectName("privacyUnmasked")
        self.export_reason = QLineEdit()
        self.export_reason.setObjectName("privacyExportReason")
        self.export_reason.setPlaceholderText(self.tr("Reason (required for full numbers)"))
        export = QPushButton(self.tr("Export cases… (Ctrl+E)"))
        export.setObjectName("privacyExport")
        export.clicked.connect(self.export_cases)
        ex = QHBoxLayout()
        parts: tuple[QWidget, ...] = (QLabel(self.tr("Received from")), self.export_from,
                                      QLabel(self.tr("to")), self.export_to, self.unmasked,
                                      self.export_reason, export)
        for part in parts:
            ex.addWidget(part)
        ex.setStretchFactor(self.export_reason, 1)
        export_box = QGroupBox(self.tr("Case list export"))
        export_box.setLayout(ex)

        self.message = message_label("privacyMessage")
        lay = QVBoxLayout(self)
        lay.addWidget(person_box, 3)
        lay.addWidget(alert_box, 2)
        lay.addWidget(export_box)
        lay.addWidget(self.message)
        for seq, fn in (("Ctrl+L", self._focus_id), ("Ctrl+P", self.save_report),
                        ("F5", self.refresh_alerts), ("Ctrl+E", self.export_cases)):
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.id_no)
        self._load_thresholds()

    # -- one person ------------------------------------------------------------------------
    def _focus_id(self) -> None:
        self.id_no.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.id_no.selectAll()

    def look_up(self) -> None:
        q, actor, text = self.queries, self.actor, self.id_no.text()
        submit(self, lambda: q.who_looked(actor, text), self._show_looks, self._failed)

    def _show_looks(self, lines: list[AccessLine]) -> None:
        heads = [self.tr("Time"), self.tr("Who"), self.tr("Role"), self.tr("Terminal"),
                 self.tr("What"), self.tr("Case"), self.tr("Details")]
        possible = self.tr(" (possible)")
        fill_table(self.looks, heads, [
            [f"{a.at:%Y-%m-%d %H:%M}", a.who, a.role, a.terminal,
             a.what + (possible if a.possible else ""), a.case_no, a.detail] for a in lines])
        say(self.message, self.tr("%1 recorded looks (this one is recorded too)")
            .replace("%1", str(len(lines))))
        if lines:
            self.looks.setFocus()
            self.looks.setCurrentCell(0, 0)

    def save_report(self) -> None:
        if not self.id_no.text().strip():
            say(self.message, self.tr("Type the ID number first"), error=True)
            self._focus_id()
            return
        path = ask_save(self, self.tr("Save personal-information report"), "privacy",
                        "个人信息查询报告.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return
        svc, actor = SubjectReportService(self.services.ctx), self.actor
        text, reason, out = self.id_no.text(), self.reason.text(), Path(path)
        submit(self, lambda: svc.save(actor, text, out, reason),
               lambda r: say(self.message, self.tr("Saved: %1 (%2 cases, %3 looks)")
                             .replace("%1", str(out)).replace("%2", str(len(r.cases)))
                             .replace("%3", str(len(r.accesses)))),
               self._failed)

    # -- volume ----------------------------------------------------------------------------
    def _load_thresholds(self) -> None:
        q = self.queries

        def show(limits) -> None:
            self.alert_count.setValue(limits.count)
            self.alert_minutes.setValue(limits.minutes)
            self.refresh_alerts()

        submit(self, q.thresholds, show, self._failed)

    def save_thresholds(self) -> None:
        q, actor = self.queries, self.actor
        count, minutes = self.alert_count.value(), self.alert_minutes.value()
        def saved(_t: object) -> None:
            say(self.message, self.tr("Thresholds saved"))
            self.refresh_alerts()

        submit(self, lambda: q.set_thresholds(actor, count, minutes), saved, self._failed)

    def refresh_alerts(self) -> None:
        q, actor, day = self.queries, self.actor, _day(self.alert_day)
        submit(self, lambda: q.alerts(actor, day), self._show_alerts, self._failed)

    def _show_alerts(self, alerts: list[VolumeAlert]) -> None:
        fill_table(self.alerts, [self.tr("Who"), self.tr("Window"), self.tr("Cases of other windows"),
                                 self.tr("From"), self.tr("To")],
                   [[a.who, a.window, a.count, f"{a.start:%H:%M}", f"{a.end:%H:%M}"] for a in alerts])
        if alerts:
            self.alert_note.setStyleSheet("color: #b00020; font-weight: bold;")
            self.alert_note.setText(self.tr("%1 people opened unusually many cases of other windows")
                                    .replace("%1", str(len(alerts))))
        else:
            self.alert_note.setStyleSheet("color: #1b5e20;")
            self.alert_note.setText(self.tr("No unusual volume on this day"))

    # -- export ----------------------------------------------------------------------------
    def export_cases(self) -> None:
        since, until = _day(self.export_from), _day(self.export_to)
        path = ask_save(self, self.tr("Export cases"), "privacy", f"办件清单-{since}-{until}.xlsx",
                        self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to_file(Path(path))

    def export_to_file(self, path: Path) -> None:
        svc, actor = ExportService(self.services.ctx), self.actor
        since, until = _day(self.export_from), _day(self.export_to)
        unmasked, reason = self.unmasked.isChecked(), self.export_reason.text()
        submit(self, lambda: svc.export_cases(actor, path, since, until, unmasked=unmasked,
                                              reason=reason),
               lambda r: say(self.message, self.tr("Exported %1 cases: %2")
                             .replace("%1", str(r.rows)).replace("%2", str(r.path))),
               self._failed)

    def _failed(self, exc: BaseException) -> None:
        say(self.message, str(exc), error=True)
