"""The hall's seal (受理专用章): on which notices a supervisor authorises it, and its text.

The service (services/printing/hall_seal.py) checks and saves; on a PC enrolled with the hall service
the change travels to the hall as an operation. Keys: Alt+T the text, Alt+1/2/3 the notices,
Ctrl+Enter (or Enter in the text) saves (Ctrl+S is the bulletin's export on this page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.printing.hall_seal import MAX_TEXT, SEALED_KINDS, SealService, SealSetting
from .common import message_label, say, submit


class SealWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setObjectName("sealWidget")
        help_text = QLabel(self.tr(
            "A notice is the deciding department's act and bears its seal. Tick a notice only "
            "where the departments have authorised the hall's own seal to stand for theirs. "
            "Notices already issued keep the seal they were issued with."))
        help_text.setWordWrap(True)
        self.text = QLineEdit()
        self.text.setObjectName("sealText")
        self.text.setMaxLength(MAX_TEXT)
        self.text.setMaximumWidth(self.fontMetrics().horizontalAdvance("印") * (MAX_TEXT + 4))
        self.text.returnPressed.connect(self.save)
        names = {"acceptance": self.tr("&1 Acceptance notice"),
                 "one_time_notice": self.tr("&2 One-time notice of what to supplement"),
                 "not_accepted": self.tr("&3 Notice of non-acceptance")}
        self.boxes = {k: QCheckBox(names[k]) for k in SEALED_KINDS}
        for kind, box in self.boxes.items():
            box.setObjectName(f"seal_{kind}")
        self.source = QLabel("")
        self.source.setObjectName("sealSource")
        self.source.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"))
        self.save_button.setObjectName("saveSeal")
        self.save_button.clicked.connect(self.save)
        self.message = message_label("sealMessage")
        form = QFormLayout()
        label = QLabel(self.tr("Seal &text"))
        label.setBuddy(self.text)
        form.addRow(label, self.text)
        kinds = QVBoxLayout()
        for box in self.boxes.values():
            kinds.addWidget(box)
        form.addRow(QLabel(self.tr("May be printed on")), kinds)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(help_text)
        lay.addLayout(form)
        lay.addWidget(self.source)
        lay.addLayout(row)
        lay.addWidget(self.message)
        lay.addStretch(1)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self, self.save)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.text)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.services.ctx
        submit(self, lambda: SealService(ctx).current(), self._show,
               lambda exc: say(self.message, str(exc), error=True))

    def _show(self, setting: SealSetting) -> None:
        self.text.setText(setting.seal_text)
        for kind, box in self.boxes.items():
            box.setChecked(kind in setting.kinds)
        self.source.setText("" if setting.explicit else self.tr(
            "Not set yet: the catalog's hall section decides for now."))

    def save(self) -> None:
        ctx, actor = self.services.ctx, self.actor
        wanted = SealSetting(self.text.text(), tuple(k for k, b in self.boxes.items() if b.isChecked()))
        self.save_button.setEnabled(False)

        def done(saved: SealSetting) -> None:
            self.save_button.setEnabled(True)
            self._show(saved)
            text = self.tr("Saved: the hall's seal “%1” may be printed on %2 kind(s) of notice.")
            if ctx.records_ops:
                text += " " + self.tr("It goes to the hall service with the next sync.")
            say(self.message, text.replace("%1", saved.seal_text).replace("%2", str(len(saved.kinds))))

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            say(self.message, str(exc), error=True)

        submit(self, lambda: SealService(ctx).set(actor, wanted), done, failed)
