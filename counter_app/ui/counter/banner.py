"""The offer to restore an intake found after a crash or a closed window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ...services.intake.drafts import Draft


class DraftBanner(QFrame):
    restore = Signal()
    discard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setStyleSheet("#draftBanner { background: #fff4d6; border: 1px solid #e0b54a; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore (Enter)"))
        self.restore_button.setObjectName("restoreDraft")
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("discardDraft")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore)
        self.discard_button.clicked.connect(self.discard)
        self.restore_button.setAutoDefault(True)
        lay = QHBoxLayout(self)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.restore_button)
        lay.addWidget(self.discard_button)
        self.hide()

    def offer(self, draft: Draft, item_name: str) -> None:
        who = draft.intake.applicant.name or self.tr("(no applicant yet)")
        self.label.setText(self.tr("An unfinished intake was saved at %1: %2, %3. Restore it?")
                           .replace("%1", f"{draft.updated_at:%H:%M}").replace("%2", item_name)
                           .replace("%3", who))
        self.show()
        self.restore_button.setFocus()
