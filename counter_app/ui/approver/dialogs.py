"""The approver's small forms: a discrepancy, a return, a decision. Opened with ``open()``
(window-modal, never a nested event loop), so tests fill them like a person would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.handoff.service import BatchLine, CaseCheck
from ...services.intake.numbering import display
from .style import TITLE, label


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.setStyleSheet("QDialog { font-size: 12pt; }"
                           " QCheckBox::indicator, QListWidget::indicator { width: 22px; height: 22px; }"
                           " QListWidget::item { padding: 3px; }")
        self.lay = QVBoxLayout(self)
        self.lay.addWidget(label(title, TITLE))
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c62828; font-size: 12pt;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):  # also from a multi-line reason
            QShortcut(QKeySequence(seq), self, self._try_accept)

    def finish_layout(self) -> None:
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.buttons)

    def problem(self) -> str:
        return ""

    def _try_accept(self) -> None:
        text = self.problem()
        if text:
            self.error.setText(text)
            return
        self.accept()


class DiscrepancyDialog(_Form):
    """A case of the batch is not in the folder, or lacks materials."""

    def __init__(self, line: BatchLine, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DiscrepancyDialog", "Record a discrepancy"), parent)
        self.setObjectName("discrepancyDialog")
        self.line = line
        self.lay.addWidget(label(self.tr("Case %1 · %2 · %3").replace("%1", display(line.case_no))
                                 .replace("%2", line.item_name).replace("%3", line.applicant_name)))
        self.absent = QCheckBox(self.tr("The whole case is not in the folder"))
        self.absent.setObjectName("absentCheck")
        self.lay.addWidget(self.absent)
        self.lay.addWidget(label(self.tr("Or tick each material that is missing:")))
        self.materials = QListWidget()
        self.materials.setObjectName("missingMaterials")
        for m in line.materials:
            it = QListWidgetItem(f"{m.seq}. {m.name}（{m.form} {m.copies}份 {m.pages}页）")
            it.setData(Qt.ItemDataRole.UserRole, m.name)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.materials.addItem(it)
        self.lay.addWidget(self.materials)
        self.note = QLineEdit()
        self.note.setObjectName("discrepancyNote")
        self.note.setPlaceholderText(self.tr("Remark (optional)"))
        self.lay.addWidget(self.note)
        self.lay.addWidget(label(self.tr("This case will stay with the sending clerk; "
                                         "both sides will see the discrepancy.")))
        self.finish_layout()

    def missing(self) -> tuple[str, ...]:
        items = (self.materials.item(i) for i in range(self.materials.count()))
        return tuple(it.data(Qt.ItemDataRole.UserRole) for it in items
                     if it.checkState() == Qt.CheckState.Checked)

    def problem(self) -> str:
        if not self.absent.isChecked() and not self.missing():
            return self.tr("Tick “not in the folder” or at least one missing material")
        return ""

    def check(self) -> CaseCheck:
        return CaseCheck(self.line.case_no, present=not self.absent.isChecked(),
                         missing_materials=self.missing(), note=self.note.text().strip())


class ReturnDialog(_Form):
    def __init__(self, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReturnDialog", "Return the file to the front desk"),
                         parent)
        self.setObjectName("returnDialog")
        self.lay.addWidget(label(self.tr("Case %1. The clerk will see this reason; two returns "
                                         "for the same item mean the clerk must be joined at "
                                         "the counter by an approver.").replace("%1", display(case_no))))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("returnReason")
        self.reason.setPlaceholderText(self.tr("Reason for the return (required)"))
        self.lay.addWidget(self.reason)
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.reason.toPlainText().strip() else self.tr("Enter the reason")


class DecideDialog(_Form):
    """Approve (decision number and date) or deny (reasons)."""

    def __init__(self, case_no: str, outcome: str, today: date,
                 parent: QWidget | None = None) -> None:
        title = (QCoreApplication.translate("DecideDialog", "Approve") if outcome == "approved"
                 else QCoreApplication.translate("DecideDialog", "Deny"))
        super().__init__(title + " · " + display(case_no), parent)
        self.setObjectName("decideDialog")
        self.outcome = outcome
        form = QFormLayout()
        self.number = QLineEdit()
        self.number.setObjectName("decisionNo")
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("decisionDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("denyReason")
        form.addRow(self.tr("Decision number"), self.number)
        form.addRow(self.tr("Decision date"), self.day)
        if outcome == "denied":
            self.number.setPlaceholderText(self.tr("Optional"))
            form.addRow(self.tr("Reasons (told to the applicant)"), self.reason)
        else:
            self.reason.hide()
        self.lay.addLayout(form)
        self.finish_layout()
        # Keys start where the work is: the number to approve, the reasons to deny.
        (self.reason if outcome == "denied" else self.number).setFocus()

    def decided_on(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def problem(self) -> str:
        if self.outcome == "approved" and not self.number.text().strip():
            return self.tr("Enter the decision number")
        if self.outcome == "denied" and not self.reason.toPlainText().strip():
            return self.tr("A denial must give its reasons")
        return ""
