"""The login screen, and the lock screen that reuses it: the same user unlocks, a colleague
signs in over it (the locked user is signed out, their unfinished intake kept as a draft)."""

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

from ..services.intake.scan_detector import ANY_TYPED
from .scan_filter import expect_typed


class LoginWidget(QWidget):
    """User name + password; Enter moves on and submits. ``locked_user`` fixes the name."""

    submitted = Signal(str, str)

    def __init__(self, title: str = "", locked_user: str = "", switching: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginWidget")
        self.title = QLabel(title or self.tr("Counter — comprehensive window"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold; margin: 12px;")
        self.user = QLineEdit(locked_user)
        self.user.setObjectName("loginUser")
        self.user.setReadOnly(bool(locked_user) and not switching)
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field in (self.user, self.password):  # a fast typist at the login is no scanner
            expect_typed(field, ANY_TYPED)
        self.message = QLabel("")
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Log in") if not locked_user else self.tr("Unlock"))
        self.button.setObjectName("loginButton")
        self.switch = QPushButton(self.tr("Switch user (Ctrl+Shift+Q)"))
        self.switch.setObjectName("switchUserButton")
        self.switch.setAutoDefault(False)
        self.hint = QLabel(self.tr("Another colleague? Shift+Tab to the user name and sign in as "
                                   "yourself: %1 is signed out, an unfinished intake is kept.")
                           .replace("%1", locked_user) if switching else
                           self.tr("Enter moves on · F1 lists the keys"))
        self.hint.setObjectName("loginHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #455a64;")
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
        inner.addWidget(self.switch)
        inner.addWidget(self.hint)
        self.switch.setVisible(switching)  # only once it has a parent: else it is a window
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


def attempt_login(ops: Any, auth: Any, widget: LoginWidget,
                  on_ok: Callable[[Any], None]) -> None:
    """Check the password on the database lane; show the service's message on failure."""

    def run(user: str, password: str) -> None:
        ops.run(widget, lambda: auth.login(user, password), on_ok,
                lambda exc: widget.show_error(str(exc)))

    widget.submitted.connect(run)
