"""Complaints (投诉): receive one, assign it, record the handling, close it; list and state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.people.staffing import StaffService
from ...services.supervision.complaints import ComplaintLine, ComplaintService
from .common import fill_table, make_table, message_label, say, submit


class ComplaintsWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintsWidget")
        self.services, self.actor = services, actor
        self.svc: ComplaintService = services.service(ComplaintService)
        self.lines: list[ComplaintLine] = []
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setChecked(True)
        self.table = make_table("complaintsTable")
        self.message = message_label("complaintsMessage")
        # Receive
        self.complainant = QLineEdit()
        self.phone = QLineEdit()
        self.case_no = QLineEdit()
        self.case_no.setObjectName("complaintCaseNo")
        self.window_box = QComboBox()
        self.content = QPlainTextEdit()
        self.content.setObjectName("complaintContent")
        self.content.setMaximumHeight(70)
        receive = QPushButton(self.tr("Register complaint"))
        receive.setObjectName("complaintReceive")
        form = QFormLayout()
        form.addRow(self.tr("Complainant"), self.complainant)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Case number"), self.case_no)
        form.addRow(self.tr("Window"), self.window_box)
        form.addRow(self.tr("Content"), self.content)
        form.addRow(receive)
        box_new = QGroupBox(self.tr("New complaint"))
        box_new.setLayout(form)
        # Move on
        self.assignee = QComboBox()
        self.note = QLineEdit()
        self.note.setObjectName("complaintNote")
        assign = QPushButton(self.tr("Assign"))
        handle = QPushButton(self.tr("Record handling"))
        close = QPushButton(self.tr("Close"))
        close.setObjectName("complaintClose")
        # The table cuts a long complaint at its edge: the selected one reads whole here.
        self.detail = QLabel("")
        self.detail.setObjectName("complaintDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form2 = QFormLayout()
        form2.addRow(self.detail)
        form2.addRow(self.tr("Handled by"), self.assignee)
        form2.addRow(self.tr("Handling / reply"), self.note)
        row = QHBoxLayout()
        for b in (assign, handle, close):
            row.addWidget(b)
        form2.addRow(row)
        box_sel = QGroupBox(self.tr("Selected complaint"))
        box_sel.setLayout(form2)
        side = QVBoxLayout()
        side.addWidget(box_new)
        side.addWidget(box_sel)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.open_only)
        left.addWidget(self.table, 1)
        left.addWidget(self.message)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 3)
        lay.addLayout(side, 2)
        receive.clicked.connect(self.receive)
        assign.clicked.connect(lambda: self._act(lambda cid: self.svc.assign(
            self.actor, cid, self.assignee.currentData())))
        handle.clicked.connect(lambda: self._act(lambda cid: self.svc.handle(
            self.actor, cid, self.note.text())))
        close.clicked.connect(lambda: self._act(lambda cid: self.svc.close(
            self.actor, cid, self.note.text())))
        self.open_only.toggled.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self._detail(row))
        self._load_people()
        self.refresh()

    def _load_people(self) -> None:
        def load():
            return self.services.service(StaffService).staff(active_only=True), \
                self.services.service(StaffService).plan()

        def show(result) -> None:
            staff, plan = result
            self.assignee.clear()
            for st in staff:
                self.assignee.addItem(f"{st.full_name}（{st.username}）", st.id)
            self.window_box.clear()
            self.window_box.addItem(self.tr("(none)"), "")
            for w in plan:
                self.window_box.addItem(w.name, w.code)

        submit(self, load, show, lambda e: say(self.message, str(e), True))

    def refresh(self) -> None:
        open_only = self.open_only.isChecked()  # read here: the lane never touches a widget
        submit(self, lambda: self.svc.list(open_only=open_only), self._show,
               lambda e: say(self.message, str(e), True))

    def _show(self, lines: list[ComplaintLine]) -> None:
        self.lines = lines
        # The content last: it stretches to the table's edge (cut there, whole in the tooltip
        # and beside the table), so a long complaint no longer pushes the case, the window and
        # the deadline behind a horizontal scroll at 1366 px.
        fill_table(self.table, [self.tr("Received"), self.tr("Complainant"), self.tr("Case"),
                                self.tr("Window"), self.tr("About"), self.tr("Handled by"),
                                self.tr("Due"), self.tr("State"), self.tr("Content")],
                   [[f"{c.received_at:%m-%d %H:%M}", c.complainant, c.case_no, c.window_code,
                     c.about, c.assigned_to, c.due_on.isoformat() if c.due_on else "",
                     c.status_label, c.content] for c in lines])
        self.table.setSortingEnabled(False)  # rows must keep the order of self.lines
        content = self.table.columnCount() - 1
        self.table.setColumnWidth(content, 0)  # the stretch gives it the rest of the row
        self._detail(self.table.currentRow())

    def _detail(self, row: int) -> None:
        line = self.lines[row] if 0 <= row < len(self.lines) else None
        self.detail.setText(f"{line.complainant}：{line.content}" if line else "")
        self.detail.setVisible(line is not None)

    def receive(self) -> None:
        args = dict(complainant=self.complainant.text(), phone=self.phone.text(),
                    case_no=self.case_no.text(), window_code=self.window_box.currentData() or "")
        content = self.content.toPlainText()

        def done(_cid: str) -> None:
            say(self.message, self.tr("Complaint registered"))
            for w in (self.complainant, self.phone, self.case_no):
                w.clear()
            self.content.clear()
            self.refresh()

        submit(self, lambda: self.svc.receive(self.actor, content, **args), done,
                                  lambda e: say(self.message, str(e), True))

    def _act(self, fn) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.lines):
            say(self.message, self.tr("Select a complaint first"), True)
            return
        cid = self.lines[row].id

        def done(_r: object) -> None:
            say(self.message, self.tr("Saved"))
            self.note.clear()
            self.refresh()

        submit(self, lambda: fn(cid), done, lambda e: say(self.message, str(e), True))
