"""Small keyboard-first dialogs of the counter: defect reason, not-accepted, co-signer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.intake.scan_detector import ANY_TYPED
from ..scan_filter import expect_typed

# Common reasons at a county counter; the clerk may always type another.
DEFECT_REASONS = (
    "复印件不清晰",
    "缺少签字或盖章",
    "已超过有效期",
    "信息与申请书或证件不一致",
    "份数不足",
    "未提供原件核验",
    "填写不完整或有涂改",
    "不是规定的格式或版本",
)
NOT_ACCEPTED_REASONS = (
    "申请事项不属于本中心受理范围",
    "申请事项依法不需要取得行政许可",
    "申请人不具备申请资格",
    "申请事项依法应由其他行政机关受理",
)


def return_focus_after(dialog: QDialog, widget: QWidget | None) -> None:
    """Give the keyboard back to ``widget`` when the dialog closes (a window manager would
    reactivate the main window; the offscreen platform and some Linux desktops do not)."""
    def back() -> None:
        if widget is not None and widget.isVisible():
            widget.window().activateWindow()
            widget.setFocus(Qt.FocusReason.PopupFocusReason)
    dialog.finished.connect(back)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(
        QCoreApplication.translate("CounterDialogs", "OK (Enter)"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("CounterDialogs", "Cancel (Esc)"))
    return box


class _Dialog(QDialog):
    """Enter moves through the fields (returnPressed); it never presses OK by itself."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


class DefectReasonDialog(_Dialog):
    """Pick a common reason with 1-8 or arrows, or type one; Enter confirms."""

    def __init__(self, material: str, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Why does the material not meet the requirements?"))
        self.setObjectName("defectDialog")
        self.choices = QListWidget()
        self.choices.setObjectName("defectChoices")
        for i, text in enumerate(DEFECT_REASONS, start=1):
            self.choices.addItem(f"{i}. {text}")
        self.text = QLineEdit(current)
        self.text.setObjectName("defectText")
        self.text.setPlaceholderText(self.tr("Or type the reason"))
        self.choices.currentRowChanged.connect(self._picked)
        self.choices.itemActivated.connect(lambda _i: self.accept())
        self.choices.installEventFilter(self)
        self.text.returnPressed.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(material))
        lay.addWidget(self.choices)
        lay.addWidget(self.text)
        lay.addWidget(_buttons(self))
        self.choices.setFocus()
        self.resize(520, 360)

    def _picked(self, row: int) -> None:
        if 0 <= row < len(DEFECT_REASONS):
            self.text.setText(DEFECT_REASONS[row])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Digits 1-8 on the list pick that reason and confirm."""
        if watched is self.choices and event.type() == QEvent.Type.KeyPress:
            key = event.text()  # type: ignore[attr-defined]  # a KeyPress event is a QKeyEvent
            if key.isdigit() and 1 <= int(key) <= len(DEFECT_REASONS):
                self.choices.setCurrentRow(int(key) - 1)
                self.accept()
                return True
        return False

    def accept(self) -> None:
        if self.reason():
            super().accept()

    def reason(self) -> str:
        return self.text.text().strip()


class NotAcceptDialog(_Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not accepted"))
        self.setObjectName("notAcceptDialog")
        self.reason_box = QComboBox()
        self.reason_box.setObjectName("notAcceptReason")
        self.reason_box.setEditable(True)
        self.reason_box.addItems(list(NOT_ACCEPTED_REASONS))
        self.reason_box.setCurrentIndex(-1)
        self.redirect = QLineEdit()
        self.redirect.setObjectName("notAcceptRedirect")
        self.redirect.setPlaceholderText(
            self.tr("e.g. County Public Security Bureau, household registration hall"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason_box)
        form.addRow(self.tr("Where to go instead"), self.redirect)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(_buttons(self))
        self.reason_box.lineEdit().returnPressed.connect(  # type: ignore[union-attr]  # editable: has one
            self.redirect.setFocus)
        self.redirect.returnPressed.connect(self.accept)
        self.reason_box.setFocus()
        self.confirming = False  # a not-accepted notice is a legal document: asked twice
        self.reason_box.currentTextChanged.connect(self._edited)
        self.redirect.textEdited.connect(self._edited)
        self.message.setWordWrap(True)
        self.resize(600, 200)

    def reason(self) -> str:
        return self.reason_box.currentText().strip()

    def _edited(self) -> None:
        if self.confirming:
            self.confirming = False
            self.message.clear()

    def accept(self) -> None:
        if not self.reason():
            self.message.setText(self.tr("Enter the reason for not accepting"))
            self.reason_box.setFocus()
            return
        if not self.confirming:
            self.confirming = True
            self.message.setText(self.tr("A not-accepted notice will be issued and printed: %1. "
                                         "Enter again to confirm, Esc to go back.")
                                 .replace("%1", self.reason()))
            return
        super().accept()


class CoSignerDialog(_Dialog):
    """The supervising approver signs in beside the clerk (共同受理).

    OK emits ``submitted``; the page checks the password on the lane and calls ``confirm``
    (closes) or ``show_error`` (stays open). Five wrong passwords lock the approver's account.
    """

    submitted = Signal(str, str)

    def __init__(self, reasons: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("An approver must co-sign"))
        self.setObjectName("coSignerDialog")
        why = QLabel(reasons)
        why.setWordWrap(True)
        self.user = QLineEdit()
        self.user.setObjectName("coSignerUser")
        self.password = QLineEdit()
        self.password.setObjectName("coSignerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field in (self.user, self.password):  # as at the login: a fast typist, no scanner
            expect_typed(field, ANY_TYPED)
        self.message = QLabel()
        self.message.setObjectName("coSignerMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Approver user name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = _buttons(self)
        lay = QVBoxLayout(self)
        lay.addWidget(why)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.accept)
        self.user.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(520, 220)

    def accept(self) -> None:
        if not self.user.text().strip():
            self.user.setFocus()
            return
        self.buttons.setEnabled(False)
        self.submitted.emit(self.user.text().strip(), self.password.text())

    def confirm(self) -> None:
        super().accept()

    def show_error(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()
