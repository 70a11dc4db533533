"""Fixtures shared by the GUI test folders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator


@pytest.fixture(scope="session")
def ui_session(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings kept in a temporary folder instead of the developer's own; the CJK font."""
    ini = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(ini))
    install_app_font(qapp)


@pytest.fixture(autouse=True)
def chinese_ui(qapp: QApplication, ui_session: None) -> Iterator[None]:
    """The screens as the hall sees them (Chinese), for one test: the translators are taken
    off again afterwards, so a test elsewhere sees the source language whatever ran first."""
    locale = QLocale()
    install_translator(qapp, "zh_CN")
    yield
    install_translator(qapp, "en")
    QLocale.setDefault(locale)
