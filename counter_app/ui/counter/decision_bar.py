"""The decision keys and the completeness summary, always visible at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...services.intake.service import Completeness

DECISION_KEYS = {"accept": "F5", "notify": "F6", "not_accept": "F7", "finish": "F8"}


class DecisionBar(QWidget):
    decided = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionBar")
        self.summary = QLabel()
        self.summary.setObjectName("completeness")
        self.summary.setStyleSheet("font-size: 13pt; font-weight: bold;")
        labels = {"accept": self.tr("Accept"), "notify": self.tr("One-time notice"),
                  "not_accept": self.tr("Not accept"), "finish": self.tr("Finish on the spot")}
        self.buttons: dict[str, QPushButton] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.summary, 1)
        for key, label in labels.items():
            b = QPushButton(f"{label} ({DECISION_KEYS[key]})")
            b.setObjectName(f"decide_{key}")
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, k=key: self.decided.emit(k))
            self.buttons[key] = b
            lay.addWidget(b)
        self.show_completeness(None)

    def show_completeness(self, done: Completeness | None, can_finish: bool = False) -> None:
        if done is None:
            self.summary.setText(self.tr("No item picked"))
            self.summary.setStyleSheet("font-size: 13pt; color: #666;")
            for b in self.buttons.values():
                b.setEnabled(False)
            return
        self.summary.setText(done.summary)
        color = "#1b7f3b" if done.complete else "#b00020"
        self.summary.setStyleSheet(f"font-size: 13pt; font-weight: bold; color: {color};")
        self.buttons["accept"].setEnabled(done.complete)
        self.buttons["notify"].setEnabled(not done.complete)
        self.buttons["not_accept"].setEnabled(True)
        self.buttons["finish"].setEnabled(done.complete and can_finish)
