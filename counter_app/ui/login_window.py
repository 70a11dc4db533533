"""Build the main window; the database opens on the lane while the login screen shows."""

from __future__ import annotations

import argparse
from typing import Any

from PySide6.QtCore import QCoreApplication

from .main_window import MainWindow
from .services import AppServices
from .worker import DbLane


class _LaneAuth:
    """Runs on the lane after the database opened there (the lane is first in, first out)."""

    def __init__(self) -> None:
        self.service: Any = None

    def login(self, username: str, password: str) -> Any:
        return self.service.login(username, password)


def build_main_window(args: argparse.Namespace) -> MainWindow:
    lane = DbLane()
    auth = _LaneAuth()
    services = AppServices(ctx=None, lane=lane)  # type: ignore[arg-type]  # set below

    def open_all() -> Any:
        from ..bootstrap import open_context
        from ..services.auth import AuthService

        ctx = open_context(args.data_dir)
        auth.service = AuthService(ctx)
        return ctx

    def opened(ctx: Any) -> None:
        # Delivered on the GUI thread before any login result: signals keep their order.
        services.ctx = ctx

    window = MainWindow(services, auth, idle_minutes=args.idle_minutes)
    lane.submit(open_all, opened, lambda exc: window.login.show_error(
        QCoreApplication.translate("MainWindow", "The database could not be opened: %1")
        .replace("%1", str(exc))))
    return window
