"""Issuing results (发证): scan the applicant's acceptance notice (or pick from the list), check
who collects it (the applicant's own ID must match; an agent shows the letter of authorization
and their own ID) or post it with a tracking number, then print the collection receipt.

Keys: F4 the number field, Ctrl+1/2/3 in person / agent / post, Enter moves on through the
collector's fields and issues from the last one (F5 issues from anywhere), F2 the list of
results waiting (Enter loads the one under the cursor)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...services.context import Actor, PermissionDenied
from ...services.handoff.service import HandoffError, HandoffService, IssueInput, ReadyCase
from ...services.handoff.timeline import CaseView
from ...services.intake.numbering import display
from ...services.intake.scan_detector import RESIDENT_ID_TYPED
from ..approver.style import BANNER, TITLE, big_button, label, show_message
from ..keyhelp import hint_line, issue_keys
from ..operations import CASES, HANDOFF
from ..printing import DocRequest, open_preview
from ..scan_filter import expect_typed, make_scan_field, scan_filter, visible_and_active
from ..services import AppServices
from ..supervision.evaluation_screen import ask_for_rating

METHODS = ("self", "agent", "post")


class IssuePage(QWidget):
    def __init__(self, services: AppServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuePage")
        self.services, self.actor = services, actor
        self.svc: HandoffService = services.service(HandoffService)
        self.view: CaseView | None = None
        self.preview: Any = None
        self.issued: str | None = None  # the case just issued: F9 asks its applicant to rate
        self.banner = label(self.tr("① Scan the barcode on the applicant's notice  →  ② Check who "
                                    "collects it  →  ③ Issue and print the receipt"), BANNER, "banner")
        self.field = make_scan_field(QLineEdit())
        self.field.setObjectName("issueScanField")
        self.field.setPlaceholderText(self.tr("Scan, or type the case number and press Enter"))
        self.field.setStyleSheet("QLineEdit { font-size: 15pt; padding: 6px; }")
        self.field.returnPressed.connect(lambda: self.load(self.field.text()))
        self.message = label(name="issueMessage")
        self.message.hide()
        self.card = label("", name="issueCard")
        self.card.setStyleSheet("QLabel { font-size: 13pt; background: #eceff1; padding: 10px; }")
        self.group = QButtonGroup(self)
        self.radios = {}
        texts = {"self": self.tr("The applicant in person (Ctrl+1)"),
                 "agent": self.tr("Someone else (agent) (Ctrl+2)"),
                 "post": self.tr("Send by post (Ctrl+3)")}
        for i, key in enumerate(METHODS):
            r = QRadioButton(texts[key])
            r.setObjectName(f"method-{key}")
            r.setStyleSheet("QRadioButton { font-size: 13pt; }")
            self.group.addButton(r, i)
            self.radios[key] = r
        self.radios["self"].setChecked(True)
        self.group.idToggled.connect(lambda _i, _on: self._method_changed())
        self.name = QLineEdit()
        self.name.setObjectName("collectorName")
        self.id_no = make_scan_field(QLineEdit())
        self.id_no.setObjectName("collectorId")
        expect_typed(self.id_no, RESIDENT_ID_TYPED)  # typed (or read by a card reader) here
        self.phone = QLineEdit()
        self.phone.setObjectName("collectorPhone")
        self.letter = QCheckBox(self.tr("I have checked the applicant's letter of authorization"))
        self.letter.setObjectName("letterChecked")
        self.tracking = make_scan_field(QLineEdit())
        self.tracking.setObjectName("trackingNo")
        form = QFormLayout()
        form.addRow(self.tr("Collector's name"), self.name)
        form.addRow(self.tr("Collector's ID number"), self.id_no)
        form.addRow(self.tr("Collector's phone"), self.phone)
        form.addRow("", self.letter)
        form.addRow(self.tr("Tracking number"), self.tracking)
        self.form = form
        self.issue_btn = big_button(self.tr("Issue and print the receipt (F5)"), name="issueButton")
        self.issue_btn.clicked.connect(self.issue)
        self.name.returnPressed.connect(self._next_after_name)
        self.id_no.returnPressed.connect(self._next_after_id)
        self.tracking.returnPressed.connect(self.issue)
        self.keys_hint = label(hint_line(issue_keys()), name="issueKeys")
        self.keys_hint.setStyleSheet("QLabel { color: #37474f; background: #eceff1; padding: 3px; }")
        self.list = QListWidget()
        self.list.setObjectName("approvedList")
        self.list.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 4px; }")
        self.list.itemClicked.connect(lambda it: self.load(it.data(Qt.ItemDataRole.UserRole)))
        self.list.itemActivated.connect(lambda it: self.load(it.data(Qt.ItemDataRole.UserRole)))
        self._layout()
        self._shortcuts()
        self.scanner = scan_filter(services)
        self.scanner.scanned.connect(self._scanned)
        self._method_changed()
        services.changes.watch(self, (CASES, HANDOFF), self.refresh)  # approved, here or in the hall
        self.refresh()

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        find = QPushButton(self.tr("Find"))
        find.clicked.connect(lambda: self.load(self.field.text()))
        row.addWidget(find)
        methods = QHBoxLayout()
        for r in self.radios.values():
            methods.addWidget(r)
        methods.addStretch(1)
        main = QVBoxLayout()
        main.addWidget(self.card)
        main.addLayout(methods)
        main.addLayout(self.form)
        main.addStretch(1)
        main.addWidget(self.issue_btn, 0, Qt.AlignmentFlag.AlignRight)
        side = QVBoxLayout()
        side.addWidget(label(self.tr("Results waiting to be collected"), TITLE))
        side.addWidget(self.list, 1)
        body = QHBoxLayout()
        body.addLayout(main, 3)
        body.addLayout(side, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(row)
        lay.addWidget(self.message)
        lay.addLayout(body, 1)
        lay.addWidget(self.keys_hint)
        self.setFocusProxy(self.field)

    def _shortcuts(self) -> None:
        keys = {"F5": self.issue, "F4": self._focus_field, "F2": self._focus_list,
                "Ctrl+1": lambda: self._pick("self"), "Ctrl+2": lambda: self._pick("agent"),
                "Ctrl+3": lambda: self._pick("post"), "F9": self.ask_rating}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def ask_rating(self) -> None:
        """The applicant rates the case just issued, on the screen that faces them."""
        if self.issued is None:
            self._say(self.tr("Issue a result first; then F9 asks its applicant to rate"), "error")
            return
        ask_for_rating(self.services, self.actor, self.issued, "screen",
                       lambda exc: self._say(str(exc), "error"), self)

    def _focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def _pick(self, method: str) -> None:
        self.radios[method].setChecked(True)
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        m = self.method()
        target = self.tracking if m == "post" else (self.id_no if m == "self" and self.name.text()
                                                       else self.name)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _next_after_name(self) -> None:
        self.id_no.setFocus(Qt.FocusReason.OtherFocusReason)

    def _next_after_id(self) -> None:
        if self.method() == "agent" and not self.letter.isChecked():
            self.letter.setFocus(Qt.FocusReason.OtherFocusReason)  # Space ticks it, then F5
            self._say(self.tr("Check the letter of authorization, tick it (Space), then F5"), "info")
            return
        self.issue()

    def _say(self, text: str, kind: str = "info") -> None:
        show_message(self.message, text, kind)

    def _failed(self, exc: BaseException) -> None:
        known = isinstance(exc, HandoffError | PermissionDenied)
        self._say(str(exc) if known else self.tr("Unexpected error: %1").replace("%1", str(exc)), "error")
        self.issue_btn.setEnabled(self.view is not None and self.view.status == "approved")

    def _scanned(self, code: str) -> None:
        if not visible_and_active(self):
            return
        if self.view is not None and len(code) == 18 and code[:17].isdigit():
            self.id_no.setText(code)  # an ID card reader typing the collector's number
            return
        self.load(code)

    def method(self) -> str:
        return METHODS[max(self.group.checkedId(), 0)]

    def _method_changed(self) -> None:
        m = self.method()
        for w in (self.name, self.id_no, self.phone):
            w.setEnabled(m != "post")
        self.letter.setVisible(m == "agent")
        self.tracking.setEnabled(m == "post")
        if m == "self" and self.view is not None:
            self.name.setText(self.view.applicant_name)
        elif m == "agent" and self.view is not None and self.name.text() == self.view.applicant_name:
            self.name.clear()

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        win = self.actor.window_code or None
        self.services.ops.run(self, lambda: self.svc.ready_cases(win, statuses=("approved",)),
                                  self._fill_list, self._failed)

    def _fill_list(self, cases: list[ReadyCase]) -> None:
        self.list.clear()
        for c in cases:
            it = QListWidgetItem(f"{display(c.case_no)}\n{c.applicant_name} · {c.item_name}")
            it.setData(Qt.ItemDataRole.UserRole, c.case_no)
            self.list.addItem(it)
        if not cases:
            self.list.addItem(self.tr("No results are waiting."))

    def load(self, raw: str) -> None:
        self.field.clear()
        if not raw:
            return
        actor = self.actor

        def got(view: CaseView) -> None:
            self.view = view
            ok = view.status == "approved"
            self.card.setText(
                f"<b>{display(view.case_no)}</b>　{view.status_label}<br>{view.item_name}<br>"
                + self.tr("Applicant: %1 (%2)").replace("%1", view.applicant_name)
                .replace("%2", view.applicant_id_shown or "—")
                + (("<br>" + self.tr("Decision: %1").replace("%1", view.decision)) if view.decision else ""))
            self.issue_btn.setEnabled(ok)
            self.id_no.clear()
            self.phone.clear()
            self.tracking.clear()
            self.letter.setChecked(False)
            if view.delivery == "邮寄送达":
                self.radios["post"].setChecked(True)
            self._method_changed()
            if ok:
                self._say(self.tr("Ask for the collector's ID and check it against the applicant"), "info")
                self._focus_first_field()
            else:
                self._say(self.tr("This case has no result waiting to be collected (%1)")
                          .replace("%1", view.status_label), "error")

        self.services.ops.run(self,
            lambda: self.svc.case_view(self.svc.resolve_scan(raw, "case").number, actor), got,
            self._failed)

    def _preview_closed(self) -> None:
        """The keys come back to the number field, ready for the next applicant (or F9)."""
        self.preview = None
        if self.isVisible():
            self.window().activateWindow()
            self._focus_field()

    def given(self) -> IssueInput:
        m = self.method()
        if m == "post":
            return IssueInput(method="post", tracking_no=self.tracking.text())
        return IssueInput(collector_name=self.name.text(), collector_id_no=self.id_no.text(),
                          by_agent=m == "agent", authorization_checked=self.letter.isChecked(),
                          collector_phone=self.phone.text())

    def issue(self) -> None:
        if self.view is None:
            self._say(self.tr("Scan the applicant's notice first"), "error")
            return
        if not self.issue_btn.isEnabled():  # not approved, or being issued already
            return
        case_no, given = self.view.case_no, self.given()
        self.issue_btn.setEnabled(False)

        def done(_r: object) -> None:
            self._say(self.tr("Issued. Give the receipt to the collector to sign; F9 asks them to "
                              "rate the service."), "ok")
            self.view = None
            self.card.setText("")
            self.refresh()
            self.issued = case_no
            self.preview = open_preview(self.services, self.actor, [DocRequest("collection", case_no)],
                                        self, on_closed=self._preview_closed)

        self.services.ops.run(self, lambda: self.svc.issue(self.actor, case_no, given), done, self._failed)


def build(services: AppServices, actor: Actor) -> QWidget:
    return IssuePage(services, actor)
