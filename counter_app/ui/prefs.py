"""The user's UI preferences (language, idle-lock minutes), read at start-up.

Kept apart from the settings page so that start-up does not import SQLAlchemy or the sync
code just to learn the language.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

LANG_KEY, IDLE_KEY = "ui/language", "ui/idle_minutes"
LANGUAGES = ("zh_CN", "en")


def ui_settings() -> QSettings:
    # The same store as the print dialog's and the settings page's (ui/printing.py).
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "LuoshanHall", "Counter")


def start_language(explicit: str | None) -> str:
    """--lang, then COUNTER_LANG, then the settings page's choice, then Chinese."""
    for value in (explicit, os.environ.get("COUNTER_LANG"), ui_settings().value(LANG_KEY, "")):
        if value in LANGUAGES:
            return str(value)
    return "zh_CN"


def start_idle_minutes(explicit: float | None, default: float = 5.0) -> float:
    if explicit is not None:
        return explicit
    try:
        return float(str(ui_settings().value(IDLE_KEY, default)))
    except (TypeError, ValueError):
        return default
