"""The supervisor's audit tab: run the check, see what broke and where, read one case's
custody trail and export it as a PDF for an inquiry.

The work is the services' (``audit_check``, ``custody_report``), run on the database lane;
the check runs in one process here (no worker processes are forked from a GUI app).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.audit.events import EVENT_LABELS, POSITION_CHARS
from ...services.audit.verify import AuditResult, verify_folder
from ...services.handoff.custody_report import CustodyReport, custody_report, render_custody_pdf
from ...services.printing.service import write_file
from ..file_dialogs import ask_save
from .common import fill_table, make_table, message_label, say, submit

SIDES = {"front": "窗口", "back": "审批", "applicant": "申请人"}


class AuditWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setObjectName("auditWidget")
        self.result: AuditResult | None = None
        self.report: CustodyReport | None = None
        self.run_button = QPushButton(self.tr("&Run the audit"))
        self.run_button.setObjectName("runAudit")
        self.run_button.clicked.connect(self.run)
        self.summary = message_label("auditSummary")
        self.findings = QListWidget()
        self.findings.setObjectName("auditFindings")
        self.findings.itemActivated.connect(self._open_finding)
        self.case_no = QLineEdit()
        self.case_no.setObjectName("custodyCase")
        self.case_no.setPlaceholderText(self.tr("Case number (type or scan)"))
        self.case_no.returnPressed.connect(self.show_trail)
        case_label = QLabel(self.tr("&Case:"))
        case_label.setBuddy(self.case_no)
        self.trail_button = QPushButton(self.tr("Show &trail"))
        self.trail_button.clicked.connect(self.show_trail)
        self.export_button = QPushButton(self.tr("&Export PDF…"))
        self.export_button.setObjectName("exportCustody")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.custody = message_label("custodyHolders")
        self.steps = make_table("custodySteps")
        self.message = message_label("auditMessage")

        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.summary, 1)
        upper = QWidget()
        up = QVBoxLayout(upper)
        up.setContentsMargins(0, 0, 0, 0)
        up.addLayout(top)
        up.addWidget(self.findings, 1)
        row = QHBoxLayout()
        row.addWidget(case_label)
        row.addWidget(self.case_no, 1)
        row.addWidget(self.trail_button)
        row.addWidget(self.export_button)
        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addLayout(row)
        low.addWidget(self.custody)
        low.addWidget(self.steps, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(self.message)
        self.setTabOrder(self.run_button, self.findings)
        self.setTabOrder(self.findings, self.case_no)

    @property
    def folder(self) -> Path:
        return Path(self.services.ctx.db.url.removeprefix("sqlite:///")).parent

    # -- the check ---------------------------------------------------------------------------
    def run(self) -> None:
        self.run_button.setEnabled(False)
        say(self.summary, self.tr("Checking every chain, case and batch…"))
        folder = self.folder
        submit(self, lambda: verify_folder(folder, workers=1), self._checked, self._failed)

    def _checked(self, result: AuditResult) -> None:
        self.run_button.setEnabled(True)
        self.result = result
        scope = self.tr("%1 chains, %2 events, %3 cases, %4 batches").replace(
            "%1", str(result.chains)).replace("%2", str(result.events)).replace(
            "%3", str(result.cases)).replace("%4", str(result.batches))
        if result.ok:
            say(self.summary, self.tr("Audit passed: %1; nothing was tampered with.").replace("%1", scope))
        else:
            say(self.summary, self.tr("Audit failed: %1; %2 problems.").replace("%1", scope)
                .replace("%2", str(len(result.findings))), error=True)
        self.findings.clear()
        for f in result.findings:
            item = QListWidgetItem(f.message)
            item.setData(Qt.ItemDataRole.UserRole, f.case_no or "")
            self.findings.addItem(item)
        if result.findings:
            self.findings.setCurrentRow(0)
            self.findings.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        say(self.summary, str(exc), error=True)

    def _open_finding(self, item: QListWidgetItem) -> None:
        case_no = item.data(Qt.ItemDataRole.UserRole)
        if case_no:
            self.case_no.setText(case_no)
            self.show_trail()

    # -- one case's trail --------------------------------------------------------------------
    def show_trail(self) -> None:
        ctx, folder, case_no = self.services.ctx, self.folder, self.case_no.text()
        if not case_no.strip():
            say(self.message, self.tr("Type or scan a case number first."), error=True)
            return

        def load() -> CustodyReport:
            with ctx.db.session() as s:
                return custody_report(folder, s, case_no, ctx.now())

        submit(self, load, self._trail, lambda exc: say(self.message, str(exc), error=True))

    def _trail(self, report: CustodyReport) -> None:
        self.report = report
        self.export_button.setEnabled(True)
        held = "；".join(
            f"{c.holder}（{SIDES.get(c.side, c.side)}）{c.since:%m-%d %H:%M}—"
            + (f"{c.until:%m-%d %H:%M}" if c.until else self.tr("now")) for c in report.view.custody)
        self.custody.setText(self.tr("Held by: %1").replace("%1", held))
        where = {(e.terminal, e.at, e.kind): e for e in report.events}
        rows = []
        for s in report.view.steps:
            e = where.get((s.terminal, s.at, s.kind))
            rows.append([f"{s.at:%Y-%m-%d %H:%M}", EVENT_LABELS.get(s.kind, s.label), s.actor_name,
                         s.terminal, s.detail,
                         f"{e.terminal}-{e.seq}-{e.hash[:POSITION_CHARS]}" if e else ""])
        fill_table(self.steps, [self.tr("Time"), self.tr("Step"), self.tr("By"), self.tr("PC"),
                                self.tr("Detail"), self.tr("Chain position")], rows)
        if report.findings:
            say(self.message, "；".join(f.message for f in report.findings), error=True)
        else:
            say(self.message, self.tr("The case's records match their seal in the event chain."))

    def export(self) -> None:
        if self.report is None:
            return
        path = ask_save(self, self.tr("Export custody trail"), "custody",
                        f"监管履历-{self.report.view.case_no}.pdf", self.tr("PDF (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        report = self.report
        assert report is not None

        def write() -> Path:
            write_file(path, render_custody_pdf(report))
            return path

        submit(self, write, lambda p: say(self.message, self.tr("Saved: %1").replace("%1", str(p))),
               lambda exc: say(self.message, str(exc), error=True))
