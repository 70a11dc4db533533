"""GUI fixtures: a hall database copied from a template (fast), Chinese UI, isolated settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.auth import AuthService
from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator
from counter_app.ui.main_window import MainWindow
from counter_app.ui.scan_filter import SETTINGS_KEY
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane

from ..conftest import Hall

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns once per top-level window with a size hint.
    for item in items:
        if "/tests/ui/" in str(item.path):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    ini = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(ini))
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.fixture()
def ui_hall(hall: Hall) -> Hall:
    return hall


@pytest.fixture()
def pdf_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pdf"
    from counter_app.ui.printing import ui_settings

    settings = ui_settings()
    settings.clear()  # each test starts with no remembered printer or layout
    settings.setValue("print/pdf_dir", str(folder))
    return folder


@pytest.fixture()
def services(ui_hall: Hall, qapp: QApplication, pdf_folder: Path) -> Iterator[AppServices]:
    lane = DbLane()
    svc = AppServices(ctx=ui_hall.ctx, lane=lane)
    yield svc
    lane.stop()
    f = svc.settings.get(SETTINGS_KEY)
    if f is not None:  # one filter per AppServices: do not leave it on the shared app
        qapp.removeEventFilter(f)
        f.deleteLater()
    qapp.processEvents()


@pytest.fixture()
def window(services: AppServices, ui_hall: Hall, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The real main window at 1366x768, before login."""
    w = MainWindow(services, AuthService(ui_hall.ctx), idle_minutes=60)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    for top in QApplication.topLevelWidgets():
        if top is not w and top.isVisible() and isinstance(top, QWidget):
            top.close()


def screenshot(widget: QWidget, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # let deferred layouts settle, as a running event loop would
        QApplication.processEvents()
    path = SCREENS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
