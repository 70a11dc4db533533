"""Next year's holiday schedule, entered at once: paste the lines, apply, see what moved.

The service (services/deadlines/holiday_schedule.py) parses, checks, applies and recomputes due dates;
this widget only collects the text and shows the outcome and the November reminder.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...services.deadlines.holiday_schedule import (
    HolidayService,
    ScheduleResult,
    parse_schedule,
    pending_reminder,
)
from .common import message_label, say, submit

EXAMPLE = "2027-01-01 2027-01-03 放假 元旦\n2027-02-06 2027-02-12 放假 春节\n2027-02-14 上班 春节调休"


class HolidaysWidget(QWidget):
    reminded = Signal(str)  # the November reminder, or "" once next year's schedule is in

    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setObjectName("holidaysWidget")
        self.reminder = message_label("holidayReminder")
        self.reminder.setStyleSheet("color: #b00020; font-weight: bold;")
        help_text = QLabel(self.tr(
            "One line per holiday range or make-up working day: start date, optional end date, "
            "holiday or workday (放假 / 上班), optional note. Applying replaces the whole year's "
            "entries and recomputes the due dates of open cases."))
        help_text.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("holidayText")
        self.text.setPlaceholderText(EXAMPLE)
        self.apply_button = QPushButton(self.tr("Apply the year's schedule"))
        self.apply_button.setObjectName("applyHolidays")
        self.apply_button.clicked.connect(self.apply)
        self.message = message_label("holidayMessage")
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.reminder)
        lay.addWidget(help_text)
        lay.addWidget(self.text, 1)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.services.ctx
        submit(self, lambda: pending_reminder(ctx, ctx.now().date()), self._reminder,
               lambda exc: say(self.message, str(exc), error=True))

    def _reminder(self, text: str) -> None:
        self.reminder.setText(text)
        self.reminder.setVisible(bool(text))
        self.reminded.emit(text)

    def apply(self) -> None:
        ctx, actor, text = self.services.ctx, self.actor, self.text.toPlainText()
        self.apply_button.setEnabled(False)

        def done(result: ScheduleResult) -> None:
            self.apply_button.setEnabled(True)
            say(self.message, self.tr(
                "The %1 schedule is in: %2 holidays, %3 make-up working days; due dates of %4 "
                "open cases moved.").replace("%1", str(result.year))
                .replace("%2", str(result.holidays)).replace("%3", str(result.workdays))
                .replace("%4", str(len(result.moved))))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.apply_button.setEnabled(True)
            say(self.message, str(exc), error=True)

        submit(self, lambda: HolidayService(ctx).apply(actor, parse_schedule(text)), done, failed)
