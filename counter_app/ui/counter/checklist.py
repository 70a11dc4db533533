"""The checklist, marked by keyboard: one key per material for the common case.

Keys on a row: Space received (never the reverse: on a row already received it only moves
on, so a cursor left on a received row cannot silently un-receive it), M or Delete missing,
D defective (asks why), N not applicable (optional and conditional materials only), F cycles
the form, + / - copies, digits set the page count, Enter next row (past the last:
``finished``). Locked rows (materials already received in a case being resumed) cannot change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...models import FORM_LABELS, MATERIAL_STATES, REQUIREMENT_LABELS
from ...services.intake.service import MaterialEntry
from .dialogs import DefectReasonDialog, return_focus_after

FORMS = tuple(FORM_LABELS)
STATE_COLORS = {"received": "#1b7f3b", "missing": "#b00020", "defective": "#a15c00",
                "not_applicable": "#888888"}
translate = QCoreApplication.translate  # lupdate extracts translate("ChecklistEditor", "...")
DIGIT_WINDOW_MS = 1200  # digits typed within this time build one page count


class ChecklistEditor(QTableWidget):
    changed = Signal()
    finished = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setObjectName("checklist")
        self.entries: list[MaterialEntry] = []
        self.pages_hint: dict[str, int] = {}
        self.locked: set[int] = set()
        self.setHorizontalHeaderLabels([
            "#", self.tr("Material"), self.tr("Requirement"), self.tr("State"), self.tr("Form"),
            self.tr("Copies"), self.tr("Pages"), self.tr("Note")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(7, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(7, 130)
        self._digits = ""
        self._digit_clock = QElapsedTimer()
        self.cellDoubleClicked.connect(lambda r, _c: self.mark(r, "toggle"))

    # -- data --------------------------------------------------------------------------
    def load(self, entries: list[MaterialEntry], pages_hint: dict[str, int] | None = None,
             locked: set[int] | None = None) -> None:
        self.entries = entries
        self.pages_hint = pages_hint or {}
        self.locked = locked or set()
        self.setRowCount(len(entries))
        for r in range(len(entries)):
            self._paint(r)
        self.resizeRowsToContents()
        first = self.first_row_to_receive()  # a restored draft: not on a row already received
        if first is None:
            first = self.next_open_row(-1)
        self.setCurrentCell(first if first is not None else 0, 1)

    def _cell(self, r: int, c: int, text: str, color: str = "") -> None:
        item = self.item(r, c)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(r, c, item)
        item.setText(text)
        item.setForeground(QBrush(QColor(color)) if color else self.palette().text())
        if c in (0, 5, 6):
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def _paint(self, r: int) -> None:
        m = self.entries[r]
        req = REQUIREMENT_LABELS.get(m.requirement, m.requirement)
        if m.waived:
            req = self.tr("Waived: shared")
        if m.need and m.state != "not_applicable":
            req += "\n" + m.need  # the counts the catalog asks for: 原件 1 份、复印件 1 份
        name = m.name + (f"\n（{m.condition}）" if m.condition else "")
        if m.standard and m.state != "not_applicable":
            name += "\n" + self.tr("Standard: %1").replace("%1", m.standard)
        got = m.state == "received"
        grey = STATE_COLORS["not_applicable"] if m.state == "not_applicable" else ""
        self._cell(r, 0, str(r + 1), grey)
        self._cell(r, 1, name, grey or ("#555555" if r in self.locked else ""))
        self._cell(r, 2, req, grey)
        self._cell(r, 3, MATERIAL_STATES.get(m.state, m.state), STATE_COLORS.get(m.state, ""))
        self._cell(r, 4, FORM_LABELS.get(m.form, m.form) if got else "", grey)
        self._cell(r, 5, str(m.copies) if got else "", grey)
        self._cell(r, 6, str(m.pages) if got else "", grey)
        self._cell(r, 7, m.reason, STATE_COLORS["defective"])
        self.item(r, 1).setToolTip(name)  # type: ignore[union-attr]  # _cell made it

    def first_row_to_receive(self) -> int | None:
        """The first row not received yet (缺少 or 不符合要求, not locked), if any."""
        for r, m in enumerate(self.entries):
            if r not in self.locked and m.state in ("missing", "defective"):
                return r
        return None

    def next_open_row(self, after: int) -> int | None:
        """The next row still to look at: not locked and not auto not-applicable."""
        for r in range(after + 1, len(self.entries)):
            if r not in self.locked and self.entries[r].state != "not_applicable":
                return r
        return None

    # -- marking -----------------------------------------------------------------------
    def mark(self, r: int, state: str, reason: str = "") -> None:
        if not 0 <= r < len(self.entries):
            return
        if r in self.locked:
            self.message.emit(self.tr("This material was already received and cannot change"))
            return
        m = self.entries[r]
        if state == "toggle":
            state = "missing" if m.state == "received" else "received"
        if state == "not_applicable" and m.requirement == "required":
            self.message.emit(self.tr("A required material cannot be marked not applicable"))
            return
        m.state = state
        if state == "received":
            m.form = m.form or m.default_form or "original"
            m.copies = m.copies or max(m.default_copies, 1)
            m.pages = m.pages or self.pages_hint.get(m.requirement_id or "", 1)
            m.reason = ""
        elif state == "defective":
            m.reason = reason
        else:
            m.reason = ""
        self._paint(r)
        self.resizeRowToContents(r)
        self.changed.emit()

    def _adjust(self, r: int, *, form_step: int = 0, copies: int = 0, pages: int | None = None) -> None:
        if r in self.locked or not 0 <= r < len(self.entries):
            return
        m = self.entries[r]
        if m.state != "received":
            self.mark(r, "received")
        if form_step:
            i = FORMS.index(m.form) if m.form in FORMS else -1
            m.form = FORMS[(i + form_step) % len(FORMS)]
        m.copies = max(1, m.copies + copies)
        if pages is not None:
            m.pages = pages
        self._paint(r)
        self.changed.emit()

    def ask_defect(self, r: int) -> None:
        if r in self.locked or not 0 <= r < len(self.entries):
            return
        dialog = DefectReasonDialog(self.entries[r].name, self.entries[r].reason, self)
        def defective() -> None:
            self.mark(r, "defective", dialog.reason())
            self._advance(r)

        dialog.accepted.connect(defective)
        return_focus_after(dialog, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _advance(self, r: int) -> None:
        nxt = self.next_open_row(r)
        if nxt is None:
            self.finished.emit()
        else:
            self.setCurrentCell(nxt, 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        r, key, text = self.currentRow(), event.key(), event.text().lower()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier:
            super().keyPressEvent(event)
            return
        if text and text.isdigit():
            if not self._digit_clock.isValid() or self._digit_clock.elapsed() > DIGIT_WINDOW_MS:
                self._digits = ""
            self._digits = (self._digits + text)[-4:]
            self._digit_clock.restart()
            self._adjust(r, pages=int(self._digits))
            return
        self._digits = ""
        if key == Qt.Key.Key_Space:
            if self.entries and 0 <= r < len(self.entries) and self.entries[r].state == "received":
                self.message.emit(self.tr("Already received: M marks it missing"))
            else:
                self.mark(r, "received")
            if self.entries and 0 <= r < len(self.entries) and self.entries[r].state == "received":
                self._advance(r)
        elif text == "m":
            self.mark(r, "missing")
            self._advance(r)
        elif text == "d":
            self.ask_defect(r)
        elif text == "n":
            self.mark(r, "not_applicable")
            self._advance(r)
        elif text == "f":
            self._adjust(r, form_step=1)
        elif text in ("+", "="):
            self._adjust(r, copies=1)
        elif text in ("-", "_"):
            self._adjust(r, copies=-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._advance(r)
        elif key == Qt.Key.Key_Delete:
            self.mark(r, "missing")
        else:
            super().keyPressEvent(event)
