"""The login screen, and the lock screen that reuses it for the same user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LoginWidget(QWidget):
    """User name + password; Enter moves on and submits. ``locked_user`` fixes the name."""

    submitted = Signal(str, str)

    def __init__(self, title: str = "", locked_user: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginWidget")
        self.title = QLabel(title or self.tr("Counter — comprehensive window"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold; margin: 12px;")
        self.user = QLineEdit(locked_user)
        self.user.setObjectName("loginUser")
        self.user.setReadOnly(bool(locked_user))
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Log in") if not locked_user else self.tr("Unlock"))
        self.button.setObjectName("loginButton")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        box = QWidget()
        box.setFixedWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        (self.password if locked_user else self.user).setFocus()

    def _submit(self) -> None:
        if not self.user.text().strip():
            self.message.setText(self.tr("Enter your user name"))
            self.user.setFocus()
            return
        self.button.setEnabled(False)
        self.submitted.emit(self.user.text().strip(), self.password.text())

    def show_error(self, text: str) -> None:
        self.button.setEnabled(True)
        self.message.setText(text)
        # The centred box takes its size hint: make room for every line of a long message.
        self.message.setMinimumHeight(self.message.heightForWidth(self.message.width()))
        self.password.clear()
        self.password.setFocus()

    def reset(self) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.message.clear()


def attempt_login(lane: Any, auth: Any, widget: LoginWidget,
                  on_ok: Callable[[Any], None]) -> None:
    """Check the password on the database lane; show the service's message on failure."""

    def run(user: str, password: str) -> None:
        lane.submit(lambda: auth.login(user, password), on_ok,
                    lambda exc: widget.show_error(str(exc)))

    widget.submitted.connect(run)
