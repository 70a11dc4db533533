"""Resuming a case the applicant comes back to with the one-time notice (补正), or with a
file the approver returned.

The case's checklist is shown with what was received locked; the clerk marks what was
supplied now (Space) and records it (F5). The supplement gets its own receipt, and the
acceptance notice follows when the case became complete. On a returned case Space marks a
material the applicant brought again (put right as the return asked: 重新提交), F5 records
those with their receipt, and the file is ready to be handed over again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.handoff.case_queries import OpenCase
from ...services.intake.numbering import display
from ...services.intake.service import MaterialEntry, completeness
from .checklist import ChecklistEditor


class ResumeView(QWidget):
    submitted = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeView")
        self.case: OpenCase | None = None
        self.resupplied: set[int] = set()  # rows brought again (a returned case)
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
        self.checklist.installEventFilter(self)
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
        self.resupplied = set()
        self.checklist.load(entries, pages_hint, locked)
        self.header.setText(self.tr("Case %1 · %2 · %3 · %4")
                            .replace("%1", display(case.case_no)).replace("%2", case.item_name)
                            .replace("%3", case.applicant_name).replace("%4", case.status_label)
                            + "\n" + self.tr("ID number %1 · phone %2")
                            .replace("%1", case.id_no or "—").replace("%2", case.phone or "—"))
        self.record_button.setEnabled(open_rows or case.returned)
        self.record_button.setText(self.tr("Record what was brought again (F5)") if case.returned
                                   else self.tr("Record supplement (F5)"))
        self._update()
        self.checklist.setFocus()

    def entries(self) -> list[MaterialEntry]:
        return self.checklist.entries

    def brought_again(self) -> tuple[str, ...]:
        return tuple(self.checklist.entries[r].name for r in sorted(self.resupplied))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.checklist and event.type() == QEvent.Type.KeyPress
                and self.case is not None and self.case.returned):
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self._toggle_again(self.checklist.currentRow())
                return True
        return super().eventFilter(watched, event)

    def _toggle_again(self, r: int) -> None:
        entries = self.checklist.entries
        if not 0 <= r < len(entries) or entries[r].state == "not_applicable":
            return
        self.resupplied ^= {r}
        note = self.checklist.item(r, 7)
        if note is not None:
            note.setText(self.tr("brought again") if r in self.resupplied else entries[r].reason)
            note.setForeground(QBrush(QColor("#1b7f3b")))
        self._update()
        if r + 1 < len(entries):
            self.checklist.setCurrentCell(r + 1, 1)

    def _update(self) -> None:
        if self.case is None:
            return
        if self.case.returned:
            n = len(self.resupplied)
            self.summary.setText(self.tr("Returned by the approver: mark what the applicant brought "
                                         "again (Space), then F5") if not n else
                                 self.tr("%1 material(s) brought again: F5 records them")
                                 .replace("%1", str(n)))
            self.summary.setStyleSheet("font-size: 13pt; font-weight: bold; color: #a15c00;")
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
