"""One handoff batch on the approver's desk: tick (or scan) each case, record what is
missing, then sign. A signed batch is shown read-only with what was found."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from ...services.handoff.service import BatchView, CaseCheck
from ...services.intake.numbering import display
from .style import AMBER, GREEN, RED, ROW_BAD, ROW_OK, TITLE, big_button, cell, hours_text, label, table

COLS = 7  # check, number, item, applicant, materials, finding, action


class BatchPanel(QWidget):
    sign_requested = Signal(str, list)  # batch number, [CaseCheck]
    discrepancy_requested = Signal(str)  # case number
    case_requested = Signal(str)  # case number: open its view
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchPanel")
        self.view: BatchView | None = None
        self.present: set[str] = set()
        self.findings: dict[str, CaseCheck] = {}  # case number -> discrepancy
        self.buttons: dict[str, QPushButton] = {}  # case number -> its "Discrepancy…" button
        self.title = label("", TITLE, "batchTitle")
        self.meta = label("", name="batchMeta")
        self.step = label("", name="batchStep")
        self.step.setStyleSheet("QLabel { font-size: 14pt; font-weight: bold; color: #1565c0; }")
        self.grid = table([self.tr("In folder"), self.tr("Case number"), self.tr("Item"),
                           self.tr("Applicant"), self.tr("Materials"), self.tr("Finding"), ""],
                          "batchTable")
        self.grid.setStyleSheet("QTableWidget { font-size: 12pt; }"
                                " QTableWidget::indicator { width: 26px; height: 26px; }")
        hh = self.grid.horizontalHeader()
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 5):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.grid.itemChanged.connect(self._ticked)
        self.grid.cellDoubleClicked.connect(self._open_row)
        self.grid.setTabKeyNavigation(False)
        self.grid.installEventFilter(self)  # Space ticks, D discrepancy, Enter opens the case
        self.progress = label("", name="batchProgress")
        self.progress.setStyleSheet("QLabel { font-size: 14pt; }")
        self.sign = big_button(self.tr("Sign for this batch (F5)"), GREEN, "signButton")
        self.sign.clicked.connect(self._sign)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.sign)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.meta, self.step):
            lay.addWidget(w)
        lay.addWidget(self.grid, 1)
        lay.addLayout(bottom)

    # -- showing ------------------------------------------------------------------------------
    @property
    def batch_no(self) -> str:
        return self.view.summary.batch_no if self.view else ""

    @property
    def is_open(self) -> bool:
        return self.view is not None and self.view.summary.status == "open"

    def show_batch(self, view: BatchView) -> None:
        same = self.view is not None and self.view.summary.batch_no == view.summary.batch_no
        self.view = view
        if not same or not self.is_open:
            self.present.clear()
            self.findings.clear()
        b = view.summary
        self.title.setText(self.tr("Handoff batch %1").replace("%1", display(b.batch_no)))
        meta = (self.tr("From %1 (clerk %2) to %3 · %4 cases · created %5")
                .replace("%1", b.window_name).replace("%2", b.clerk_name)
                .replace("%3", b.department_name).replace("%4", str(b.cases))
                .replace("%5", f"{b.created_at:%Y-%m-%d %H:%M}"))
        if self.is_open:
            wait = self.tr("waiting %1").replace("%1", hours_text(b.hours_waiting))
            if b.overdue:
                wait = self.tr("WAITING TOO LONG: %1").replace("%1", hours_text(b.hours_waiting))
            color = RED if b.overdue else "#263238"
            self.meta.setText(f"{meta} · <span style='color:{color}; font-weight:bold'>{wait}</span>")
            self.step.setText(self.tr("Step 2: check each case — scan the barcode on each case "
                                      "file, or tick “In folder” (Space). Missing case or material? "
                                      "“Discrepancy” (D)."))
            self.step.setStyleSheet("QLabel { font-size: 14pt; font-weight: bold; color: #1565c0; }")
        else:
            self.meta.setText(meta)
            signed = (self.tr("Signed by %1 at %2").replace("%1", b.signed_by)
                      .replace("%2", f"{b.signed_at:%Y-%m-%d %H:%M}" if b.signed_at else ""))
            if b.discrepancies:
                signed += " · " + self.tr("%1 case(s) with a discrepancy stayed with the sender"
                                          ).replace("%1", str(b.discrepancies))
            self.step.setText(signed)
            self.step.setStyleSheet(f"QLabel {{ font-size: 14pt; font-weight: bold; color: "
                                    f"{AMBER if b.discrepancies else GREEN}; }}")
        self._fill()

    def _fill(self) -> None:
        assert self.view is not None
        self.grid.blockSignals(True)
        self.grid.setRowCount(0)
        self.buttons = {}
        for row, line in enumerate(self.view.lines):
            self.grid.insertRow(row)
            tick = cell("")
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if self.is_open
                                                        else Qt.ItemFlag.NoItemFlags))
            tick.setData(Qt.ItemDataRole.UserRole, line.case_no)
            mats = self.tr("%1 items, %2 pages").replace("%1", str(line.material_count)).replace(
                "%2", str(line.page_count))
            if self.is_open:
                found = self.findings.get(line.case_no)
                ok = line.case_no in self.present
                tick.setCheckState(Qt.CheckState.Checked if ok else Qt.CheckState.Unchecked)
                finding = found.discrepancy if found else (self.tr("Checked") if ok
                                                           else self.tr("Not checked yet"))
            else:
                ok, found = line.state == "signed", line.state == "discrepancy"  # type: ignore[assignment]  # only its truth counts
                tick.setCheckState(Qt.CheckState.Checked if ok else Qt.CheckState.Unchecked)
                finding = line.discrepancy if found else self.tr("Signed")
            color: QColor | None = ROW_BAD if found else (ROW_OK if ok else None)
            values = [display(line.case_no), line.item_name, line.applicant_name, mats, finding]
            self.grid.setItem(row, 0, tick)
            for col, text in enumerate(values, start=1):
                self.grid.setItem(row, col, cell(text, color, bold=col == 1))
            if color is not None:
                tick.setBackground(color)
            if self.is_open:
                self.grid.setCellWidget(row, COLS - 1, self._discrepancy_button(line.case_no))
        self.grid.blockSignals(False)
        self.grid.resizeRowsToContents()
        self.update_progress()

    def _discrepancy_button(self, case_no: str) -> QWidget:
        btn = QPushButton(self.tr("Discrepancy…"))
        btn.setObjectName(f"discrepancy-{case_no}")
        btn.clicked.connect(lambda _=False, n=case_no: self.discrepancy_requested.emit(n))
        self.buttons[case_no] = btn
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(btn, 0, Qt.AlignmentFlag.AlignVCenter)
        return box


    def update_progress(self) -> None:
        if not self.is_open or self.view is None:
            self.progress.setText(self.tr("Enter (or a double-click, or a scan) opens a case to decide."))
            self.progress.setStyleSheet("QLabel { font-size: 13pt; color: #1565c0; }")
            self.sign.hide()
            return
        total = len(self.view.lines)
        done = len(self.present | set(self.findings))
        self.sign.show()
        self.sign.setEnabled(done == total)
        self.sign.setText(self.tr("Sign for this batch (F5)") if done == total else
                          self.tr("%1 case(s) not checked yet").replace("%1", str(total - done)))
        if done == total:
            self.progress.setText(self.tr("All %1 cases checked. Step 3: sign for the batch (F5).")
                                  .replace("%1", str(total)))
            self.progress.setStyleSheet(f"QLabel {{ font-size: 14pt; font-weight: bold; color: {GREEN}; }}")
        else:
            self.progress.setText(self.tr("Checked %1 of %2 cases").replace("%1", str(done))
                                  .replace("%2", str(total)))
            self.progress.setStyleSheet("QLabel { font-size: 14pt; }")

    # -- checking -----------------------------------------------------------------------------
    def case_numbers(self) -> list[str]:
        return [ln.case_no for ln in self.view.lines] if self.view else []

    def mark_present(self, case_no: str) -> None:
        self.present.add(case_no)
        self.findings.pop(case_no, None)
        self._fill()
        self.changed.emit()

    def record_discrepancy(self, check: CaseCheck) -> None:
        self.present.discard(check.case_no)
        self.findings[check.case_no] = check
        self._fill()
        self.changed.emit()

    def line(self, case_no: str):
        assert self.view is not None
        return next(ln for ln in self.view.lines if ln.case_no == case_no)

    def _ticked(self, item) -> None:
        if item.column() != 0 or not self.is_open:
            return
        case_no = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.present.add(case_no)
            self.findings.pop(case_no, None)
        else:
            self.present.discard(case_no)
        self._fill()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.grid and event.type() == QEvent.Type.KeyPress and self.view is not None:
            assert isinstance(event, QKeyEvent)
            row, key = self.grid.currentRow(), event.key()
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or not 0 <= row < len(self.view.lines):
                return False
            case_no = self.view.lines[row].case_no
            if key == Qt.Key.Key_Space and self.is_open:
                if case_no in self.present:
                    self.present.discard(case_no)
                else:
                    self.present.add(case_no)
                    self.findings.pop(case_no, None)
                self._fill()
                self.grid.setCurrentCell(min(row + 1, self.grid.rowCount() - 1)
                                         if case_no in self.present else row, 0)
                self.changed.emit()
                return True
            if key == Qt.Key.Key_D and self.is_open:
                self.discrepancy_requested.emit(case_no)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.case_requested.emit(case_no)
                return True
        return super().eventFilter(watched, event)

    def _open_row(self, row: int, _col: int) -> None:
        if self.view is not None and 0 <= row < len(self.view.lines):
            self.case_requested.emit(self.view.lines[row].case_no)

    def checks(self) -> list[CaseCheck]:
        return [self.findings.get(n) or CaseCheck(n) for n in self.case_numbers()
                if n in self.present or n in self.findings]

    def _sign(self) -> None:
        if self.is_open:
            self.sign.setEnabled(False)
            self.sign_requested.emit(self.batch_no, self.checks())
