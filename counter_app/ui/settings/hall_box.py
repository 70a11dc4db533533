"""The settings of a PC enrolled with the hall service: where the hall is, this PC's
terminal code, the last sync and the clock, and every operation the hall refused with its
reason (what a supervisor must look at: nothing is settled silently). Read on the DB lane
(``hallsync.overview``: the database code lives there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout

from ...services.context import Actor
from ..services import AppServices
from .common import _fill, _say, _table

if TYPE_CHECKING:
    from ...hallsync.overview import HallView


class HallPanel(QGroupBox):
    def __init__(self, services: AppServices, actor: Actor) -> None:
        super().__init__(self.tr("Hall service"))
        self.setObjectName("hallPanel")
        self.services, self.actor = services, actor
        self.url, self.terminal, self.clock = QLabel(), QLabel(), QLabel()
        self.waiting, self.holds = QLabel(), QLabel()
        self.holds.setWordWrap(True)
        for w in (self.url, self.terminal, self.clock, self.waiting, self.holds):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.sync_now = QPushButton(self.tr("Sync now (F5)"))
        self.sync_now.setShortcut("F5")
        self.sync_now.clicked.connect(self._sync_now)
        self.refused = _table([self.tr("When"), self.tr("No."), self.tr("Operation"),
                               self.tr("Why the hall refused it")], 3)
        self.refused.setObjectName("refusedTable")
        self.refused.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Hall service:"), self.url)
        form.addRow(self.tr("This PC's terminal code:"), self.terminal)
        form.addRow(self.tr("Clock:"), self.clock)
        form.addRow(self.tr("Waiting to be sent:"), self.waiting)
        form.addRow(self.tr("This PC holds:"), self.holds)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.sync_now, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(QLabel(self.tr("Operations the hall refused (this PC):")))
        lay.addWidget(self.refused, 1)
        lay.addWidget(self.message)
        self.refresh()

    def labels(self) -> dict[str, str]:
        return {
            "intake.record": self.tr("Receive a case"),
            "intake.supplement": self.tr("Supplement materials"),
            "handoff.set_overdue_hours": self.tr("Set the hand-over time limit"),
            "handoff.create_batches": self.tr("Hand over (make a handoff sheet)"),
            "handoff.sign": self.tr("Sign for a handoff sheet"),
            "handoff.return_case": self.tr("Return a case to the front"),
            "handoff.decide": self.tr("Decide a case"),
            "handoff.clear_co_acceptance": self.tr("End co-acceptance for a clerk"),
            "handoff.issue": self.tr("Issue the result"),
            "complaint.set_due_days": self.tr("Set the complaint time limit"),
            "complaint.receive": self.tr("Register a complaint"),
            "complaint.assign": self.tr("Assign a complaint"),
            "complaint.handle": self.tr("Handle a complaint"),
            "complaint.close": self.tr("Close a complaint"),
            "consultation.log": self.tr("Log a consultation"),
            "rating.open_rating": self.tr("Ask for a rating"),
            "rating.submit": self.tr("Submit a rating"),
            "rating.submit_visit": self.tr("Rate a visit by its ticket"),
            "rating.set_followup_days": self.tr("Set the follow-up time limit"),
            "rating.decide_contest": self.tr("Decide a contested rating"),
            "clock.suspend": self.tr("Stop the clock"),
            "clock.resume": self.tr("Restart the clock"),
            "clock.extend": self.tr("Extend the time limit"),
            "staff.add": self.tr("Add a staff member"),
            "staff.update": self.tr("Change a staff member"),
            "staff.set_stage": self.tr("Set a training stage"),
            "staff.set_password": self.tr("Set a password"),
            "catalog.save_item": self.tr("Save a catalog item"),
            "print.prepare": self.tr("Issue a document"),
            "print.log": self.tr("Log a print"),
            "calendar.apply_schedule": self.tr("Enter the year's holidays"),
            "seal.set": self.tr("Authorise the hall's seal"),
            "access.record": self.tr("Record a look at personal data"),
            "queue.issue": self.tr("Issue a queue ticket"),
            "queue.open_desk": self.tr("Open a window for calls"),
            "queue.close_desk": self.tr("Close a window for calls"),
            "queue.call_next": self.tr("Call the next ticket"),
            "queue.call": self.tr("Call a ticket by its number"),
            "queue.recall": self.tr("Call a ticket again"),
            "queue.no_show": self.tr("Mark a ticket as not present"),
            "queue.transfer": self.tr("Transfer a ticket"),
            "queue.done": self.tr("Finish a ticket"),
            "queue.link_cases": self.tr("Link cases to a visit"),
        }

    def refresh(self) -> None:
        db, terminal = self.services.ctx.db, self.services.ctx.terminal

        def read() -> HallView:
            from ...hallsync.overview import read_hall  # SQLAlchemy: on the lane, not at start-up

            return read_hall(db, terminal)

        self.services.ops.run(self, read, self._show, lambda exc: _say(self.message, str(exc), "error"))

    def _show(self, view: HallView) -> None:
        self.url.setText(view.url)
        self.terminal.setText(view.terminal)
        if abs(view.offset_s) > 300:
            _say(self.clock, self.tr("%1 s off the hall's clock: cases are dated by the hall's "
                                     "time; please set this PC's clock").replace(
                "%1", f"{view.offset_s:+d}"), "error")
        else:
            _say(self.clock, self.tr("in step with the hall (%1 s)").replace(
                "%1", f"{view.offset_s:+d}"), "ok")
        self.waiting.setText(str(view.waiting))
        self.holds.setText(self._holds(view))
        labels = self.labels()
        _fill(self.refused, [[when, str(seq), labels.get(name, name), reason]
                             for when, seq, name, reason in view.refused])
        self.refused.resizeRowsToContents()
        if not view.refused:
            _say(self.message, self.tr("The hall has refused nothing from this PC."), "ok")
        else:
            _say(self.message, self.tr("%1 operations were refused: the hall kept its own "
                                       "record; tell the supervisor.").replace(
                "%1", str(len(view.refused))), "error")

    def _holds(self, view: HallView) -> str:
        if not view.scope:
            return self.tr("not yet known (after the first sync)")
        if not view.retention_days:
            return self.tr("every case of the hall")
        return self.tr("the cases of %1 and those received here; a closed case leaves this PC "
                       "after %2 days (the hall keeps it)").replace("%1", view.scope).replace(
            "%2", view.retention_days)

    def _sync_now(self) -> None:
        controller: Any = self.services.sync
        if controller is not None:
            controller.sync_now()
        self.refresh()


def hall_panel(services: AppServices, actor: Actor) -> HallPanel | None:
    """The panel, on an enrolled PC; None elsewhere."""
    return HallPanel(services, actor) if services.ctx.records_ops else None
