"""The counter screen: receive an application, decide, print; resume a case on its notice.

Keys: F2 new intake, F3 item search, F4 case number (or scan a notice anywhere), F5 accept,
F6 one-time notice, F7 not accept, F8 finish on the spot, Ctrl+O person/organisation,
Ctrl+G agent, Ctrl+L checklist, Esc back. Enter moves on through the fields. They are shown
on the screen (the checklist's keys under it, the page's at the bottom) and all of them
with F1 (the lists are in ``keyhelp.py``).

Every service call runs on the lane. The intake is saved as a draft while it is typed; a
decision commits the case first and only then asks the print service for its documents.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.catalog.counter_view import CatalogView, ItemInfo, co_signer_reasons, load_catalog
from ...services.context import Actor
from ...services.intake.drafts import Draft, DraftService
from ...services.intake.service import Intake, IntakeService, completeness
from ..keyhelp import checklist_keys, counter_keys, hint_line
from ..printing import PrintPreviewDialog
from ..scan_filter import make_scan_field, scan_filter
from ..services import AppServices
from .applicant_form import ApplicantForm
from .banner import DraftBanner
from .checklist import ChecklistEditor
from .decide import INTAKE, RESUME, DecisionFlow, copy_intake
from .decision_bar import DecisionBar
from .guide import GuidePanel
from .resume import ResumeView

DRAFT_DELAY_MS = 400


class CounterPage(DecisionFlow, QWidget):
    recorded = Signal(object)  # IntakeResult, after the case is committed
    preview_opened = Signal(object)  # PrintPreviewDialog

    def __init__(self, services: AppServices, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("counterPage")
        self.services, self.actor = services, actor
        self.catalog: CatalogView | None = None
        self.item: ItemInfo | None = None
        self.intake: Intake | None = None
        self.co_signer: tuple[str, ...] = ()
        self.preview: PrintPreviewDialog | None = None
        self._draft: Draft | None = None
        self._build()
        self._shortcuts()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        scan_filter(services).scanned.connect(self._scanned)
        ops, ctx = services.ops, services.ctx
        ops.run(self, lambda: load_catalog(ctx), self._catalog_loaded, self._error)
        ops.run(self, lambda: DraftService(ctx).load(actor.staff_id), self._draft_loaded, self._error)
        self.new_intake()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        from .item_picker import ItemPicker

        self.picker = ItemPicker(self)
        self.picker.picked.connect(self.pick_item)
        self.picker.field.textEdited.connect(lambda t: self._show_results(bool(t.strip())))
        self.current_item = QLabel()
        self.current_item.setObjectName("currentItem")
        self.current_item.setStyleSheet("font-weight: bold;")
        self.case_field = make_scan_field(QLineEdit())
        self.case_field.setObjectName("caseNumber")
        self.case_field.setPlaceholderText(self.tr("Case number or scan the notice (F4)"))
        self.case_field.setMaximumWidth(300)
        self.case_field.returnPressed.connect(lambda: self.open_case(self.case_field.text()))
        top = QHBoxLayout()
        top.addWidget(self.picker.field, 3)
        top.addWidget(self.current_item, 2)
        top.addWidget(self.case_field, 2)
        self.banner = DraftBanner()
        self.banner.restore.connect(self.restore_draft)
        self.banner.discard.connect(self.discard_draft)

        self.form = ApplicantForm()
        self.form.changed.connect(self._changed)
        self.form.kind_changed.connect(lambda _k: self._refresh_checklist())
        self.form.agent_toggled.connect(lambda _a: self._refresh_checklist())
        self.form.finished.connect(self.focus_checklist)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(self.form)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.left = QStackedWidget()
        self.left.addWidget(form_scroll)
        self.left.addWidget(self.picker.results)
        self.checklist = ChecklistEditor()
        self.checklist.changed.connect(self._changed)
        self.checklist.finished.connect(self._checklist_done)
        self.checklist.message.connect(lambda t: self.show_message(t, error=True))
        self.guide = GuidePanel()
        self.checklist_hint = QLabel(hint_line(checklist_keys()[:7]))  # Enter: in F1
        self.checklist_hint.setObjectName("checklistKeys")
        self.checklist_hint.setWordWrap(True)
        self.checklist_hint.setStyleSheet("color: #37474f; background: #eceff1; padding: 3px;")
        middle = QWidget()
        mid = QVBoxLayout(middle)
        mid.setContentsMargins(0, 0, 0, 0)
        mid.setSpacing(2)
        mid.addWidget(self.checklist, 1)
        mid.addWidget(self.checklist_hint)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.left)
        split.addWidget(middle)
        split.addWidget(self.guide)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 2)
        split.setSizes([400, 640, 300])
        self.resume = ResumeView()
        self.resume.submitted.connect(self.record_supplement)
        self.resume.back.connect(self.back)
        self.resume.checklist.message.connect(lambda t: self.show_message(t, error=True))
        self.stack = QStackedWidget()
        self.stack.addWidget(split)
        self.stack.addWidget(self.resume)
        self.message = QLabel()
        self.message.setObjectName("counterMessage")
        self.message.setWordWrap(True)
        self.decisions = DecisionBar()
        self.decisions.decided.connect(self.decide)
        self.page_hint = QLabel(hint_line(counter_keys()[:6]) + "  ·  "
                                + self.tr("F1 all keys"))
        self.page_hint.setObjectName("counterKeys")
        self.page_hint.setWordWrap(True)
        self.page_hint.setStyleSheet("color: #455a64;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.decisions)
        lay.addWidget(self.page_hint)
        self.setFocusProxy(self.picker.field)  # the page taking focus = ready to type an item
        self.guide.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reading, not a stop for Tab
        buttons = list(self.decisions.buttons.values())
        QWidget.setTabOrder(self.picker.field, self.form.person_radio)
        for a, b in pairwise([self.form.agent_phone.edit, self.checklist, *buttons, self.case_field]):
            QWidget.setTabOrder(a, b)

    def _shortcuts(self) -> None:
        keys = {
            "F2": self.new_intake, "F3": self.focus_item_search, "F4": self.focus_case_field,
            "F5": lambda: self._f5(), "F6": lambda: self.decide("notify"),
            "F7": lambda: self.decide("not_accept"), "F8": lambda: self.decide("finish"),
            "Ctrl+O": self.form.toggle_kind, "Ctrl+G": self.form.agent_box.toggle,
            "Ctrl+L": self.focus_checklist,
        }
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def leaving(self) -> None:
        """The user signs out: keep the intake in progress as their draft."""
        self._draft_timer.stop()
        if self.intake is not None and self._dirty():
            self.save_draft()

    def _view(self, which: int) -> None:
        """The intake (with its decision keys) or a case being resumed."""
        self.stack.setCurrentIndex(which)
        self.decisions.setVisible(which == INTAKE)
        self.current_item.setVisible(which == INTAKE)

    def _show_results(self, on: bool) -> None:
        self.left.setCurrentIndex(1 if on else 0)

    def show_message(self, text: str, error: bool = False, check: bool = False) -> None:
        """``check``: the message lists the intake's problems, and is redone after each edit."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b7f3b;")
        self._message_kind = "check" if check else ("note" if error and text else "")

    def _error(self, exc: BaseException) -> None:
        self.show_message(str(exc), error=True)

    # -- loading -----------------------------------------------------------------------
    def _catalog_loaded(self, catalog: CatalogView) -> None:
        self.catalog = catalog
        self.picker.set_catalog(catalog, self.actor.window_code)

    def _draft_loaded(self, draft: Draft | None) -> None:
        if draft is None or draft.case_id is not None or self.intake is not None:
            return
        self._draft = draft
        item = self.catalog.items.get(draft.intake.item_code) if self.catalog else None
        self.banner.offer(draft, item.name if item else draft.intake.item_code)

    def restore_draft(self) -> None:
        draft, self._draft = self._draft, None
        self.banner.hide()
        if draft is None:
            return
        self._set_intake(draft.intake)
        self.show_message(self.tr("The saved intake was restored"))
        self.focus_checklist() if draft.intake.applicant.name else self.form.first_field().setFocus()

    def discard_draft(self) -> None:
        self._draft = None
        self.banner.hide()
        staff, ctx = self.actor.staff_id, self.services.ctx
        self.services.ops.run(self, lambda: DraftService(ctx).discard(staff), None, self._error)
        self.focus_item_search()

    # -- the intake --------------------------------------------------------------------
    def new_intake(self) -> None:
        if self.intake is not None and self._dirty():
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("New intake"),
                              self.tr("Discard the intake in progress?"),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Yes, discard"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("&No"))
            yes = box.button(QMessageBox.StandardButton.Yes)
            box.buttonClicked.connect(lambda b: self._clear_and_discard() if b is yes else None)
            box.finished.connect(box.deleteLater)
            box.open()
            return
        self._clear()

    def _clear_and_discard(self) -> None:
        self._clear()
        staff, ctx = self.actor.staff_id, self.services.ctx
        self.services.ops.run(self, lambda: DraftService(ctx).discard(staff), None, self._error)

    def _clear(self) -> None:
        self._draft_timer.stop()
        self.intake, self.item, self.co_signer = None, None, ()
        self.form.clear()
        self.checklist.load([])
        self.guide.show_item(None)
        self.current_item.clear()
        self.decisions.show_completeness(None)
        self.picker.field.clear()
        self.picker.search("")
        self._show_results(False)
        self._view(INTAKE)
        self.focus_item_search()

    def _dirty(self) -> bool:
        i = self.intake
        return i is not None and (bool(i.applicant.name or i.applicant.id_no or i.agent)
                                  or any(m.state in ("received", "defective") for m in i.materials))

    def pick_item(self, code: str) -> None:
        """A new intake for the item, keeping whatever applicant was typed already."""
        ctx = self.services.ctx
        svc: IntakeService = self.services.service(IntakeService)
        kind, has_agent = self.form.kind, self.form.agent() is not None

        def done(intake: Intake) -> None:
            intake.applicant, intake.agent = self.form.party(), self.form.agent()
            intake.override_reason = self.form.override_reason()
            self._set_intake(intake)
            self._changed()

        if not self.services.ops.run(self, lambda: svc.new_intake(code, kind, has_agent), done,
                                     self._error, busy=True):
            self.show_message(self.tr("Still saving the previous step: pick the item again in a "
                                      "moment"), error=True)
            return
        self._show_results(False)
        self.form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        item = self.catalog.items.get(code) if self.catalog else None
        if item is not None:
            actor = self.actor
            self.services.ops.run(self, lambda: co_signer_reasons(ctx, actor, item),
                                      self._co_signer_known, self._error)

    def _co_signer_known(self, reasons: tuple[str, ...]) -> None:
        self.co_signer = reasons
        self.guide.show_item(self.item, reasons)

    def _set_intake(self, intake: Intake) -> None:
        self.intake = intake
        self.item = self.catalog.items.get(intake.item_code) if self.catalog else None
        self._view(INTAKE)
        self._show_results(False)
        self.picker.field.clear()
        if self.item is not None:
            self.form.set_delivery_options(self.item.delivery)
            self.form.set_agent_allowed(self.item.agent_allowed)
            self.form.set_fee_options(self.item.fee_tiers, intake.fee_tier)
            self.current_item.setText(f"{self.item.name}（{self.item.code}）")
        self.form.load(intake.applicant, intake.agent, intake.override_reason, intake.delivery)
        self.checklist.load(intake.materials, self.catalog.pages_hint if self.catalog else {})
        self.guide.show_item(self.item, self.co_signer)
        self._update_summary()

    def _collect(self) -> Intake | None:
        if self.intake is not None:
            self.intake.applicant = self.form.party()
            self.intake.agent = self.form.agent()
            self.intake.override_reason = self.form.override_reason()
            self.intake.delivery = self.form.delivery.currentText() or self.intake.delivery
            self.intake.fee_tier = self.form.fee_choice()
        return self.intake

    def _changed(self) -> None:
        self._update_summary()
        kind = getattr(self, "_message_kind", "")
        if kind == "check":
            self._collect()
            self.recheck_message()  # a fixed problem leaves the message at once
        elif kind == "note":
            self.show_message("")  # an old red note does not outlive the next change
        if self.intake is not None:
            self._draft_timer.start()

    def _update_summary(self) -> None:
        if self.intake is None:
            self.decisions.show_completeness(None)
            return
        self.decisions.show_completeness(completeness(self.intake.materials),
                                         bool(self.item and self.item.can_finish))

    def _refresh_checklist(self) -> None:
        """Applicant kind or agent changed: conditional materials come and go."""
        intake = self._collect()
        if intake is None:
            return
        svc: IntakeService = self.services.service(IntakeService)
        snapshot = copy_intake(intake)
        self.checklist.setEnabled(False)

        def done(fresh: Intake) -> None:
            self.checklist.setEnabled(True)
            if self.intake is not None:
                self.intake.materials = fresh.materials
                self.checklist.load(self.intake.materials, self.catalog.pages_hint if self.catalog else {})
                self._changed()

        self.services.ops.run(self, lambda: svc.refresh(snapshot), done, self._error)

    def save_draft(self) -> None:
        intake = self._collect()
        if intake is None:
            return
        snapshot, staff, ctx = copy_intake(intake), self.actor.staff_id, self.services.ctx
        self.services.ops.run(self, lambda: DraftService(ctx).save(staff, snapshot), None, self._error)

    # -- focus -------------------------------------------------------------------------
    def focus_item_search(self) -> None:
        self._view(INTAKE)
        self.picker.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.field.selectAll()

    def focus_case_field(self) -> None:
        self.case_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_field.selectAll()

    def focus_checklist(self) -> None:
        if self.stack.currentIndex() == RESUME:
            self.resume.checklist.setFocus()
            return
        self._show_results(False)
        self.checklist.setFocus(Qt.FocusReason.ShortcutFocusReason)
        current = self.checklist.currentRow()
        entries = self.checklist.entries
        if 0 <= current < len(entries) and entries[current].state in ("missing", "defective"):
            return  # already on a row still to receive
        row = self.checklist.first_row_to_receive()
        if row is not None:
            self.checklist.setCurrentCell(row, 1)

    def _checklist_done(self) -> None:
        """Past the last material: say which key decides (focus stays, so a stray Space
        cannot press a decision button)."""
        done = self.intake and completeness(self.intake.materials)
        self.show_message(self.tr("Checklist done: F5 accept") if done and done.complete
                          else self.tr("Materials missing: F6 one-time notice"))

    def back(self) -> None:
        if self.stack.currentIndex() == RESUME:
            self._view(INTAKE)
            self.case_field.clear()
            self.focus_item_search() if self.intake is None else self.checklist.setFocus()
        elif self.left.currentIndex() == 1:
            self._show_results(False)
            self.form.first_field().setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back()
            return
        super().keyPressEvent(event)

def build(services: AppServices, actor: Actor) -> QWidget:
    return CounterPage(services, actor)
