"""Cases near or past their promised date, for the signed-in person's scope; stop and restart
a case's clock (inspection, testing, appraisal, expert review) or extend it with approval."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
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

from ...models import STATUS_LABELS
from ...services.deadlines.clock_stops import SUSPENSION_KINDS, ClockService, DueLine
from .common import fill_table, make_table, message_label, say, selected_key, submit


class DeadlinesWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlinesWidget")
        self.services, self.actor = services, actor
        self.svc: ClockService = services.service(ClockService)
        self.table = make_table("deadlinesTable")
        self.paused = QLabel("")
        self.paused.setWordWrap(True)
        self.message = message_label("deadlinesMessage")
        self.case_no = QLineEdit()
        self.case_no.setObjectName("clockCaseNo")
        self.kind = QComboBox()
        for key, label in SUSPENSION_KINDS.items():
            self.kind.addItem(label, key)
        self.reason = QLineEdit()
        self.reason.setObjectName("clockReason")
        self.days = QSpinBox()
        self.days.setRange(1, 30)
        self.days.setValue(10)
        stop, restart, extend = (QPushButton(self.tr("Stop clock")), QPushButton(self.tr("Restart clock")),
                                 QPushButton(self.tr("Extend")))
        form = QFormLayout()
        form.addRow(self.tr("Case number"), self.case_no)
        form.addRow(self.tr("Not counted because of"), self.kind)
        form.addRow(self.tr("Reason (told to the applicant)"), self.reason)
        form.addRow(self.tr("Extension (working days)"), self.days)
        row = QHBoxLayout()
        for b in (stop, restart, extend):
            row.addWidget(b)
        form.addRow(row)
        box = QGroupBox(self.tr("Time not counted and extensions"))
        box.setLayout(form)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Cases near (2 working days) or past their promised date")))
        left.addWidget(self.table, 1)
        left.addWidget(self.paused)
        left.addWidget(self.message)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 3)
        side = QVBoxLayout()
        side.addWidget(box)
        side.addStretch(1)
        lay.addLayout(side, 2)
        # Clerks see their list; only approvers and supervisors stop or extend a clock.
        box.setVisible(actor.has("approver") or actor.has("supervisor"))
        self.table.itemSelectionChanged.connect(
            lambda: self.case_no.setText(selected_key(self.table) or self.case_no.text()))
        # The form is read here, on the GUI thread; the lane gets plain values only.
        stop.clicked.connect(lambda: self._run(partial(
            self.svc.suspend, self.actor, kind=self.kind.currentData(), reason=self.reason.text())))
        restart.clicked.connect(lambda: self._run(partial(self.svc.resume, self.actor)))
        extend.clicked.connect(lambda: self._run(partial(
            self.svc.extend, self.actor, days=self.days.value(), reason=self.reason.text())))
        self.refresh()

    def refresh(self) -> None:
        submit(self, lambda: self.svc.due_list(self.actor), self._show,
                                  lambda e: say(self.message, str(e), True))

    def _show(self, result: tuple[list[DueLine], list[str]]) -> None:
        lines, paused = result
        fill_table(self.table, [self.tr("Case"), self.tr("Applicant"), self.tr("Item"),
                                self.tr("Window"), self.tr("Clerk"), self.tr("State"),
                                self.tr("Promised"), self.tr("Working days left")],
                   [[d.case_no, d.applicant, d.item_code, d.window_code, d.clerk,
                     STATUS_LABELS.get(d.status, d.status), d.promised_due.isoformat(), d.workdays_left]
                    for d in lines])
        self.paused.setText(self.tr("Clock stopped: %1").replace("%1", "、".join(paused))
                            if paused else "")

    def _run(self, fn) -> None:
        no = self.case_no.text().strip()
        if not no:
            say(self.message, self.tr("Enter or select a case number"), True)
            return

        def done(_r: object) -> None:
            say(self.message, self.tr("Saved"))
            self.reason.clear()
            self.refresh()

        submit(self, lambda: fn(no), done, lambda e: say(self.message, str(e), True))
