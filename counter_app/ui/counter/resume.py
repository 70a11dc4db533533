"""Resuming a case the applicant comes back to with the one-time notice (补正).

The case's checklist is shown with what was received locked; the clerk marks what was
supplied now (Space) and records it (F5). The supplement gets its own receipt, and the
acceptance notice follows when the case became complete.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.case_queries import OpenCase
from ...services.intake import MaterialEntry, completeness
from ...services.numbering import display
from .checklist import ChecklistEditor


class ResumeView(QWidget):
    submitted = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeView")
        self.case: OpenCase | None = None
        self.header = QLabel()
        self.header.setObjectName("resumeHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 13pt;")
        self.checklist = ChecklistEditor()
        self.checklist.setObjectName("resumeChecklist")
        self.summary = QLabel()
        self.summary.setObjectName("resumeSummary")
        self.summary.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.record_button = QPushButton(self.tr("Record supplement (F5)"))
        self.record_button.setObjectName("recordSupplement")
        self.record_button.setAutoDefault(False)
        back = QPushButton(self.tr("Back to intake (Esc)"))
        back.setAutoDefault(False)
        self.record_button.clicked.connect(self.submitted)
        back.clicked.connect(self.back)
        self.checklist.changed.connect(self._update)
        self.checklist.finished.connect(self.record_button.setFocus)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.record_button)
        bar.addWidget(back)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.checklist, 1)
        lay.addLayout(bar)

    def show_case(self, case: OpenCase, pages_hint: dict[str, int]) -> None:
        self.case = case
        entries = [MaterialEntry(**vars(m)) for m in case.materials]
        open_rows = case.awaiting
        locked = {i for i, m in enumerate(entries)
                  if not open_rows or m.state in ("received", "not_applicable")}
        self.checklist.load(entries, pages_hint, locked)
        self.header.setText(self.tr("Case %1 · %2 · %3 · %4")
                            .replace("%1", display(case.case_no)).replace("%2", case.item_name)
                            .replace("%3", case.applicant_name).replace("%4", case.status_label)
                            + "\n" + self.tr("ID number %1 · phone %2")
                            .replace("%1", case.id_no or "—").replace("%2", case.phone or "—"))
        self.record_button.setEnabled(open_rows)
        self._update()
        self.checklist.setFocus()

    def entries(self) -> list[MaterialEntry]:
        return self.checklist.entries

    def _update(self) -> None:
        if self.case is None:
            return
        if not self.case.awaiting:
            self.summary.setText(self.tr("Nothing to supplement: the case is %1")
                                 .replace("%1", self.case.status_label))
            self.summary.setStyleSheet("font-size: 13pt; color: #666;")
            return
        done = completeness(self.entries())
        self.summary.setText(done.summary)
        color = "#1b7f3b" if done.complete else "#b00020"
        self.summary.setStyleSheet(f"font-size: 13pt; font-weight: bold; color: {color};")

    def completes(self) -> bool:
        return completeness(self.entries()).complete
