"""Deciding at the counter and resuming a case: the flows behind F5-F8 and a scanned notice.

A decision runs on the lane as one job: commit the case (IntakeService.record), then produce
its documents (PrintService.produce), so nothing prints for a case that is not saved. When
the rules want an approver beside the clerk, the approver signs in first (AuthService.verify).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ...models import STATUS_LABELS
from ...services.catalog.counter_view import co_signer_reasons
from ...services.context import Actor
from ...services.handoff.case_queries import CaseQueries, OpenCase
from ...services.intake.drafts import DraftService
from ...services.intake.numbering import KIND_CASE, NumberError, display, parse_number
from ...services.intake.service import (
    DECISIONS,
    Intake,
    IntakeResult,
    IntakeService,
    blocking,
    validate_intake,
)
from ...services.people.auth import AuthService
from ...services.printing.service import PrintJob, PrintService
from ..printing import DocRequest, open_preview, print_choices, produce_jobs
from ..scan_filter import visible_and_active
from .dialogs import CoSignerDialog, NotAcceptDialog, return_focus_after

translate = QCoreApplication.translate  # lupdate extracts translate("CounterPage", "...")
Made = tuple[list[PrintJob], str]  # documents produced with a decision, or why they were not
Decided = tuple[IntakeResult, Made]
INTAKE, RESUME = 0, 1


def copy_intake(intake: Intake) -> Intake:
    """A snapshot for the lane: the widgets keep editing their own objects."""
    return Intake.from_json(intake.to_json())


if TYPE_CHECKING:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QLineEdit, QStackedWidget, QWidget

    from ...services.catalog.counter_view import CatalogView, ItemInfo
    from .applicant_form import ApplicantForm
    from .checklist import ChecklistEditor
    from .resume import ResumeView

    class _Host(QWidget):
        """What DecisionFlow uses of CounterPage, declared for the type checker."""

        stack: QStackedWidget
        form: ApplicantForm
        checklist: ChecklistEditor
        resume: ResumeView
        case_field: QLineEdit
        catalog: CatalogView | None
        item: ItemInfo | None
        _draft_timer: QTimer
        recorded: Signal
        preview_opened: Signal

        def _clear(self) -> None: ...
        def _collect(self) -> Intake | None: ...
        def _error(self, exc: BaseException) -> None: ...
        def _view(self, which: int) -> None: ...
        def focus_case_field(self) -> None: ...
        def focus_item_search(self) -> None: ...
        def save_draft(self) -> None: ...
        def show_message(self, text: str, error: bool = False, check: bool = False) -> None: ...
else:
    _Host = object


class DecisionFlow(_Host):
    """Mixed into CounterPage (which owns the widgets, the intake and the signals)."""

    services: Any
    actor: Actor
    intake: Intake | None
    preview: Any

    @property
    def busy(self) -> bool:
        """A decision, supplement or new intake of this page is on the lane (the wrapper's
        busy guard: one at a time; it ends when the answer, or the error, is back)."""
        return bool(self.services.ops.busy(self))

    # -- deciding ----------------------------------------------------------------------
    def _f5(self) -> None:
        if self.stack.currentIndex() == RESUME:
            self.record_supplement()
        else:
            self.decide("accept")

    def decide(self, decision: str) -> None:
        intake = self._collect()
        if self.busy or intake is None or self.stack.currentIndex() != INTAKE:
            return
        if decision == "not_accept":
            dialog = NotAcceptDialog(self)
            dialog.accepted.connect(lambda: self._record(decision, reason=dialog.reason(),
                                                         redirect=dialog.redirect.text()))
            return_focus_after(dialog, QApplication.focusWidget())
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            return
        problems = blocking(validate_intake(intake), intake.override_reason)
        if problems:
            self.show_message("；".join(i.message for i in problems), error=True, check=True)
            self._go_to_problem(problems[0])
            return
        if decision not in ("accept", "finish"):
            self._record(decision)
            return
        item, actor, ctx = self.item, self.actor, self.services.ctx
        if item is None:
            self._record(decision)
            return
        self.services.ops.run(self, lambda: co_signer_reasons(ctx, actor, item),
                              lambda reasons: self._maybe_co_sign(decision, reasons), self._error,
                              busy=True)

    def _go_to_problem(self, issue: Any) -> None:
        """The keys go to the first problem: its field, the override reason of a warning, or
        the checklist row of a material."""
        if issue.severity == "warning":
            self.form.override.setFocus()
            return
        field = self.form.field_for(issue.field)
        if field is not None and field.isVisible():
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.edit.selectAll()
            return
        names = [f"材料“{m.name}”" for m in self.checklist.entries]
        if issue.field in names:
            self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
            self.checklist.setCurrentCell(names.index(issue.field), 1)

    def recheck_message(self) -> None:
        """After an edit: the problems message shows only what is still wrong (or goes)."""
        intake = self.intake
        if intake is None:
            return
        problems = blocking(validate_intake(intake), intake.override_reason)
        if problems:
            self.show_message("；".join(i.message for i in problems), error=True, check=True)
        else:
            self.show_message("")

    def _maybe_co_sign(self, decision: str, reasons: tuple[str, ...],
                       then: Any = None) -> None:
        go = then or (lambda who: self._record(decision, co_signer=who))
        if not reasons:
            go(None)
            return
        dialog = CoSignerDialog("；".join(reasons), self)
        auth = self.services.service(AuthService)

        def verify(user: str, password: str) -> None:
            def ok(who: Actor) -> None:
                if who.staff_id == self.actor.staff_id:
                    dialog.show_error(translate("CounterPage", "The co-signer must be another person"))
                    return
                dialog.confirm()
                go(who)
            self.services.ops.run(self, lambda: auth.verify(user, password, "approver"), ok,
                                      lambda exc: dialog.show_error(str(exc)))

        dialog.submitted.connect(verify)
        return_focus_after(dialog, QApplication.focusWidget())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _record(self, decision: str, co_signer: Actor | None = None, reason: str = "",
                redirect: str = "") -> None:
        intake = self._collect()
        if intake is None or self.busy:
            return
        snapshot, actor = copy_intake(intake), self.actor
        svc: IntakeService = self.services.service(IntakeService)
        self.show_message(translate("CounterPage", "Recording…"))
        self.services.ops.run(self,
            self._then_print(lambda: svc.record(actor, snapshot, decision, co_signer=co_signer,
                                                reason=reason, redirect=redirect)),
            lambda done: self._recorded(decision, *done), self._error, busy=True)

    def _then_print(self, decide: Callable[[], IntakeResult]) -> Callable[[], Decided]:
        """On the lane: commit the decision, then at once produce its documents."""
        layout, printer = print_choices(self.actor.window_code)
        psvc, actor = self.services.service(PrintService), self.actor

        def work() -> Decided:
            result = decide()  # committed: whatever happens to the printing, the case is safe
            docs = [DocRequest(kind, result.case_no) for kind in result.documents]
            return result, produce_jobs(psvc, actor, docs, layout, printer)
        return work

    def _recorded(self, decision: str, result: IntakeResult, made: Made) -> None:
        self.intake = None  # recorded: no more drafts of it, no second decision
        self._draft_timer.stop()
        self._print(result, made)  # the preview first; tidying up can wait a moment
        text = translate("CounterPage", "%1: case %2").replace("%1", DECISIONS.get(decision, decision)) \
            .replace("%2", display(result.case_no))
        QTimer.singleShot(0, lambda: self._tidy_after(result, text))

    def _tidy_after(self, result: IntakeResult, text: str) -> None:
        staff, ctx = self.actor.staff_id, self.services.ctx
        self.services.ops.run(self, lambda: DraftService(ctx).discard(staff), None, self._error)
        self._clear()
        self.show_message("；".join([text, *result.warnings]))
        self.recorded.emit(result)

    def _print(self, result: IntakeResult, made: Made | None = None) -> None:
        if not result.documents:
            return
        docs = [DocRequest(kind, result.case_no) for kind in result.documents]
        self.preview = open_preview(self.services, self.actor, docs, self,
                                    on_closed=self._preview_closed, made=made)
        self.preview_opened.emit(self.preview)

    def _preview_closed(self) -> None:
        self.preview = None
        self.activateWindow()
        self.focus_item_search()

    # -- resume ------------------------------------------------------------------------
    def _scanned(self, code: str) -> None:
        if visible_and_active(self) and self.preview is None:
            self.case_field.setText(code)
            self.open_case(code)

    def open_case(self, text: str) -> None:
        try:
            number = parse_number(text, expect_kind=KIND_CASE).text
        except NumberError as exc:
            self.show_message(str(exc), error=True)
            self.focus_case_field()
            return
        queries, actor = CaseQueries(self.services.ctx), self.actor
        self.services.ops.run(self, lambda: queries.open_case(actor, number),
                                  lambda case: self._case_opened(number, case), self._error)

    def _case_opened(self, number: str, case: OpenCase | None) -> None:
        if case is None:
            self.show_message(translate("CounterPage", "No case %1 in this counter's database")
                              .replace("%1", display(number)), error=True)
            return
        self.save_draft() if self.intake is not None else None
        self._view(RESUME)
        self.resume.show_case(case, self.catalog.pages_hint if self.catalog else {})
        waiting = translate("CounterPage", "This case is not waiting for materials")
        open_ = case.awaiting or case.returned
        self.show_message("" if open_ else waiting, error=not open_)

    def record_supplement(self) -> None:
        case = self.resume.case
        if self.busy or case is None or not (case.awaiting or case.returned):
            return
        if case.returned:  # what the applicant brought again to a returned file
            again, actor = self.resume.brought_again(), self.actor
            intake = self.services.service(IntakeService)
            self.services.ops.run(self,
                self._then_print(lambda: intake.supplement(actor, case.case_no, [], resupplied=again)),
                lambda done: self._supplemented(*done), self._error, busy=True)
            return
        item = self.catalog.items.get(case.item_code) if self.catalog else None
        entries = list(self.resume.entries())
        actor, ctx = self.actor, self.services.ctx
        svc: IntakeService = self.services.service(IntakeService)

        def record(who: Actor | None) -> None:
            self.services.ops.run(self,
                self._then_print(lambda: svc.supplement(actor, case.case_no, entries, co_signer=who)),
                lambda done: self._supplemented(*done), self._error, busy=True)

        if item is None or not self.resume.completes():
            record(None)
            return
        self.services.ops.run(self, lambda: co_signer_reasons(ctx, actor, item),
                              lambda reasons: self._maybe_co_sign("supplement", reasons, record),
                              self._error, busy=True)

    def _supplemented(self, result: IntakeResult, made: Made) -> None:
        if not result.documents:
            self.show_message(translate("CounterPage", "Nothing new was marked as supplied"), error=True)
            return
        self._view(INTAKE)
        self.case_field.clear()
        text = translate("CounterPage", "Supplement recorded: case %1 (%2)").replace(
            "%1", display(result.case_no)).replace("%2", STATUS_LABELS.get(result.status, result.status))
        self.show_message("；".join([text, *result.warnings]))
        self.recorded.emit(result)
        self._print(result, made)
