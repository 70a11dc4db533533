"""The "This PC" box of the settings page (a mixin of SettingsPage): interface language, idle
lock minutes and the window's default print layout, saved to QSettings and the database.
Also ``stored_language`` and ``stored_idle_minutes``, read at start-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...services.context import Actor
from ...services.settings import set_setting
from ...setup_file import LAYOUT_KEY
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..prefs import IDLE_KEY, LANG_KEY
from ..printing import remember, ui_settings
from ..services import AppServices
from .common import PageMixin, _say


def stored_language() -> str:
    value = str(ui_settings().value(LANG_KEY, "") or "")
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def stored_idle_minutes(default: float = 5.0) -> float:
    try:
        return float(str(ui_settings().value(IDLE_KEY, default)))
    except (TypeError, ValueError):
        return default


class LocalSettings(PageMixin):
    services: AppServices  # set by SettingsPage
    actor: Actor

    def _local_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This PC"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(stored_language())))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setValue(max(1, min(60, round(stored_idle_minutes()))))
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("printLayout")
        self.layout_box.addItem(self.tr("A4 paper"), "a4")
        self.layout_box.addItem(self.tr("80 mm receipt"), "receipt")
        self.save_local_button = QPushButton(self.tr("Save"))
        self.save_local_button.setObjectName("saveLocal")
        self.save_local_button.clicked.connect(self.save_local)
        self.local_result = QLabel()
        self.local_result.setObjectName("localResult")
        form = QFormLayout(box)
        form.addRow(self.tr("Interface language:"), self._with_note(
            self.language, self.tr("takes effect at the next start")))
        form.addRow(self.tr("Lock the screen after no input for:"), self._with_note(self.idle_minutes))
        window = self.actor.window_code or self.tr("(no window)")
        form.addRow(self.tr("Default print layout of window %1:").replace("%1", window),
                    self._with_note(self.layout_box))
        row = QHBoxLayout()
        row.addWidget(self.save_local_button)
        row.addWidget(self.local_result, 1)
        form.addRow("", row)
        return box

    @staticmethod
    def _with_note(field: QWidget, note: str = "") -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(field)
        if note:
            label = QLabel(note)
            label.setStyleSheet("color: #616161;")
            lay.addWidget(label)
        lay.addStretch(1)
        return w

    # -- this PC -----------------------------------------------------------------------
    def save_local(self) -> None:
        minutes, layout = self.idle_minutes.value(), self.layout_box.currentData()
        settings = ui_settings()
        settings.setValue(LANG_KEY, self.language.currentData())
        settings.setValue(IDLE_KEY, minutes)
        remember(self.actor.window_code, "layout", layout)  # what the print preview uses
        idle = getattr(self.window(), "idle", None)
        if idle is not None:  # the main window's idle lock applies the new time at once
            idle.set_minutes(minutes)
        db = self.services.ctx.db

        def save() -> None:
            with db.transaction() as s:
                set_setting(s, LAYOUT_KEY, layout)

        self.services.ops.run(self, save, lambda _r: _say(self.local_result, self.tr("Saved"), "ok"),
                                  lambda exc: _say(self.local_result, str(exc), "error"))
