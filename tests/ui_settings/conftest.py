"""Settings page and sync indicator tests: Chinese UI, isolated QSettings, a hall database,
and a shared SQLite file as the hall server (the engine treats it like PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.services.intake.service import IntakeService
from counter_app.ui.services import AppServices
from counter_app.ui.worker import DbLane

from ..conftest import Hall
from ..helpers import complete_intake
from ..qt_support import chinese_ui, ui_session  # noqa: F401  (autouse: Chinese UI, isolated QSettings)

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"




@pytest.fixture(autouse=True)
def clean_ui_settings() -> Iterator[None]:
    """Language, idle minutes and print layouts saved by one test do not leak into the next."""
    yield
    from counter_app.ui.printing import ui_settings

    ui_settings().clear()


@pytest.fixture()
def services(hall: Hall, qapp: QApplication) -> Iterator[AppServices]:
    lane = DbLane()
    svc = AppServices(ctx=hall.ctx, lane=lane)
    yield svc
    controller = svc.sync
    if controller is not None:
        controller.stop()
    lane.stop()
    qapp.processEvents()


@pytest.fixture()
def server_url(tmp_path: Path) -> str:
    """Where the hall's shared SQLite file will be (not created: see init_server)."""
    return f"sqlite:///{tmp_path / 'shared' / 'hall.sqlite3'}"


def accept_case(hall: Hall) -> str:
    svc = IntakeService(hall.ctx)
    return svc.record(hall.clerk, complete_intake(svc, hall.committed.code), "accept").case_no


def screenshot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    SCREENS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # let deferred layouts settle, as a running event loop would
        QApplication.processEvents()
    path = SCREENS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def print_acceptance(hall: Hall, case_no: str) -> str:
    """Print the acceptance notice (logged like at the counter); the print record's id."""
    from sqlalchemy import select

    from counter_app.models import PrintRecord
    from counter_app.services.printing.service import PrintService

    PrintService(hall.ctx).produce(hall.clerk, "acceptance", case_no)
    with hall.ctx.db.session() as s:
        return s.execute(select(PrintRecord.id).order_by(PrintRecord.created_at.desc(),
                                                         PrintRecord.reprint_no.desc())).scalars().first()


def lose_from_outbox(hall: Hall, row_id: str) -> None:
    """The classic bug: a change dropped from the queue before the server confirmed it."""
    from sqlalchemy import text

    with hall.ctx.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_outbox WHERE row_id = :r"), {"r": row_id})
