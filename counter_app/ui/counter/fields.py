"""A line edit with its live validation message (errors red, warnings amber)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ...services.intake.validation import Checked

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #a15c00;"


class CheckedField(QWidget):
    """``check`` is a pure validator from services/intake/validation, run on every keystroke."""

    def __init__(self, name: str, check: Callable[[str], Checked] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.message = QLabel()
        self.message.setObjectName(name + "Message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.edit)
        lay.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.validate)
        self.severity = ""

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def validate(self) -> str:
        """Show the first problem; returns "", "warning" or "error"."""
        result = self.check(self.edit.text()) if self.check and self.edit.text() else None
        issue = (result.errors or result.warnings or (None,))[0] if result else None
        self.severity = issue.severity if issue else ""
        self.message.setText(issue.message if issue else "")
        self.message.setStyleSheet(ERROR_STYLE if self.severity == "error" else WARNING_STYLE)
        self.message.setVisible(issue is not None)
        self.edit.setProperty("severity", self.severity)
        self.edit.setStyleSheet({"error": "border: 1px solid #b00020;",
                                 "warning": "border: 1px solid #d08000;"}.get(self.severity, ""))
        return self.severity
