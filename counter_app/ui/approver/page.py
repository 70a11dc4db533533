"""The approver desk (审批员签收台): scan a batch barcode, check each case, sign; open a case to
see its checklist and history, and return it or record the decision.

A scan is taken wherever the focus is (the app's ``ScanFilter``) while this page is shown; the
scan field takes typed numbers.
Every service call runs on the database lane; a bad scan only shows a message.

Keys (F1 lists them): F4 the number field, F2 the list on the left, Enter opens what the
cursor is on; in a batch Space ticks "in folder", D records a discrepancy, F5 signs; in a case
F5 approves, F6 returns, F7 denies, Esc goes back. In the forms Ctrl+Enter confirms (Enter too
where the last field is a single line), Esc cancels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...services.context import Actor, PermissionDenied
from ...services.handoff.service import BatchSummary, HandoffError, HandoffService, WorkItem
from ...services.intake.numbering import KIND_CASE, NumberError, display, parse_number
from ..keyhelp import approver_keys, hint_line
from ..operations import CASES, HANDOFF
from ..scan_filter import make_scan_field, scan_filter, visible_and_active
from ..services import AppServices
from .batch_panel import BatchPanel
from .case_panel import CasePanel
from .dialogs import DecideDialog, DiscrepancyDialog, ReturnDialog
from .style import BANNER, RED, ROW_LATE, TITLE, hours_text, label, show_message

USER_ERRORS = (HandoffError, PermissionDenied, NumberError)


class ApproverDesk(QWidget):
    def __init__(self, services: AppServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approverDesk")
        self.services, self.actor = services, actor
        self.svc: HandoffService = services.service(HandoffService)
        self.dialog: Any = None  # the open form, if any (tests fill it)
        self.banner = label(self.tr("① Scan the barcode on the handoff sheet  →  ② check each case  "
                                    "→  ③ Sign"), BANNER, "banner")
        self.scan = QPushButton(self.tr("Find"))
        self.field = QLineEdit()
        self.field.setObjectName("scanField")
        self.field.setPlaceholderText(self.tr("Scan anywhere on this screen, or type a batch or case "
                                              "number and press Enter"))
        self.field.setStyleSheet("QLineEdit { font-size: 15pt; padding: 6px; }")
        make_scan_field(self.field)
        self.field.returnPressed.connect(lambda: self.handle_scan(self.field.text()))
        self.scan.clicked.connect(lambda: self.handle_scan(self.field.text()))
        self.message = label("", name="scanMessage")
        self.message.hide()
        self.waiting = QListWidget()
        self.waiting.setObjectName("waitingList")
        self.waiting.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 6px; }")
        # Whole lines in the side bar (_side_width), wrapped, never a sideways scroll bar (1366x768)
        self.waiting.setWordWrap(True)
        self.waiting.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.waiting.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.waiting.itemActivated.connect(self._open_waiting)
        self.waiting.itemClicked.connect(self._open_waiting)
        self.keys_hint = label(hint_line(approver_keys()[:4]), name="deskKeys")
        self.keys_hint.setStyleSheet("QLabel { color: #37474f; background: #eceff1; padding: 3px; }")
        self.waiting_title = label(self.tr("Waiting to be signed"), TITLE, "waitingTitle")
        self.work = QListWidget()
        self.work.setObjectName("worklist")
        self.work.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 6px; }")
        self.work.setWordWrap(True)
        self.work.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.work.itemActivated.connect(self._open_work)
        self.work.itemClicked.connect(self._open_work)
        self.work_title = label(self.tr("Signed, to decide"), TITLE, "worklistTitle")
        self.scope = label("", name="deskScope")
        self.batch = BatchPanel()
        self.case = CasePanel()
        self.welcome = label(self.tr("Put the handoff sheet under the scanner and scan its barcode.\n\n"
                                     "Or pick from the lists on the left: F2 batches to sign, "
                                     "F3 cases to decide, Enter opens.\n\n"
                                     "Scanning a case barcode opens that case. F1 lists every key."),
                             name="welcome")
        self.welcome.setStyleSheet("QLabel { font-size: 18pt; color: #455a64; padding: 40px; }")
        self.stack = QStackedWidget()
        for w in (self.welcome, self.batch, self.case):
            self.stack.addWidget(w)
        self._layout()
        self._shortcuts()
        self.scanner = scan_filter(services)
        self.scanner.scanned.connect(self._global_scan)
        self.scanner.partial.connect(self._partial_scan)
        self.batch.sign_requested.connect(self._sign)
        self.batch.discrepancy_requested.connect(self._ask_discrepancy)
        self.batch.case_requested.connect(lambda n: self._open_case(n, from_batch=True))
        self.batch.changed.connect(self._batch_progress)
        self.case.back_requested.connect(self._back)
        self.case.return_requested.connect(self._ask_return)
        self.case.decide_requested.connect(self._ask_decision)
        # Refreshed when cases or batches were written (here, or pulled from the hall).
        services.changes.watch(self, (CASES, HANDOFF), self.refresh)
        self.refresh()

    def _side_width(self) -> int:
        """At least 330 px, and wide enough that an overdue case's first line (the marked
        number and its due date) is not broken: the Chinese '限 11-30' fell onto a line of its
        own at 330 px. The lists' 12 pt font, the items' padding, frame, scroll bar, margins."""
        font = QFont(self.work.font())
        font.setPointSize(12)
        first = self.tr("%1 · promised by %4\n%2 · %3").split("\n")[0]
        line = "⚠ " + first.replace("%1", display("41152126123110199999")).replace("%4", "12-31")
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(330, QFontMetrics(font).horizontalAdvance(line) + 12 + 4 + scroll + 2 * 11 + 8)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.scan)
        left = QVBoxLayout()
        left.addWidget(self.scope)
        left.addWidget(self.waiting_title)
        left.addWidget(self.waiting, 1)
        left.addWidget(self.work_title)
        left.addWidget(self.work, 1)
        self.side = QWidget()
        self.side.setLayout(left)
        self.side.setFixedWidth(self._side_width())
        body = QHBoxLayout()
        body.addWidget(self.side)
        body.addWidget(self.stack, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(row)
        lay.addWidget(self.message)
        lay.addLayout(body, 1)
        lay.addWidget(self.keys_hint)
        self.setFocusProxy(self.field)

    def _shortcuts(self) -> None:
        keys = {"F4": self._focus_field, "F2": self._focus_list, "F3": self._focus_work, "F5": self._f5,
                "F6": lambda: self._case_action("return"), "F7": lambda: self._case_action("denied"),
                "Escape": self._escape}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _focus_list(self) -> None:
        target = self.waiting
        if not self.side.isVisible():  # a case has the width: back to the lists
            self._show_panel(self.welcome)
            self.message.hide()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if target.currentRow() < 0 and target.count():
            target.setCurrentRow(0)

    def _focus_work(self) -> None:
        if not self.side.isVisible():  # a case has the width: back to the lists
            self._show_panel(self.welcome)
            self.message.hide()
        self.work.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.work.currentRow() < 0 and self.work.count():
            self.work.setCurrentRow(0)

    def _open_work(self, item: QListWidgetItem) -> None:
        case_no = item.data(Qt.ItemDataRole.UserRole)
        if case_no:
            self._open_case(case_no, from_batch=False)

    def _focus_panel(self) -> None:
        panel = self.stack.currentWidget()
        if panel is self.batch:
            self.batch.grid.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.batch.grid.currentRow() < 0 and self.batch.grid.rowCount():
                self.batch.grid.setCurrentCell(0, 0)
        elif panel is self.case:
            self.case.materials.setFocus(Qt.FocusReason.OtherFocusReason)

    def _keys_to_panel(self) -> None:
        """After opening a batch or case, the keys go to it, if they were on this desk."""
        focus = QApplication.focusWidget()
        if focus is None or focus is self or self.isAncestorOf(focus):
            self._focus_panel()

    def _f5(self) -> None:
        if self.stack.currentWidget() is self.batch and self.batch.is_open:
            if self.batch.sign.isEnabled():
                self.batch._sign()
            else:
                self._say(self.batch.sign.text(), "error")
        elif self.stack.currentWidget() is self.case:
            self._case_action("approved")

    def _case_action(self, what: str) -> None:
        if self.stack.currentWidget() is not self.case or not self.case.approve_btn.isVisible():
            return
        if what == "return":
            self._ask_return(self.case.case_no)
        else:
            self._ask_decision(self.case.case_no, what)

    def _escape(self) -> None:
        if self.stack.currentWidget() is self.case:
            self._back()
        elif self.stack.currentWidget() is self.batch:
            self._show_panel(self.welcome)
            self.message.hide()
            self._focus_list()

    # -- plumbing -------------------------------------------------------------------------------
    def _run(self, fn, on_done) -> None:
        self.services.ops.run(self, fn, on_done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, USER_ERRORS):
            exc = RuntimeError(self.tr("Unexpected error: %1").replace("%1", str(exc)))
        self._say(str(exc), "error")
        if self.batch.is_open:
            self.batch.update_progress()

    def _say(self, text: str, kind: str = "info") -> None:
        show_message(self.message, text, kind)
        if kind == "error":
            QApplication.beep()

    # -- the list of waiting batches --------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self._run(lambda: (self.svc.desk_batches(actor), self.svc.worklist(actor)), self._show_lists)

    def _show_lists(self, data: tuple[list[BatchSummary], list[WorkItem]]) -> None:
        batches, work = data
        self._show_work(work)
        self._show_waiting(batches)

    def _show_work(self, work: list[WorkItem]) -> None:
        keep = self.work.currentItem().data(Qt.ItemDataRole.UserRole) if self.work.currentItem() else None
        self.work.clear()
        late = 0
        for w in work:
            due = f"{w.promised_due:%m-%d}" if w.promised_due else "—"
            text = (self.tr("%1 · promised by %4\n%2 · %3").replace("%1", display(w.case_no))
                    .replace("%2", w.applicant_name).replace("%3", w.item_name).replace("%4", due))
            if w.overdue:
                text = "⚠ " + text
                late += 1
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, w.case_no)
            it.setToolTip(self.tr("Signed by %1").replace("%1", w.signed_by))
            if w.overdue:
                it.setBackground(ROW_LATE)
                it.setForeground(QColor(RED))
            self.work.addItem(it)
            if w.case_no == keep:
                self.work.setCurrentItem(it)
        if not work:
            self.work.addItem(self.tr("Nothing waits for a decision."))
        elif self.work.currentRow() < 0 and self.work.hasFocus():
            self.work.setCurrentRow(0)  # the list refilled under the keys: Enter opens the first
        title = self.tr("Signed, to decide (%1)").replace("%1", str(len(work)))
        if late:
            title += " · " + self.tr("%1 past due").replace("%1", str(late))
        self.work_title.setText(title)
        self.work_title.setStyleSheet(TITLE.replace("}", f" color: {RED if late else '#263238'}; }}"))
        if self.actor.department_code:
            self.scope.setText(self.tr("Department: %1").replace(
                "%1", work[0].department_name if work else self.actor.department_code))
            self.scope.setStyleSheet("QLabel { font-size: 12pt; color: #455a64; }")
        else:
            self.scope.setText(self.tr("No department set for your account: every department's "
                                       "work is shown. Ask the supervisor to set it."))
            self.scope.setStyleSheet(f"QLabel {{ font-size: 12pt; color: {RED}; }}")

    def _show_waiting(self, batches: list[BatchSummary]) -> None:
        keep = (self.waiting.currentItem().data(Qt.ItemDataRole.UserRole)
                if self.waiting.currentItem() else None)
        self.waiting.clear()
        late = 0
        for b in batches:
            text = (self.tr("%1\nfrom %2 · %3 cases\nwaiting %4").replace("%1", display(b.batch_no))
                    .replace("%2", b.clerk_name).replace("%3", str(b.cases))
                    .replace("%4", hours_text(b.hours_waiting)))
            if b.overdue:
                text = "⚠ " + text
                late += 1
            it = QListWidgetItem(f"{b.department_name}\n{text}")
            it.setData(Qt.ItemDataRole.UserRole, b.batch_no)
            if b.overdue:
                it.setBackground(ROW_LATE)
                it.setForeground(QColor(RED))
            self.waiting.addItem(it)
            if b.batch_no == keep:
                self.waiting.setCurrentItem(it)
        if batches and self.waiting.currentRow() < 0 and self.waiting.hasFocus():
            self.waiting.setCurrentRow(0)
        title = self.tr("Waiting to be signed (%1)").replace("%1", str(len(batches)))
        if late:
            title += " · " + self.tr("%1 waiting too long").replace("%1", str(late))
        self.waiting_title.setText(title)
        self.waiting_title.setStyleSheet(TITLE.replace("}", f" color: {RED if late else '#263238'}; }}"))
        self._show_panel(self.stack.currentWidget())  # type: ignore[arg-type]  # the stack is never empty

    def _show_panel(self, panel: QWidget) -> None:
        """The list of waiting batches beside the welcome and batch views; a case gets the width."""
        self.stack.setCurrentWidget(panel)
        self.side.setVisible(panel is not self.case)
        for i in range(self.waiting.count()):
            it = self.waiting.item(i)
            it.setSelected(panel is self.batch and it.data(Qt.ItemDataRole.UserRole) == self.batch.batch_no)

    def _back(self) -> None:
        if self.case.came_from_batch and self.batch.view is not None:
            self._open_batch(self.batch.batch_no)
        else:
            self._show_panel(self.welcome)
            self.message.hide()
            self._focus_list()

    def _open_waiting(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole):
            self._open_batch(item.data(Qt.ItemDataRole.UserRole))

    # -- scans ----------------------------------------------------------------------------------
    def _global_scan(self, code: str) -> None:
        if not visible_and_active(self):
            return
        if self.dialog is not None and self.dialog.isVisible():
            self._say(self.tr("Finish or cancel the open form first, then scan again"), "error")
            return
        self.handle_scan(code)

    def _partial_scan(self, _text: str) -> None:
        if visible_and_active(self):
            self._say(self.tr("The scan ended without Enter: scan again, or check that the scanner "
                              "sends Enter after the code"), "error")

    def handle_scan(self, raw: str) -> None:
        """A scan or a typed number: check a case of the open batch, or open a batch or case."""
        self.field.clear()
        if self.batch.is_open and self.stack.currentWidget() is self.batch:
            try:
                num = parse_number(raw)
            except NumberError as exc:
                self._say(str(exc), "error")
                return
            if num.kind == KIND_CASE:
                if num.text in self.batch.case_numbers():
                    self.batch.mark_present(num.text)
                    self._say(self.tr("Case %1 is in the folder ✓").replace("%1", display(num.text)), "ok")
                else:
                    self._say(self.tr("Case %1 is not in this batch (%2 cases): put it aside and "
                                      "tell the sender").replace("%1", display(num.text))
                              .replace("%2", str(len(self.batch.case_numbers()))), "error")
                return
        self._run(lambda: self.svc.resolve_scan(raw), self._resolved)

    def _resolved(self, target) -> None:
        if target.kind == "batch":
            self._open_batch(target.number)
        else:
            self._open_case(target.number, from_batch=False)

    def _open_batch(self, batch_no: str, note: str = "") -> None:
        def shown(view) -> None:
            self.batch.show_batch(view)
            self._show_panel(self.batch)
            self._keys_to_panel()
            if note:
                self._say(note, "ok")
            else:
                self._batch_progress()

        self._run(lambda: self.svc.batch_view(batch_no), shown)

    def _batch_progress(self) -> None:
        if self.batch.is_open:
            self._say(self.tr("Batch %1: scan each case or tick “In folder”").replace(
                "%1", display(self.batch.batch_no)), "info")
        elif self.batch.view is not None:
            self._say(self.tr("Batch %1 was already signed for").replace(
                "%1", display(self.batch.batch_no)), "info")

    def _open_case(self, case_no: str, from_batch: bool, note: str = "") -> None:
        def shown(view) -> None:
            self.case.show_case(view, from_batch and self.batch.view is not None)
            self._show_panel(self.case)
            self._keys_to_panel()
            self._say(note or self.tr("Case %1: %2").replace("%1", display(view.case_no))
                      .replace("%2", view.status_label), "ok" if note else "info")

        # Shown again after the approver's own return or decision: the same look, not a new one.
        actor, again = self.actor, bool(note)
        self._run(lambda: self.svc.case_view(case_no, actor, record=not again), shown)

    # -- signing ---------------------------------------------------------------------------------
    def _open_dialog(self, dialog) -> None:
        """Open a form; when it closes the keys come back to the panel."""
        self.dialog = dialog

        def back() -> None:
            if self.isVisible():
                self.window().activateWindow()
                self._focus_panel()
        dialog.finished.connect(back)
        dialog.open()

    def _ask_discrepancy(self, case_no: str) -> None:
        dialog = DiscrepancyDialog(self.batch.line(case_no), self)
        dialog.accepted.connect(lambda d=dialog: self.batch.record_discrepancy(d.check()))
        self._open_dialog(dialog)

    def _sign(self, batch_no: str, checks: list) -> None:
        def done(res) -> None:
            text = self.tr("Signed for %1 case(s).").replace("%1", str(len(res.signed)))
            if res.discrepancies:
                text += " " + self.tr("%1 case(s) with a discrepancy stay with the sender.").replace(
                    "%1", str(len(res.discrepancies)))
            self._open_batch(batch_no, text)
            self.refresh()

        self._run(lambda: self.svc.sign(self.actor, batch_no, checks), done)

    # -- return and decide -------------------------------------------------------------------------
    def _ask_return(self, case_no: str) -> None:
        self.dialog = ReturnDialog(case_no, self)

        def go(d=self.dialog) -> None:
            reason = d.reason.toPlainText()
            self._run(lambda: self.svc.return_case(self.actor, case_no, reason),
                      lambda _r: self._after(case_no, self.tr("Returned to the front desk")))

        self.dialog.accepted.connect(go)
        self._open_dialog(self.dialog)

    def _ask_decision(self, case_no: str, outcome: str) -> None:
        self.dialog = DecideDialog(case_no, outcome, self.services.ctx.now().date(), self)

        def go(d=self.dialog) -> None:
            args = dict(decision_no=d.number.text(), decided_on=d.decided_on(),
                        reason=d.reason.toPlainText())
            done = self.tr("Approved: the result waits at the front desk for collection") \
                if outcome == "approved" else self.tr("Denied")
            self._run(lambda: self.svc.decide(self.actor, case_no, outcome, **args),
                      lambda _r: self._after(case_no, done))

        self.dialog.accepted.connect(go)
        self._open_dialog(self.dialog)

    def _after(self, case_no: str, text: str) -> None:
        self._open_case(case_no, self.case.came_from_batch, text)
        self.refresh()  # the case leaves the worklist


def build(services: AppServices, actor: Actor) -> QWidget:
    return ApproverDesk(services, actor)
