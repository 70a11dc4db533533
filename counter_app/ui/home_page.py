"""The landing page: who is signed in and where, the pages with their keys, and how to hand
the PC to a colleague (switch user) or lock it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..models import ROLE_LABELS
from .keyhelp import window_keys
from .pages import pages_for

translate = QCoreApplication.translate  # lupdate extracts translate("Home", "...")


class HomePage(QWidget):
    def __init__(self, services, actor) -> None:
        super().__init__()
        self.setObjectName("homePage")
        lay = QVBoxLayout(self)
        roles = "、".join(ROLE_LABELS.get(r, r) for r in sorted(actor.roles))
        text = translate("Home", "Signed in: %1 (%2), terminal %3")
        label = QLabel(text.replace("%1", actor.full_name).replace("%2", roles)
                       .replace("%3", services.ctx.terminal))
        label.setStyleSheet("font-size: 14pt;")
        lay.addWidget(label)
        pages = [f"Alt+{n}　{spec.title()}" for n, spec in enumerate(pages_for(actor.roles), start=1)
                 if n <= 9]
        listing = QLabel(translate("Home", "Pages:") + "<br>" + "<br>".join(pages))
        listing.setObjectName("homePages")
        listing.setStyleSheet("font-size: 12pt;")
        lay.addWidget(listing)
        keys = QLabel("<br>".join(f"<b>{k}</b>　{what}" for k, what in window_keys()))
        keys.setObjectName("homeKeys")
        keys.setStyleSheet("font-size: 12pt;")
        keys.setWordWrap(True)
        lay.addWidget(keys)
        self.switch = QPushButton(translate("Home", "Switch user (Ctrl+Shift+Q)"))
        self.switch.setObjectName("homeSwitchUser")
        self.lock = QPushButton(translate("Home", "Lock the screen (Ctrl+Shift+L)"))
        self.lock.setObjectName("homeLock")
        for b in (self.switch, self.lock):
            b.setAutoDefault(False)
            b.setMaximumWidth(360)
            lay.addWidget(b)
        self.switch.clicked.connect(lambda: getattr(self.window(), "switch_user", lambda: None)())
        self.lock.clicked.connect(lambda: getattr(self.window(), "lock", lambda: None)())
        lay.addStretch(1)


def build(services, actor) -> QWidget:
    return HomePage(services, actor)
