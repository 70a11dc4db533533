"""GUI fixtures: a hall database copied from a template (fast), Chinese UI, isolated settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.people.auth import AuthService
from counter_app.ui.main_window import MainWindow
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane

from ..conftest import Hall
from ..qt_support import chinese_ui, ui_session  # noqa: F401  (autouse: Chinese UI, isolated QSettings)

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"




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
    f = svc.scan_filter
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
