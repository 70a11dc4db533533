"""Consultations (咨询, 帮办代办), logged in seconds: pick the item (or type the question), press
the outcome. Also where a counter asks the applicant for a rating (screen or QR)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.supervision.complaints import ComplaintService
from ...services.supervision.consultations import OUTCOMES, ConsultationService, ConsultLine
from .common import fill_table, make_table, message_label, say, submit
from .evaluation_screen import ask_for_rating

OUTCOME_KEYS = ("F5", "F6", "F7", "F8")  # one key per outcome, in OUTCOMES' order


class ConsultPage(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultPage")
        self.services, self.actor = services, actor
        self.svc: ConsultationService = services.service(ConsultationService)
        self.item = QComboBox()
        self.item.setObjectName("consultItem")
        self.item.setEditable(True)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.item.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.topic = QLineEdit()
        self.topic.setObjectName("consultTopic")
        self.topic.setPlaceholderText(self.tr("What was asked (optional if an item is chosen)"))
        self.case_no = QLineEdit()
        self.case_no.setObjectName("consultCaseNo")
        self.case_no.setPlaceholderText(self.tr("Case number (optional)"))
        outcomes = QHBoxLayout()
        for (key, label), fkey in zip(OUTCOMES.items(), OUTCOME_KEYS, strict=True):
            b = QPushButton(f"{label} ({fkey})")
            b.setObjectName(f"consult_{key}")
            b.setMinimumHeight(44)
            b.clicked.connect(lambda _c=False, k=key: self.log(k))
            outcomes.addWidget(b)
        form = QFormLayout()
        form.addRow(self.tr("Item"), self.item)
        form.addRow(self.tr("Question"), self.topic)
        form.addRow(self.tr("Case"), self.case_no)
        form.addRow(self.tr("Outcome"), outcomes)
        box = QGroupBox(self.tr("Log a consultation"))
        box.setLayout(form)
        self.today = QLabel("")
        self.today.setObjectName("consultToday")
        self.table = make_table("consultTable")
        self.message = message_label("consultMessage")
        rate_box = QGroupBox(self.tr("Ask the applicant for a rating"))
        self.rate_case = QLineEdit()
        self.rate_case.setObjectName("rateCaseNo")
        self.rate_case.setPlaceholderText(self.tr("Case number"))
        screen_b, qr_b = QPushButton(self.tr("Show rating screen")), QPushButton(self.tr("QR code"))
        rate_row = QHBoxLayout(rate_box)
        rate_row.addWidget(self.rate_case, 1)
        rate_row.addWidget(screen_b)
        rate_row.addWidget(qr_b)
        complaint_box = QGroupBox(self.tr("Register a complaint"))
        self.complaint = QLineEdit()
        self.complaint.setObjectName("consultComplaint")
        self.complaint.setPlaceholderText(self.tr("What the complaint is about"))
        self.complainant = QLineEdit()
        self.complainant.setPlaceholderText(self.tr("Complainant and phone (optional)"))
        self.complaint_case = QLineEdit()
        self.complaint_case.setPlaceholderText(self.tr("Case number (optional)"))
        complain = QPushButton(self.tr("Register"))
        complain.setObjectName("consultComplain")
        c_row = QHBoxLayout(complaint_box)
        c_row.addWidget(self.complaint, 3)
        c_row.addWidget(self.complainant, 2)
        c_row.addWidget(self.complaint_case, 2)
        c_row.addWidget(complain)
        lay = QVBoxLayout(self)
        lay.addWidget(box)
        lay.addWidget(complaint_box)
        lay.addWidget(self.message)
        lay.addWidget(self.today)
        lay.addWidget(self.table, 1)
        if actor.has("clerk"):
            lay.addWidget(rate_box)
        else:
            rate_box.hide()
        complain.clicked.connect(self.register_complaint)
        screen_b.clicked.connect(lambda: self.rate("screen"))
        self.rate_case.returnPressed.connect(lambda: self.rate("screen"))
        self.setFocusProxy(self.item)  # the page taking focus = ready to pick the item
        QWidget.setTabOrder(self.item, self.topic)
        QWidget.setTabOrder(self.topic, self.case_no)
        keys: dict[str, Callable[[], None]] = {
            fkey: partial(self.log, key) for key, fkey in zip(OUTCOMES, OUTCOME_KEYS, strict=True)}
        keys["Ctrl+R"] = self._focus_rating
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        qr_b.clicked.connect(lambda: self.rate("qr"))
        submit(self, self.svc.items, self._items,
                                  lambda e: say(self.message, str(e), True))
        self.refresh()

    def _focus_rating(self) -> None:
        if self.rate_case.isVisible():
            self.rate_case.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.rate_case.selectAll()

    def _items(self, items: list[tuple[str, str, str]]) -> None:
        self.item.clear()
        self.item.addItem("", "")
        for code, name, _win in items:
            self.item.addItem(f"{name}（{code}）", code)
        self.item.setCurrentIndex(0)

    def chosen_item(self) -> str:
        idx = self.item.findText(self.item.currentText())
        return self.item.itemData(idx) if idx >= 0 else ""

    def log(self, outcome: str) -> None:
        item, topic, case_no = self.chosen_item(), self.topic.text(), self.case_no.text()
        if not item and not topic.strip() and self.item.currentText().strip():
            topic = self.item.currentText()  # typed text that matched no item: keep it as the topic

        def done(_id: str) -> None:
            say(self.message, self.tr("Logged: %1").replace("%1", OUTCOMES[outcome]))
            self.topic.clear()
            self.case_no.clear()
            self.item.setCurrentIndex(0)
            self.item.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the next person
            self.refresh()

        submit(self,
            lambda: self.svc.log(self.actor, outcome, item_code=item, topic=topic, case_no=case_no),
            done, lambda e: say(self.message, str(e), True))

    def refresh(self) -> None:
        # Today's entries beside today's counts: the list once showed older days' entries
        # (times only) next to "已解答 0" (issue 15, finding 13).
        today = self.services.ctx.now().date()
        submit(self, lambda: (self.svc.recent(self.actor, limit=500, day=today),
                              self.svc.count_today(self.actor, today)),
               self._show, lambda e: say(self.message, str(e), True))

    def _show(self, result: tuple[list[ConsultLine], dict[str, int]]) -> None:
        lines, counts = result
        parts = [f"{OUTCOMES[k]} {counts.get(k, 0)}" for k in OUTCOMES]
        self.today.setText(self.tr("Today: %1").replace("%1", "，".join(parts)))
        fill_table(self.table, [self.tr("Time"), self.tr("Item"), self.tr("Question"),
                                self.tr("Outcome"), self.tr("Case")],
                   [[f"{c.at:%H:%M}", c.item_name or c.item_code, c.topic, c.outcome_label, c.case_no]
                    for c in lines])

    def register_complaint(self) -> None:
        content, who, no = self.complaint.text(), self.complainant.text(), self.complaint_case.text()
        svc: ComplaintService = self.services.service(ComplaintService)

        def done(_id: str) -> None:
            say(self.message, self.tr("Complaint registered; the supervisors will follow it up"))
            for w in (self.complaint, self.complainant, self.complaint_case):
                w.clear()

        submit(self, lambda: svc.receive(self.actor, content, complainant=who, case_no=no), done,
               lambda e: say(self.message, str(e), True))

    def rate(self, channel: str) -> None:
        no = self.rate_case.text().strip()
        if not no:
            say(self.message, self.tr("Enter the case number to rate"), True)
            return
        ask_for_rating(self.services, self.actor, no, channel,
                       lambda e: say(self.message, str(e), True), self)


def build(services, actor) -> QWidget:
    return ConsultPage(services, actor)
