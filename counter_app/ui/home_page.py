"""A plain landing page: who is signed in and where."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..models import ROLE_LABELS


def build(services, actor) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    w.setObjectName("homePage")
    lay = QVBoxLayout(w)
    roles = "、".join(ROLE_LABELS.get(r, r) for r in sorted(actor.roles))
    text = QCoreApplication.translate("Home", "Signed in: %1 (%2), terminal %3")
    label = QLabel(text.replace("%1", actor.full_name).replace("%2", roles)
                   .replace("%3", services.ctx.terminal))
    label.setStyleSheet("font-size: 14pt;")
    lay.addWidget(label)
    lay.addStretch(1)
    return w
