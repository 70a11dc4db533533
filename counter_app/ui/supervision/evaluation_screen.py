"""The rating screen that faces the applicant (好差评 on site), and the QR code alternative.

The counter asks for a ticket (EvaluationService.open_rating) and hands it to this screen,
which shows on the second monitor when there is one. Only the five buttons here can submit
the rating: the staff's own screen never offers them.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...models import GRADES
from ...services.supervision.evaluations import EvaluationService, RatingTicket, qr_code
from .common import submit

COLORS = {5: "#1b7f3b", 4: "#4caf50", 3: "#8a8a2a", 2: "#d9822b", 1: "#c62828"}
CLOSE_AFTER_MS = 4000


class EvaluationScreen(QWidget):
    """Five buttons for a touch screen or a mouse, and the digits 5 … 1 for the keypad of a
    rating device (a USB keypad types digits): 5 is 非常满意, 1 非常不满意, as on the buttons."""

    rated = Signal(int)
    closed = Signal()

    def __init__(self, services, ticket: RatingTicket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationScreen")
        self.setWindowTitle(self.tr("Rate our service"))
        self.services, self._ticket = services, ticket
        self.closer = QTimer(self)  # a child: it dies with the screen, never fires on a dead one
        self.closer.setSingleShot(True)
        self.closer.setInterval(CLOSE_AFTER_MS)
        self.closer.timeout.connect(self.close)
        title = QLabel(self.tr("Please rate our service"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 26pt; font-weight: bold; margin: 16px;")
        case = QLabel(self.tr("Case %1").replace("%1", ticket.case_no))
        case.setAlignment(Qt.AlignmentFlag.AlignCenter)
        case.setStyleSheet("font-size: 13pt; color: #555;")
        self.comment = QLineEdit()
        self.comment.setObjectName("evaluationComment")
        self.comment.setPlaceholderText(self.tr("Anything to tell us? (optional)"))
        self.comment.setStyleSheet("font-size: 14pt; padding: 6px;")
        self.comment.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a digit is a grade, not a comment
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        grid = QGridLayout()
        self.buttons: dict[int, QPushButton] = {}
        for i, grade in enumerate((5, 4, 3, 2, 1)):
            b = QPushButton(f"{GRADES[grade]}\n{grade}")
            b.setObjectName(f"grade{grade}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumSize(150, 110)
            b.setStyleSheet(f"font-size: 20pt; color: white; background: {COLORS[grade]};"
                            " border-radius: 10px;")
            b.clicked.connect(lambda _c=False, g=grade: self.submit(g))
            grid.addWidget(b, 0, i)
            self.buttons[grade] = b
        self.status = QLabel("")
        self.status.setObjectName("evaluationStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet("font-size: 18pt; margin: 12px;")
        privacy = QLabel(self.tr("Your rating goes to the service hall's supervisors; staff at the"
                                 " window cannot change it."))
        privacy.setWordWrap(True)
        privacy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        privacy.setStyleSheet("color: #666;")
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(case)
        lay.addStretch(1)
        lay.addLayout(grid)
        lay.addWidget(self.comment)
        lay.addWidget(self.status)
        lay.addStretch(1)
        lay.addWidget(privacy)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and plain:
            grade = key - Qt.Key.Key_0
            if self.buttons[grade].isEnabled():
                self.submit(grade)
            return
        if key == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)

    def submit(self, grade: int) -> None:
        for b in self.buttons.values():
            b.setEnabled(False)
        ticket, comment = self._ticket, self.comment.text()
        svc: EvaluationService = self.services.service(EvaluationService)
        submit(self, lambda: svc.submit(ticket, grade, comment),
                                  lambda _r: self._done(grade), self._failed)

    def _done(self, grade: int) -> None:
        self.status.setText(self.tr("Thank you for your rating"))
        self.rated.emit(grade)
        self.closer.start()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))
        self.closer.start()

    def show_to_applicant(self) -> None:
        """Full screen on the second monitor (the one facing the applicant), else a window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setScreen(screens[1])
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.resize(900, 520)
            self.show()
        self.raise_()
        self.activateWindow()  # the rating keypad types into the active window
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


class QrDialog(QDialog):
    """The rating QR code (ASCII payload with the case number) for the applicant's phone."""

    def __init__(self, ticket: RatingTicket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingQr")
        self.setWindowTitle(self.tr("Rate by QR code"))
        buf = io.BytesIO()
        qr_code(ticket).save(buf, kind="png", scale=8, border=4)
        pix = QPixmap()
        pix.loadFromData(buf.getvalue(), "PNG")
        image = QLabel()
        image.setPixmap(pix)
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Scan to rate case %1").replace("%1", ticket.case_no))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(image)
        lay.addWidget(text)
        lay.addWidget(close)


def ask_for_rating(services, actor, case_no: str, channel: str = "screen",
                   on_error: Callable[[BaseException], None] | None = None,
                   parent: QWidget | None = None) -> None:
    """Open the rating screen (channel "screen") or the QR dialog ("qr") for a case."""
    svc: EvaluationService = services.service(EvaluationService)

    def opened(ticket: RatingTicket) -> None:
        if parent is not None and not isValid(parent):
            return  # the page that asked is gone
        if channel == "qr":
            QrDialog(ticket, parent).open()
        else:
            screen = EvaluationScreen(services, ticket)
            screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            focus = QApplication.focusWidget()

            def back() -> None:  # the keys return to the staff's screen
                if focus is not None and isValid(focus) and focus.isVisible():
                    focus.window().activateWindow()
                    focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            screen.closed.connect(back)
            services.rating_screen = screen  # keep it alive while shown
            screen.show_to_applicant()

    services.ops.run(parent, lambda: svc.open_rating(actor, case_no, channel), opened, on_error)
