"""The settings page's import path, kept for the page registry (``pages.py``) and tests: the
page and its parts live in the ``counter_app.ui.settings`` package."""

from __future__ import annotations

from .prefs import IDLE_KEY, LANG_KEY
from .settings.common import COLORS
from .settings.conflicts import ConflictsPanel
from .settings.local_box import stored_idle_minutes, stored_language
from .settings.page import SettingsPage, build
from .settings.reconcile import STATUS_COLORS, ReconcilePanel

__all__ = ["COLORS", "IDLE_KEY", "LANG_KEY", "STATUS_COLORS", "ConflictsPanel", "ReconcilePanel",
           "SettingsPage", "build", "stored_idle_minutes", "stored_language"]
