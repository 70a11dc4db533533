"""差评 follow-up: verify and fix within the deadline, contest a mistaken or malicious one,
decide a contest."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...models import GRADES
from ...services.supervision.evaluations import BadRatingLine, EvaluationService
from .common import fill_table, make_table, message_label, say, submit


class RatingsWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingsWidget")
        self.services, self.actor = services, actor
        self.svc: EvaluationService = services.service(EvaluationService)
        self.lines: list[BadRatingLine] = []
        self.open_only = QCheckBox(self.tr("Open follow-ups only"))
        self.open_only.setChecked(True)
        self.table = make_table("ratingsTable")
        self.note = QLineEdit()
        self.note.setObjectName("ratingNote")
        self.note.setPlaceholderText(self.tr("What was verified and fixed, or the reason"))
        buttons = QHBoxLayout()
        actions = (
            (self.tr("Fixed"), lambda no, t: self.svc.follow_up(self.actor, no, t)),
            (self.tr("Contest"), lambda no, t: self.svc.contest(self.actor, no, t)),
            (self.tr("Uphold contest"), lambda no, t: self.svc.decide_contest(self.actor, no, True, t)),
            (self.tr("Reject contest"), lambda no, t: self.svc.decide_contest(self.actor, no, False, t)),
        )
        for label, fn in actions:
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, fn=fn: self._act(fn))
            buttons.addWidget(b)
        self.message = message_label("ratingsMessage")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Bad ratings and their follow-up")))
        lay.addWidget(self.open_only)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        self.open_only.toggled.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        open_only = self.open_only.isChecked()  # read here: the lane never touches a widget
        submit(self, lambda: self.svc.bad_ratings(open_only), self._show,
               lambda e: say(self.message, str(e), True))

    def _show(self, lines: list[BadRatingLine]) -> None:
        self.lines = lines
        fill_table(self.table, [self.tr("Case"), self.tr("Window"), self.tr("Clerk"), self.tr("Grade"),
                                self.tr("Rated"), self.tr("Due"), self.tr("State"), self.tr("Notes")],
                   [[r.case_no, r.window_code, r.clerk, GRADES.get(r.grade, ""),
                     f"{r.rated_at:%Y-%m-%d %H:%M}", r.followup_due.isoformat() if r.followup_due else "",
                     r.status_label, "；".join(x for x in (r.contest_reason, r.followup_note) if x)]
                    for r in lines])
        self.table.setSortingEnabled(False)

    def _act(self, fn) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.lines):
            say(self.message, self.tr("Select a rating first"), True)
            return
        case_no, text = self.lines[row].case_no, self.note.text()

        def done(_r: object) -> None:
            say(self.message, self.tr("Saved"))
            self.note.clear()
            self.refresh()

        submit(self, lambda: fn(case_no, text), done,
                                  lambda e: say(self.message, str(e), True))
