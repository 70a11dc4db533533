"""Fixtures shared by the GUI test folders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The screens as the hall sees them (Chinese, bundled CJK font), with QSettings kept
    in a temporary folder instead of the developer's own."""
    ini = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(ini))
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)
